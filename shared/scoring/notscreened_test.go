package scoring_test

import (
	"context"
	"slices"
	"testing"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
)

// fakeScreener has the lists its versions name loaded, and reports missing ones.
type fakeScreener struct {
	versions map[string]string
	missing  []string
}

func (f *fakeScreener) Refresh(context.Context) error { return nil }
func (f *fakeScreener) Screen(context.Context, []manifest.Person) ([]rules.WatchlistMatch, error) {
	return nil, nil
}
func (f *fakeScreener) Versions() map[string]string { return f.versions }
func (f *fakeScreener) Missing() []string           { return f.missing }

func hasRule(a *rules.Assessment, rule string) bool {
	return slices.ContainsFunc(a.Hits, func(h rules.Hit) bool { return h.Rule == rule })
}

// Before the first publish the manifest is scored NOT_SCREENED, held for review (at least HIGH
// at the military base it lands at); once a list is published the same version is rescreened.
func TestScoringWithoutListsFailsClosedAndIsRescreened(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		lists := &fakeScreener{}
		svc := &scoring.Service{Store: f.db, Rules: rules.Default(), Screener: lists}
		rec := f.create(t, sample(t, "2026-12-01T06:00:00Z", "2026-12-01T10:30:00Z"))
		ctx := context.Background()

		out, a, err := svc.Score(ctx, rec.Header.ID, 1)
		if err != nil || out != scoring.Scored {
			t.Fatalf("Score: %v %v", out, err)
		}
		if !hasRule(a, rules.RuleNotScreened) || rules.LevelRank(a.Level) < rules.LevelRank(rules.LevelHigh) || len(a.WatchlistVersions) != 0 {
			t.Fatalf("without lists: level %s, hits %+v, versions %v", a.Level, a.Hits, a.WatchlistVersions)
		}
		h, err := f.db.GetHeader(ctx, rec.Header.ID)
		if err != nil {
			t.Fatal(err)
		}
		if h.Status != paxscreen.StatusFlagged {
			t.Errorf("status %s, want %s: a manifest nobody screened is reviewed", h.Status, paxscreen.StatusFlagged)
		}
		// Nothing published since: the assessment stands.
		if out, _, err := svc.Score(ctx, rec.Header.ID, 1); err != nil || out != scoring.Current {
			t.Errorf("rescore without a publish: %v %v, want current", out, err)
		}

		// A publish of one list while another fails to load: rescreened, still not in full.
		lists.versions, lists.missing = map[string]string{"UN": "v1"}, []string{"OFAC"}
		out, a, err = svc.Score(ctx, rec.Header.ID, 1)
		if err != nil || out != scoring.Scored || !hasRule(a, rules.RuleNotScreened) || a.WatchlistVersions["UN"] != "v1" {
			t.Fatalf("after a partial publish: %v %v, %+v", out, err, a)
		}

		// Both lists load: rescreened, and the hit is gone.
		lists.versions, lists.missing = map[string]string{"UN": "v1", "OFAC": "v2"}, nil
		out, a, err = svc.Score(ctx, rec.Header.ID, 1)
		if err != nil || out != scoring.Scored {
			t.Fatalf("after the publish: %v %v", out, err)
		}
		if hasRule(a, rules.RuleNotScreened) || a.WatchlistVersions["OFAC"] != "v2" {
			t.Errorf("after the publish: hits %+v, versions %v", a.Hits, a.WatchlistVersions)
		}
	})
}
