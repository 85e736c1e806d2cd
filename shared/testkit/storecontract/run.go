package storecontract

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// Run runs every case of the contract on stores newStore makes; each case gets a store of its
// own (which may share a table with others).
func Run(t *testing.T, newStore func(t *testing.T) Store) {
	cases := []struct {
		name string
		run  func(*testing.T, Store)
	}{
		{"CreateThenGetReturnsTheSameManifest", createThenGet},
		{"BigManifestRoundTrips", bigManifest},
		{"MissingManifest", missingManifest},
		{"CreateOfAnExistingIDConflicts", createExisting},
		{"IdempotencyRecords", idempotencyRecords},
		{"ConcurrentReplacesConflict", concurrentReplaces},
		{"ReplaceChangesOnlyTheVersion", replaceKeepsLife},
		{"AssessmentsNeverMoveBackwards", assessmentsGuarded},
		{"DecisionsNeedTheAssessmentNamed", decisionsGuarded},
		{"DecisionsOnAClosedManifestAreRefused", decisionsAfterClose},
		{"GetInOrganisation", getInOrganisation},
		{"ListIsOneOrganisation", listOneOrganisation},
		{"ListFiltersAndWindow", listFilters},
		{"ListLimitIsClamped", listLimit},
		{"CursorsAreBoundToQueryAndScope", cursors},
		{"ListAllWalksStatusesInOrder", listAll},
		{"LivePagesAStatus", livePage},
		{"AlertClaims", alertClaims},
		{"AlertLeaseExpires", alertLease},
		{"CloseEndsALife", closeManifest},
		{"SightingsOfLiveVersionsOnly", sightings},
		{"RescanState", rescanState},
		{"Snapshots", snapshots},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, newStore(t)) })
	}
}

var ctx = context.Background()

// unique is an id part no other test uses; organisation.Check accepts it.
func unique() string { return strings.ToLower(rand.Text()[:12]) }

// sample builds an n-person manifest arriving at arrival whose document numbers are the
// test's own (sightings would otherwise meet other tests' documents).
func sample(n int, arrival time.Time) *manifest.Manifest {
	m := &manifest.Manifest{
		Organiser: manifest.Organiser{Name: "Relief", Type: "NGO", EmergencyContact: manifest.Contact{Name: "Desk", Phone: "+49 30 1234567"}},
		Flight: manifest.Flight{Direction: "INBOUND", Regime: "CHARTER", Operator: "Op", AircraftRegistration: "D-AXYZ", AircraftType: "A320", SeatCapacity: 1000,
			Departure: manifest.Stop{Airport: "LTAG", Scheduled: arrival.Add(-4 * time.Hour).Format(time.RFC3339)},
			Arrival:   manifest.Stop{Airport: "ETAR", Scheduled: arrival.Format(time.RFC3339)}},
	}
	prefix := strings.ToUpper(unique()[:6])
	for i := range n {
		role := "PAX"
		if i == 0 {
			role = "PIC"
		}
		m.Persons = append(m.Persons, manifest.Person{
			Ref: fmt.Sprintf("p%d", i), Role: role, Surname: fmt.Sprintf("Surname%04d", i), GivenNames: "Given Names With Several Parts",
			DateOfBirth: "1980-01-01", Sex: "X", Nationality: "SWE",
			Documents: []manifest.Document{{Type: "P", Number: fmt.Sprintf("%s%05d", prefix, i), IssuingState: "SWE", Expiry: "2031-01-01",
				MRZ: []string{strings.Repeat("<", 44), strings.Repeat("<", 44)}}},
			USAddress: &manifest.Address{Street: "1 Long Street Name Avenue", City: "Dover", State: "DE", PostalCode: "19901"},
		})
	}
	return m
}

func record(m *manifest.Manifest, org string) *paxscreen.Record {
	return &paxscreen.Record{Manifest: m, Header: paxscreen.Header{
		ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: org, SubmittedBy: "user-1", Format: "json",
		OrganiserName: m.Organiser.Name, Registration: m.Flight.AircraftRegistration,
		DepartureAirport: m.Flight.Departure.Airport, ArrivalAirport: m.Flight.Arrival.Airport,
		DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{},
	}}
}

// window is an arrival time no other test uses, far enough ahead that no real manifest is there.
func window() time.Time {
	var b [4]byte
	rand.Read(b[:])
	minutes := int(b[0])<<16 | int(b[1])<<8 | int(b[2])
	return time.Date(2090, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(minutes) * time.Minute)
}

func create(t *testing.T, s Store, rec *paxscreen.Record) *paxscreen.Record {
	t.Helper()
	if err := s.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	return rec
}

// clock is a settable clock in whole seconds.
type clock struct{ t atomic.Int64 }

func newClock(s Store) *clock {
	c := &clock{}
	c.t.Store(1_800_000_000)
	s.SetClock(c.now)
	return c
}

func (c *clock) now() time.Time          { return time.Unix(c.t.Load(), 0).UTC() }
func (c *clock) advance(d time.Duration) { c.t.Add(int64(d / time.Second)) }

func assess(level string, score int) rules.Assessment {
	return rules.Assessment{Level: level, Score: score, RulesetVersion: "rs-1", WatchlistVersions: map[string]string{"UN": "v1"},
		Hits: []rules.Hit{}}
}

func createThenGet(t *testing.T, s Store) {
	c := newClock(s)
	rec := record(sample(3, window()), "org-"+unique())
	create(t, s, rec)
	stamp := c.now().Format(time.RFC3339)
	if rec.Header.Version != 1 || rec.Header.CreatedAt != stamp || rec.Header.ScoreState != paxscreen.ScorePending || rec.Header.PersonCount != 3 {
		t.Errorf("Create did not fill in the record's header: %+v", rec.Header)
	}
	got, err := s.Get(ctx, rec.Header.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Manifest, rec.Manifest) {
		t.Errorf("manifest changed on the way through the store:\n got %+v\nwant %+v", got.Manifest, rec.Manifest)
	}
	h := got.Header
	if h.Version != 1 || h.PersonCount != 3 || h.Chunks != 1 || h.Status != paxscreen.StatusReceived || h.ScoreState != paxscreen.ScorePending ||
		h.CreatedAt != stamp || h.UpdatedAt != stamp || h.SubmittedAt != stamp || h.AssessmentSeq != 0 {
		t.Errorf("header: %+v", h)
	}
	head, err := s.GetHeader(ctx, rec.Header.ID)
	if err != nil || !reflect.DeepEqual(*head, got.Header) {
		t.Errorf("GetHeader = %+v, %v; Get's header %+v", head, err, got.Header)
	}
	trail, err := s.Audit(ctx, rec.Header.ID)
	if err != nil || len(trail) != 1 || trail[0].Action != paxscreen.AuditSubmitted || trail[0].By != "user-1" || trail[0].Version != 1 {
		t.Errorf("audit after create: %+v, %v", trail, err)
	}
	// The caller's record is not the stored one: changing it afterwards changes nothing stored.
	rec.Manifest.Persons[0].Surname = "Changed"
	if again, _ := s.Get(ctx, rec.Header.ID); again.Manifest.Persons[0].Surname == "Changed" {
		t.Error("the store kept a reference to the caller's manifest")
	}
}

