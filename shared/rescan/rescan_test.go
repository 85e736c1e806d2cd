package rescan_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/memstore"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

// counting wraps the DynamoDB client to count calls, for the calls-per-manifest figure.
type counting struct {
	*dynamodb.Client
	calls atomic.Int64
}

func (c *counting) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.calls.Add(1)
	return c.Client.GetItem(ctx, in, o...)
}
func (c *counting) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.calls.Add(1)
	return c.Client.Query(ctx, in, o...)
}
func (c *counting) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, o ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	c.calls.Add(1)
	return c.Client.TransactWriteItems(ctx, in, o...)
}
func (c *counting) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	c.calls.Add(1)
	return c.Client.BatchWriteItem(ctx, in, o...)
}
func (c *counting) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	c.calls.Add(1)
	return c.Client.PutItem(ctx, in, o...)
}
func (c *counting) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	c.calls.Add(1)
	return c.Client.UpdateItem(ctx, in, o...)
}
func (c *counting) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	c.calls.Add(1)
	return c.Client.DeleteItem(ctx, in, o...)
}

// tally records which manifests the rescan scored, and how often.
type tally struct {
	scoring.Service
	mu     sync.Mutex
	scored map[string]int
}

func (t *tally) Score(ctx context.Context, id string, version int) (scoring.Outcome, *rules.Assessment, error) {
	out, a, err := t.Service.Score(ctx, id, version)
	if out == scoring.Scored {
		t.mu.Lock()
		t.scored[id]++
		t.mu.Unlock()
	}
	return out, a, err
}

type fixture struct {
	db    storecontract.Store
	calls *counting
	tally *tally
	svc   *rescan.Service
}

func setup(t testing.TB) *fixture {
	client, table := dynamotest.OwnTable(t, "rescan")
	c := &counting{Client: client}
	// A document key of the test's own: the tests share the table and the document numbers, and
	// a cross-manifest finding now reassesses the manifest it names.
	f := newFixture(store.New(c, table, []byte("test-key-"+rand.Text()), "t1"))
	f.calls = c
	return f
}

// each runs a test on the in-memory store, which needs no emulator, and on DynamoDB Local
// (skipped outside CI when it is not running).
func each(t *testing.T, run func(t *testing.T, f *fixture)) {
	t.Run("memstore", func(t *testing.T) { run(t, newFixture(memstore.New([]byte("test-key-"+rand.Text()), "t1"))) })
	t.Run("dynamodb", func(t *testing.T) { run(t, setup(t)) })
}

func newFixture(db storecontract.Store) *fixture {
	tl := &tally{Service: scoring.Service{Store: db, Rules: rules.Default()}, scored: map[string]int{}}
	return &fixture{db: db, tally: tl, svc: &rescan.Service{
		Store: db, Scorer: tl, RulesetVersion: rules.Default().Version, Window: 48 * time.Hour, Retention: 90 * 24 * time.Hour,
		PageSize: 100, Now: time.Now, Log: slog.New(slog.NewJSONHandler(io.Discard, nil)),
	}}
}

func one(i int, arrival time.Time) *manifest.Manifest {
	return &manifest.Manifest{
		Organiser: manifest.Organiser{Name: "Relief", Type: "NGO", EmergencyContact: manifest.Contact{Name: "Desk", Phone: "+49 30 1234567"}},
		Flight: manifest.Flight{Direction: "INBOUND", Regime: "CHARTER", Operator: "Example Charter GmbH", AircraftRegistration: "D-AXYZ", AircraftType: "A320", SeatCapacity: 10,
			Departure: manifest.Stop{Airport: "LTAG", Scheduled: arrival.Add(-4 * time.Hour).Format(time.RFC3339)},
			Arrival:   manifest.Stop{Airport: "ETAR", Scheduled: arrival.Format(time.RFC3339)}},
		Persons: []manifest.Person{{Ref: "p", Role: "PIC", Surname: "Pilot", GivenNames: "Test", DateOfBirth: "1980-01-01", Nationality: "DEU",
			Documents: []manifest.Document{{Type: "P", Number: fmt.Sprintf("R%08d", i), IssuingState: "DEU", Expiry: "2031-01-01"}}}},
	}
}

