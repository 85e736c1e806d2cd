// Package storecontract is the behaviour every manifest store must have, written once and run
// against shared/store on DynamoDB Local and against the in-memory shared/testkit/memstore: what
// passes here on both is what lets service and API tests use the fake in place of the table.
//
// Every case keeps its data apart by random ids, organisations, document numbers and arrival
// windows, so that the suite can share one table with other tests.
package storecontract

import (
	"context"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
)

// Store is everything the services and the API use of a store (the union of their
// consumer-side interfaces), with the test hooks both implementations offer.
type Store interface {
	Create(ctx context.Context, rec *store.Record, idem *store.Idempotency) error
	Replace(ctx context.Context, rec *store.Record, expected int) error
	Replay(ctx context.Context, key string) (store.StoredResponse, string, error)
	Get(ctx context.Context, id string) (*store.Record, error)
	GetHeader(ctx context.Context, id string) (*store.Header, error)
	GetInOrganisation(ctx context.Context, id, org string) (*store.Record, error)
	Persons(ctx context.Context, id string, version int) ([]manifest.Person, error)
	List(ctx context.Context, org string, q store.ListQuery) (store.Page, error)
	ListAll(ctx context.Context, q store.ListQuery) (store.Page, error)
	LivePage(ctx context.Context, status, fromArrival, beforeArrival string, start map[string]string, limit int) ([]store.Header, map[string]string, error)
	SaveAssessment(ctx context.Context, id string, version, seq int, a rules.Assessment, status string) error
	Assessment(ctx context.Context, id string, seq int) (*store.AssessmentRecord, error)
	Assessments(ctx context.Context, id string) ([]store.AssessmentRecord, error)
	Decide(ctx context.Context, id string, version, seq int, decision, reason, by string) error
	Audit(ctx context.Context, id string) ([]store.AuditRecord, error)
	IndexDocuments(ctx context.Context, rec *store.Record) error
	Sightings(ctx context.Context, rec *store.Record) ([]rules.Sighting, error)
	ClaimAlert(ctx context.Context, id, key string, lease time.Duration) error
	MarkAlertSent(ctx context.Context, id, key string, messageID string) error
	ReleaseAlert(ctx context.Context, id, key string) error
	AlertState(ctx context.Context, id, key string) (string, error)
	MarkAlertNotNeeded(ctx context.Context, id, key string) error
	LoadRescanState(ctx context.Context) (store.RescanState, error)
	SaveRescanState(ctx context.Context, st store.RescanState) error
	Close(ctx context.Context, id string, version int, expiresAt, keepRecords time.Time, by string) error
	PutSnapshot(ctx context.Context, meta store.SnapshotMeta, data []byte) error
	CurrentSnapshots(ctx context.Context) ([]store.SnapshotMeta, error)
	LoadSnapshot(ctx context.Context, meta store.SnapshotMeta) ([]byte, error)
	DocumentKey(docType, state, number string) string
	SetClock(now func() time.Time)
	SetCursorKey(key []byte) error
}

// Both implementations satisfy it.
var _ Store = (*store.Store)(nil)

var _ Store = (*memstore.Store)(nil)