func bigManifest(t *testing.T, s Store) {
	rec := create(t, s, record(sample(1000, window()), "org-"+unique()))
	got, err := s.Get(ctx, rec.Header.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Header.Chunks < 2 || got.Header.PersonCount != 1000 {
		t.Errorf("1,000 persons in %d chunks, count %d", got.Header.Chunks, got.Header.PersonCount)
	}
	if !reflect.DeepEqual(got.Manifest.Persons, rec.Manifest.Persons) {
		t.Error("persons differ after the round trip")
	}
}

func missingManifest(t *testing.T, s Store) {
	id := rand.Text()
	if _, err := s.Get(ctx, id); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("Get: %v", err)
	}
	if _, err := s.GetHeader(ctx, id); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("GetHeader: %v", err)
	}
	if _, err := s.GetInOrganisation(ctx, id, "org-a"); !errors.Is(err, paxscreen.ErrNotFound) || errors.Is(err, paxscreen.ErrOtherOrganisation) {
		t.Errorf("GetInOrganisation: %v", err)
	}
	if _, err := s.Assessment(ctx, id, 1); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("Assessment: %v", err)
	}
	if list, err := s.Assessments(ctx, id); err != nil || len(list) != 0 {
		t.Errorf("Assessments: %v, %v", list, err)
	}
	if trail, err := s.Audit(ctx, id); err != nil || trail == nil || len(trail) != 0 {
		t.Errorf("Audit: %#v, %v; want an empty trail", trail, err)
	}
	if ps, err := s.Persons(ctx, id, 1); err != nil || len(ps) != 0 {
		t.Errorf("Persons: %v, %v", ps, err)
	}
	rec := record(sample(1, window()), "org-a")
	rec.Header.ID = id
	if err := s.Replace(ctx, rec, 1); !errors.Is(err, paxscreen.ErrVersionConflict) {
		t.Errorf("Replace: %v", err)
	}
	if _, err := s.GetHeader(ctx, id); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("a failed Replace left a header behind: %v", err)
	}
	if err := s.SaveAssessment(ctx, id, 1, 1, assess("LOW", 1), paxscreen.StatusScreened); !errors.Is(err, paxscreen.ErrAssessed) {
		t.Errorf("SaveAssessment: %v", err)
	}
	if err := s.Decide(ctx, id, 1, 1, "CLEARED", "r", "rev"); !errors.Is(err, paxscreen.ErrStaleAssessment) {
		t.Errorf("Decide: %v", err)
	}
	if err := s.Close(ctx, id, 1, time.Now(), time.Time{}, "rescan"); !errors.Is(err, paxscreen.ErrAlreadyClosed) {
		t.Errorf("Close: %v", err)
	}
	if _, _, err := s.Replay(ctx, paxscreen.IdempotencyKey("org-a", "u", rand.Text())); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("Replay: %v", err)
	}
}

func createExisting(t *testing.T, s Store) {
	first := create(t, s, record(sample(2, window()), "org-"+unique()))
	second := record(sample(5, window()), "org-"+unique())
	second.Header.ID = first.Header.ID
	if err := s.Create(ctx, second, nil); !errors.Is(err, paxscreen.ErrVersionConflict) {
		t.Fatalf("second create under one id: %v", err)
	}
	got, err := s.Get(ctx, first.Header.ID)
	if err != nil || got.Header.Organisation != first.Header.Organisation || len(got.Manifest.Persons) != 2 {
		t.Errorf("the first manifest changed: %+v, %v", got, err)
	}
}

func idempotencyRecords(t *testing.T, s Store) {
	key := paxscreen.IdempotencyKey("org-1", "user-1", rand.Text())
	first := &paxscreen.Idempotency{Key: key, RequestHash: "h1", Response: paxscreen.StoredResponse{Status: 201, Body: `{"id":"A"}`, Location: "/manifests/A"}}
	if err := s.Create(ctx, record(sample(2, window()), "org-1"), first); err != nil {
		t.Fatal(err)
	}
	second := record(sample(2, window()), "org-1")
	if err := s.Create(ctx, second, &paxscreen.Idempotency{Key: key, RequestHash: "h2"}); !errors.Is(err, paxscreen.ErrIdempotencyReplay) {
		t.Fatalf("second create under the key: %v", err)
	}
	if _, err := s.Get(ctx, second.Header.ID); !errors.Is(err, paxscreen.ErrNotFound) {
		t.Errorf("the replayed request stored a manifest: %v", err)
	}
	resp, hash, err := s.Replay(ctx, key)
	if err != nil || hash != "h1" || resp != first.Response {
		t.Errorf("Replay = %+v, %q, %v; want the first answer", resp, hash, err)
	}
	// The same client key in another scope is another record.
	other := paxscreen.IdempotencyKey("org-2", "user-1", strings.TrimPrefix(key, ""))
	if err := s.Create(ctx, record(sample(1, window()), "org-2"), &paxscreen.Idempotency{Key: other, RequestHash: "h3"}); err != nil {
		t.Errorf("another scope: %v", err)
	}
	if _, hash, _ := s.Replay(ctx, key); hash != "h1" {
		t.Errorf("another scope's write changed the first record: %q", hash)
	}
}

