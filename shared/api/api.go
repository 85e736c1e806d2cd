// Package api holds the HTTP handlers of the functions behind the HttpApi. Each handler decodes
// its event, calls a service and encodes the answer; the logic lives in the services.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxlst"
)

// MaxBody is the largest body accepted: a 1,000-person manifest in JSON is about 400 KB.
const MaxBody = 1 << 20

// Submitter is the intake service as the ingest handler uses it.
type Submitter interface {
	Submit(ctx context.Context, sub intake.Submission) (intake.Receipt, error)
	Amend(ctx context.Context, id string, expected int, sub intake.Submission) (intake.Receipt, error)
}

// Ingest answers POST /manifests.
type Ingest struct {
	Service Submitter
	// Deadline bounds the work of one request (DefaultDeadline when 0), and never reaches past a
	// second before the invocation's own deadline: a client waiting on a stalled table gets a
	// retryable 503 in time instead of API Gateway's timeout.
	Deadline time.Duration
}

// DefaultDeadline stays below API Gateway's 30-second integration timeout.
const DefaultDeadline = 25 * time.Second

// bounded gives ctx the request deadline.
func (h *Ingest) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	d := h.Deadline
	if d <= 0 {
		d = DefaultDeadline
	}
	if dl, ok := ctx.Deadline(); ok {
		d = min(d, time.Until(dl)-time.Second)
	}
	return context.WithTimeout(ctx, max(d, 100*time.Millisecond))
}

// Routes of the ingest function.
func (h *Ingest) Routes() httpapi.Routes {
	return httpapi.Routes{
		"POST /manifests":     httpapi.Allow(h.submit, httpapi.RoleSubmitter, httpapi.RoleAdmin),
		"PUT /manifests/{id}": httpapi.Allow(h.amend, httpapi.RoleSubmitter, httpapi.RoleAdmin),
	}
}

// submission reads what a POST or PUT carries, or answers the problem with it.
func submission(ctx context.Context, req *httpapi.Request, log *slog.Logger) (intake.Submission, *httpapi.Response) {
	if httpapi.BodySize(req) > MaxBody {
		r := httpapi.Problem(http.StatusRequestEntityTooLarge, "too-large", "Manifest too large",
			"The body is larger than "+strconv.Itoa(MaxBody)+" bytes; split the flight's manifest or contact the operators.", nil)
		return intake.Submission{}, &r
	}
	body, err := httpapi.Body(req)
	if err != nil {
		r := httpapi.Problem(http.StatusBadRequest, "malformed", "Malformed body", "The body is marked base64 but is not valid base64.", nil)
		return intake.Submission{}, &r
	}
	if errs := unknownSubmissionParams(req.QueryStringParameters); len(errs) > 0 {
		r := httpapi.Problem(http.StatusBadRequest, "invalid-query", "Invalid query parameters", "", map[string]any{"errors": errs})
		return intake.Submission{}, &r
	}
	caller := httpapi.CallerOf(req)
	if caller.Organisation == "" && !caller.HasRole(httpapi.RoleAdmin) {
		// A manifest belongs to an organisation: without one nobody could read it back.
		log.WarnContext(ctx, "access denied", "reason", "no organisation claim")
		r := httpapi.Problem(http.StatusForbidden, "forbidden", "Forbidden", "Your token names no organisation (claim org).", nil)
		return intake.Submission{}, &r
	}
	return intake.Submission{
		ContentType:     httpapi.Header(req, "Content-Type"),
		Body:            body,
		Params:          intake.QueryParams(req.QueryStringParameters),
		FormatParam:     req.QueryStringParameters["format"],
		IdempotencyKey:  httpapi.Header(req, "Idempotency-Key"),
		Subject:         caller.Subject,
		Organisation:    caller.Organisation,
		AnyOrganisation: caller.HasRole(httpapi.RoleAdmin),
	}, nil
}

