package reliability_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

// raceCounts are the figures docs/RELIABILITY.md reports.
type raceCounts struct {
	creates, amendments, conflicts, deliveries, scored, decisions, refused, rescans atomic.Int64
}

// invariants checks one manifest against what must hold once every stream delivery is done:
// the newest version has exactly one assessment, the header names the newest assessment, and
// every decision a reviewer was told was recorded is still on the header and in the trail.
type verdict struct {
	unassessed, duplicated, behind, decisionsLost int
}

func check(t *testing.T, ctx context.Context, db *store.Store, id string, decided []string, ambiguous int) verdict {
	t.Helper()
	var v verdict
	h, err := db.GetHeader(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	list, err := db.Assessments(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	perVersion := map[int]int{}
	maxSeq := 0
	for _, a := range list {
		perVersion[a.ManifestVersion]++
		maxSeq = max(maxSeq, a.Seq)
	}
	for _, n := range perVersion {
		if n > 1 {
			v.duplicated += n - 1
		}
	}
	if perVersion[h.Version] == 0 || h.AssessedVersion != h.Version || h.ScoreState != paxscreen.ScoreDone {
		v.unassessed++
		t.Logf("manifest %s: version %d, header says assessed %d (%s), %d assessments of it; newest assessment %d", id, h.Version, h.AssessedVersion, h.ScoreState, perVersion[h.Version], maxSeq)
	}
	if h.AssessmentSeq != maxSeq {
		v.behind++
		t.Logf("manifest %s: header names assessment %d, newest is %d", id, h.AssessmentSeq, maxSeq)
	}
	cleared := false
	for _, d := range decided {
		cleared = cleared || d == "CLEARED"
	}
	trail, err := db.Audit(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, r := range trail {
		if r.Action == paxscreen.AuditDecided {
			recorded++
		}
	}
	// A decision whose answer was an error (DynamoDB Local timing out on a lock) may or may not
	// be in the trail; an accepted one must be.
	if recorded < len(decided) || recorded > len(decided)+ambiguous || (cleared && !h.EverCleared) || (len(decided) > 0 && h.Decision == "") {
		v.decisionsLost++
		t.Logf("manifest %s: %d decisions accepted, %d in the trail, header decision %q, everCleared %v", id, len(decided), recorded, h.Decision, h.EverCleared)
	}
	return v
}

// TestAmendmentsScoringRescansAndDecisionsRace runs two amenders, stream deliveries (some
// twice), a reviewer and a rescan loop against each manifest at once. Every reader sleeps a
// little between reading and writing, as a busy function would, so the windows are wide.
func TestAmendmentsScoringRescansAndDecisionsRace(t *testing.T) {
	client, table := dynamotest.OwnTable(t, "race")
	db := store.New(client, table, []byte("race-key-race-key-race-key-race-key"), "t1")
	ctx := context.Background()
	const manifests, amendersEach, amendmentsEach = 8, 2, 6
	const window = 15 * time.Millisecond
	svc := &intake.Service{Store: &slowIntake{Store: db, max: window}, Now: now, NewID: intake.NewID}
	scorer := &scoring.Service{Store: &slowScoring{Store: db, max: window}, Rules: rules.Default()}
	rescans := &rescan.Service{Store: db, Scorer: scorer, RulesetVersion: rules.Default().Version, Window: 48 * time.Hour,
		Retention: 90 * 24 * time.Hour, PageSize: 100, Now: now, Log: quiet}
	m := sample(t)
	var n raceCounts

	// deliver is one stream delivery of a version to the score function: retried on error, as
	// the event source mapping retries a failed record.
	var deliveries sync.WaitGroup
	deliver := func(id string, version int) {
		deliveries.Go(func() {
			for attempt := 0; attempt < 10; attempt++ {
				n.deliveries.Add(1)
				out, _, err := scorer.Score(ctx, id, version)
				if err == nil {
					if out == scoring.Scored {
						n.scored.Add(1)
					}
					return
				}
				time.Sleep(20 * time.Millisecond)
			}
			t.Errorf("manifest %s version %d: scoring kept failing", id, version)
		})
	}

	ids := make([]string, manifests)
	for i := range ids {
		r, err := svc.Submit(ctx, intake.Submission{ContentType: "application/json", Body: body(t, own(m, i), 180), Subject: "race", Organisation: "org"})
		if err != nil {
			t.Fatal(err)
		}
		n.creates.Add(1)
		ids[i] = r.ID
		deliver(r.ID, 1)
	}

	var writers, reviewers sync.WaitGroup
	done := make(chan struct{})
	decided := make([][]string, manifests)
	ambiguous := make([]int, manifests)
	for i, id := range ids {
		for a := range amendersEach {
			writers.Go(func() {
				for k := 0; k < amendmentsEach; {
					h, err := db.GetHeader(ctx, id)
					if err != nil {
						t.Error(err)
						return
					}
					r, err := svc.Amend(ctx, id, h.Version, intake.Submission{ContentType: "application/json",
						Body: body(t, own(m, i), 170-a*10-k), Subject: "race", Organisation: "org"})
					if errors.Is(err, paxscreen.ErrVersionConflict) {
						n.conflicts.Add(1)
						continue
					}
					if err != nil {
						t.Error(err)
						return
					}
					n.amendments.Add(1)
					k++
					deliver(id, r.Version)
					if k%3 == 0 {
						deliver(id, r.Version) // a duplicate delivery
					}
				}
			})
		}
		// The reviewer decides on whatever assessment the header shows, alternating decisions.
		reviewers.Go(func() {
			choices := []string{"CLEARED", "ESCALATED", "NEEDS_INFO"}
			for k := 0; ; k++ {
				select {
				case <-done:
					return
				default:
				}
				h, err := db.GetHeader(ctx, id)
				if err == nil && h.AssessmentSeq > 0 && h.AssessedVersion == h.Version {
					jitter(window)
					d := choices[k%len(choices)]
					switch err := db.Decide(ctx, id, h.Version, h.AssessmentSeq, d, "race test", "reviewer"); {
					case err == nil:
						n.decisions.Add(1)
						decided[i] = append(decided[i], d)
					case errors.Is(err, paxscreen.ErrStaleAssessment):
						n.refused.Add(1)
					default:
						ambiguous[i]++ // the reviewer is told to retry; it may have landed
					}
				}
				jitter(2 * window)
			}
		})
	}
	var rescanner sync.WaitGroup
	rescanner.Go(func() {
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := rescans.Run(ctx, time.Now().Add(time.Minute)); err != nil {
				t.Error(err)
			}
			n.rescans.Add(1)
		}
	})
	writers.Wait()
	deliveries.Wait()
	close(done)
	rescanner.Wait()
	// The reviewers stop after their decision in flight: one that committed is counted as
	// accepted (or ambiguous) before the trail is compared with what they were told.
	reviewers.Wait()

	var total verdict
	for i, id := range ids {
		v := check(t, ctx, db, id, decided[i], ambiguous[i])
		total.unassessed += v.unassessed
		total.duplicated += v.duplicated
		total.behind += v.behind
		total.decisionsLost += v.decisionsLost
	}
	t.Logf("race: %d manifests, %d creates, %d amendments (%d version conflicts), %d deliveries, %d scored, %d decisions (%d refused as stale), %d rescans",
		manifests, n.creates.Load(), n.amendments.Load(), n.conflicts.Load(), n.deliveries.Load(), n.scored.Load(), n.decisions.Load(), n.refused.Load(), n.rescans.Load())
	t.Logf("race: newest version unassessed %d, assessments duplicated %d, header behind %d, decisions lost %d",
		total.unassessed, total.duplicated, total.behind, total.decisionsLost)
	if total != (verdict{}) {
		t.Errorf("invariants broken: %+v", total)
	}

	// A rescan after the storm finds nothing to repair.
	rep, err := rescans.Run(ctx, time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rescored != 0 || rep.Failed != 0 {
		t.Errorf("rescan after the race: %v, want nothing to rescore", rep)
	}
}

// TestDecisionsSurviveRescores decides on manifests while rescans rescore them under ruleset
// changes: a rescore that read the header before the decision must not put the manifest back
// to SCREENED or FLAGGED.
func TestDecisionsSurviveRescores(t *testing.T) {
	client, table := dynamotest.OwnTable(t, "decide")
	db := store.New(client, table, []byte("race-key-race-key-race-key-race-key"), "t1")
	ctx := context.Background()
	const manifests = 12
	const window = 15 * time.Millisecond
	svc := &intake.Service{Store: db, Now: now, NewID: intake.NewID}
	first := &scoring.Service{Store: db, Rules: rules.Default()}
	m := sample(t)
	ids := make([]string, manifests)
	for i := range ids {
		r, err := svc.Submit(ctx, intake.Submission{ContentType: "application/json", Body: body(t, own(m, i), 180), Subject: "race", Organisation: "org"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := first.Score(ctx, r.ID, 1); err != nil {
			t.Fatal(err)
		}
		ids[i] = r.ID
	}
	done := make(chan struct{})
	var rescanners sync.WaitGroup
	var rescores atomic.Int64
	for r := range 2 {
		rescanners.Go(func() {
			for k := 0; ; k++ {
				select {
				case <-done:
					return
				default:
				}
				// Each run sees a new ruleset version, so every manifest is rescored.
				rs := rulesAt(fmt.Sprintf("race-%d-%d", r, k))
				run := &rescan.Service{Store: db, Scorer: &scoring.Service{Store: &slowScoring{Store: db, max: window}, Rules: rs},
					RulesetVersion: rs.Version, Window: 48 * time.Hour, Retention: 90 * 24 * time.Hour, PageSize: 100, Now: now, Log: quiet}
				rep, err := run.Run(ctx, time.Now().Add(time.Minute))
				if err != nil {
					t.Error(err)
				}
				rescores.Add(int64(rep.Rescored))
			}
		})
	}
	var reviewers sync.WaitGroup
	var refused, accepted atomic.Int64
	last := make([]string, manifests)
	// possible are the decisions that may be the last one: the last accepted, and any after it
	// whose answer was an error (DynamoDB Local timing out on a lock) and so may have landed.
	possible := make([]map[string]bool, manifests)
	clearedOnce := make([]bool, manifests)
	stop := time.Now().Add(1500 * time.Millisecond)
	for i, id := range ids {
		reviewers.Go(func() {
			choices := []string{"CLEARED", "ESCALATED", "DENIED", "NEEDS_INFO"}
			// Decide for 1.5 s, and on a slow machine until one decision is accepted (30 s at most).
			for k := 0; time.Now().Before(stop) || (last[i] == "" && time.Now().Before(stop.Add(30*time.Second))); {
				h, err := db.GetHeader(ctx, id)
				if err != nil {
					t.Error(err)
					return
				}
				jitter(window)
				d := choices[k%len(choices)]
				err = db.Decide(ctx, id, h.Version, h.AssessmentSeq, d, "race test", "reviewer")
				switch {
				case err == nil:
					accepted.Add(1)
					last[i] = d
					possible[i] = map[string]bool{d: true}
					clearedOnce[i] = clearedOnce[i] || d == "CLEARED"
					k++
				case errors.Is(err, paxscreen.ErrStaleAssessment):
					refused.Add(1)
				default:
					if possible[i] == nil {
						possible[i] = map[string]bool{}
					}
					possible[i][d] = true
					k++
				}
				jitter(4 * window)
			}
		})
	}
	reviewers.Wait()
	time.Sleep(300 * time.Millisecond) // let rescores that read the header before a decision land
	close(done)
	rescanners.Wait()
	lost := 0
	for i, id := range ids {
		h, err := db.GetHeader(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if last[i] == "" {
			t.Errorf("manifest %s: no decision was accepted", id)
			continue
		}
		if !possible[i][h.Decision] || h.Status != paxscreen.Decisions[h.Decision] || (clearedOnce[i] && !h.EverCleared) {
			lost++
			t.Logf("manifest %s: last decision %s, now status %s, decision %q, everCleared %v", id, last[i], h.Status, h.Decision, h.EverCleared)
		}
	}
	t.Logf("decisions vs rescores: %d manifests, %d decisions accepted, %d refused as stale, %d rescores, %d manifests whose last decision was lost", manifests, accepted.Load(), refused.Load(), rescores.Load(), lost)
	if lost > 0 {
		t.Errorf("%d of %d manifests lost their last decision to a racing rescore", lost, manifests)
	}
}

// TestClearanceSurvivesAmendment clears a manifest while an amendment that read the header
// before the clearance commits after it: the clearance must stay on the header, or the
// amended-after-clearance rule never fires.
func TestClearanceSurvivesAmendment(t *testing.T) {
	client, table := dynamotest.OwnTable(t, "clear")
	db := store.New(client, table, []byte("race-key-race-key-race-key-race-key"), "t1")
	ctx := context.Background()
	const manifests = 30
	const window = 20 * time.Millisecond
	plain := &intake.Service{Store: db, Now: now, NewID: intake.NewID}
	slow := &intake.Service{Store: &slowIntake{Store: db, max: window}, Now: now, NewID: intake.NewID}
	scorer := &scoring.Service{Store: db, Rules: rules.Default()}
	m := sample(t)
	var wg sync.WaitGroup
	var cleared, amended, lost atomic.Int64
	for i := range manifests {
		wg.Go(func() {
			mine := own(m, i)
			r, err := plain.Submit(ctx, intake.Submission{ContentType: "application/json", Body: body(t, mine, 180), Subject: "race", Organisation: "org"})
			if err != nil {
				t.Error(err)
				return
			}
			if err := retried(func() error { _, _, err := scorer.Score(ctx, r.ID, 1); return err }); err != nil {
				t.Error(err)
				return
			}
			var ok atomic.Bool
			var both sync.WaitGroup
			both.Go(func() {
				if _, err := slow.Amend(ctx, r.ID, 1, intake.Submission{ContentType: "application/json", Body: body(t, mine, 150), Subject: "race", Organisation: "org"}); err == nil {
					amended.Add(1)
				} else {
					t.Error(err)
				}
			})
			both.Go(func() {
				jitter(window)
				if err := db.Decide(ctx, r.ID, 1, 1, "CLEARED", "race test", "reviewer"); err == nil {
					ok.Store(true)
					cleared.Add(1)
				}
			})
			both.Wait()
			h, err := db.GetHeader(ctx, r.ID)
			if err != nil {
				t.Error(err)
				return
			}
			if ok.Load() && (!h.EverCleared || h.Decision != "CLEARED") {
				lost.Add(1)
			}
			// The amended version is assessed with the clearance in mind (retried like a delivery:
			// DynamoDB Local times out on its own locks under load).
			if err := retried(func() error { _, _, err := scorer.Score(ctx, r.ID, h.Version); return err }); err != nil {
				t.Error(err)
				return
			}
			if a, err := db.Assessment(ctx, r.ID, 2); err == nil && ok.Load() && !hasRule(a.Hits, rules.RuleAmendedAfterClearance) {
				t.Errorf("manifest %s: cleared, amended, and its new assessment has no %s", r.ID, rules.RuleAmendedAfterClearance)
			}
		})
	}
	wg.Wait()
	t.Logf("clearance vs amendment: %d manifests, %d amended, %d cleared, %d clearances lost", manifests, amended.Load(), cleared.Load(), lost.Load())
	if lost.Load() > 0 {
		t.Errorf("%d of %d clearances erased by an amendment", lost.Load(), cleared.Load())
	}
}

func hasRule(hits []rules.Hit, rule string) bool {
	for _, h := range hits {
		if h.Rule == rule {
			return true
		}
	}
	return false
}

// retried runs fn up to five times, as a stream delivery is retried.
func retried(fn func() error) error {
	var err error
	for range 5 {
		if err = fn(); err == nil {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return err
}
