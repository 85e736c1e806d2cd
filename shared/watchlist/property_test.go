package watchlist_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
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
// made of listed parts: the queries where retrieval has work to do. The
// positives' dates of birth are varied so that every date outcome occurs
// (Screen's floor depends on each entry's: confirms, consistent, near,
// rules out, missing).
func propertyQueries(ix *watchlist.Index, perKind, innocents int) []watchlist.Query {
	g := evaluation.Generate(ix, propertySeed, perKind, innocents)
	var qs []watchlist.Query
	for i, c := range g.Positives {
		qs = append(qs, watchlist.Query{FullName: c.Name, DateOfBirth: varyDOB(c.DOB, i)})
	}
	for _, c := range g.Innocents {
		qs = append(qs, watchlist.Query{FullName: c.Name, DateOfBirth: c.DOB})
	}
	return qs
}

// varyDOB is the i-th of six variants of a YYYY-MM-DD date: as given, its
// year alone, a year later, another month, a day later, a decade earlier.
func varyDOB(d string, i int) string {
	var y, m, day int
	if _, err := fmt.Sscanf(d, "%d-%d-%d", &y, &m, &day); err != nil {
		return d
	}
	switch i % 6 {
	case 1:
		return fmt.Sprintf("%04d", y)
	case 2:
		y++
	case 3:
		m = m%12 + 1
	case 4:
		day = day%28 + 1
	case 5:
		y -= 10
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, day)
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
		// Two thresholds: at the default one, but not at 0.6, Screen drops
		// the names whose dates rule the query's out before any bound;
		// monotonicity (tested above) carries them to the others.
		all := ix.BruteScreen(q, 0.6)
		for _, th := range []float64{0.6, watchlist.DefaultThreshold} {
			brute := atLeast(all, th)
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

// The edges and joins Build stores for every listed part are those the
// query path enumerates for it: a part's edges depend on its text alone,
// so screening with them changes nothing, explanations included.
func TestStoredEdgesScreenAsEnumerated(t *testing.T) {
	for _, c := range []struct {
		name string
		ix   func(t *testing.T) *watchlist.Index
	}{
		{"UN and OFAC", propIndex},
		{"synthetic", func(*testing.T) *watchlist.Index { return syntheticIndex(12, 2000) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			ix := c.ix(t)
			bad := 0
			qs := propertyQueries(ix, 40, 400)
			for _, q := range qs {
				for _, th := range []float64{0.6, watchlist.DefaultThreshold} {
					if got, want := ix.Screen(q, th), ix.ScreenEnumerated(q, th); !reflect.DeepEqual(got, want) {
						bad++
						if bad <= 5 {
							t.Errorf("%q at %.2f: stored %v, enumerated %v", q.FullName, th, summary(got), summary(want))
						}
					}
				}
			}
			if bad > 0 {
				t.Errorf("%d of %d query-threshold pairs differ", bad, 2*len(qs))
			}
		})
	}
}

func summary(ms []watchlist.Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Source+"/"+m.EntryID)
	}
	return out
}

// syntheticIndex is a list of made-up people whose parts are built from a
// few syllables, so parts collide, join and split the way real names do;
// it keeps the properties tested where ../shared/data is absent.
func syntheticIndex(seed uint64, n int) *watchlist.Index {
	rng := rand.New(rand.NewPCG(seed, 1))
	syl := []string{"ka", "ri", "mo", "ha", "med", "sa", "lim", "yu", "suf", "al", "kh", "an", "jo", "ng", "il", "ab", "dul", "ra", "man", "ov", "ev", "na", "sh", "ee", "ou", "i", "u"}
	part := func() string {
		var b strings.Builder
		for k := 2 + rng.IntN(3); k > 0; k-- {
			b.WriteString(syl[rng.IntN(len(syl))])
		}
		return strings.ToUpper(b.String())
	}
	cultures := []string{"AFG", "PRK", "RUS"}
	es := make([]watchlist.Entry, n)
	for i := range es {
		parts := make([]string, 2+rng.IntN(3))
		for k := range parts {
			parts[k] = part()
		}
		es[i] = watchlist.Entry{ID: strconv.Itoa(i), Source: []string{"UN", "OFAC"}[i%2], Kind: watchlist.Individual,
			Names:         []watchlist.Name{{Full: strings.Join(parts, " "), Quality: watchlist.Primary}},
			Nationalities: []string{cultures[rng.IntN(len(cultures))]},
			DatesOfBirth:  []watchlist.DOB{{Year: 1940 + rng.IntN(60)}}}
		if rng.IntN(3) == 0 {
			es[i].Names = append(es[i].Names, watchlist.Name{Full: parts[len(parts)-1] + ", " + part(), Quality: watchlist.Strong})
		}
	}
	return watchlist.Build(es)
}

// Both properties on the synthetic list: monotone in the threshold, and
// nothing the brute-force scorer finds is missed.
func TestScreenPropertiesOnSyntheticList(t *testing.T) {
	ix := syntheticIndex(11, 3000)
	g := evaluation.Generate(ix, propertySeed, 60, 500)
	var qs []watchlist.Query
	for _, c := range append(g.Positives, g.Innocents...) {
		qs = append(qs, watchlist.Query{FullName: c.Name, DateOfBirth: c.DOB})
	}
	if len(qs) < 1000 {
		t.Fatalf("only %d queries generated", len(qs))
	}
	bad := 0
	for _, q := range qs {
		low := ix.Screen(q, 0.5)
		for _, th := range []float64{0.6, watchlist.DefaultThreshold, 0.9} {
			if got, want := ix.Screen(q, th), atLeast(low, th); !reflect.DeepEqual(got, want) {
				bad++
				if bad <= 3 {
					t.Errorf("%q at %.2f: %v, want %v", q.FullName, th, summary(got), summary(want))
				}
			}
		}
		if got, brute := ix.Screen(q, 0.6), ix.BruteScreen(q, 0.6); !reflect.DeepEqual(got, brute) {
			bad++
			if bad <= 3 {
				t.Errorf("%q: Screen %v, brute force %v", q.FullName, summary(got), summary(brute))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d property failures over %d queries", bad, len(qs))
	}
}

// The bound that lets Screen skip aligning a name is never below the
// name's full alignment score, for every listed name: a bound below it
// would hide matches at some threshold.
func TestNameBoundAdmissible(t *testing.T) {
	ix := propIndex(t)
	perKind, innocents := 30, 300 // 270 + 300 queries, each against every listed name
	if testing.Short() {
		perKind, innocents = 5, 50
	}
	bad := 0
	for _, q := range propertyQueries(ix, perKind, innocents) {
		if v := ix.BoundViolations(q); len(v) > 0 {
			bad++
			if bad <= 5 {
				t.Errorf("%q: the bound is below the score of %d listed names, first %q", q.FullName, len(v), v[0])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d queries with an inadmissible bound", bad)
	}
}
