package scorestream_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
)

// scorer answers each call with the next of errs (nil once they run out) and records the calls.
type scorer struct {
	errs     []error
	calls    []string
	deadline bool
}

func (s *scorer) Score(ctx context.Context, id string, version int) (scoring.Outcome, *rules.Assessment, error) {
	s.calls = append(s.calls, fmt.Sprintf("%s@%d", id, version))
	_, s.deadline = ctx.Deadline()
	if len(s.errs) > 0 {
		err := s.errs[0]
		s.errs = s.errs[1:]
		if err != nil {
			return "", nil, err
		}
	}
	return scoring.Scored, &rules.Assessment{Level: rules.LevelLow}, nil
}

func header(typ, id, version string) map[string]events.DynamoDBAttributeValue {
	img := map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute(typ)}
	if id != "" {
		img["id"] = events.NewStringAttribute(id)
	}
	if version != "" {
		img["version"] = events.NewNumberAttribute(version)
	}
	return img
}

// TestHandlerScoresManifestHeadersOnly: the handler scores the version a header image names,
// gives up at once on what can never succeed (not a header, a manifest gone), and retries
// what may (a table throttled) within its budget.
func TestHandlerScoresManifestHeadersOnly(t *testing.T) {
	tests := []struct {
		name      string
		event     string
		image     map[string]events.DynamoDBAttributeValue
		errs      []error
		retry     time.Duration
		wantCalls []string
		wantFail  bool
	}{
		{"a header is scored at its version", "INSERT", header("MANIFEST", "M1", "2"), nil, 0, []string{"M1@2"}, false},
		{"a modified header too", "MODIFY", header("MANIFEST", "M1", "3"), nil, 0, []string{"M1@3"}, false},
		{"a removal is passed by", "REMOVE", header("MANIFEST", "M1", "2"), nil, 0, nil, false},
		{"another item is refused unscored", "INSERT", header("ASSESSMENT", "M1", "1"), nil, 0, nil, true},
		{"a header without an id", "INSERT", header("MANIFEST", "", "1"), nil, 0, nil, true},
		{"a header without a version", "INSERT", header("MANIFEST", "M1", ""), nil, 0, nil, true},
		{"a manifest gone is not retried", "INSERT", header("MANIFEST", "M1", "1"),
			[]error{paxscreen.ErrNotFound, nil}, time.Second, []string{"M1@1"}, true},
		{"a failure without a retry budget fails the record", "INSERT", header("MANIFEST", "M1", "1"),
			[]error{errors.New("throttled")}, 0, []string{"M1@1"}, true},
		{"a failure within the budget is retried", "INSERT", header("MANIFEST", "M1", "1"),
			[]error{errors.New("throttled")}, 5 * time.Second, []string{"M1@1", "M1@1"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scorer{errs: tt.errs}
			h := &scorestream.Handler{Service: s, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Retry: tt.retry, Timeout: time.Minute}
			resp, err := h.Handle(context.Background(), events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{
				EventName: tt.event, Change: events.DynamoDBStreamRecord{SequenceNumber: "1", NewImage: tt.image}}}})
			if err != nil {
				t.Fatal(err)
			}
			if failed := len(resp.BatchItemFailures) > 0; failed != tt.wantFail {
				t.Errorf("record failed %v, want %v", failed, tt.wantFail)
			}
			if fmt.Sprint(s.calls) != fmt.Sprint(tt.wantCalls) {
				t.Errorf("scored %v, want %v", s.calls, tt.wantCalls)
			}
			if len(s.calls) > 0 && !s.deadline {
				t.Error("the attempt had no deadline: Timeout was not applied")
			}
		})
	}
}
