package store_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"
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

// The behaviour the in-memory store shares (round trips, chunks, idempotency, versions, lists,
// cursors) is held by shared/testkit/storecontract on both stores; this file holds what only the
// DynamoDB adapter has: the document index items, the table's scoping and key layout.

// sample builds an n-person manifest arriving at arrival; persons carry MRZ lines and addresses,
// as real manifests do.
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