func concurrentReplaces(t *testing.T, s Store) {
	rec := create(t, s, record(sample(2, window()), "org-"+unique()))
	const writers = 4
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for i := range writers {
		wg.Go(func() {
			r := &paxscreen.Record{Header: rec.Header, Manifest: sample(2+i, window())}
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
			t.Fatalf("writer %d: %v", i, err)
		}
	}
	if won < 0 {
		t.Fatal("no writer won")
	}
	got, err := s.Get(ctx, rec.Header.ID)
	if err != nil || got.Header.Version != 2 || len(got.Manifest.Persons) != 2+won {
		t.Errorf("after the race: %+v, %v; want version 2 with %d persons", got.Header, err, 2+won)
	}
	if err := s.Replace(ctx, &paxscreen.Record{Header: rec.Header, Manifest: sample(9, window())}, 1); !errors.Is(err, paxscreen.ErrVersionConflict) {
		t.Errorf("a replace of the version the race already replaced: %v, want ErrVersionConflict", err)
	}
}

func replaceKeepsLife(t *testing.T, s Store) {
	c := newClock(s)
	org := "org-" + unique()
	rec := create(t, s, record(sample(2, window()), org))
	created := rec.Header.CreatedAt
	id := rec.Header.ID
	if err := s.SaveAssessment(ctx, id, 1, 1, assess("LOW", 3), paxscreen.StatusScreened); err != nil {
		t.Fatal(err)
	}
	// The trail is ordered by time, then version and action: entries of one instant would sort
	// by action.
	c.advance(time.Second)
	if err := s.Decide(ctx, id, 1, 1, "CLEARED", "fine", "rev-1"); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Minute)
	amended := record(sample(4, window()), "org-someone-else")
	amended.Header.ID = id
	amended.Header.SubmittedBy = "user-2"
	amended.Header.DepartureAirport = "OAKB"
	if err := s.Replace(ctx, amended, 1); err != nil {
		t.Fatal(err)
	}
	if amended.Header.Version != 2 || amended.Header.SubmittedAt != c.now().Format(time.RFC3339) {
		t.Errorf("Replace did not fill in the record's header: %+v", amended.Header)
	}
	got, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	h := got.Header
	// What describes the version is the amendment's...
	if h.Version != 2 || h.Status != paxscreen.StatusReceived || h.SubmittedBy != "user-2" || h.DepartureAirport != "OAKB" ||
		h.PersonCount != 4 || h.ScoreState != paxscreen.ScorePending || h.SubmittedAt != c.now().Format(time.RFC3339) || len(got.Manifest.Persons) != 4 {
		t.Errorf("version attributes after the amendment: %+v", h)
	}
	// ...what belongs to the manifest's life is not.
	if h.Organisation != org || h.CreatedAt != created || h.AssessmentSeq != 1 || h.AssessedVersion != 1 || h.Level != "LOW" ||
		h.Score != 3 || h.Decision != "CLEARED" || h.DecidedBy != "rev-1" || !h.EverCleared || h.WatchlistVersions["UN"] != "v1" {
		t.Errorf("life attributes after the amendment: %+v", h)
	}
	if v1, err := s.Persons(ctx, id, 1); err != nil || len(v1) != 2 {
		t.Errorf("version 1's persons: %d, %v", len(v1), err)
	}
	trail, _ := s.Audit(ctx, id)
	var actions []string
	for _, r := range trail {
		actions = append(actions, fmt.Sprintf("%s/%d/%s", r.Action, r.Version, r.By))
	}
	if want := []string{"SUBMITTED/1/user-1", "DECIDED/1/rev-1", "AMENDED/2/user-2"}; !slices.Equal(actions, want) {
		t.Errorf("trail %v, want %v", actions, want)
	}
	if err := s.Replace(ctx, record(sample(1, window()), org), 1); !errors.Is(err, paxscreen.ErrVersionConflict) {
		t.Errorf("replace of a new id: %v", err)
	}
	stale := &paxscreen.Record{Header: rec.Header, Manifest: sample(1, window())}
	if err := s.Replace(ctx, stale, 1); !errors.Is(err, paxscreen.ErrVersionConflict) {
		t.Errorf("stale replace: %v", err)
	}
}

