package store_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

func newStore(t *testing.T) (*store.Store, *dynamodb.Client, string) {
	t.Helper()
	client, table := dynamotest.Table(t)
	return store.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1"), client, table
}

// sample builds an n-person manifest arriving at arrival; persons carry MRZ lines and addresses
// so that 1,000 of them need more than one 350 KB chunk.
func sample(n int, arrival time.Time) *manifest.Manifest {
	m := &manifest.Manifest{
		Organiser: manifest.Organiser{Name: "Relief", Type: "NGO", EmergencyContact: manifest.Contact{Name: "Desk", Phone: "+49 30 1234567"}},
		Flight: manifest.Flight{Direction: "INBOUND", Regime: "CHARTER", Operator: "Op", AircraftRegistration: "D-AXYZ", AircraftType: "A320", SeatCapacity: 1000,
			Departure: manifest.Stop{Airport: "LTAG", Scheduled: arrival.Add(-4 * time.Hour).Format(time.RFC3339)},
			Arrival:   manifest.Stop{Airport: "ETAR", Scheduled: arrival.Format(time.RFC3339)}},
	}
	for i := range n {
		role := "PAX"
		if i == 0 {
			role = "PIC"
		}
		m.Persons = append(m.Persons, manifest.Person{
			Ref: fmt.Sprintf("p%d", i), Role: role, Surname: fmt.Sprintf("Surname%04d", i), GivenNames: "Given Names With Several Parts",
			DateOfBirth: "1980-01-01", Sex: "X", Nationality: "SWE",
			Documents: []manifest.Document{{Type: "P", Number: fmt.Sprintf("X%08d", i), IssuingState: "SWE", Expiry: "2031-01-01",
				MRZ: []string{strings.Repeat("<", 44), strings.Repeat("<", 44)}}},
			USAddress: &manifest.Address{Street: "1 Long Street Name Avenue", City: "Dover", State: "DE", PostalCode: "19901"},
		})
	}
	return m
}

func record(m *manifest.Manifest, org string) *paxscreen.Record {
	return &paxscreen.Record{Manifest: m, Header: paxscreen.Header{
		ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: org, SubmittedBy: "user-1", Format: "json",
		Registration: m.Flight.AircraftRegistration, DepartureAirport: m.Flight.Departure.Airport, ArrivalAirport: m.Flight.Arrival.Airport,
		DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{},
	}}
}

func TestCreateThenGetReturnsTheSameManifest(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	rec := record(sample(3, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)), "org-"+rand.Text())
	if err := s.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, rec.Header.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Manifest, rec.Manifest) {
		t.Errorf("manifest changed on the way through the table")
	}
	if got.Header.Version != 1 || got.Header.PersonCount != 3 || got.Header.Status != paxscreen.StatusReceived || got.Header.CreatedAt == "" {
		t.Errorf("header: %+v", got.Header)
	}
}

func TestGetUnknownManifestIsNotFound(t *testing.T) {
	s, _, _ := newStore(t)
	if _, err := s.Get(context.Background(), rand.Text()); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Fatalf("want paxscreen.ErrNotFound, got %v", err)
	}
}

func TestThousandPersonManifestStoresInChunksAndLoads(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	m := sample(1000, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	if b, _ := json.Marshal(m.Persons); len(b) < 400_000 {
		t.Fatalf("sample too small to need chunks: %d bytes", len(b))
	}
	rec := record(m, "org-"+rand.Text())
	if err := s.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, rec.Header.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.Chunks < 2 {
		t.Errorf("want several chunks, got %d", got.Header.Chunks)
	}
	if !reflect.DeepEqual(got.Manifest.Persons, m.Persons) {
		t.Errorf("persons differ after the round trip (%d read)", len(got.Manifest.Persons))
	}
}

func TestIdempotencyKeyStoresOnlyOnce(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	key := paxscreen.IdempotencyKey("org-1", "user-1", rand.Text())
	first := &paxscreen.Idempotency{Key: key, RequestHash: "h1", Response: paxscreen.StoredResponse{Status: 201, Body: `{"id":"A"}`, Location: "/manifests/A"}}
	if err := s.Create(ctx, record(sample(2, time.Now()), "o"), first); err != nil {
		t.Fatal(err)
	}
	second := record(sample(2, time.Now()), "o")
	err := s.Create(ctx, second, &paxscreen.Idempotency{Key: key, RequestHash: "h1"})
	if !errors.Is(err, paxscreen.ErrIdempotencyReplay) {
		t.Fatalf("want paxscreen.ErrIdempotencyReplay, got %v", err)
	}
	if _, err := s.Get(ctx, second.Header.ID); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("the replayed request stored a second manifest: %v", err)
	}
	resp, hash, err := s.Replay(ctx, key)
	if err != nil || hash != "h1" || resp != first.Response {
		t.Errorf("Replay = %+v, %q, %v; want the first response", resp, hash, err)
	}
}

