package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// TestFailureIsOneMappingForEveryRoute: each error a service or a store returns, however
// wrapped, has one status and problem type; only what is not the request's fault is retryable,
// and only a write's 503 says whether anything may have been stored.
func TestFailureIsOneMappingForEveryRoute(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("load manifest X: %w", err) }
	tests := []struct {
		name      string
		op        op
		err       error
		status    int
		kind      string
		retryable bool
		stored    string // "" when the answer has no stored member
		log       string // part of the log line expected
	}{
		{"not found", read("load manifest"), wrap(paxscreen.ErrNotFound), 404, "not-found", false, "", ""},
		{"another organisation's", read("load manifest"), fmt.Errorf("%w: %w", paxscreen.ErrNotFound, paxscreen.ErrOtherOrganisation), 404, "not-found", false, "", `"access denied"`},
		{"version conflict", write("amend manifest"), wrap(paxscreen.ErrVersionConflict), 412, "version-conflict", false, "", `"amend manifest refused"`},
		{"stale assessment", write("decision"), wrap(paxscreen.ErrStaleAssessment), 409, "stale-assessment", false, "", `"stale assessment"`},
		{"closed manifest", write("decision"), wrap(paxscreen.ErrClosed), 409, "manifest-closed", false, "", `"manifest closed"`},
		{"forged cursor", read("list manifests"), paxscreen.ErrBadCursor, 400, "invalid-query", false, "", ""},
		{"query the table refused", read("list manifests"), wrap(paxscreen.ErrBadQuery), 400, "invalid-query", false, "", `"level":"ERROR"`},
		{"no organisation", read("list manifests"), paxscreen.ErrNoOrganisation, 403, "forbidden", false, "", `"no organisation claim"`},
		{"findings", write("submit manifest"), &intake.InvalidError{Findings: []manifest.Finding{{Severity: manifest.Error, Path: "/persons/0"}}}, 400, "invalid-manifest", false, "", `"manifest refused"`},
		{"unreadable body", write("submit manifest"), fmt.Errorf("decode: %w", &manifest.DecodeError{Format: "json", Line: 2, Column: 5, Field: "/flight"}), 400, "malformed", false, "", `"manifest unreadable"`},
		{"media type", write("submit manifest"), intake.ErrUnsupportedMediaType, 415, "unsupported-media-type", false, "", ""},
		{"idempotency key reused", write("submit manifest"), intake.ErrIdempotencyMismatch, 422, "idempotency-key-reused", false, "", ""},
		{"a read the table did not answer", read("load manifest"), context.DeadlineExceeded, 503, "unavailable", true, "", `"load manifest failed"`},
		{"a write refused outright", write("publish snapshot"), errors.New("throttled"), 503, "unavailable", true, "no", `"publish snapshot failed"`},
		{"a write never confirmed", write("submit manifest"), fmt.Errorf("%w: %w", paxscreen.ErrOutcomeUnknown, context.DeadlineExceeded), 503, "unavailable", true, "unknown", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs bytes.Buffer
			r := fail(context.Background(), slog.New(slog.NewJSONHandler(&logs, nil)), tt.op, tt.err)
			var doc map[string]any
			if err := json.Unmarshal([]byte(r.Body), &doc); err != nil {
				t.Fatalf("body %q: %v", r.Body, err)
			}
			if r.StatusCode != tt.status || doc["type"] != httpapi.ProblemBase+tt.kind || doc["status"] != float64(tt.status) {
				t.Errorf("answer %d %v, want %d %s", r.StatusCode, doc["type"], tt.status, tt.kind)
			}
			if r.Headers["Content-Type"] != "application/problem+json" {
				t.Errorf("Content-Type %q", r.Headers["Content-Type"])
			}
			if retryable := doc["retryable"] == true; retryable != tt.retryable || (r.Headers["Retry-After"] != "") != (tt.status == 503) {
				t.Errorf("retryable %v, Retry-After %q; want retryable %v, and Retry-After on every 503", doc["retryable"], r.Headers["Retry-After"], tt.retryable)
			}
			if stored, _ := doc["stored"].(string); stored != tt.stored {
				t.Errorf("stored %q, want %q", stored, tt.stored)
			}
			if !strings.Contains(logs.String(), tt.log) {
				t.Errorf("log %q, want it to contain %s", logs.String(), tt.log)
			}
		})
	}
}

// TestFailureWithAddsAndKeeps: a handler's members go beside the mapping's own, and the
// mapping's shared answers are not changed for the next request.
func TestFailureWithAddsAndKeeps(t *testing.T) {
	p := failure(context.Background(), slog.New(slog.DiscardHandler), write("decision"), paxscreen.ErrStaleAssessment).
		with(map[string]any{"latestAssessment": 3})
	if p.extra["latestAssessment"] != 3 || p.status != 409 {
		t.Errorf("with: %+v", p)
	}
	notFoundProblem.with(map[string]any{"x": 1})
	if notFoundProblem.extra != nil {
		t.Errorf("with changed the shared not-found answer: %+v", notFoundProblem.extra)
	}
}
