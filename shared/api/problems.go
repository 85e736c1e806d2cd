package api

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"strconv"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// problem is an error's answer in the making. failure is the one mapping from what a service or
// a store returns to the application/problem+json a client gets, so that one error reads the
// same on every route; a handler may add members only it knows (with) before answering.
type problem struct {
	status              int
	kind, title, detail string
	extra               map[string]any
	retryAfter          string
}

// with adds members beside the mapping's own.
func (p problem) with(extra map[string]any) problem {
	p.extra = maps.Clone(p.extra)
	if p.extra == nil {
		p.extra = map[string]any{}
	}
	maps.Copy(p.extra, extra)
	return p
}

func (p problem) response() httpapi.Response {
	r := httpapi.Problem(p.status, p.kind, p.title, p.detail, p.extra)
	if p.retryAfter != "" {
		r.Headers["Retry-After"] = p.retryAfter
	}
	return r
}

// op says what a handler was doing when err came back: what names it in the log ("load
// manifest"), and a write's 503 says whether anything may have been stored.
type op struct {
	what  string
	write bool
}

func read(what string) op  { return op{what: what} }
func write(what string) op { return op{what: what, write: true} }

// fail answers err as failure maps it.
func fail(ctx context.Context, log *slog.Logger, o op, err error, attrs ...any) httpapi.Response {
	return failure(ctx, log, o, err, attrs...).response()
}