func assessmentsGuarded(t *testing.T, s Store) {
	c := newClock(s)
	rec := create(t, s, record(sample(1, window()), "org-"+unique()))
	id := rec.Header.ID
	steps := []struct {
		name           string
		version, seq   int
		status         paxscreen.Status
		want           error
		decideEscalate bool
	}{
		{"assessment 2 before 1", 1, 2, paxscreen.StatusScreened, paxscreen.ErrAssessed, false},
		{"another version", 2, 1, paxscreen.StatusScreened, paxscreen.ErrAssessed, false},
		{"the first", 1, 1, paxscreen.StatusFlagged, nil, false},
		{"the same slot again", 1, 1, paxscreen.StatusScreened, paxscreen.ErrAssessed, false},
		{"the next over an undecided status", 1, 2, paxscreen.StatusScreened, nil, true},
		{"SCREENED over a reviewer's ESCALATED", 1, 3, paxscreen.StatusScreened, paxscreen.ErrAssessed, false},
		{"FLAGGED over ESCALATED", 1, 3, paxscreen.StatusFlagged, paxscreen.ErrAssessed, false},
		{"keeping ESCALATED", 1, 3, paxscreen.StatusEscalated, nil, false},
		{"going back to 2", 1, 2, paxscreen.StatusEscalated, paxscreen.ErrAssessed, false},
	}
	for i, st := range steps {
		c.advance(time.Second)
		err := s.SaveAssessment(ctx, id, st.version, st.seq, assess("MEDIUM", 10+i), st.status)
		if !errors.Is(err, st.want) || (st.want == nil && err != nil) {
			t.Fatalf("%s: %v, want %v", st.name, err, st.want)
		}
		if st.want != nil {
			continue
		}
		h, err := s.GetHeader(ctx, id)
		if err != nil || h.AssessmentSeq != st.seq || h.AssessedVersion != st.version || h.Status != st.status || h.Score != 10+i ||
			h.Level != "MEDIUM" || h.RulesetVersion != "rs-1" || h.ScoreState != paxscreen.ScoreDone || h.UpdatedAt != c.now().Format(time.RFC3339) {
			t.Errorf("%s: header %+v, %v", st.name, h, err)
		}
		if st.decideEscalate {
			if err := s.Decide(ctx, id, 1, st.seq, "ESCALATED", "look again", "rev"); err != nil {
				t.Fatal(err)
			}
		}
	}
	list, err := s.Assessments(ctx, id)
	if err != nil || len(list) != 3 {
		t.Fatalf("assessments %+v, %v", list, err)
	}
	for i, a := range list {
		if a.Seq != i+1 || a.ManifestVersion != 1 || a.AssessedAt == "" || a.WatchlistVersions["UN"] != "v1" {
			t.Errorf("assessment %d: %+v", i+1, a)
		}
	}
	one, err := s.Assessment(ctx, id, 2)
	if err != nil || !reflect.DeepEqual(*one, list[1]) {
		t.Errorf("Assessment(2) = %+v, %v; list has %+v", one, err, list[1])
	}
	// An amendment makes the next slot belong to the new version only.
	amended := &paxscreen.Record{Header: rec.Header, Manifest: sample(1, window())}
	if err := s.Replace(ctx, amended, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAssessment(ctx, id, 1, 4, assess("LOW", 1), paxscreen.StatusReceived); !errors.Is(err, paxscreen.ErrAssessed) {
		t.Errorf("an assessment of the amended version: %v", err)
	}
	if err := s.SaveAssessment(ctx, id, 2, 4, assess("LOW", 1), paxscreen.StatusScreened); err != nil {
		t.Errorf("the amendment's assessment: %v", err)
	}
}

func decisionsGuarded(t *testing.T, s Store) {
	c := newClock(s)
	rec := create(t, s, record(sample(1, window()), "org-"+unique()))
	id := rec.Header.ID
	if err := s.Decide(ctx, id, 1, 0, "CLEARED", "", "rev"); !errors.Is(err, paxscreen.ErrStaleAssessment) {
		t.Errorf("a decision before any assessment: %v", err)
	}
	if err := s.SaveAssessment(ctx, id, 1, 1, assess("HIGH", 70), paxscreen.StatusFlagged); err != nil {
		t.Fatal(err)
	}
	if err := s.Decide(ctx, id, 1, 1, "MAYBE", "", "rev"); err == nil || errors.Is(err, paxscreen.ErrStaleAssessment) {
		t.Errorf("an unknown decision: %v", err)
	}
	if err := s.SaveAssessment(ctx, id, 1, 2, assess("HIGH", 71), paxscreen.StatusFlagged); err != nil {
		t.Fatal(err)
	}
	if err := s.Decide(ctx, id, 1, 1, "CLEARED", "", "rev"); !errors.Is(err, paxscreen.ErrStaleAssessment) {
		t.Errorf("a decision on an older assessment: %v", err)
	}
	if err := s.Decide(ctx, id, 2, 2, "CLEARED", "", "rev"); !errors.Is(err, paxscreen.ErrStaleAssessment) {
		t.Errorf("a decision on a version that does not exist: %v", err)
	}
	for _, d := range []string{"NEEDS_INFO", "DENIED", "CLEARED", "ESCALATED"} {
		c.advance(time.Second)
		if err := s.Decide(ctx, id, 1, 2, d, "because "+d, "rev-"+d); err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		h, _ := s.GetHeader(ctx, id)
		if h.Status != paxscreen.Decisions[d] || h.Decision != d || h.DecidedBy != "rev-"+d || h.EverCleared != (d == "CLEARED" || d == "ESCALATED") ||
			h.UpdatedAt != c.now().Format(time.RFC3339) {
			t.Errorf("after %s: %+v", d, h)
		}
	}
	trail, _ := s.Audit(ctx, id)
	if len(trail) != 5 {
		t.Fatalf("trail %+v", trail)
	}
	last := trail[4]
	if last.Action != paxscreen.AuditDecided || last.Decision != "ESCALATED" || last.Reason != "because ESCALATED" || last.Assessment != 2 ||
		last.Version != 1 || last.At != c.now().Format(time.RFC3339Nano) {
		t.Errorf("last audit entry %+v", last)
	}
	// Amended since: the decision on version 1 is stale.
	if err := s.Replace(ctx, &paxscreen.Record{Header: rec.Header, Manifest: sample(1, window())}, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.Decide(ctx, id, 1, 2, "CLEARED", "", "rev"); !errors.Is(err, paxscreen.ErrStaleAssessment) {
		t.Errorf("a decision on the version before an amendment: %v", err)
	}
}

// decisionsAfterClose: once the rescan has closed a manifest, a decision on the very assessment
// it was closed at is refused with ErrClosed (not ErrStaleAssessment: nothing newer exists to
// decide on), and leaves the header and the trail as the close left them.
func decisionsAfterClose(t *testing.T, s Store) {
	c := newClock(s)
	rec := create(t, s, record(sample(1, window()), "org-"+unique()))
	id := rec.Header.ID
	if err := s.SaveAssessment(ctx, id, 1, 1, assess("HIGH", 70), paxscreen.StatusFlagged); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Second)
	if err := s.Decide(ctx, id, 1, 1, "ESCALATED", "look again", "rev-1"); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	if err := s.Close(ctx, id, 1, c.now().Add(time.Hour), time.Time{}, "rescan"); err != nil {
		t.Fatal(err)
	}
	before, err := s.GetHeader(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	for _, d := range []string{"CLEARED", "DENIED", "NEEDS_INFO", "ESCALATED"} {
		err := s.Decide(ctx, id, 1, 1, d, "after the flight", "rev-2")
		if !errors.Is(err, paxscreen.ErrClosed) || errors.Is(err, paxscreen.ErrStaleAssessment) {
			t.Errorf("%s on a closed manifest: %v, want ErrClosed", d, err)
		}
	}
	// An outdated assessment of a closed manifest is refused for the closing too: the reviewer
	// has nothing newer to turn to.
	if err := s.Decide(ctx, id, 1, 0, "CLEARED", "r", "rev-2"); !errors.Is(err, paxscreen.ErrClosed) {
		t.Errorf("an outdated assessment of a closed manifest: %v, want ErrClosed", err)
	}
	after, err := s.GetHeader(ctx, id)
	if err != nil || !reflect.DeepEqual(after, before) {
		t.Errorf("header after refused decisions:\n got %+v (%v)\nwant %+v", after, err, before)
	}
	trail, _ := s.Audit(ctx, id)
	if len(trail) != 3 || trail[2].Action != paxscreen.AuditClosed {
		t.Errorf("trail after refused decisions: %+v", trail)
	}
}

func getInOrganisation(t *testing.T, s Store) {
	org := "org-" + unique()
	rec := create(t, s, record(sample(2, window()), org))
	unowned := create(t, s, record(sample(1, window()), organisation.Unowned))
	got, err := s.GetInOrganisation(ctx, rec.Header.ID, org)
	if err != nil || len(got.Manifest.Persons) != 2 || got.Header.Organisation != org {
		t.Errorf("own organisation: %+v, %v", got, err)
	}
	_, err = s.GetInOrganisation(ctx, rec.Header.ID, "org-"+unique())
	if !errors.Is(err, paxscreen.ErrNotFound) || !errors.Is(err, paxscreen.ErrOtherOrganisation) {
		t.Errorf("another organisation's: %v", err)
	}
	for _, bad := range []string{"", organisation.Unowned, "all", "*", "org a", strings.Repeat("o", 65)} {
		for _, id := range []string{rec.Header.ID, unowned.Header.ID} {
			if _, err := s.GetInOrganisation(ctx, id, bad); !errors.Is(err, paxscreen.ErrNoOrganisation) {
				t.Errorf("GetInOrganisation(%q): %v", bad, err)
			}
		}
	}
}

func ids(hs []paxscreen.Header) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, h.ID)
	}
	return out
}

