package api

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/paxscreen/paxscreen/shared/aviation"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/store"
)

// Reader is the part of the store the read handlers use.
type Reader interface {
	Get(ctx context.Context, id string) (*store.Record, error)
	GetHeader(ctx context.Context, id string) (*store.Header, error)
	List(ctx context.Context, q store.ListQuery) (store.Page, error)
	Assessment(ctx context.Context, id string, seq int) (*store.AssessmentRecord, error)
	Assessments(ctx context.Context, id string) ([]store.AssessmentRecord, error)
}

// Manifests answers reads: GET /manifests and GET /manifests/{id}.
type Manifests struct {
	Store Reader
}

// Routes of the manifests function.
func (h *Manifests) Routes() httpapi.Routes {
	return httpapi.Routes{
		"GET /manifests/{id}":             h.get,
		"GET /manifests/{id}/assessments": h.assessments,
		"GET /manifests":                  h.list,
	}
}

// ManifestView is a stored manifest as the API shows it.
type ManifestView struct {
	store.Header
	Manifest   *manifest.Manifest      `json:"manifest"`
	Assessment *store.AssessmentRecord `json:"assessment,omitempty"`
}

func (h *Manifests) get(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if !intake.ValidID(id) {
		return notFound()
	}
	rec, err := h.Store.Get(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound()
	}
	if err != nil {
		log.Error("load manifest failed", "manifestId", id, "error", err.Error())
		return unavailable()
	}
	view := ManifestView{Header: rec.Header, Manifest: rec.Manifest}
	if seq := rec.Header.AssessmentSeq; seq > 0 {
		if view.Assessment, err = h.Store.Assessment(ctx, id, seq); err != nil {
			log.Error("load assessment failed", "manifestId", id, "error", err.Error())
			return unavailable()
		}
	}
	return httpapi.JSON(http.StatusOK, view, nil)
}

func (h *Manifests) assessments(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if !intake.ValidID(id) {
		return notFound()
	}
	if _, err := h.Store.GetHeader(ctx, id); errors.Is(err, store.ErrNotFound) {
		return notFound()
	} else if err != nil {
		log.Error("load manifest failed", "manifestId", id, "error", err.Error())
		return unavailable()
	}
	list, err := h.Store.Assessments(ctx, id)
	if err != nil {
		log.Error("list assessments failed", "manifestId", id, "error", err.Error())
		return unavailable()
	}
	if list == nil {
		list = []store.AssessmentRecord{}
	}
	return httpapi.JSON(http.StatusOK, map[string]any{"items": list}, nil)
}

func notFound() httpapi.Response {
	return httpapi.Problem(http.StatusNotFound, "not-found", "Manifest not found", "", nil)
}

func unavailable() httpapi.Response {
	return httpapi.Problem(http.StatusServiceUnavailable, "unavailable", "Temporarily unavailable", "Retry in a moment.", map[string]any{"retryable": true})
}

type paramError struct {
	Param   string `json:"param"`
	Message string `json:"message"`
}

func (h *Manifests) list(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	q, problems := listQuery(req.QueryStringParameters)
	if len(problems) > 0 {
		return httpapi.Problem(http.StatusBadRequest, "invalid-query", "Invalid query parameters", "", map[string]any{"errors": problems})
	}
	page, err := h.Store.List(ctx, q)
	if errors.Is(err, store.ErrBadCursor) {
		return httpapi.Problem(http.StatusBadRequest, "invalid-query", "Invalid query parameters", "",
			map[string]any{"errors": []paramError{{"cursor", "is not a cursor returned for this query"}}})
	}
	if err != nil {
		log.Error("list manifests failed", "error", err.Error())
		return unavailable()
	}
	return httpapi.JSON(http.StatusOK, page, nil)
}

// listQuery reads and checks every parameter, reporting all problems at once.
func listQuery(p map[string]string) (store.ListQuery, []paramError) {
	var q store.ListQuery
	var errs []paramError
	known := map[string]bool{"status": true, "arrival": true, "from": true, "to": true, "limit": true, "cursor": true}
	for k := range p {
		if !known[k] {
			errs = append(errs, paramError{k, "is not a known parameter: use status, arrival, from, to, limit, cursor"})
		}
	}
	if v := p["status"]; v != "" {
		if !slices.Contains(store.Statuses, v) {
			errs = append(errs, paramError{"status", "must be one of the manifest statuses"})
		}
		q.Status = v
	}
	if v := p["arrival"]; v != "" {
		if ok, reason := aviation.ValidAirport(v); !ok {
			errs = append(errs, paramError{"arrival", reason})
		}
		q.Arrival = v
	}
	for _, name := range []string{"from", "to"} {
		v := p[name]
		if v == "" {
			continue
		}
		t, ok := manifest.ParseTime(v)
		if !ok {
			errs = append(errs, paramError{name, "must be an RFC 3339 time such as 2026-12-01T00:00:00Z"})
			continue
		}
		if name == "from" {
			q.From = t.Format(time.RFC3339)
		} else {
			q.To = t.Format(time.RFC3339)
		}
	}
	if v := p["limit"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			errs = append(errs, paramError{"limit", "must be a whole number from 1 to 100"})
		}
		q.Limit = n
	}
	q.Cursor = p["cursor"]
	return q, errs
}
