package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// stalled is a table that never answers: the call returns only when its context ends, with
// what the store says then.
type stalled struct {
	deadline time.Time
	outcome  error
}

func (s *stalled) wait(ctx context.Context) error {
	s.deadline, _ = ctx.Deadline()
	<-ctx.Done()
	return fmt.Errorf("store manifest: %w", s.outcome)
}

func (s *stalled) Submit(ctx context.Context, _ intake.Submission) (intake.Receipt, error) {
	return intake.Receipt{}, s.wait(ctx)
}

func (s *stalled) Amend(ctx context.Context, _ string, _ int, _ intake.Submission) (intake.Receipt, error) {
	return intake.Receipt{}, s.wait(ctx)
}

// TestStalledTableAnswersRetryable503 holds the request deadline: a write the table never
// answers ends in a retryable 503 that says whether anything may have been stored, instead of
// hanging until API Gateway gives up.
func TestStalledTableAnswersRetryable503(t *testing.T) {
	tests := []struct {
		name    string
		outcome error
		stored  string
	}{
		{"nothing sent", context.DeadlineExceeded, `"stored":"no"`},
		{"sent, never confirmed", fmt.Errorf("%w: %w", paxscreen.ErrOutcomeUnknown, context.DeadlineExceeded), `"stored":"unknown"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svc := &stalled{outcome: tt.outcome}
			r := &httpapi.Router{Routes: (&api.Ingest{Service: svc, Deadline: 50 * time.Millisecond}).Routes(), Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
			before := time.Now()
			resp, err := r.Handle(context.Background(), as(submitEvent(t, "application/json", "{}"), "submitter", "org-a"))
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != http.StatusServiceUnavailable || resp.Headers["Retry-After"] == "" || !strings.Contains(resp.Body, `"retryable":true`) || !strings.Contains(resp.Body, tt.stored) {
				t.Errorf("got %d %v %s", resp.StatusCode, resp.Headers, resp.Body)
			}
			// The service saw the 50 ms deadline, not the 25 s default.
			if svc.deadline.IsZero() || svc.deadline.Sub(before) > time.Second {
				t.Errorf("the service got deadline %v for a request at %v, want 50 ms later", svc.deadline, before)
			}
		})
	}
	// Within a Lambda invocation, the deadline stops a second short of the invocation's own.
	svc := &stalled{outcome: context.DeadlineExceeded}
	r := &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
	defer cancel()
	invocation, _ := ctx.Deadline()
	if resp, _ := r.Handle(ctx, as(submitEvent(t, "application/json", "{}"), "submitter", "org-a")); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("got %d", resp.StatusCode)
	}
	if !svc.deadline.Before(invocation.Add(-900 * time.Millisecond)) {
		t.Errorf("request deadline %v is not a second before the invocation's %v", svc.deadline, invocation)
	}
}
