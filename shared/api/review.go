package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// ReviewStore is the part of the store reviewers' decisions use.
type ReviewStore interface {
	GetHeader(ctx context.Context, id string) (*paxscreen.Header, error)
	Decide(ctx context.Context, id string, version, seq int, decision, reason, by string) error
	Audit(ctx context.Context, id string) ([]paxscreen.AuditRecord, error)
}

// Review answers reviewers: decisions and the audit trail.
type Review struct {
	Store ReviewStore
}

// Routes of the review function.
func (h *Review) Routes() httpapi.Routes {
	return httpapi.Routes{
		"POST /manifests/{id}/decisions": httpapi.Allow(h.decide, httpapi.RoleReviewer),
		"GET /manifests/{id}/audit":      httpapi.Allow(h.audit, httpapi.RoleReviewer, httpapi.RoleAdmin),
	}
}

// DecisionRequest is the body of POST /manifests/{id}/decisions. Assessment names the assessment
// the reviewer decided on, so that a decision on an outdated one is refused.
type DecisionRequest struct {
	Decision   string `json:"decision"`
	Reason     string `json:"reason"`
	Assessment int    `json:"assessment"`
}

const (
	maxReason       = 2000
	maxDecisionBody = 16 << 10
)

func (h *Review) decide(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if !intake.ValidID(id) {
		return notFound()
	}
	var d DecisionRequest
	if problem := httpapi.ReadJSON(req, maxDecisionBody, &d); problem != nil {
		return *problem
	}
	var problems []paramError
	if _, ok := paxscreen.Decisions[d.Decision]; !ok {
		names := make([]string, 0, len(paxscreen.Decisions))
		for k := range paxscreen.Decisions {
			names = append(names, k)
		}
		sort.Strings(names)
		problems = append(problems, paramError{"decision", "must be one of " + strings.Join(names, ", ")})
	}
	if strings.TrimSpace(d.Reason) == "" || utf8.RuneCountInString(d.Reason) > maxReason {
		problems = append(problems, paramError{"reason", "is required, at most 2000 characters: the record must say why"})
	}
	if strings.IndexFunc(d.Reason, refusedInReason) >= 0 {
		problems = append(problems, paramError{"reason", "contains a control character or bidi override; line breaks and tabs are fine"})
	}
	if d.Assessment < 1 {
		problems = append(problems, paramError{"assessment", "must name the assessment decided on (its seq)"})
	}
	if len(problems) > 0 {
		return httpapi.Problem(http.StatusBadRequest, "invalid-decision", "Invalid decision", "", map[string]any{"errors": problems})
	}
	hdr, err := h.Store.GetHeader(ctx, id)
	if err != nil {
		return fail(ctx, log, read("load manifest"), err, "manifestId", id)
	}
	if hdr.Status == paxscreen.StatusClosed {
		// Refused before the assessment is looked at: a closed manifest has nothing newer to
		// decide on, so "outdated" would send the reviewer looking for it. The store refuses it
		// too, for a close that lands after this read.
		return fail(ctx, log, write("decision"), fmt.Errorf("decide on manifest %s: %w", id, paxscreen.ErrClosed), "manifestId", id, "assessment", d.Assessment)
	}
	if problem := assessmentProblem(hdr, d.Assessment); problem != nil {
		log.InfoContext(ctx, "decision refused", "manifestId", id, "reason", problem.reason, "assessment", d.Assessment, "latest", hdr.AssessmentSeq)
		return problem.response
	}
	err = h.Store.Decide(ctx, id, hdr.Version, d.Assessment, d.Decision, d.Reason, httpapi.CallerOf(req).Subject)
	if err != nil {
		// A stale assessment here is one that appeared between reading the header and
		// deciding, a closed manifest one that the rescan closed meanwhile; the answer says
		// which assessment and version the reviewer saw last.
		return failure(ctx, log, write("decision"), err, "manifestId", id, "assessment", d.Assessment, "latest", hdr.AssessmentSeq).
			with(map[string]any{"latestAssessment": hdr.AssessmentSeq, "version": hdr.Version}).response()
	}
	log.InfoContext(ctx, "decision recorded", "manifestId", id, "decision", d.Decision, "assessment", d.Assessment)
	return httpapi.JSON(http.StatusCreated, map[string]any{"id": id, "status": paxscreen.Decisions[d.Decision], "decision": d.Decision, "assessment": d.Assessment}, nil)
}

func (h *Review) audit(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	id := req.PathParameters["id"]
	if _, problem := existing(ctx, h.Store.GetHeader, id, log); problem != nil {
		return *problem
	}
	trail, err := h.Store.Audit(ctx, id)
	if err != nil {
		return fail(ctx, log, read("read audit trail"), err, "manifestId", id)
	}
	return httpapi.JSON(http.StatusOK, map[string]any{"items": trail}, nil)
}

type refusal struct {
	reason   string
	response httpapi.Response
}

// assessmentProblem says why a decision on assessment seq cannot be recorded: 422 when no such
// assessment exists (a typo, or none yet), 409 only when it exists but is outdated (a newer
// assessment, or a newer version awaiting its own).
func assessmentProblem(h *paxscreen.Header, seq int) *refusal {
	extra := map[string]any{"latestAssessment": h.AssessmentSeq, "version": h.Version}
	switch {
	case h.AssessmentSeq == 0:
		return &refusal{"not assessed", httpapi.Problem(http.StatusUnprocessableEntity, "unknown-assessment", "No such assessment",
			fmt.Sprintf("The manifest has no assessment yet, so assessment %d does not exist; decide once it has been assessed.", seq), extra)}
	case seq > h.AssessmentSeq:
		return &refusal{"unknown assessment", httpapi.Problem(http.StatusUnprocessableEntity, "unknown-assessment", "No such assessment",
			fmt.Sprintf("The manifest has no assessment %d: its latest is assessment %d.", seq, h.AssessmentSeq), extra)}
	case seq < h.AssessmentSeq:
		return &refusal{"stale assessment", httpapi.Problem(http.StatusConflict, "stale-assessment", "Outdated assessment",
			fmt.Sprintf("Assessment %d is outdated: assessment %d is the latest; review it and decide on it.", seq, h.AssessmentSeq), extra)}
	case h.AssessedVersion != h.Version:
		return &refusal{"version awaiting assessment", httpapi.Problem(http.StatusConflict, "stale-assessment", "Outdated assessment",
			fmt.Sprintf("Assessment %d covers version %d, but version %d has been submitted since and awaits its own assessment.", seq, h.AssessedVersion, h.Version), extra)}
	}
	return nil
}

// refusedInReason: a reason may span lines (it is prose), but NUL, escapes and the bidi
// overrides that reorder what a later reader of the audit trail sees are refused.
func refusedInReason(r rune) bool {
	switch {
	case r == '\n', r == '\r', r == '\t':
		return false
	case unicode.IsControl(r), r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return false
}
