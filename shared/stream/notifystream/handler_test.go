package notifystream_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/stream/notifystream"
)

// notifier records what it was asked to announce and fails with err.
type notifier struct {
	calls []string
	err   error
}

func (n *notifier) Notify(_ context.Context, id string, seq int) (notify.Outcome, *alert.Decision, error) {
	n.calls = append(n.calls, fmt.Sprintf("assessment %s %d", id, seq))
	return notify.Sent, &alert.Decision{Send: true}, n.err
}

func (n *notifier) NotifyDecision(_ context.Context, id, key, decision string) (notify.Outcome, error) {
	n.calls = append(n.calls, fmt.Sprintf("decision %s %s %s", id, key, decision))
	return notify.Sent, n.err
}

func image(kv ...string) map[string]events.DynamoDBAttributeValue {
	img := map[string]events.DynamoDBAttributeValue{}
	for i := 0; i < len(kv); i += 2 {
		if kv[i] == "seq" {
			img[kv[i]] = events.NewNumberAttribute(kv[i+1])
		} else {
			img[kv[i]] = events.NewStringAttribute(kv[i+1])
		}
	}
	return img
}

// TestHandlerRoutesAssessmentsAndDecisions: an assessment item is announced by its sequence, a
// DECIDED audit entry by its own key (so each decision is announced once), other audit entries
// not at all, and anything else fails the record rather than being taken for one of them.
func TestHandlerRoutesAssessmentsAndDecisions(t *testing.T) {
	const sk = "AUDIT#20261201T103000.000000000Z#000001#DECIDED"
	tests := []struct {
		name      string
		image     map[string]events.DynamoDBAttributeValue
		err       error
		wantCalls []string
		wantFail  bool
	}{
		{"an assessment", image("type", "ASSESSMENT", "manifestId", "M1", "seq", "2"), nil, []string{"assessment M1 2"}, false},
		{"a decision", image("type", "AUDIT", "manifestId", "M1", "SK", sk, "action", "DECIDED", "data", `{"decision":"CLEARED"}`), nil,
			[]string{"decision M1 D20261201T103000.000000000Z#000001#DECIDED CLEARED"}, false},
		{"a submission's audit entry", image("type", "AUDIT", "manifestId", "M1", "SK", sk, "action", "SUBMITTED", "data", `{}`), nil, nil, false},
		{"a decision that does not parse", image("type", "AUDIT", "manifestId", "M1", "SK", sk, "action", "DECIDED", "data", `{`), nil, nil, true},
		{"an assessment without a sequence", image("type", "ASSESSMENT", "manifestId", "M1"), nil, nil, true},
		{"a manifest header", image("type", "MANIFEST", "manifestId", "M1", "seq", "1"), nil, nil, true},
		{"a failed publish", image("type", "ASSESSMENT", "manifestId", "M1", "seq", "1"), errors.New("SNS is down"), []string{"assessment M1 1"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := &notifier{err: tt.err}
			h := &notifystream.Handler{Service: n, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
			resp, err := h.Handle(context.Background(), events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{
				EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "1", NewImage: tt.image}}}})
			if err != nil {
				t.Fatal(err)
			}
			if failed := len(resp.BatchItemFailures) > 0; failed != tt.wantFail {
				t.Errorf("record failed %v, want %v", failed, tt.wantFail)
			}
			if fmt.Sprint(n.calls) != fmt.Sprint(tt.wantCalls) {
				t.Errorf("announced %q, want %q", n.calls, tt.wantCalls)
			}
		})
	}
}
