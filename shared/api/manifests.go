package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/paxscreen/paxscreen/shared/aviation"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// Reader is the part of the store the read handlers use.
type Reader interface {
	Get(ctx context.Context, id string) (*paxscreen.Record, error)
	GetInOrganisation(ctx context.Context, id, org string) (*paxscreen.Record, error)
	GetHeader(ctx context.Context, id string) (*paxscreen.Header, error)
	List(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error)
	ListAll(ctx context.Context, q paxscreen.ListQuery) (paxscreen.Page, error)
	Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error)
	Assessments(ctx context.Context, id string) ([]paxscreen.AssessmentRecord, error)
}

// Manifests answers reads: GET /manifests and GET /manifests/{id}.
type Manifests struct {
	Store Reader
}

// Routes of the manifests function.
func (h *Manifests) Routes() httpapi.Routes {
	all := []string{httpapi.RoleSubmitter, httpapi.RoleReviewer, httpapi.RoleAdmin}
	return httpapi.Routes{
		"GET /manifests/{id}":             httpapi.Allow(h.get, all...),
		"GET /manifests/{id}/assessments": httpapi.Allow(h.assessments, httpapi.RoleReviewer, httpapi.RoleAdmin),
		"GET /manifests":                  httpapi.Allow(h.list, all...),
	}
}

// ManifestView is a stored manifest as the API shows it.
type ManifestView struct {
	paxscreen.Header
	Manifest   *manifest.Manifest          `json:"manifest"`
	Assessment *paxscreen.AssessmentRecord `json:"assessment,omitempty"`
}

func (h *Manifests) get(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if !intake.ValidID(id) {
		return notFound()
	}
	caller := httpapi.CallerOf(req)
	if caller.SubmitterOnly() {
		// Another organisation's manifest does not exist for this caller: a 403 would confirm
		// it does, and so would reading its persons before saying 404, so the store compares the
		// organisation after the one read a missing manifest costs too.
		rec, err := h.Store.GetInOrganisation(ctx, id, caller.Organisation)
		if errors.Is(err, paxscreen.ErrNoOrganisation) {
			// A caller of no organisation owns no manifest: to it, this one does not exist.
			return notFound()
		}
		if err != nil {
			return fail(ctx, log, read("load manifest"), err, "manifestId", id)
		}
		// The ETag is the version, which only the submitter's own amendments change.
		return httpapi.JSON(http.StatusOK, SubmitterView{SubmitterHeader: submitterHeader(rec.Header), Manifest: rec.Manifest}, map[string]string{"ETag": etag(rec.Header.Version)})
	}
	rec, err := h.Store.Get(ctx, id)
	if err != nil {
		return fail(ctx, log, read("load manifest"), err, "manifestId", id)
	}
	view := ManifestView{Header: rec.Header, Manifest: rec.Manifest}
	if seq := rec.Header.AssessmentSeq; seq > 0 {
		if view.Assessment, err = h.Store.Assessment(ctx, id, seq); err != nil {
			// The header names it, so even a missing one is the table's fault, not the caller's:
			// %v keeps the cause for the log but not ErrNotFound, which would answer 404.
			return fail(ctx, log, read("load assessment"), fmt.Errorf("assessment %d the header names: %v", seq, err), "manifestId", id)
		}
	}
	return httpapi.JSON(http.StatusOK, view, map[string]string{"ETag": etag(rec.Header.Version)})
}

func (h *Manifests) assessments(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if _, problem := existing(ctx, h.Store.GetHeader, id, log); problem != nil {
		return *problem
	}
	list, err := h.Store.Assessments(ctx, id)
	if err != nil {
		return fail(ctx, log, read("list assessments"), err, "manifestId", id)
	}
	if list == nil {
		list = []paxscreen.AssessmentRecord{}
	}
	return httpapi.JSON(http.StatusOK, map[string]any{"items": list}, nil)
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
	caller := httpapi.CallerOf(req)
	submitter := caller.SubmitterOnly()
	var page paxscreen.Page
	var err error
	if submitter {
		if q.Status != "" {
			// Submitters filter on the statuses they see, which hide the risk-derived ones.
			return httpapi.Problem(http.StatusBadRequest, "invalid-query", "Invalid query parameters", "",
				map[string]any{"errors": []paramError{{"status", "is not available to submitters"}}})
		}
		page, err = h.Store.List(ctx, caller.Organisation, q)
	} else {
		page, err = h.Store.ListAll(ctx, q)
	}
	if err != nil {
		return fail(ctx, log, read("list manifests"), err)
	}
	if submitter {
		items := make([]SubmitterHeader, len(page.Items))
		for i, it := range page.Items {
			items[i] = submitterHeader(it)
		}
		return httpapi.JSON(http.StatusOK, map[string]any{"items": items, "cursor": page.Cursor}, nil)
	}
	return httpapi.JSON(http.StatusOK, page, nil)
}