// failure maps err to its answer and logs it: a request's own fault (4xx) at Info or Warn with
// what the client did wrong, never the request's content; anything else at Error as a
// retryable 503. attrs (a manifest id, a source) go into the log line.
func failure(ctx context.Context, log *slog.Logger, o op, err error, attrs ...any) problem {
	var invalid *intake.InvalidError
	var decode *manifest.DecodeError
	switch {
	case errors.Is(err, paxscreen.ErrNotFound):
		if errors.Is(err, paxscreen.ErrOtherOrganisation) {
			// Answered as missing, so that the caller learns nothing; the denial is still logged.
			log.WarnContext(ctx, "access denied", append([]any{"reason", "organisation"}, attrs...)...)
		}
		return notFoundProblem
	case errors.Is(err, paxscreen.ErrVersionConflict):
		log.InfoContext(ctx, o.what+" refused", append([]any{"reason", "stale version"}, attrs...)...)
		return problem{status: http.StatusPreconditionFailed, kind: "version-conflict", title: "Version conflict",
			detail: "The manifest has changed since the version you amend; read it again and reapply your change."}
	case errors.Is(err, paxscreen.ErrStaleAssessment):
		log.InfoContext(ctx, o.what+" refused", append([]any{"reason", "stale assessment"}, attrs...)...)
		return problem{status: http.StatusConflict, kind: "stale-assessment", title: "Outdated assessment",
			detail: "A newer assessment or version of the manifest appeared meanwhile; read the manifest again and decide on its latest assessment."}
	case errors.Is(err, paxscreen.ErrClosed):
		log.InfoContext(ctx, o.what+" refused", append([]any{"reason", "manifest closed"}, attrs...)...)
		return problem{status: http.StatusConflict, kind: "manifest-closed", title: "Manifest closed",
			detail: "The manifest is CLOSED: its flight has arrived and the rescan ended its screening, so it takes no more decisions. " +
				"Its assessments and audit trail stay readable until the retention period removes them.",
			extra: map[string]any{"manifestStatus": paxscreen.StatusClosed}}
	case errors.Is(err, paxscreen.ErrBadCursor):
		return problem{status: http.StatusBadRequest, kind: "invalid-query", title: "Invalid query parameters",
			extra: map[string]any{"errors": []paramError{{"cursor", "is not a cursor returned for this query"}}}}
	case errors.Is(err, paxscreen.ErrBadQuery):
		// The API validates every parameter first, so this is a gap in that validation: logged
		// as an error, answered as the request's fault, never worth retrying.
		log.ErrorContext(ctx, "list query refused by the table", "error", err.Error())
		return problem{status: http.StatusBadRequest, kind: "invalid-query", title: "Invalid query parameters",
			detail: "The table refused this combination of parameters; change them rather than retry."}
	case errors.Is(err, paxscreen.ErrNoOrganisation):
		// httpapi.Allow refuses such callers first; this keeps the store's refusal a 403 too.
		log.WarnContext(ctx, "access denied", "reason", "no organisation claim")
		return forbiddenNoOrganisation
	case errors.As(err, &invalid):
		errs, warns := split(invalid.Findings)
		log.InfoContext(ctx, "manifest refused", "errors", len(errs), "warnings", len(warns))
		return problem{status: http.StatusBadRequest, kind: "invalid-manifest", title: "Invalid manifest",
			detail: mustBeCorrected(len(errs)),
			extra:  map[string]any{"errors": errs, "warnings": warns}}
	case errors.As(err, &decode):
		log.InfoContext(ctx, "manifest unreadable", "format", decode.Format, "line", decode.Line, "column", decode.Column)
		ext := map[string]any{"line": decode.Line, "column": decode.Column, "offset": decode.Offset}
		switch {
		case decode.Field == "":
		case decode.Format == "json":
			// The JSON Pointer of the offending member, as validation findings give their paths.
			ext["pointer"] = decode.Field
		default:
			// A CSV column or a flight field given as a parameter ("seatCapacity"): a name, not
			// a JSON Pointer, so it must not pass for one.
			ext["field"] = decode.Field
		}
		return problem{status: http.StatusBadRequest, kind: "malformed", title: "Malformed manifest", detail: decode.Error(), extra: ext}
	case errors.Is(err, intake.ErrUnsupportedMediaType):
		return problem{status: http.StatusUnsupportedMediaType, kind: "unsupported-media-type", title: "Unsupported media type",
			detail: "Send the manifest as application/json, text/csv, or a UN/EDIFACT PAXLST message as application/edifact (or text/plain with ?format=paxlst)."}
	case errors.Is(err, intake.ErrIdempotencyMismatch):
		return problem{status: http.StatusUnprocessableEntity, kind: "idempotency-key-reused", title: "Idempotency key reused",
			detail: "This Idempotency-Key was already used for a different request; use a new key for a new manifest."}
	}
	log.ErrorContext(ctx, o.what+" failed", append(attrs, "error", err.Error())...)
	if !o.write {
		return problem{status: http.StatusServiceUnavailable, kind: "unavailable", title: "Temporarily unavailable",
			detail: "Retry in a moment.", extra: map[string]any{"retryable": true}, retryAfter: "2"}
	}
	detail, stored := "Nothing was stored; retry in a moment (a submission with the same Idempotency-Key).", "no"
	if errors.Is(err, paxscreen.ErrOutcomeUnknown) {
		// The table stopped answering mid-write: it may have committed. A submission retried
		// under the same Idempotency-Key answers the first receipt if the write landed.
		detail, stored = "The table did not confirm the write in time, so it may have been stored. A submission retried with the same Idempotency-Key is never stored twice; read anything else back before retrying.", "unknown"
	}
	return problem{status: http.StatusServiceUnavailable, kind: "unavailable", title: "Temporarily unavailable", detail: detail,
		extra: map[string]any{"retryable": true, "stored": stored}, retryAfter: "2"}
}

var (
	notFoundProblem         = problem{status: http.StatusNotFound, kind: "not-found", title: "Manifest not found"}
	forbiddenNoOrganisation = problem{status: http.StatusForbidden, kind: "forbidden", title: "Forbidden", detail: "Your token names no organisation (claim org)."}
)

func notFound() httpapi.Response { return notFoundProblem.response() }

// mustBeCorrected is the detail of a refused manifest: "1 error", never "1 errors".
func mustBeCorrected(n int) string {
	if n == 1 {
		return "1 error must be corrected; nothing was stored."
	}
	return strconv.Itoa(n) + " errors must be corrected; nothing was stored."
}
