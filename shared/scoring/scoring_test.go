package scoring_test

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

type fixture struct {
	db storecontract.Store
	// header reads the header item as the table's stream would carry it.
	header  func(t *testing.T, id string) map[string]events.DynamoDBAttributeValue
	handler *scorestream.Handler
}

// each runs a test on the in-memory store, which needs no emulator, and on DynamoDB Local
// (skipped outside CI when it is not running), so the service is tested everywhere and the
// adapter stays covered.
func each(t *testing.T, run func(t *testing.T, f *fixture)) {
	t.Run("memstore", func(t *testing.T) {
		db := memstore.New([]byte("test-key-test-key-test-key-test-key"), "t1")
		// What the score handler reads of a header image: its type, id and version.
		header := func(t *testing.T, id string) map[string]events.DynamoDBAttributeValue {
			h, err := db.GetHeader(context.Background(), id)
			if err != nil {
				t.Fatalf("read header: %v", err)
			}
			return map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("MANIFEST"), "id": events.NewStringAttribute(id),
				"version": events.NewNumberAttribute(strconv.Itoa(h.Version))}
		}
		run(t, newFixture(db, header))
	})
	t.Run("dynamodb", func(t *testing.T) {
		client, table := dynamotest.Table(t)
		db := store.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1")
		header := func(t *testing.T, id string) map[string]events.DynamoDBAttributeValue {
			out, err := client.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: &table, Key: map[string]types.AttributeValue{
				"PK": &types.AttributeValueMemberS{Value: "MANIFEST#" + id}, "SK": &types.AttributeValueMemberS{Value: "META"}}})
			if err != nil || out.Item == nil {
				t.Fatalf("read header: %v", err)
			}
			return stream.FromSDK(out.Item)
		}
		run(t, newFixture(db, header))
	})
}

func newFixture(db storecontract.Store, header func(t *testing.T, id string) map[string]events.DynamoDBAttributeValue) *fixture {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	return &fixture{db: db, header: header,
		handler: &scorestream.Handler{Service: &scoring.Service{Store: db, Rules: rules.Default()}, Log: log}}
}

// sample is the intake sample with its own document numbers, so that tests sharing the table do
// not see each other's documents, and the given schedule.
func sample(t *testing.T, departure, arrival string) *manifest.Manifest {
	t.Helper()
	b, err := os.ReadFile("../manifest/testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	manifest.Normalise(m)
	suffix := rand.Text()[:6]
	for i := range m.Persons {
		for j := range m.Persons[i].Documents {
			m.Persons[i].Documents[j].Number = m.Persons[i].Documents[j].Number[:3] + suffix
			m.Persons[i].Documents[j].MRZ = nil
		}
	}
	m.Flight.Departure.Scheduled, m.Flight.Arrival.Scheduled = departure, arrival
	return m
}

func (f *fixture) create(t *testing.T, m *manifest.Manifest) *paxscreen.Record {
	t.Helper()
	// An organisation of this package's own: duplicate submissions are looked for among the
	// organisation's manifests on the same schedule, and other packages' tests share the table.
	rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: "scoring-o",
		DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
	if err := f.db.Create(context.Background(), rec, nil); err != nil {
		t.Fatal(err)
	}
	return rec
}

// record is the stream record DynamoDB would deliver for the header as it is now.
func (f *fixture) record(t *testing.T, id, seq string) events.DynamoDBEventRecord {
	t.Helper()
	return events.DynamoDBEventRecord{EventID: seq, EventName: "INSERT", EventSource: "aws:dynamodb",
		Change: events.DynamoDBStreamRecord{SequenceNumber: seq, NewImage: f.header(t, id), StreamViewType: "NEW_AND_OLD_IMAGES"}}
}

func (f *fixture) handle(t *testing.T, recs ...events.DynamoDBEventRecord) []string {
	t.Helper()
	resp, err := f.handler.Handle(context.Background(), events.DynamoDBEvent{Records: recs})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, f := range resp.BatchItemFailures {
		failed = append(failed, f.ItemIdentifier)
	}
	return failed
}

func (f *fixture) assessments(t *testing.T, id string) []paxscreen.AssessmentRecord {
	t.Helper()
	list, err := f.db.Assessments(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestStreamRecordScoresTheManifestOnce(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		rec := f.create(t, sample(t, "2026-12-01T06:00:00Z", "2026-12-01T10:30:00Z"))
		ev := f.record(t, rec.Header.ID, "100")
		if failed := f.handle(t, ev); len(failed) != 0 {
			t.Fatalf("failed records %v", failed)
		}
		// The same record delivered again, twice at once: still one assessment.
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { f.handle(t, ev) })
		}
		wg.Wait()
		list := f.assessments(t, rec.Header.ID)
		if len(list) != 1 {
			t.Fatalf("want 1 assessment after duplicate deliveries, got %d", len(list))
		}
		a := list[0]
		if a.Level != rules.LevelLow || a.RulesetVersion != rules.Default().Version || a.ManifestVersion != 1 {
			t.Errorf("assessment %+v", a)
		}
		h, err := f.db.GetHeader(context.Background(), rec.Header.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Status != paxscreen.StatusScreened || h.Level != rules.LevelLow || h.ScoreState != paxscreen.ScoreDone || h.AssessmentSeq != 1 {
			t.Errorf("header after scoring: %+v", h)
		}
	})
}

