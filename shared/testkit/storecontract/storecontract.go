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
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
)

// Store is everything the services and the API use of a store (the union of their
// consumer-side interfaces), with the test hooks both implementations offer.
type Store interface {
	Create(ctx context.Context, rec *paxscreen.Record, idem *paxscreen.Idempotency) error
	Replace(ctx context.Context, rec *paxscreen.Record, expected int) error
	Replay(ctx context.Context, key string) (paxscreen.StoredResponse, string, error)
	Get(ctx context.Context, id string) (*paxscreen.Record, error)
	GetHeader(ctx context.Context, id string) (*paxscreen.Header, error)
	GetInOrganisation(ctx context.Context, id, org string) (*paxscreen.Record, error)
	Persons(ctx context.Context, id string, version int) ([]manifest.Person, error)
	List(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error)
	ListAll(ctx context.Context, q paxscreen.ListQuery) (paxscreen.Page, error)
	LivePage(ctx context.Context, status paxscreen.Status, fromArrival, beforeArrival string, start map[string]string, limit int) ([]paxscreen.Header, map[string]string, error)
	SaveAssessment(ctx context.Context, id string, version, seq int, a rules.Assessment, status paxscreen.Status) error
	Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error)
	Assessments(ctx context.Context, id string) ([]paxscreen.AssessmentRecord, error)
	Decide(ctx context.Context, id string, version, seq int, decision, reason, by string) error
	Audit(ctx context.Context, id string) ([]paxscreen.AuditRecord, error)
	IndexDocuments(ctx context.Context, rec *paxscreen.Record) error
	Sightings(ctx context.Context, rec *paxscreen.Record) ([]rules.Sighting, error)
	ClaimAlert(ctx context.Context, id, key string, lease time.Duration) error
	MarkAlertSent(ctx context.Context, id, key string, messageID string) error
	ReleaseAlert(ctx context.Context, id, key string) error
	AlertState(ctx context.Context, id, key string) (paxscreen.AlertState, error)
	MarkAlertNotNeeded(ctx context.Context, id, key string) error
	LoadRescanState(ctx context.Context) (paxscreen.RescanState, error)
	SaveRescanState(ctx context.Context, st paxscreen.RescanState) error
	Close(ctx context.Context, id string, version int, expiresAt, keepRecords time.Time, by string) error
	PutSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta, data []byte) error
	CurrentSnapshots(ctx context.Context) ([]paxscreen.SnapshotMeta, error)
	LoadSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta) ([]byte, error)
	DocumentKey(docType, state, number string) string
	SetClock(now func() time.Time)
	SetCursorKey(key []byte) error
}

// Both implementations satisfy it.
var _ Store = (*store.Store)(nil)

var _ Store = (*memstore.Store)(nil)
