package notify_test

import (
	"context"
	"crypto/rand"
	"errors"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	tablestore "github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
)

// recorder is an in-memory Publisher: it keeps what was published, and fails the first fails
// publishes as an unreachable SNS would.
type recorder struct {
	mu    sync.Mutex
	sent  []alert.Message
	fails int
}

func (r *recorder) Publish(_ context.Context, m alert.Message) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fails > 0 {
		r.fails--
		return "", errors.New("SNS is down")
	}
	r.sent = append(r.sent, m)
	return "m" + strconv.Itoa(len(r.sent)), nil
}

func (r *recorder) messages() []alert.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.sent)
}

// store is what the service tests need of a store: notify's and the writes that set a case up.
type store interface {
	notify.Store
	Create(ctx context.Context, rec *paxscreen.Record, idem *paxscreen.Idempotency) error
	SaveAssessment(ctx context.Context, id string, version, seq int, a rules.Assessment, status paxscreen.Status) error
	Decide(ctx context.Context, id string, version, seq int, decision, reason, by string) error
	Audit(ctx context.Context, id string) ([]paxscreen.AuditRecord, error)
}

// stores runs a test on the in-memory store, which needs no emulator, and on DynamoDB Local
// (skipped outside CI when it is not running). ownTable names the table a test on DynamoDB gets
// to itself, so that no other package's rescan acts on its manifests meanwhile.
func stores(t *testing.T, ownTable string, run func(t *testing.T, db store)) {
	t.Run("memstore", func(t *testing.T) { run(t, memstore.New([]byte("test-key-test-key-test-key-test-key"), "t1")) })
	t.Run("dynamodb", func(t *testing.T) {
		client, table := dynamotest.OwnTable(t, ownTable)
		run(t, tablestore.New(client, table, []byte("test-key-test-key-test-key-test-key"), "t1"))
	})
}

// TestRedriveSendsOnlyOwedAlertsNeverSent is the rescan's repair: an owed alert whose stream
// record was given up is sent, once, with its deduplication id; an alert sent already, or one
// the assessment never called for, is not.
func TestRedriveSendsOnlyOwedAlertsNeverSent(t *testing.T) {
	stores(t, "redrive", func(t *testing.T, db store) {
		ctx := context.Background()
		pub := &recorder{}
		svc := &notify.Service{Store: db, Publisher: pub, Config: alert.Config{MinLevel: rules.LevelMedium, BaseURL: "https://api.example"}}
		create := func(level string) string {
			m := &manifest.Manifest{Flight: manifest.Flight{Departure: manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
				Arrival: manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"}}, Persons: []manifest.Person{{Surname: "A"}}}
			rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: "o",
				ArrivalTime: "2026-12-01T10:30:00Z", Warnings: []manifest.Finding{}}}
			if err := db.Create(ctx, rec, nil); err != nil {
				t.Fatal(err)
			}
			a := rules.Assessment{Level: level, RulesetVersion: "r", Hits: []rules.Hit{}}
			if err := db.SaveAssessment(ctx, rec.Header.ID, 1, 1, a, paxscreen.StatusFlagged); err != nil {
				t.Fatal(err)
			}
			return rec.Header.ID
		}
		owed, low := create(rules.LevelHigh), create(rules.LevelLow)

		// The stream gave both records up: nothing was sent. Two repairs at once send the owed one once.
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if _, err := svc.Redrive(ctx, owed, 1); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		if sent, err := svc.Redrive(ctx, low, 1); err != nil || sent {
			t.Errorf("a LOW first assessment below the alert level: sent %v, %v", sent, err)
		}
		if len(pub.sent) != 1 || pub.sent[0].Attributes[notify.DeduplicationAttribute] != notify.DeduplicationID(owed, paxscreen.AlertKey(1)) {
			t.Fatalf("published %+v, want the owed alert once with its deduplication id", pub.sent)
		}
		// Later rescans find both settled: the sent alert and the not-needed one.
		for _, id := range []string{owed, low} {
			if sent, err := svc.Redrive(ctx, id, 1); err != nil || sent {
				t.Errorf("%s re-driven again: %v, %v", id, sent, err)
			}
			if st, err := db.AlertState(ctx, id, paxscreen.AlertKey(1)); err != nil || st == paxscreen.AlertMissing {
				t.Errorf("%s alert state %q, %v", id, st, err)
			}
		}
		if len(pub.sent) != 1 {
			t.Errorf("published %d messages, want 1", len(pub.sent))
		}
	})
}