func TestPoisonRecordFailsAlone(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		rec := f.create(t, sample(t, "2026-12-02T06:00:00Z", "2026-12-02T10:30:00Z"))
		poison := events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "7",
			NewImage: map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("MANIFEST")}}}
		missing := events.DynamoDBEventRecord{EventName: "INSERT", Change: events.DynamoDBStreamRecord{SequenceNumber: "8",
			NewImage: map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("MANIFEST"),
				"id": events.NewStringAttribute(rand.Text()), "version": events.NewNumberAttribute("1")}}}
		failed := f.handle(t, poison, f.record(t, rec.Header.ID, "9"), missing)
		// Lambda resumes from the lowest failed record: the batch stops at the poison record and
		// reports it and everything after it, so nothing after it ran out of order.
		if strings.Join(failed, ",") != "7,9,8" {
			t.Errorf("failed %v, want the poison record 7 and every record after it", failed)
		}
		if n := len(f.assessments(t, rec.Header.ID)); n != 0 {
			t.Errorf("a record after the failed one ran: %d assessments", n)
		}
		// Once the poison record is given up, the rest of the batch comes again and is scored.
		if failed := f.handle(t, f.record(t, rec.Header.ID, "9"), missing); strings.Join(failed, ",") != "8" {
			t.Errorf("failed %v, want the missing manifest 8 only", failed)
		}
		if n := len(f.assessments(t, rec.Header.ID)); n != 1 {
			t.Errorf("the good record in the batch gave %d assessments", n)
		}
	})
}

func TestSharedDocumentOnOverlappingFlight(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		first := sample(t, "2026-12-03T06:00:00Z", "2026-12-03T10:30:00Z")
		f.create(t, first)
		second := sample(t, "2026-12-03T08:00:00Z", "2026-12-03T12:00:00Z")
		second.Persons[2].Documents[0] = first.Persons[2].Documents[0]
		rec := f.create(t, second)
		f.handle(t, f.record(t, rec.Header.ID, "1"))
		list := f.assessments(t, rec.Header.ID)
		if len(list) != 1 {
			t.Fatalf("want 1 assessment, got %d", len(list))
		}
		found := false
		for _, h := range list[0].Hits {
			found = found || (h.Rule == rules.RuleOverlappingFlights && h.PersonIndex != nil && *h.PersonIndex == 2)
		}
		if !found || list[0].Level == rules.LevelLow {
			t.Errorf("want an overlapping-flights hit on person 2 and a raised level, got %s %+v", list[0].Level, list[0].Hits)
		}
	})
}

func TestAmendmentIsScoredAndTheOldRecordIsStale(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		rec := f.create(t, sample(t, "2026-12-04T06:00:00Z", "2026-12-04T10:30:00Z"))
		v1 := f.record(t, rec.Header.ID, "1")
		f.handle(t, v1)
		loaded, err := f.db.Get(ctx, rec.Header.ID)
		if err != nil {
			t.Fatal(err)
		}
		loaded.Manifest.Persons = loaded.Manifest.Persons[:4] // one passenger removed
		if err := f.db.Replace(ctx, loaded, 1); err != nil {
			t.Fatal(err)
		}
		v2 := f.record(t, rec.Header.ID, "2")
		if failed := f.handle(t, v1, v2); len(failed) != 0 {
			t.Fatalf("failed %v", failed)
		}
		list := f.assessments(t, rec.Header.ID)
		if len(list) != 2 || list[1].ManifestVersion != 2 {
			t.Fatalf("want assessments of versions 1 and 2, got %+v", list)
		}
		changed := false
		for _, h := range list[1].Hits {
			changed = changed || h.Rule == rules.RulePersonsChanged
		}
		if !changed {
			t.Errorf("version 2 assessment lacks the persons-changed hit: %+v", list[1].Hits)
		}
	})
}