// populate stores n live manifests already assessed, stale of them under an old ruleset.
func (f *fixture) populate(t testing.TB, n, stale int) []string {
	t.Helper()
	ctx := context.Background()
	ids := make([]string, n)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	sem := make(chan struct{}, 8)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			m := one(i, time.Now().Add(time.Duration(1+i%72)*time.Hour))
			rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: "rescan-o",
				DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
			if err := f.db.Create(ctx, rec, nil); err != nil {
				errs <- err
				return
			}
			version := rules.Default().Version
			if i < stale {
				version = "2025.01.01-old"
			}
			a := rules.Assessment{Level: rules.LevelLow, RulesetVersion: version, WatchlistVersions: map[string]string{}, Hits: []rules.Hit{}}
			if err := f.db.SaveAssessment(ctx, rec.Header.ID, 1, 1, a, paxscreen.StatusScreened); err != nil {
				errs <- err
				return
			}
			ids[i] = rec.Header.ID
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	return ids
}

// DynamoDB Local only: the carry-on path needs a run that a 300 ms budget cannot finish, and
// the in-memory store finishes any run in less.
func TestRescanRescoresExactlyTheStaleOnesOnce(t *testing.T) {
	f := setup(t)
	ids := f.populate(t, 2000, 300)
	// Several runs with a tiny time budget, as a busy Lambda would get.
	runs, total := 0, rescan.Report{}
	for {
		runs++
		if runs > 500 {
			t.Fatal("rescan never finished")
		}
		rep, err := f.svc.Run(context.Background(), time.Now().Add(300*time.Millisecond))
		if err != nil {
			t.Fatal(err)
		}
		total.Rescored += rep.Rescored
		total.Failed += rep.Failed
		if rep.Done {
			break
		}
	}
	if runs < 2 {
		t.Errorf("a 300 ms budget finished in one run: the carry-on path was not exercised")
	}
	if total.Rescored != 300 || total.Failed != 0 || len(f.tally.scored) != 300 {
		t.Fatalf("rescored %d (failed %d, distinct %d) in %d runs, want exactly the 300 stale", total.Rescored, total.Failed, len(f.tally.scored), runs)
	}
	for i, id := range ids {
		if n := f.tally.scored[id]; (i < 300 && n != 1) || (i >= 300 && n != 0) {
			t.Fatalf("manifest %d scored %d times", i, n)
		}
	}
	// A second full run finds nothing stale.
	rep, err := f.svc.Run(context.Background(), time.Now().Add(time.Minute))
	if err != nil || rep.Rescored != 0 || !rep.Done {
		t.Errorf("second run: %v, %v", rep, err)
	}
}

func TestRescanRacingAmendmentsNeverOverwritesTheNewVersion(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ids := f.populate(t, 60, 60)
		ctx := context.Background()
		var wg sync.WaitGroup
		wg.Go(func() {
			if _, err := f.svc.Run(ctx, time.Now().Add(time.Minute)); err != nil {
				t.Error(err)
			}
		})
		for _, id := range ids {
			rec, err := f.db.Get(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			rec.Manifest.Flight.SeatCapacity = 9
			// Rescoring never changes the version, so an amendment of the version just read succeeds.
			if err := f.db.Replace(ctx, rec, rec.Header.Version); err != nil {
				t.Fatalf("amend %s: %v", id, err)
			}
		}
		wg.Wait()
		for _, id := range ids {
			h, err := f.db.GetHeader(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			// The amendment stands, and the header never claims an assessment of an older version
			// as the current one: either version 2 was scored, or it is still pending.
			if h.Version != 2 || (h.ScoreState == paxscreen.ScoreDone && h.AssessedVersion != 2) {
				t.Fatalf("after the race: version %d, score state %s, assessed version %d", h.Version, h.ScoreState, h.AssessedVersion)
			}
		}
	})
}