func TestIdempotencyKeysAreScopedToTheCaller(t *testing.T) {
	keys := map[string]string{}
	for _, scope := range [][3]string{
		{"org-a", "alice", "k"}, {"org-a", "bob", "k"}, {"org-b", "alice", "k"}, {"", "alice", "k"},
		// Parts that would run together into one string without length prefixes.
		{"org-a", "lice", "k"}, {"org-al", "ice", "k"}, {"org-a", "alice", "k2"}, {"org-a", "alicek", ""},
	} {
		k := paxscreen.IdempotencyKey(scope[0], scope[1], scope[2])
		if prev, ok := keys[k]; ok {
			t.Errorf("scopes %v and %s share a key", scope, prev)
		}
		keys[k] = fmt.Sprint(scope)
	}
}

func TestConcurrentReplacesConflict(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	rec := record(sample(2, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)), "o")
	if err := s.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	const writers = 4
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Go(func() {
			m := sample(2+i, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
			r := &paxscreen.Record{Header: rec.Header, Manifest: m}
			errs[i] = s.Replace(ctx, r, 1)
		})
	}
	wg.Wait()
	won := -1
	for i, err := range errs {
		switch {
		case err == nil:
			if won >= 0 {
				t.Fatalf("writers %d and %d both replaced version 1", won, i)
			}
			won = i
		case !errors.Is(err, paxscreen.ErrVersionConflict):
			t.Fatalf("writer %d: want paxscreen.ErrVersionConflict, got %v", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no writer won")
	}
	got, err := s.Get(ctx, rec.Header.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.Version != 2 || len(got.Manifest.Persons) != 2+won {
		t.Errorf("after the race: version %d with %d persons, want version 2 with the winner's %d", got.Header.Version, len(got.Manifest.Persons), 2+won)
	}
	if err := s.Replace(ctx, &paxscreen.Record{Header: rec.Header, Manifest: sample(9, time.Now())}, 1); !errors.Is(err, paxscreen.ErrVersionConflict) {
		t.Errorf("stale replace: want paxscreen.ErrVersionConflict, got %v", err)
	}
}

func TestCreateIndexesDocumentsByKeyedHMAC(t *testing.T) {
	s, client, table := newStore(t)
	ctx := context.Background()
	rec := record(sample(2, time.Now()), "o")
	if err := s.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	d := rec.Manifest.Persons[1].Documents[0]
	key := s.DocumentKey(d.Type, d.IssuingState, d.Number)
	if strings.Contains(key, d.Number) || !strings.HasPrefix(key, "t1:") {
		t.Fatalf("document key %q exposes the number or lacks the key id", key)
	}
	out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: &table, Key: map[string]types.AttributeValue{
		"PK": &types.AttributeValueMemberS{Value: "DOC#" + key}, "SK": &types.AttributeValueMemberS{Value: "MANIFEST#" + rec.Header.ID}}})
	if err != nil || out.Item == nil {
		t.Fatalf("document index item missing: %v", err)
	}
}

func TestListPagesThroughOneOrganisationInArrivalOrder(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	org := "org-" + rand.Text()
	base := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	var want []string
	for i := range 5 {
		// Created out of order: the index, not the insertion, orders them.
		rec := record(sample(1, base.Add(time.Duration(4-i)*time.Hour)), org)
		if err := s.Create(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		want = append([]string{rec.Header.ID}, want...)
	}
	var got []string
	q := paxscreen.ListQuery{Limit: 2}
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("cursor never ends")
		}
		page, err := s.List(ctx, org, q)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range page.Items {
			got = append(got, h.ID)
		}
		if page.Cursor == "" {
			break
		}
		q.Cursor = page.Cursor
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("listed %v, want %v", got, want)
	}
}

func TestListByStatusWithinAnArrivalWindow(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	// A window no other test uses: every test shares the status index.
	base := time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(time.Now().UnixNano()%1e6) * time.Minute)
	var ids []string
	for i := range 3 {
		rec := record(sample(1, base.Add(time.Duration(i)*time.Hour)), "o")
		if err := s.Create(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rec.Header.ID)
	}
	page, err := s.ListAll(ctx, paxscreen.ListQuery{Status: paxscreen.StatusReceived,
		From: base.Format(time.RFC3339), To: base.Add(time.Hour).Format(time.RFC3339), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range page.Items {
		got = append(got, h.ID)
	}
	if !reflect.DeepEqual(got, ids[:2]) || page.Cursor != "" {
		t.Errorf("window listed %v (cursor %q), want the first two %v", got, page.Cursor, ids[:2])
	}
}

func TestListRefusesForeignCursors(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	org := "org-" + rand.Text()
	for range 3 {
		if err := s.Create(ctx, record(sample(1, time.Now()), org), nil); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 1})
	if err != nil || page.Cursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, page.Cursor)
	}
	for _, c := range []string{"garbage!", page.Cursor + "x"} {
		if _, err := s.List(ctx, org, paxscreen.ListQuery{Cursor: c}); !errors.Is(err, paxscreen.ErrBadCursor) {
			t.Errorf("cursor %q: want paxscreen.ErrBadCursor, got %v", c, err)
		}
	}
	if _, err := s.List(ctx, "other", paxscreen.ListQuery{Cursor: page.Cursor}); !errors.Is(err, paxscreen.ErrBadCursor) {
		t.Errorf("cursor reused with another query: want paxscreen.ErrBadCursor, got %v", err)
	}
}