// TestResubmittedFlightIsOneDuplicateFindingOnBoth: the same flight submitted twice by one
// organisation is one PROBABLE_DUPLICATE_SUBMISSION finding naming the other manifest, not an
// overlap per person, and the earlier manifest is assessed again at once so that it names the
// later one too.
func TestResubmittedFlightIsOneDuplicateFindingOnBoth(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		first := sample(t, "2026-12-06T06:00:00Z", "2026-12-06T10:30:00Z")
		a := f.createFlight(t, first, "org-dup")
		f.handle(t, f.record(t, a.Header.ID, "1"))
		if got := f.assessments(t, a.Header.ID); len(got) != 1 || got[0].Level != rules.LevelLow {
			t.Fatalf("first submission: %+v", got)
		}
		second := *first
		b := f.createFlight(t, &second, "org-dup")
		f.handle(t, f.record(t, b.Header.ID, "2"))
		later := f.assessments(t, b.Header.ID)
		if len(later) != 1 {
			t.Fatalf("second submission: %d assessments", len(later))
		}
		dups, overlaps := 0, 0
		for _, h := range later[0].Hits {
			switch h.Rule {
			case rules.RuleProbableDuplicate:
				dups++
				if !strings.Contains(h.Message, a.Header.ID) {
					t.Errorf("the finding does not name the first manifest: %q", h.Message)
				}
			case rules.RuleOverlappingFlights, rules.RuleDocumentOnOther:
				overlaps++
			}
		}
		if dups != 1 || overlaps != 0 {
			t.Fatalf("want one duplicate finding and no per-person overlaps, got %+v", later[0].Hits)
		}
		earlier := f.assessments(t, a.Header.ID)
		if len(earlier) != 2 {
			t.Fatalf("the first manifest was not assessed again: %d assessments", len(earlier))
		}
		if names := rules.NamedManifests(&earlier[1].Assessment); len(names) != 1 || names[0] != b.Header.ID {
			t.Fatalf("the first manifest's new assessment names %v, want %s", names, b.Header.ID)
		}
		// Delivering the second record again neither rescores it nor the first: nothing ping-pongs.
		f.handle(t, f.record(t, b.Header.ID, "3"))
		if n, m := len(f.assessments(t, a.Header.ID)), len(f.assessments(t, b.Header.ID)); n != 2 || m != 1 {
			t.Fatalf("after a redelivery: %d and %d assessments, want 2 and 1", n, m)
		}
	})
}

// TestDocumentOnAnotherFlightReassessesTheEarlierManifest: the earlier manifest learns of the
// shared document when the later one is scored, not at the next rescan.
func TestDocumentOnAnotherFlightReassessesTheEarlierManifest(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		first := sample(t, "2026-12-07T06:00:00Z", "2026-12-07T10:30:00Z")
		a := f.create(t, first)
		f.handle(t, f.record(t, a.Header.ID, "1"))
		second := sample(t, "2026-12-07T07:00:00Z", "2026-12-07T11:30:00Z")
		for i := range 3 {
			second.Persons[i].Documents[0] = first.Persons[i].Documents[0]
		}
		b := f.create(t, second)
		f.handle(t, f.record(t, b.Header.ID, "2"))
		later := f.assessments(t, b.Header.ID)[0]
		if n := countRule(later.Hits, rules.RuleOverlappingFlights); n != 1 {
			t.Fatalf("want one overlap finding for the three documents, got %+v", later.Hits)
		}
		earlier := f.assessments(t, a.Header.ID)
		if len(earlier) != 2 || countRule(earlier[1].Hits, rules.RuleOverlappingFlights) != 1 || earlier[1].Level == rules.LevelLow {
			t.Fatalf("the earlier manifest was not reassessed with the overlap: %+v", earlier)
		}
	})
}

func countRule(hs []rules.Hit, rule string) int {
	n := 0
	for _, h := range hs {
		if h.Rule == rule {
			n++
		}
	}
	return n
}

// createFlight stores m with a header carrying its flight, as intake writes it.
func (f *fixture) createFlight(t *testing.T, m *manifest.Manifest, org string) *paxscreen.Record {
	t.Helper()
	fl := m.Flight
	rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: org,
		FlightNumber: fl.Number, Registration: fl.AircraftRegistration, DepartureAirport: fl.Departure.Airport, ArrivalAirport: fl.Arrival.Airport,
		DepartureTime: fl.Departure.Scheduled, ArrivalTime: fl.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
	if err := f.db.Create(context.Background(), rec, nil); err != nil {
		t.Fatal(err)
	}
	return rec
}