func TestRescanClosesFlightsThatAreOver(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		m := one(1, time.Now().Add(-72*time.Hour))
		rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusCleared, Organisation: "rescan-o",
			DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
		if err := f.db.Create(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		rep, err := f.svc.Run(ctx, time.Now().Add(time.Minute))
		if err != nil || rep.Closed != 1 {
			t.Fatalf("closed %d: %v (%v)", rep.Closed, err, rep)
		}
		h, _ := f.db.GetHeader(ctx, rec.Header.ID)
		if h.Status != paxscreen.StatusClosed {
			t.Errorf("status %s", h.Status)
		}
		trail, _ := f.db.Audit(ctx, rec.Header.ID)
		if len(trail) != 2 || trail[1].Action != paxscreen.AuditClosed {
			t.Errorf("audit %+v", trail)
		}
	})
}

// Past the live window a manifest is closed only when no review of it is owed: one waiting for a
// reviewer stays in the queue, and one never assessed (submitted after its flight) is assessed
// first.
func TestRescanPastTheWindowClosesOnlyWhatNeedsNoReview(t *testing.T) {
	tests := []struct {
		status     paxscreen.Status
		wantClosed bool
		wantScored bool
	}{
		{paxscreen.StatusReceived, false, true},
		{paxscreen.StatusScreened, true, false},
		{paxscreen.StatusFlagged, false, false},
		{paxscreen.StatusNeedsInfo, false, false},
		{paxscreen.StatusEscalated, false, false},
		{paxscreen.StatusCleared, true, false},
		{paxscreen.StatusDenied, true, false},
	}
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		ids := map[paxscreen.Status]string{}
		for i, tt := range tests {
			m := one(900+i, time.Now().Add(-72*time.Hour))
			rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: tt.status, Organisation: "rescan-o",
				DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
			if err := f.db.Create(ctx, rec, nil); err != nil {
				t.Fatal(err)
			}
			if tt.status != paxscreen.StatusReceived {
				a := rules.Assessment{Level: rules.LevelLow, RulesetVersion: f.svc.RulesetVersion, WatchlistVersions: map[string]string{}, Hits: []rules.Hit{}}
				if err := f.db.SaveAssessment(ctx, rec.Header.ID, 1, 1, a, tt.status); err != nil {
					t.Fatal(err)
				}
			}
			ids[tt.status] = rec.Header.ID
		}
		rep, err := f.svc.Run(ctx, time.Now().Add(time.Minute))
		if err != nil || !rep.Done {
			t.Fatalf("run: %v (%v)", err, rep)
		}
		owed := 0
		for _, tt := range tests {
			h, err := f.db.GetHeader(ctx, ids[tt.status])
			if err != nil {
				t.Fatal(err)
			}
			switch h.Status {
			case paxscreen.StatusFlagged, paxscreen.StatusNeedsInfo, paxscreen.StatusEscalated:
				owed++ // the one assessed now may be flagged (submitted after its flight)
			}
			if closed := h.Status == paxscreen.StatusClosed; closed != tt.wantClosed {
				t.Errorf("%s past the window: closed %v, want %v (now %s)", tt.status, closed, tt.wantClosed, h.Status)
			}
			if scored := f.tally.scored[ids[tt.status]] > 0; scored != tt.wantScored {
				t.Errorf("%s past the window: assessed %v, want %v", tt.status, scored, tt.wantScored)
			}
			if tt.wantScored && h.AssessedVersion != h.Version {
				t.Errorf("%s past the window: version %d, assessed %d", tt.status, h.Version, h.AssessedVersion)
			}
		}
		if rep.AwaitingDecision != owed {
			t.Errorf("awaiting decision %d, want the %d manifests a review is owed on (%v)", rep.AwaitingDecision, owed, rep)
		}
	})
}

// BenchmarkRescan reports rescored manifests per second against DynamoDB Local and the DynamoDB
// calls each one costs.
func BenchmarkRescan(b *testing.B) {
	f := setup(b)
	const n = 200
	f.populate(b, n, n)
	b.ResetTimer()
	start := time.Now()
	before := f.calls.calls.Load()
	rep, err := f.svc.Run(context.Background(), time.Now().Add(10*time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(rep.Rescored)/elapsed.Seconds(), "manifests/s")
	b.ReportMetric(float64(f.calls.calls.Load()-before)/float64(max(rep.Rescored, 1)), "calls/manifest")
}