// walk pages through a list, at most 20 pages.
func walk(t *testing.T, list func(paxscreen.ListQuery) (paxscreen.Page, error), q paxscreen.ListQuery) []string {
	t.Helper()
	var got []string
	for pages := 0; ; pages++ {
		if pages > 20 {
			t.Fatal("cursor never ends")
		}
		page, err := list(q)
		if err != nil {
			t.Fatal(err)
		}
		if page.Items == nil {
			t.Fatal("a page's items are nil, not empty")
		}
		if len(page.Items) > max(q.Limit, 0) && q.Limit > 0 {
			t.Fatalf("page of %d items over the limit %d", len(page.Items), q.Limit)
		}
		got = append(got, ids(page.Items)...)
		if page.Cursor == "" {
			return got
		}
		q.Cursor = page.Cursor
	}
}

func listOneOrganisation(t *testing.T, s Store) {
	org := "org-" + unique()
	base := window()
	var want []string
	for i := range 5 {
		// Created out of order: the index, not the insertion, orders them.
		rec := create(t, s, record(sample(1, base.Add(time.Duration(4-i)*time.Hour)), org))
		want = append([]string{rec.Header.ID}, want...)
	}
	create(t, s, record(sample(1, base), "org-"+unique()))
	create(t, s, record(sample(1, base), organisation.Unowned))
	for _, limit := range []int{1, 2, 5, 7} {
		got := walk(t, func(q paxscreen.ListQuery) (paxscreen.Page, error) { return s.List(ctx, org, q) }, paxscreen.ListQuery{Limit: limit})
		if !slices.Equal(got, want) {
			t.Errorf("limit %d: listed %v, want %v", limit, got, want)
		}
	}
	for _, bad := range []string{"", organisation.Unowned, "all", "*", "org#x", " ", "undefined"} {
		page, err := s.List(ctx, bad, paxscreen.ListQuery{})
		if !errors.Is(err, paxscreen.ErrNoOrganisation) || len(page.Items) != 0 {
			t.Errorf("List(%q) = %d items, %v; want ErrNoOrganisation", bad, len(page.Items), err)
		}
	}
	page, err := s.List(ctx, "org-"+unique(), paxscreen.ListQuery{})
	if err != nil || page.Items == nil || len(page.Items) != 0 || page.Cursor != "" {
		t.Errorf("an organisation without manifests: %+v, %v", page, err)
	}
}

func listFilters(t *testing.T, s Store) {
	org := "org-" + unique()
	base := window()
	var recs []*paxscreen.Record
	for i := range 4 {
		m := sample(1, base.Add(time.Duration(i)*time.Hour))
		if i == 2 {
			m.Flight.Arrival.Airport = "ETAD"
		}
		rec := record(m, org)
		recs = append(recs, create(t, s, rec))
	}
	if err := s.SaveAssessment(ctx, recs[1].Header.ID, 1, 1, assess("HIGH", 80), paxscreen.StatusFlagged); err != nil {
		t.Fatal(err)
	}
	at := func(h time.Duration) string { return base.Add(h).Format(time.RFC3339) }
	tests := []struct {
		name string
		q    paxscreen.ListQuery
		want []int
	}{
		{"status", paxscreen.ListQuery{Status: paxscreen.StatusFlagged}, []int{1}},
		{"other status", paxscreen.ListQuery{Status: paxscreen.StatusReceived}, []int{0, 2, 3}},
		{"arrival airport", paxscreen.ListQuery{Arrival: "ETAD"}, []int{2}},
		{"window, both ends inclusive", paxscreen.ListQuery{From: at(time.Hour), To: at(2 * time.Hour)}, []int{1, 2}},
		{"from", paxscreen.ListQuery{From: at(2 * time.Hour)}, []int{2, 3}},
		{"to", paxscreen.ListQuery{To: at(0)}, []int{0}},
		{"status in a window", paxscreen.ListQuery{Status: paxscreen.StatusReceived, From: at(time.Hour), To: at(3 * time.Hour)}, []int{2, 3}},
		{"filters and pages of one", paxscreen.ListQuery{Status: paxscreen.StatusReceived, Arrival: "ETAR", Limit: 1}, []int{0, 3}},
		{"nothing", paxscreen.ListQuery{Status: paxscreen.StatusDenied}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for _, i := range tt.want {
				want = append(want, recs[i].Header.ID)
			}
			got := walk(t, func(q paxscreen.ListQuery) (paxscreen.Page, error) { return s.List(ctx, org, q) }, tt.q)
			if len(got) == 0 && len(want) == 0 {
				return
			}
			if !slices.Equal(got, want) {
				t.Errorf("listed %v, want %v", got, want)
			}
		})
	}
	if _, err := s.List(ctx, org, paxscreen.ListQuery{From: at(2 * time.Hour), To: at(0)}); !errors.Is(err, paxscreen.ErrBadQuery) {
		t.Errorf("a reversed window: %v, want ErrBadQuery", err)
	}
}