// SubmitterHeader is what a submitter may know of a stored manifest: built field by field, so
// that a risk field added to the header later cannot leak to submitters by default.
type SubmitterHeader struct {
	ID               string             `json:"id"`
	Version          int                `json:"version"`
	Status           string             `json:"status"`
	FlightNumber     string             `json:"flightNumber,omitempty"`
	Registration     string             `json:"registration"`
	DepartureAirport string             `json:"departureAirport"`
	ArrivalAirport   string             `json:"arrivalAirport"`
	DepartureTime    string             `json:"departureTime"`
	ArrivalTime      string             `json:"arrivalTime"`
	PersonCount      int                `json:"personCount"`
	Warnings         []manifest.Finding `json:"warnings"`
	CreatedAt        string             `json:"createdAt"`
	// UpdatedAt is when the submitter's own last submission or amendment arrived: the header's
	// updatedAt also moves on assessments, rescans and decisions, and a new time under an
	// unchanged IN_REVIEW would tell the submitter that a reviewer acted (tipping off).
	UpdatedAt string `json:"updatedAt"`
}

// SubmitterView is a manifest as its submitter reads it back.
type SubmitterView struct {
	SubmitterHeader
	Manifest *manifest.Manifest `json:"manifest"`
}

// Status as submitters see it: whether screening flagged a manifest is itself a screening
// result, so SCREENED, FLAGGED and ESCALATED all read IN_REVIEW (no tipping off).
func submitterStatus(s paxscreen.Status) string {
	switch s {
	case paxscreen.StatusScreened, paxscreen.StatusFlagged, paxscreen.StatusEscalated:
		return "IN_REVIEW"
	}
	return string(s)
}

func submitterHeader(h paxscreen.Header) SubmitterHeader {
	return SubmitterHeader{
		ID: h.ID, Version: h.Version, Status: submitterStatus(h.Status), FlightNumber: h.FlightNumber, Registration: h.Registration,
		DepartureAirport: h.DepartureAirport, ArrivalAirport: h.ArrivalAirport, DepartureTime: h.DepartureTime, ArrivalTime: h.ArrivalTime,
		PersonCount: h.PersonCount, Warnings: h.Warnings, CreatedAt: h.CreatedAt, UpdatedAt: submittedAt(h),
	}
}

// submittedAt is the time of the version the submitter last sent; headers written before
// submittedAt existed fall back to createdAt, never to updatedAt.
func submittedAt(h paxscreen.Header) string {
	if h.SubmittedAt != "" {
		return h.SubmittedAt
	}
	return h.CreatedAt
}

// maxCursorParam bounds the cursor parameter before the store checks its signature; cursors the
// store issues are a few hundred bytes.
const maxCursorParam = 2048

// listQuery reads and checks every parameter, reporting all problems at once.
func listQuery(p map[string]string) (paxscreen.ListQuery, []paramError) {
	var q paxscreen.ListQuery
	var errs []paramError
	known := map[string]bool{"status": true, "arrival": true, "from": true, "to": true, "limit": true, "cursor": true}
	for k := range p {
		if !known[k] {
			errs = append(errs, paramError{k, "is not a known parameter: use status, arrival, from, to, limit, cursor"})
		}
	}
	if v := p["status"]; v != "" {
		if !slices.Contains(paxscreen.Statuses, paxscreen.Status(v)) {
			errs = append(errs, paramError{"status", "must be one of the manifest statuses"})
		}
		q.Status = paxscreen.Status(v)
	}
	if v := p["arrival"]; v != "" {
		if ok, reason := aviation.ValidAirport(v); !ok {
			errs = append(errs, paramError{"arrival", reason})
		}
		q.Arrival = v
	}
	var window [2]time.Time
	for i, name := range []string{"from", "to"} {
		v := p[name]
		if v == "" {
			continue // an empty parameter is an absent one, as HTML forms send them
		}
		t, ok := manifest.ParseTime(v)
		if !ok {
			errs = append(errs, paramError{name, "must be an RFC 3339 time such as 2026-12-01T00:00:00Z"})
			continue
		}
		window[i] = t
		if name == "from" {
			q.From = t.Format(time.RFC3339)
		} else {
			q.To = t.Format(time.RFC3339)
		}
	}
	if !window[0].IsZero() && !window[1].IsZero() && window[0].After(window[1]) {
		errs = append(errs, paramError{"from", "is after to: the window would be empty"})
	}
	if v := p["limit"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			errs = append(errs, paramError{"limit", "must be a whole number from 1 to 100"})
		}
		q.Limit = n
	}
	if v := p["cursor"]; v != "" {
		if len(v) > maxCursorParam {
			errs = append(errs, paramError{"cursor", "is not a cursor returned for this query"})
		}
		q.Cursor = v
	}
	return q, errs
}

// existing reads the header of the manifest a path names, or the answer to give instead: 404 for
// an id that is malformed or unknown, 503 when the table does not answer.
func existing(ctx context.Context, get func(context.Context, string) (*paxscreen.Header, error), id string, log *slog.Logger) (*paxscreen.Header, *httpapi.Response) {
	if !intake.ValidID(id) {
		r := notFound()
		return nil, &r
	}
	h, err := get(ctx, id)
	if err != nil {
		r := fail(ctx, log, read("load manifest"), err, "manifestId", id)
		return nil, &r
	}
	return h, nil
}