// unknownSubmissionParams names every query parameter a submission does not read, and a format
// other than paxlst. The flight
// fields CSV and PAXLST lack travel as parameters; a misspelt one (seatCapasity) would otherwise
// be dropped and surface only as a REQUIRED finding for the field meant, or not at all when the
// field is optional. The list route and a CSV's "#key:" lines refuse unknown names the same way.
func unknownSubmissionParams(q map[string]string) []paramError {
	var errs []paramError
	for k, v := range q {
		if k == "format" {
			// Only PAXLST needs it, when it travels as text/plain; any other value is a mistake
			// that would otherwise come back as a puzzling 415.
			if v != "paxlst" {
				errs = append(errs, paramError{k, "must be paxlst (a PAXLST message sent as text/plain); the Content-Type names every other format"})
			}
			continue
		}
		// intake.QueryParams matches the names regardless of case.
		if slices.ContainsFunc(submissionParams, func(known string) bool { return strings.EqualFold(k, known) }) {
			continue
		}
		errs = append(errs, paramError{k, "is not a known parameter: use format, " + strings.Join(submissionParams, ", ")})
	}
	slices.SortFunc(errs, func(a, b paramError) int { return strings.Compare(a.Param, b.Param) })
	return errs
}

// submissionParams are the query parameters a submission reads besides format.
var submissionParams = append(slices.Clone(manifest.FlightKeys), paxlst.PICParam)

func (h *Ingest) amend(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if !intake.ValidID(id) {
		return notFound()
	}
	match := strings.TrimPrefix(strings.Trim(strings.TrimPrefix(httpapi.Header(req, "If-Match"), "W/"), `"`), "v")
	if match == "" {
		return httpapi.Problem(http.StatusPreconditionRequired, "precondition-required", "If-Match required",
			"Send If-Match with the version you amend (the ETag of GET /manifests/{id}), so that no one else's change is lost.", nil)
	}
	expected, err := strconv.Atoi(match)
	if err != nil || expected < 1 {
		return httpapi.Problem(http.StatusBadRequest, "invalid-precondition", "Invalid If-Match", "If-Match must be a manifest version such as \"3\".", nil)
	}
	sub, problem := submission(ctx, req, log)
	if problem != nil {
		return *problem
	}
	ctx, cancel := h.bounded(ctx)
	defer cancel()
	receipt, err := h.Service.Amend(ctx, id, expected, sub)
	if err != nil {
		return fail(ctx, log, write("amend manifest"), err, "manifestId", id)
	}
	log.InfoContext(ctx, "manifest amended", "manifestId", id, "version", receipt.Version, "warnings", len(receipt.Warnings))
	return httpapi.JSON(http.StatusOK, receipt, map[string]string{"ETag": etag(receipt.Version), "Location": "/manifests/" + id})
}

func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

func (h *Ingest) submit(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	sub, problem := submission(ctx, req, log)
	if problem != nil {
		return *problem
	}
	ctx, cancel := h.bounded(ctx)
	defer cancel()
	receipt, err := h.Service.Submit(ctx, sub)
	if err != nil {
		return fail(ctx, log, write("submit manifest"), err)
	}
	log.InfoContext(ctx, "manifest accepted", "manifestId", receipt.ID, "warnings", len(receipt.Warnings), "replayed", receipt.Replayed)
	headers := map[string]string{"Location": "/manifests/" + receipt.ID, "ETag": etag(receipt.Version)}
	if receipt.Replayed {
		headers["Idempotent-Replayed"] = "true"
	}
	return httpapi.JSON(http.StatusCreated, receipt, headers)
}

func split(fs []manifest.Finding) (errs, warns []manifest.Finding) {
	errs, warns = []manifest.Finding{}, []manifest.Finding{}
	for _, f := range fs {
		if f.Severity == manifest.Error {
			errs = append(errs, f)
		} else {
			warns = append(warns, f)
		}
	}
	return errs, warns
}

// Functions maps each HTTP function's logical id in template.yaml to its routes: the local stack
// serves them and the template test checks them against the template.
func Functions(ingest *Ingest, manifests *Manifests, review *Review, watchlists *Watchlists) map[string]httpapi.Routes {
	return map[string]httpapi.Routes{
		"IngestFunction":    ingest.Routes(),
		"ManifestsFunction": manifests.Routes(),
		"ReviewFunction":    review.Routes(),
		"WatchlistFunction": watchlists.Routes(),
	}
}