func listLimit(t *testing.T, s Store) {
	org := "org-" + unique()
	base := window()
	for i := range 51 {
		create(t, s, record(sample(1, base.Add(time.Duration(i)*time.Minute)), org))
	}
	for _, limit := range []int{0, -1, 101, 1000} {
		page, err := s.List(ctx, org, paxscreen.ListQuery{Limit: limit})
		if err != nil || len(page.Items) != 50 || page.Cursor == "" {
			t.Errorf("limit %d: %d items, cursor %q, %v; want the default 50 and a cursor", limit, len(page.Items), page.Cursor, err)
		}
	}
	page, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 100})
	if err != nil || len(page.Items) != 51 || page.Cursor != "" {
		t.Errorf("limit 100: %d items, cursor %q, %v", len(page.Items), page.Cursor, err)
	}
}

func cursors(t *testing.T, s Store) {
	org := "org-" + unique()
	base := window()
	for i := range 3 {
		create(t, s, record(sample(1, base.Add(time.Duration(i)*time.Minute)), org))
	}
	page, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 1})
	if err != nil || page.Cursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, page.Cursor)
	}
	all, err := s.ListAll(ctx, paxscreen.ListQuery{Limit: 1, From: base.Format(time.RFC3339)})
	if err != nil || all.Cursor == "" {
		t.Fatalf("ListAll's first page: %v, cursor %q", err, all.Cursor)
	}
	payload, sig, _ := strings.Cut(page.Cursor, ".")
	tests := []struct {
		name   string
		org    string // "" for ListAll
		q      paxscreen.ListQuery
		cursor string
	}{
		{"garbage", org, paxscreen.ListQuery{Limit: 1}, "garbage!"},
		{"appended to", org, paxscreen.ListQuery{Limit: 1}, page.Cursor + "x"},
		{"unsigned", org, paxscreen.ListQuery{Limit: 1}, payload},
		{"signature of another payload", org, paxscreen.ListQuery{Limit: 1}, payload[:len(payload)-2] + "AA." + sig},
		{"too long", org, paxscreen.ListQuery{Limit: 1}, strings.Repeat("A", 3000) + "." + sig},
		{"another organisation", "org-" + unique(), paxscreen.ListQuery{Limit: 1}, page.Cursor},
		{"another status", org, paxscreen.ListQuery{Limit: 1, Status: paxscreen.StatusFlagged}, page.Cursor},
		{"another window", org, paxscreen.ListQuery{Limit: 1, From: base.Format(time.RFC3339)}, page.Cursor},
		{"an organisation's in ListAll", "", paxscreen.ListQuery{Limit: 1}, page.Cursor},
		{"ListAll's in an organisation's list", org, paxscreen.ListQuery{Limit: 1, From: base.Format(time.RFC3339)}, all.Cursor},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := tt.q
			q.Cursor = tt.cursor
			var err error
			if tt.org == "" {
				_, err = s.ListAll(ctx, q)
			} else {
				_, err = s.List(ctx, tt.org, q)
			}
			if !errors.Is(err, paxscreen.ErrBadCursor) {
				t.Errorf("want ErrBadCursor, got %v", err)
			}
		})
	}
	// The limit is not part of the query: a cursor serves any page size.
	if next, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 5, Cursor: page.Cursor}); err != nil || len(next.Items) != 2 {
		t.Errorf("cursor with another limit: %d items, %v", len(next.Items), err)
	}
	if err := s.SetCursorKey([]byte("short")); err == nil {
		t.Error("a short cursor key was accepted")
	}
	if err := s.SetCursorKey(bytes.Repeat([]byte("k"), paxscreen.MinCursorKey)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 1, Cursor: page.Cursor}); !errors.Is(err, paxscreen.ErrBadCursor) {
		t.Errorf("a cursor signed with the previous key: %v", err)
	}
}

