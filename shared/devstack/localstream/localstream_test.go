package localstream_test

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"

	"github.com/paxscreen/paxscreen/shared/devstack/localstream"
	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

// scoreFilters reads the score function's FilterCriteria from template.yaml, so these tests
// check the filter that would be deployed.
func scoreFilters(t *testing.T) []localstream.Pattern {
	t.Helper()
	tpl, err := samtemplate.Load("../../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	targets, err := localstream.TargetsFromTemplate(tpl, map[string]localstream.Handler{"ScoreFunction": nil, "NotifyFunction": nil})
	if err != nil {
		t.Fatal(err)
	}
	for _, target := range targets {
		if target.Function == "ScoreFunction" && len(target.Filters) > 0 {
			return target.Filters
		}
	}
	t.Fatalf("want the score function with filters, got %+v", targets)
	return nil
}

func record(name string, image map[string]string) events.DynamoDBEventRecord {
	img := map[string]events.DynamoDBAttributeValue{}
	for k, v := range image {
		img[k] = events.NewStringAttribute(v)
	}
	return events.DynamoDBEventRecord{EventName: name, Change: events.DynamoDBStreamRecord{NewImage: img}}
}

func TestScoreFilterLetsThroughOnlyPendingHeaders(t *testing.T) {
	filters := scoreFilters(t)
	tests := []struct {
		name string
		rec  events.DynamoDBEventRecord
		want bool
	}{
		{"new manifest", record("INSERT", map[string]string{"type": "MANIFEST", "scoreState": "PENDING"}), true},
		{"amended manifest", record("MODIFY", map[string]string{"type": "MANIFEST", "scoreState": "PENDING"}), true},
		{"the score function's own header update", record("MODIFY", map[string]string{"type": "MANIFEST", "scoreState": "DONE"}), false},
		{"an assessment", record("INSERT", map[string]string{"type": "ASSESSMENT"}), false},
		{"persons chunk", record("INSERT", map[string]string{"type": "PERSONS"}), false},
		{"TTL deletion", record("REMOVE", map[string]string{"type": "MANIFEST", "scoreState": "PENDING"}), false},
	}
	for _, tt := range tests {
		if got := localstream.Matches(filters, tt.rec); got != tt.want {
			t.Errorf("%s: matches %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPatternOperators(t *testing.T) {
	rec := record("INSERT", map[string]string{"type": "MANIFEST"})
	for pattern, want := range map[string]bool{
		`{"eventName": ["INSERT"]}`:                                       true,
		`{"eventName": [{"anything-but": ["REMOVE"]}]}`:                   true,
		`{"eventName": [{"prefix": "INS"}]}`:                              true,
		`{"dynamodb": {"NewImage": {"status": [{"exists": false}]}}}`:     true,
		`{"dynamodb": {"NewImage": {"type": {"S": [{"exists": true}]}}}}`: true,
		`{"dynamodb": {"NewImage": {"type": {"S": ["PERSONS"]}}}}`:        false,
		`{"eventName": [{"anything-but": ["INSERT"]}]}`:                   false,
	} {
		p, err := localstream.ParsePattern(pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := localstream.Matches([]localstream.Pattern{p}, rec); got != want {
			t.Errorf("%s: %v, want %v", pattern, got, want)
		}
	}
}

// TestPollerScoresWhatIsWritten runs the real chain on DynamoDB Local: a manifest written to the
// table reaches the score handler through the stream and its filter, and a handler failure is
// redelivered.
func TestPollerScoresWhatIsWritten(t *testing.T) {
	client, table := dynamotest.OwnTable(t, "stream")
	ctx := context.Background()
	desc, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &table})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		t.Fatal(err)
	}
	db := store.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1")
	score := &scorestream.Handler{Service: &scoring.Service{Store: db, Rules: rules.Default()}, Log: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	var mu sync.Mutex
	calls, failedOnce := 0, false
	flaky := func(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		if !failedOnce {
			failedOnce = true
			return events.DynamoDBEventResponse{BatchItemFailures: []events.DynamoDBBatchItemFailure{{ItemIdentifier: ev.Records[0].Change.SequenceNumber}}}, nil
		}
		return score.Handle(ctx, ev)
	}
	p := &localstream.Poller{
		Client:    dynamodbstreams.NewFromConfig(cfg),
		StreamARN: *desc.Table.LatestStreamArn,
		Targets:   []localstream.Target{{Function: "ScoreFunction", Handler: flaky, Filters: scoreFilters(t), BatchSize: 10, MaxRetries: 3}},
	}
	b, err := os.ReadFile("../../manifest/testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	manifest.Normalise(m)
	rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: "o",
		DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
	if err := db.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if err := p.Poll(ctx); err != nil {
			t.Fatal(err)
		}
		list, err := db.Assessments(ctx, rec.Header.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no assessment after 20 s (%d handler calls)", calls)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The header update that scoring made is on the stream too; the filter keeps it away.
	before := calls
	for range 5 {
		if err := p.Poll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if calls != before {
		t.Errorf("the score function was called again by its own write (%d calls, then %d)", before, calls)
	}
	if before != 2 {
		t.Errorf("want one failed delivery and one redelivery, got %d calls", before)
	}
}
