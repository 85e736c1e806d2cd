package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/snspublish"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream"
	"github.com/paxscreen/paxscreen/shared/stream/notifystream"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
	"github.com/paxscreen/paxscreen/shared/testkit/snstest"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// TestLogsNeverHoldPersonalData runs a full flow — rejected and accepted submissions, reads,
// scoring with a shared document, an alert — with every handler logging into one buffer, then
// looks for the manifest's names, document numbers and birth dates in it.
func TestLogsNeverHoldPersonalData(t *testing.T) {
	t.Run("memstore", func(t *testing.T) {
		db := memstore.New([]byte("test-key-test-key-test-key-test-key"), "t1")
		// The images the table's stream would carry, with what the handlers read of them.
		header := func(id string) map[string]events.DynamoDBAttributeValue {
			h, err := db.GetHeader(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			return map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("MANIFEST"), "id": events.NewStringAttribute(id),
				"version": events.NewNumberAttribute(strconv.Itoa(h.Version))}
		}
		assessment := func(id string) map[string]events.DynamoDBAttributeValue {
			return map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("ASSESSMENT"), "manifestId": events.NewStringAttribute(id),
				"seq": events.NewNumberAttribute("1")}
		}
		logsOfAFullFlow(t, db, &capturePublisher{}, header, assessment)
	})
	t.Run("dynamodb", func(t *testing.T) {
		snsc, _ := snstest.Clients(t)
		client, table := dynamotest.Table(t)
		db := store.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1")
		logsOfAFullFlow(t, db, &snspublish.Publisher{Client: snsc, TopicARN: snstest.Topic(t, snsc, "logs")},
			func(id string) map[string]events.DynamoDBAttributeValue {
				return item(t, db, client, table, id, "META")
			},
			func(id string) map[string]events.DynamoDBAttributeValue {
				return item(t, db, client, table, id, "ASSESSMENT#000001")
			})
	})
}

// logsOfAFullFlow runs the flow on db and checks what every handler logged; header and
// assessment give the stream images of a manifest's header and first assessment.
func logsOfAFullFlow(t *testing.T, db storecontract.Store, pub notify.Publisher, header, assessment func(id string) map[string]events.DynamoDBAttributeValue) {
	var buf syncBuffer
	log := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ingest := &httpapi.Router{Routes: (&api.Ingest{Service: &intake.Service{Store: db, Now: time.Now, NewID: intake.NewID}}).Routes(), Log: log}
	read := &httpapi.Router{Routes: (&api.Manifests{Store: db}).Routes(), Log: log}
	score := &scorestream.Handler{Service: &scoring.Service{Store: db, Rules: rules.Default()}, Log: log}
	notifier := &notifystream.Handler{Log: log, Service: &notify.Service{Store: db, Config: alert.Config{IncludeNames: true}, Publisher: pub}}
	ctx := context.Background()
	body := strings.ReplaceAll(testdata(t, "valid.json"), "Example Charter GmbH", "Shadow Air Ltd") // MEDIUM: alerts
	bad := strings.NewReplacer(`"1974-08-12"`, `"1974-02-30"`, `"L898902C3"`, `"L898-902C3"`, `"Eriksson"`, `"FNU"`).Replace(body)
	for _, b := range []string{bad, "{\"persons\": [{\"surname\": \"Eriksson\", \"documents\": [{\"number\": 12}]}]}", body, body} {
		resp, _ := ingest.Handle(ctx, as(submitEvent(t, "application/json", b), "submitter", "org-logs"))
		if resp.StatusCode != 201 {
			continue
		}
		id := decode(t, resp)["id"].(string)
		for _, roles := range []string{"reviewer", "submitter"} {
			req := as(event(t, "manifests-get.json"), roles, "org-other")
			req.PathParameters = map[string]string{"id": id}
			read.Handle(ctx, req)
		}
		header := header(id)
		score.Handle(ctx, events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "1", NewImage: header}}}})
		assessment := assessment(id)
		notifier.Handle(ctx, events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "2", NewImage: assessment}}}})
	}
	logs := buf.b.String()
	if !strings.Contains(logs, "manifest scored") || !strings.Contains(logs, "assessment notified") || !strings.Contains(logs, "manifest refused") {
		t.Fatalf("the flow did not run through every handler:\n%s", logs)
	}
	for _, secret := range []string{"Eriksson", "ERIKSSON", "Müller", "Santos", "Anna", "Jonas", "L898902", "C01X00T47", "CB1234567", "RT0045521",
		"1974-08-12", "1979-03-14", "1988-11-02", "1974-02-30", "740812", "L898-902C3", "FNU"} {
		if strings.Contains(logs, secret) {
			for _, line := range strings.Split(logs, "\n") {
				if strings.Contains(line, secret) {
					t.Errorf("log line holds personal data %q: %s", secret, line)
					break
				}
			}
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("log line is not JSON: %s", line)
		}
	}
}

func item(t *testing.T, _ *store.Store, client *dynamodb.Client, table, id, sk string) map[string]events.DynamoDBAttributeValue {
	t.Helper()
	out, err := client.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: &table, Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "MANIFEST#" + id}, "SK": &types.AttributeValueMemberS{Value: sk}}, ConsistentRead: aws.Bool(true)})
	if err != nil || out.Item == nil {
		t.Fatalf("read %s %s: %v", id, sk, err)
	}
	return stream.FromSDK(out.Item)
}
