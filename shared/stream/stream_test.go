package stream_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/stream"
)

var quiet = slog.New(slog.NewJSONHandler(io.Discard, nil))

func batch(seqs ...string) events.DynamoDBEvent {
	var ev events.DynamoDBEvent
	for _, s := range seqs {
		ev.Records = append(ev.Records, events.DynamoDBEventRecord{Change: events.DynamoDBStreamRecord{SequenceNumber: s,
			NewImage: map[string]events.DynamoDBAttributeValue{"k": events.NewStringAttribute(s)}}})
	}
	return ev
}

func failed(resp events.DynamoDBEventResponse) string {
	var ids []string
	for _, f := range resp.BatchItemFailures {
		ids = append(ids, f.ItemIdentifier)
	}
	return strings.Join(ids, ",")
}

func TestEachStopsAtTheFirstFailure(t *testing.T) {
	tests := []struct {
		name       string
		fail       map[string]error
		wantFailed string
		wantRan    string
	}{
		{"all succeed", nil, "", "1,2,3,4"},
		{"a failure reports it and every later record, and runs none of them", map[string]error{"2": errors.New("down")}, "2,3,4", "1,2"},
		{"only the first failure counts", map[string]error{"2": errors.New("down"), "4": errors.New("down")}, "2,3,4", "1,2"},
		{"a first-record failure reports the whole batch", map[string]error{"1": stream.Permanent(errors.New("poison"))}, "1,2,3,4", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ran []string
			resp := stream.Each(context.Background(), batch("1", "2", "3", "4"), quiet,
				func(_ context.Context, rec events.DynamoDBEventRecord, _ map[string]types.AttributeValue) error {
					ran = append(ran, rec.Change.SequenceNumber)
					return tt.fail[rec.Change.SequenceNumber]
				})
			if got := failed(resp); got != tt.wantFailed {
				t.Errorf("failed %q, want %q", got, tt.wantFailed)
			}
			if got := strings.Join(ran, ","); got != tt.wantRan {
				t.Errorf("ran %q, want %q", got, tt.wantRan)
			}
		})
	}
}

func TestEachRetryingWaitsOutAShortOutage(t *testing.T) {
	calls := 0
	resp := stream.EachRetrying(context.Background(), batch("1", "2"), quiet,
		func(_ context.Context, rec events.DynamoDBEventRecord, _ map[string]types.AttributeValue) error {
			calls++
			if rec.Change.SequenceNumber == "1" && calls < 3 {
				return errors.New("table unavailable")
			}
			return nil
		}, 5*time.Second)
	if got := failed(resp); got != "" || calls != 4 {
		t.Errorf("failed %q after %d calls, want none after 4 (two retries of record 1)", got, calls)
	}
}

func TestEachRetryingGivesUpAtItsBudgetAndNeverRetriesPoison(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantCalls func(int) bool
	}{
		{"transient: retried until the budget is spent", errors.New("down"), func(n int) bool { return n >= 2 }},
		{"permanent: tried once", stream.Permanent(errors.New("poison")), func(n int) bool { return n == 1 }},
		{"a panic is permanent", nil, func(n int) bool { return n == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls := 0
			resp := stream.EachRetrying(context.Background(), batch("7", "8"), quiet,
				func(context.Context, events.DynamoDBEventRecord, map[string]types.AttributeValue) error {
					calls++
					if tt.err == nil {
						panic("bad image")
					}
					return tt.err
				}, 400*time.Millisecond)
			if got := failed(resp); got != "7,8" || !tt.wantCalls(calls) {
				t.Errorf("failed %q after %d calls", got, calls)
			}
		})
	}
}