func listAll(t *testing.T, s Store) {
	base := window()
	var recs []*paxscreen.Record
	for i := range 5 {
		recs = append(recs, create(t, s, record(sample(1, base.Add(time.Duration(i)*time.Minute)), "org-"+unique())))
	}
	// 0 and 3 stay RECEIVED, 1 SCREENED, 2 FLAGGED, 4 ESCALATED by a reviewer.
	for i, st := range map[int]paxscreen.Status{1: paxscreen.StatusScreened, 2: paxscreen.StatusFlagged, 4: paxscreen.StatusFlagged} {
		if err := s.SaveAssessment(ctx, recs[i].Header.ID, 1, 1, assess("LOW", 1), st); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Decide(ctx, recs[4].Header.ID, 1, 1, "ESCALATED", "", "rev"); err != nil {
		t.Fatal(err)
	}
	window := paxscreen.ListQuery{From: base.Format(time.RFC3339), To: base.Add(4 * time.Minute).Format(time.RFC3339)}
	want := []string{recs[0].Header.ID, recs[3].Header.ID, recs[1].Header.ID, recs[2].Header.ID, recs[4].Header.ID}
	for _, limit := range []int{1, 2, 3, 10} {
		q := window
		q.Limit = limit
		if got := walk(t, func(q paxscreen.ListQuery) (paxscreen.Page, error) { return s.ListAll(ctx, q) }, q); !slices.Equal(got, want) {
			t.Errorf("limit %d: %v, want %v", limit, got, want)
		}
	}
	q := window
	q.Status = paxscreen.StatusReceived
	if got := walk(t, func(q paxscreen.ListQuery) (paxscreen.Page, error) { return s.ListAll(ctx, q) }, q); !slices.Equal(got, []string{recs[0].Header.ID, recs[3].Header.ID}) {
		t.Errorf("RECEIVED only: %v", got)
	}
}

func livePage(t *testing.T, s Store) {
	base := window()
	var want []string
	for i := range 5 {
		rec := create(t, s, record(sample(1, base.Add(time.Duration(i)*time.Minute)), "org-"+unique()))
		want = append(want, rec.Header.ID)
	}
	last := base.Add(4 * time.Minute).Format(time.RFC3339)
	// From the window on: the window's manifests come first, in arrival order; later ones are
	// other tests'.
	var got []string
	var start map[string]string
	for pages := 0; len(got) < 5; pages++ {
		if pages > 10 {
			t.Fatal("pages never end")
		}
		hs, next, err := s.LivePage(ctx, paxscreen.StatusReceived, base.Format(time.RFC3339), "", start, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(hs) > 2 {
			t.Fatalf("%d headers over the limit", len(hs))
		}
		for _, h := range hs {
			if h.ArrivalTime <= last {
				got = append(got, h.ID)
			}
		}
		if next == nil {
			break
		}
		start = next
	}
	if !slices.Equal(got, want) {
		t.Errorf("from the window: %v, want %v", got, want)
	}
	// Before the window's third: everything earlier, the window's first two last.
	var before []string
	start = nil
	for pages := 0; ; pages++ {
		hs, next, err := s.LivePage(ctx, paxscreen.StatusReceived, "", base.Add(2*time.Minute).Format(time.RFC3339), start, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hs {
			if h.ArrivalTime >= base.Add(2*time.Minute).Format(time.RFC3339) {
				t.Fatalf("%s arrives %s, not before the bound", h.ID, h.ArrivalTime)
			}
			before = append(before, h.ID)
		}
		if next == nil || pages > 1000 {
			break
		}
		start = next
	}
	if len(before) < 2 || !slices.Equal(before[len(before)-2:], want[:2]) {
		t.Errorf("before the window's third: ends %v, want %v", before[max(0, len(before)-2):], want[:2])
	}
	if hs, _, err := s.LivePage(ctx, paxscreen.StatusDenied, base.Format(time.RFC3339), "", nil, 10); err != nil || hs == nil {
		t.Errorf("an empty status: %v, %v", hs, err)
	}
}

func alertClaims(t *testing.T, s Store) {
	id := rand.Text()
	steps := []struct {
		name  string
		do    func() error
		want  error
		state paxscreen.AlertState
	}{
		{"nothing yet", nil, nil, paxscreen.AlertMissing},
		{"claim", func() error { return s.ClaimAlert(ctx, id, "1", time.Minute) }, nil, paxscreen.AlertPending},
		{"claim while leased", func() error { return s.ClaimAlert(ctx, id, "1", time.Minute) }, paxscreen.ErrAlertBusy, paxscreen.AlertPending},
		{"not needed while leased", func() error { return s.MarkAlertNotNeeded(ctx, id, "1") }, nil, paxscreen.AlertPending},
		{"release", func() error { return s.ReleaseAlert(ctx, id, "1") }, nil, paxscreen.AlertMissing},
		{"release again", func() error { return s.ReleaseAlert(ctx, id, "1") }, nil, paxscreen.AlertMissing},
		{"claim after release", func() error { return s.ClaimAlert(ctx, id, "1", time.Minute) }, nil, paxscreen.AlertPending},
		{"sent", func() error { return s.MarkAlertSent(ctx, id, "1", "msg-1") }, nil, paxscreen.AlertSentState},
		{"claim once sent", func() error { return s.ClaimAlert(ctx, id, "1", time.Minute) }, paxscreen.ErrAlertSent, paxscreen.AlertSentState},
		{"release once sent", func() error { return s.ReleaseAlert(ctx, id, "1") }, nil, paxscreen.AlertSentState},
		{"not needed once sent", func() error { return s.MarkAlertNotNeeded(ctx, id, "1") }, nil, paxscreen.AlertSentState},
	}
	for _, st := range steps {
		if st.do != nil {
			if err := st.do(); !errors.Is(err, st.want) || (st.want == nil && err != nil) {
				t.Fatalf("%s: %v, want %v", st.name, err, st.want)
			}
		}
		if got, err := s.AlertState(ctx, id, "1"); err != nil || got != st.state {
			t.Fatalf("%s: state %q, %v; want %q", st.name, got, err, st.state)
		}
	}
	// Another key of the same manifest is another alert.
	if got, _ := s.AlertState(ctx, id, "2"); got != paxscreen.AlertMissing {
		t.Errorf("alert 2 shares alert 1's state: %q", got)
	}
	if err := s.MarkAlertNotNeeded(ctx, id, "2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AlertState(ctx, id, "2"); got != paxscreen.AlertNone {
		t.Errorf("not needed: %q", got)
	}
	// A NOT_NEEDED mark yields to a publisher that finds the alert needed after all.
	if err := s.ClaimAlert(ctx, id, "2", time.Minute); err != nil {
		t.Errorf("claim over NOT_NEEDED: %v", err)
	}
	if got, _ := s.AlertState(ctx, id, "2"); got != paxscreen.AlertPending {
		t.Errorf("after the claim over NOT_NEEDED: %q", got)
	}
}

func alertLease(t *testing.T, s Store) {
	c := newClock(s)
	id := rand.Text()
	if err := s.ClaimAlert(ctx, id, "1", time.Minute); err != nil {
		t.Fatal(err)
	}
	c.advance(59 * time.Second)
	if err := s.ClaimAlert(ctx, id, "1", time.Minute); !errors.Is(err, paxscreen.ErrAlertBusy) {
		t.Errorf("claim within the lease: %v", err)
	}
	c.advance(2 * time.Second)
	if got, _ := s.AlertState(ctx, id, "1"); got != paxscreen.AlertMissing {
		t.Errorf("an expired lease reads %q, want missing", got)
	}
	if err := s.ClaimAlert(ctx, id, "1", time.Minute); err != nil {
		t.Errorf("taking over an expired lease: %v", err)
	}
	if got, _ := s.AlertState(ctx, id, "1"); got != paxscreen.AlertPending {
		t.Errorf("after the takeover: %q", got)
	}
}

func closeManifest(t *testing.T, s Store) {
	c := newClock(s)
	rec := create(t, s, record(sample(2, window()), "org-"+unique()))
	id := rec.Header.ID
	if err := s.Replace(ctx, &paxscreen.Record{Header: rec.Header, Manifest: sample(2, window())}, 1); err != nil {
		t.Fatal(err)
	}
	c.advance(time.Hour)
	if err := s.Close(ctx, id, 1, c.now().Add(time.Hour), time.Time{}, "rescan"); !errors.Is(err, paxscreen.ErrAlreadyClosed) {
		t.Errorf("closing an amended version: %v", err)
	}
	if err := s.Close(ctx, id, 2, c.now().Add(time.Hour), c.now().Add(24*time.Hour), "rescan"); err != nil {
		t.Fatal(err)
	}
	h, err := s.GetHeader(ctx, id)
	if err != nil || h.Status != paxscreen.StatusClosed || h.UpdatedAt != c.now().Format(time.RFC3339) || h.Version != 2 {
		t.Errorf("after close: %+v, %v", h, err)
	}
	if err := s.Close(ctx, id, 2, c.now().Add(time.Hour), time.Time{}, "rescan"); !errors.Is(err, paxscreen.ErrAlreadyClosed) {
		t.Errorf("closing twice: %v", err)
	}
	trail, _ := s.Audit(ctx, id)
	if len(trail) != 3 || trail[2].Action != paxscreen.AuditClosed || trail[2].By != "rescan" || trail[2].Version != 2 {
		t.Errorf("trail %+v", trail)
	}
	// A closed manifest stays readable until the table's TTL removes it.
	if got, err := s.Get(ctx, id); err != nil || len(got.Manifest.Persons) != 2 {
		t.Errorf("read after close: %v", err)
	}
}

func sightings(t *testing.T, s Store) {
	base := window()
	a := create(t, s, record(sample(3, base), "org-"+unique()))
	shared := a.Manifest.Persons[1].Documents[0]
	mb := sample(2, base.Add(time.Hour))
	mb.Persons[1].Documents = append(mb.Persons[1].Documents, shared)
	b := create(t, s, record(mb, "org-"+unique()))
	got, err := s.Sightings(ctx, b)
	if err != nil {
		t.Fatal(err)
	}
	arr, _ := manifest.ParseTime(a.Header.ArrivalTime)
	dep, _ := manifest.ParseTime(a.Header.DepartureTime)
	want := []rules.Sighting{{PersonIndex: 1, DocumentIndex: 1, ManifestID: a.Header.ID, Departure: dep, Arrival: arr}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sightings of b: %+v, want %+v", got, want)
	}
	if again, _ := s.Sightings(ctx, a); len(again) != 1 || again[0].ManifestID != b.Header.ID || again[0].PersonIndex != 1 || again[0].DocumentIndex != 0 {
		t.Errorf("sightings of a: %+v", again)
	}
	// Rewriting the index is idempotent.
	if err := s.IndexDocuments(ctx, a); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Sightings(ctx, b); !reflect.DeepEqual(again, want) {
		t.Errorf("after reindexing: %+v", again)
	}
	// A manifest never sights itself, and a record not stored sights nobody it does not share.
	if own, _ := s.Sightings(ctx, &paxscreen.Record{Header: paxscreen.Header{ID: a.Header.ID}, Manifest: a.Manifest}); len(own) != 1 {
		t.Errorf("a sighted itself: %+v", own)
	}
	// a amended without the document: its old version's index entry no longer counts.
	amended := sample(3, base)
	if err := s.Replace(ctx, &paxscreen.Record{Header: a.Header, Manifest: amended}, 1); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Sightings(ctx, b); len(got) != 0 {
		t.Errorf("a stale index entry counted: %+v", got)
	}
	// c carries b's own document; closing b ends its sightings.
	mc := sample(1, base)
	mc.Persons[0].Documents = []manifest.Document{mb.Persons[0].Documents[0]}
	cRec := create(t, s, record(mc, "org-"+unique()))
	if got, _ := s.Sightings(ctx, cRec); len(got) != 1 || got[0].ManifestID != b.Header.ID {
		t.Errorf("sightings of c: %+v", got)
	}
	if err := s.Close(ctx, b.Header.ID, 1, time.Now().Add(time.Hour), time.Time{}, "rescan"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Sightings(ctx, cRec); len(got) != 0 {
		t.Errorf("a closed manifest sighted: %+v", got)
	}
	k := s.DocumentKey(shared.Type, shared.IssuingState, shared.Number)
	if strings.Contains(k, shared.Number) || k != s.DocumentKey(shared.Type, shared.IssuingState, shared.Number) {
		t.Errorf("document key %q", k)
	}
}

func rescanState(t *testing.T, s Store) {
	want := paxscreen.RescanState{Versions: "UN=" + unique(), Phase: 1, Status: 3, Key: map[string]string{"a": "b"}}
	if err := s.SaveRescanState(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadRescanState(ctx)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("rescan state %+v, %v; want %+v", got, err, want)
	}
}

func snapshots(t *testing.T, s Store) {
	c := newClock(s)
	src := "SRC" + strings.ToUpper(unique())
	data := make([]byte, 800_000)
	rand.Read(data)
	if err := s.PutSnapshot(ctx, paxscreen.SnapshotMeta{Source: src, Version: "v1", Entries: 3, Individuals: 2, PublishedBy: "admin"}, data); err != nil {
		t.Fatal(err)
	}
	find := func() paxscreen.SnapshotMeta {
		t.Helper()
		all, err := s.CurrentSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range all {
			if m.Source == src {
				return m
			}
		}
		t.Fatalf("source %s not among the current snapshots", src)
		return paxscreen.SnapshotMeta{}
	}
	m := find()
	if m.Version != "v1" || m.Bytes != len(data) || m.Chunks != 3 || m.Entries != 3 || m.Individuals != 2 || m.PublishedBy != "admin" ||
		m.PublishedAt != c.now().Format(time.RFC3339) {
		t.Errorf("meta %+v", m)
	}
	got, err := s.LoadSnapshot(ctx, m)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("load: %d bytes, %v", len(got), err)
	}
	if err := s.PutSnapshot(ctx, paxscreen.SnapshotMeta{Source: src, Version: "v2"}, []byte("small")); err != nil {
		t.Fatal(err)
	}
	if m2 := find(); m2.Version != "v2" || m2.Chunks != 1 || m2.Bytes != 5 {
		t.Errorf("after v2: %+v", m2)
	}
	if old, err := s.LoadSnapshot(ctx, m); err != nil || !bytes.Equal(old, data) {
		t.Errorf("v1 after v2: %d bytes, %v", len(old), err)
	}
	wrong := m
	wrong.Bytes++
	if _, err := s.LoadSnapshot(ctx, wrong); err == nil {
		t.Error("a snapshot that does not match its meta loaded")
	}
	if _, err := s.LoadSnapshot(ctx, paxscreen.SnapshotMeta{Source: src, Version: "never", Chunks: 1, Bytes: 1}); err == nil {
		t.Error("a snapshot never stored loaded")
	}
}
