package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// MaxWatchlistBody bounds a published list: the UN XML is about 2 MB, the three OFAC files about
// 3.5 MB, under Lambda's 6 MB request limit once base64-encoded.
const MaxWatchlistBody = 6 << 20

// SnapshotStore is where published snapshots go.
type SnapshotStore interface {
	PutSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta, data []byte) error
	CurrentSnapshots(ctx context.Context) ([]paxscreen.SnapshotMeta, error)
}

// Watchlists answers administrators publishing lists and reviewers asking what is live.
type Watchlists struct {
	Store SnapshotStore
}

// Routes of the watchlist function.
func (h *Watchlists) Routes() httpapi.Routes {
	return httpapi.Routes{
		"PUT /watchlists/{source}": httpapi.Allow(h.publish, httpapi.RoleAdmin),
		"GET /watchlists":          httpapi.Allow(h.list, httpapi.RoleAdmin, httpapi.RoleReviewer),
	}
}

var sourceName = regexp.MustCompile(`^[A-Z][A-Z0-9_-]{0,15}$`)

// publish builds a snapshot from the body and makes it live. The body is, by Content-Type:
// application/xml (the UN Consolidated List), application/json (paxscreen's entry format),
// multipart/form-data with parts sdn, alt and add (OFAC's legacy CSV), or
// application/octet-stream (a snapshot built by `paxscreen watchlist build`).
func (h *Watchlists) publish(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	source := req.PathParameters["source"]
	if !sourceName.MatchString(source) {
		return httpapi.Problem(http.StatusBadRequest, "invalid-source", "Invalid source", "A source is 1 to 16 uppercase letters, digits, _ or -, starting with a letter (UN, OFAC, LOCAL).", nil)
	}
	if httpapi.BodySize(req) > MaxWatchlistBody {
		return httpapi.Problem(http.StatusRequestEntityTooLarge, "too-large", "List too large", "Build a snapshot offline with `paxscreen watchlist build` and publish that.", nil)
	}
	body, err := httpapi.Body(req)
	if err != nil {
		return httpapi.Problem(http.StatusBadRequest, "malformed", "Malformed body", "The body is marked base64 but is not valid base64.", nil)
	}
	ix, err := buildIndex(httpapi.Header(req, "Content-Type"), body)
	var unsupported errUnsupported
	switch {
	case errors.As(err, &unsupported):
		return httpapi.Problem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
			"Send application/xml (UN), application/json (paxscreen entries), multipart/form-data with sdn, alt and add (OFAC), or application/octet-stream (a snapshot).", nil)
	case err != nil:
		log.InfoContext(ctx, "watchlist refused", "source", source, "error", err.Error())
		return httpapi.Problem(http.StatusBadRequest, "invalid-watchlist", "Unreadable list", err.Error(), nil)
	}
	data, err := ix.MarshalBinary()
	if err != nil {
		return fail(ctx, log, read("encode snapshot"), err, "source", source)
	}
	meta := paxscreen.SnapshotMeta{Source: source, Version: ix.Version(), PublishedBy: httpapi.CallerOf(req).Subject}
	for _, s := range ix.Sources() {
		meta.Entries += s.Entries
		meta.Individuals += s.Individuals
	}
	if err := h.Store.PutSnapshot(ctx, meta, data); err != nil {
		return fail(ctx, log, write("publish snapshot"), err, "source", source)
	}
	log.InfoContext(ctx, "watchlist published", "source", source, "version", meta.Version, "entries", meta.Entries, "bytes", len(data))
	return httpapi.JSON(http.StatusCreated, map[string]any{"source": source, "version": meta.Version, "entries": meta.Entries,
		"individuals": meta.Individuals, "bytes": len(data)}, nil)
}

type errUnsupported struct{ mediaType string }

func (e errUnsupported) Error() string { return "unsupported media type " + strconv.Quote(e.mediaType) }

func buildIndex(contentType string, body []byte) (*watchlist.Index, error) {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return nil, errUnsupported{contentType}
	}
	var entries []watchlist.Entry
	switch mt {
	case "application/octet-stream":
		return watchlist.Load(body)
	case "application/xml", "text/xml":
		entries, err = watchlist.ParseUN(bytes.NewReader(body))
	case "application/json":
		entries, err = watchlist.ParseJSON(bytes.NewReader(body))
	case "multipart/form-data":
		entries, err = parseOFACParts(body, params["boundary"])
	default:
		return nil, errUnsupported{mt}
	}
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 {
		return nil, errors.New("the list has no entries")
	}
	return watchlist.Build(entries), nil
}

func parseOFACParts(body []byte, boundary string) ([]watchlist.Entry, error) {
	if boundary == "" {
		return nil, errors.New("multipart body without a boundary")
	}
	parts := map[string][]byte{}
	r := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(io.LimitReader(p, MaxWatchlistBody))
		if err != nil {
			return nil, err
		}
		parts[p.FormName()] = b
	}
	for _, name := range []string{"sdn", "alt", "add"} {
		if _, ok := parts[name]; !ok {
			return nil, errors.New("OFAC needs the parts sdn, alt and add (sdn.csv, alt.csv, add.csv)")
		}
	}
	return watchlist.ParseOFAC(bytes.NewReader(parts["sdn"]), bytes.NewReader(parts["alt"]), bytes.NewReader(parts["add"]))
}

func (h *Watchlists) list(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	metas, err := h.Store.CurrentSnapshots(ctx)
	if err != nil {
		return fail(ctx, log, read("list watchlists"), err)
	}
	return httpapi.JSON(http.StatusOK, map[string]any{"items": metas}, nil)
}
