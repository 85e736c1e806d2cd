package watchlist_test

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/paxscreen/paxscreen/shared/watchlist"
	"github.com/paxscreen/paxscreen/shared/watchlist/evaluation"
)

var (
	propOnce sync.Once
	propIx   *watchlist.Index
	propErr  error
)

func propIndex(t *testing.T) *watchlist.Index {
	t.Helper()
	dir := "../../../shared/data/watchlists"
	un := filepath.Join(dir, "un-consolidated-2026-02-27.xml")
	if _, err := os.Stat(un); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("reference data %s is absent in CI: %v", un, err)
		}
		t.Skipf("reference data %s is absent (../shared/data is not checked out here): %v", un, err)
	}
	propOnce.Do(func() {
		f, err := os.Open(un)
		if err != nil {
			propErr = err
			return
		}
		defer f.Close()
		es, err := watchlist.ParseUN(f)
		if err != nil {
			propErr = err
			return
		}
		os, err := watchlist.ParseOFACDir(filepath.Join(dir, "ofac-sdn-2021"))
		if err != nil {
			propErr = err
			return
		}
		propIx = watchlist.Build(append(es, os...))
	})
	if propErr != nil {
		t.Fatal(propErr)
	}
	return propIx
}

// propertySeed is neither the development nor the test seed of the
// evaluation: the properties must hold on any queries.
const propertySeed = 7

// propertyQueries are damaged listed names of every kind and innocents
// made of listed parts: the queries where retrieval has work to do.
func propertyQueries(ix *watchlist.Index, perKind, innocents int) []watchlist.Query {
	g := evaluation.Generate(ix, propertySeed, perKind, innocents)
	var qs []watchlist.Query
	for _, c := range append(g.Positives, g.Innocents...) {
		qs = append(qs, watchlist.Query{FullName: c.Name, DateOfBirth: c.DOB})
	}
	return qs
}

func atLeast(ms []watchlist.Match, t float64) []watchlist.Match {
	var out []watchlist.Match
	for _, m := range ms {
		if m.Score >= t {
			out = append(out, m)
		}
	}
	return out
}

// Screen(q, t2) is Screen(q, t1) without the matches below t2, for t1 < t2:
// no threshold hides a match a lower one finds.
func TestScreenMonotoneInThreshold(t *testing.T) {
	ix := propIndex(t)
	qs := propertyQueries(ix, 250, 2000) // 2,250 + 2,000 queries
	thresholds := []float64{0.5, 0.6, 0.7, watchlist.DefaultThreshold, 0.8, watchlist.StrongThreshold, 1}
	failures := 0
	for _, q := range qs {
		low := ix.Screen(q, thresholds[0])
		for _, th := range thresholds[1:] {
			got := ix.Screen(q, th)
			if want := atLeast(low, th); !reflect.DeepEqual(got, want) {
				failures++
				if failures <= 5 {
					t.Errorf("%q (%s) at %.2f: %d matches, want the %d of threshold %.2f filtered", q.FullName, q.DateOfBirth, th, len(got), len(want), thresholds[0])
				}
			}
		}
	}
	if failures > 0 {
		t.Errorf("%d of %d query-threshold pairs not monotone", failures, len(qs)*(len(thresholds)-1))
	}
}

// A brute-force scorer that compares every query part with every listed
// part and scores every listed name in full finds nothing at or above the
// threshold that Screen does not return, with the same score.
func TestScreenRetrievalComplete(t *testing.T) {
	ix := propIndex(t)
	perKind, innocents := 120, 1000 // 1,080 + 1,000 queries
	if testing.Short() {
		perKind, innocents = 20, 100
	}
	qs := propertyQueries(ix, perKind, innocents)
	missed := 0
	for _, q := range qs {
		// One threshold: monotonicity (tested above) carries it to the others.
		for _, th := range []float64{0.6} {
			brute := ix.BruteScreen(q, th)
			got := ix.Screen(q, th)
			if !reflect.DeepEqual(got, brute) {
				missed++
				if missed <= 5 {
					t.Errorf("%q (%s) at %.2f: Screen %v, brute force %v", q.FullName, q.DateOfBirth, th, summary(got), summary(brute))
				}
			}
		}
	}
	if missed > 0 {
		t.Errorf("%d of %d queries differ from the brute-force scorer", missed, len(qs))
	}
}

func summary(ms []watchlist.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Source+"/"+m.EntryID)
	}
	return out
}
