package notifystream_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/snspublish"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream"
	"github.com/paxscreen/paxscreen/shared/stream/notifystream"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/snstest"
)

// filterPolicies reads the subscriptions' filter policies from template.yaml, resolving
// parameter references to their defaults, so the queues filter as the deployed endpoints would.
func filterPolicies(t *testing.T) (email, sms string) {
	t.Helper()
	tpl, err := samtemplate.Load("../../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	params := tpl.Parameters()
	resolve := func(logicalID string) string {
		policy := tpl.Resources()[logicalID].Properties["FilterPolicy"].(map[string]any)
		out := map[string]any{}
		for k, v := range policy {
			if m, isRef := v.(map[string]any); isRef {
				ref, _ := m["Ref"].(string)
				v = strings.Split(params[ref].Default.(string), ",")
			}
			out[k] = v
		}
		b, _ := json.Marshal(out)
		return string(b)
	}
	return resolve("AlertEmailSubscription"), resolve("AlertSmsSubscription")
}

type flaky struct {
	notify.Publisher
	mu    sync.Mutex
	fails int
}

func (f *flaky) Publish(ctx context.Context, m alert.Message) (string, error) {
	f.mu.Lock()
	if f.fails > 0 {
		f.fails--
		f.mu.Unlock()
		return "", errors.New("SNS is down")
	}
	f.mu.Unlock()
	return f.Publisher.Publish(ctx, m)
}

func TestAlertsReachTheRightQueuesOnceEach(t *testing.T) {
	snsc, sqsc := snstest.Clients(t)
	// A table of its own: a rescan run by another package's test on the shared table would
	// rescore this manifest (its ruleset "r" is stale) and the decision below would be refused.
	client, table := dynamotest.OwnTable(t, "notify")
	ctx := context.Background()
	topic := snstest.Topic(t, snsc, "alerts")
	emailPolicy, smsPolicy := filterPolicies(t)
	emailQ := snstest.Subscribe(t, snsc, sqsc, topic, emailPolicy)
	smsQ := snstest.Subscribe(t, snsc, sqsc, topic, smsPolicy)

	db := store.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1")
	pub := &flaky{Publisher: &snspublish.Publisher{Client: snsc, TopicARN: topic}, fails: 1}
	h := &notifystream.Handler{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
		Service: &notify.Service{Store: db, Publisher: pub, Config: alert.Config{BaseURL: "https://api.example"}}}

	m := &manifest.Manifest{
		Organiser: manifest.Organiser{Name: "Relief"},
		Flight: manifest.Flight{Number: "RWB401", AircraftRegistration: "D-AXYZ", Departure: manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
			Arrival: manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"}},
		Persons: []manifest.Person{{Surname: "Secretname", GivenNames: "Private", DateOfBirth: "1970-01-01", Documents: []manifest.Document{{Number: "SECRET123"}}}},
	}
	id := rand.Text()
	rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: id, Status: paxscreen.StatusReceived, Organisation: "notify-o", FlightNumber: "RWB401",
		Registration: "D-AXYZ", DepartureAirport: "LTAG", ArrivalAirport: "ETAR", DepartureTime: "2026-12-01T06:00:00Z", ArrivalTime: "2026-12-01T10:30:00Z", Warnings: []manifest.Finding{}}}
	if err := db.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	zero := 0
	critical := rules.Assessment{Level: rules.LevelCritical, Score: 160, RulesetVersion: "r", Hits: []rules.Hit{
		{Rule: rules.RuleOverlappingFlights, Points: 60, Severity: rules.LevelHigh, Path: "/persons/0/documents/0/number", PersonIndex: &zero, Message: "the same document is on another flight at the same time"},
		{Rule: rules.RuleWatchlistStrong, Points: 100, Severity: rules.LevelCritical, Path: "/persons/0", PersonIndex: &zero, Message: "strong identity match with a watchlist entry"}}}
	cleared := rules.Assessment{Level: rules.LevelLow, RulesetVersion: "r", Hits: []rules.Hit{}}
	record := func(seq int) events.DynamoDBEventRecord {
		return events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "s" + string(rune('0'+seq)),
			NewImage: map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("ASSESSMENT"),
				"manifestId": events.NewStringAttribute(id), "seq": events.NewNumberAttribute(string(rune('0' + seq)))}}}
	}
	handle := func(recs ...events.DynamoDBEventRecord) int {
		resp, err := h.Handle(ctx, events.DynamoDBEvent{Records: recs})
		if err != nil {
			t.Fatal(err)
		}
		return len(resp.BatchItemFailures)
	}

	if err := db.SaveAssessment(ctx, id, 1, 1, critical, paxscreen.StatusFlagged); err != nil {
		t.Fatal(err)
	}
	// SNS fails once: the record is reported failed, then the retry (and a duplicate delivery)
	// publish exactly one message.
	if failed := handle(record(1)); failed != 1 {
		t.Fatalf("failing publish: %d failed records, want 1", failed)
	}
	if failed := handle(record(1), record(1)); failed != 0 {
		t.Fatalf("retry: %d failed records", failed)
	}
	emails, texts := snstest.Drain(t, sqsc, emailQ, 5*time.Second), snstest.Drain(t, sqsc, smsQ, 5*time.Second)
	if len(emails) != 1 || len(texts) != 1 {
		t.Fatalf("CRITICAL flag: %d e-mails and %d texts, want 1 and 1", len(emails), len(texts))
	}
	n := emails[0]
	if n.MessageAttributes["severity"].Value != "CRITICAL" || n.MessageAttributes["event"].Value != alert.EventFlagged || n.MessageAttributes["destination"].Value != "ETAR" {
		t.Errorf("attributes %+v", n.MessageAttributes)
	}
	var bodies map[string]string
	if err := json.Unmarshal([]byte(n.Message), &bodies); err != nil {
		t.Fatalf("message is not the per-protocol JSON: %v: %s", err, n.Message)
	}
	if bodies["default"] == "" || bodies["default"] != bodies["email"] || len(bodies["sms"]) > alert.SMSLimit {
		t.Errorf("bodies %v", bodies)
	}
	for _, secret := range []string{"Secretname", "SECRET123", "1970-01-01"} {
		if strings.Contains(n.Message, secret) {
			t.Errorf("the alert carries personal data %q", secret)
		}
	}

	// A reviewer's decision is announced once, as manifest.decided, without its free-text reason.
	if err := db.Decide(ctx, id, 1, 1, "ESCALATED", "Secretname needs a second look", "reviewer-1"); err != nil {
		t.Fatal(err)
	}
	out, err := client.Query(ctx, &dynamodb.QueryInput{TableName: &table, KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :a)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": &types.AttributeValueMemberS{Value: "MANIFEST#" + id}, ":a": &types.AttributeValueMemberS{Value: "AUDIT#"}}})
	if err != nil || len(out.Items) == 0 {
		t.Fatalf("audit items: %v", err)
	}
	decided := events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "d1", NewImage: stream.FromSDK(out.Items[len(out.Items)-1])}}
	if failed := handle(decided, decided); failed != 0 {
		t.Fatalf("decision: %d failed records", failed)
	}
	emails = snstest.Drain(t, sqsc, emailQ, 5*time.Second)
	if len(emails) != 1 || emails[0].MessageAttributes["event"].Value != alert.EventDecided || strings.Contains(emails[0].Message, "Secretname") {
		t.Fatalf("decision: e-mails %+v", emails)
	}
	snstest.Drain(t, sqsc, smsQ, 2*time.Second)

	// Cleared on rescan: the e-mail queue hears of it (severity stays at the earlier CRITICAL).
	// The rescore keeps the reviewer's ESCALATED status, as scoring does.
	if err := db.SaveAssessment(ctx, id, 1, 2, cleared, paxscreen.StatusEscalated); err != nil {
		t.Fatal(err)
	}
	if failed := handle(record(2)); failed != 0 {
		t.Fatalf("cleared: %d failed records", failed)
	}
	emails = snstest.Drain(t, sqsc, emailQ, 5*time.Second)
	if len(emails) != 1 || emails[0].MessageAttributes["event"].Value != alert.EventCleared {
		t.Errorf("cleared: e-mails %+v", emails)
	}
	// An unchanged assessment sends nothing.
	if err := db.SaveAssessment(ctx, id, 1, 3, cleared, paxscreen.StatusEscalated); err != nil {
		t.Fatal(err)
	}
	handle(record(3))
	if got := snstest.Drain(t, sqsc, emailQ, 2*time.Second); len(got) != 0 {
		t.Errorf("unchanged assessment alerted: %+v", got)
	}
}
