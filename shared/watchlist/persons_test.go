package watchlist

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// The thresholds shipped in the default ruleset are the ones the figures in docs/SCREENING.md
// were measured at.
func TestRulesetShipsTheMeasuredThresholds(t *testing.T) {
	w := rules.Default().Watchlist
	if w.Threshold != DefaultThreshold || w.StrongThreshold != StrongThreshold {
		t.Errorf("ruleset thresholds %v/%v, measured at %v/%v", w.Threshold, w.StrongThreshold, DefaultThreshold, StrongThreshold)
	}
}

// people reads up to n rows of one of the names files: full name, given and last name, birth date.
func people(t testing.TB, file string, n int) [][4]string {
	path := filepath.Join("../../../shared/data/names", file)
	need(t, path)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var out [][4]string
	for len(out) < n {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if rec[0] == "full_name" || len(rec) < 6 {
			continue
		}
		out = append(out, [4]string{rec[0], rec[1], rec[3], rec[5]})
	}
	return out
}

// BenchmarkAssess500WithWatchlist is the scoring target with screening: a 500-person manifest
// of people on no list, screened and then assessed by the rules, against UN + OFAC as they are
// (about 14,800 names) and padded to 30,000 names with synthetic entries drawn from the same
// population as the passengers (a harsh case: every padded name is a near neighbour of some
// passenger). Target: under 10 ms. Each iteration starts with the memo of query parts empty
// (partMemo), as a function does on a new list version, so repeating one manifest measures
// it the first time. "stream" is the other case, a function that has been screening manifests
// with the same lists: 50 manifests of the same population are screened first, untimed, and
// each iteration is another of 50 further manifests, the memo kept (after those 50 the memo is
// emptied and warmed again, untimed, so that no manifest is timed with its own parts
// remembered).
func BenchmarkAssess500WithWatchlist(b *testing.B) {
	b.Run("UN+OFAC", func(b *testing.B) { benchAssess(b, 0, 1) })
	b.Run("30000-names", func(b *testing.B) { benchAssess(b, 30000, 1) })
	b.Run("UN+OFAC-stream", func(b *testing.B) { benchAssess(b, 0, 100) })
}

func benchAssess(b *testing.B, names, manifests int) {
	entries := append([]Entry(nil), realLists(b)...)
	ix := Build(entries)
	if names > ix.Names() {
		for i, p := range people(b, "unlisted-people-b.csv", names-ix.Names()) {
			entries = append(entries, Entry{ID: fmt.Sprintf("SYN%05d", i), Source: "SYNTHETIC", Kind: Individual, Names: []Name{{Full: p[0], Quality: Primary}}})
		}
		ix = Build(entries)
	}
	set := Set{Snapshots: []Named{{Name: "ALL", Index: ix}}, Threshold: DefaultThreshold, StrongThreshold: StrongThreshold}
	pool := people(b, "unlisted-people-a.csv", 500*manifests)
	var ms []*manifest.Manifest
	for len(pool) >= 500 {
		m := &manifest.Manifest{Flight: manifest.Flight{SeatCapacity: 1000, Regime: "CHARTER", Operator: "Example Charter GmbH", AircraftRegistration: "D-AXYZ",
			Departure: manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"}, Arrival: manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"}}}
		for i, p := range pool[:500] {
			surname, given := p[2], p[1]
			if surname == "" {
				surname = p[0]
			}
			m.Persons = append(m.Persons, manifest.Person{Ref: fmt.Sprint(i), Role: "PAX", Surname: surname, GivenNames: given, DateOfBirth: p[3], Nationality: "XXX",
				Documents: []manifest.Document{{Type: "P", Number: fmt.Sprintf("B%07d", i), IssuingState: "XXX", Expiry: "2031-01-01"}}})
		}
		ms, pool = append(ms, m), pool[500:]
	}
	warm, timed := ms[:len(ms)/2], ms[len(ms)/2:]
	rs := rules.Default()
	b.ReportMetric(float64(ix.Names()), "names")
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if i%len(timed) == 0 {
			// A manifest met again would find all its parts remembered.
			if len(warm) == 0 {
				ix.memo.reset()
			} else {
				b.StopTimer()
				ix.memo.reset()
				for _, m := range warm {
					set.ScreenPersons(m.Persons)
				}
				b.StartTimer()
			}
		}
		m := timed[i%len(timed)]
		i++
		in := rules.Input{Manifest: m, Version: 1, Watchlist: set.ScreenPersons(m.Persons), WatchlistVersions: set.Versions()}
		rules.Assess(in, rs)
	}
}

// TestDocumentsDoNotChangeOtherMatches: a passenger's document numbers that match no entry
// change nothing; they only weigh for the entries that list them.
func TestDocumentsDoNotChangeOtherMatches(t *testing.T) {
	ix := Build(realLists(t))
	for i, p := range people(t, "un-listed-people-variants.csv", 200) {
		q := Query{FullName: p[0], DateOfBirth: p[3]}
		without := ix.Screen(q, DefaultThreshold)
		q.Documents = []string{fmt.Sprintf("ZZ%07d", i)}
		with := ix.Screen(q, DefaultThreshold)
		if len(with) != len(without) {
			t.Fatalf("row %d: %d matches with an unrelated document, %d without", i, len(with), len(without))
		}
		for j := range with {
			if with[j].EntryID != without[j].EntryID || with[j].Score != without[j].Score {
				t.Fatalf("row %d: match %d differs: %+v vs %+v", i, j, with[j], without[j])
			}
		}
	}
}

// TestPackedDOBKeepsEveryValidDate holds the 8-byte form dobBonus reads
// to be exact for every date a list can carry (DOB.valid).
func TestPackedDOBKeepsEveryValidDate(t *testing.T) {
	n := 0
	for y := 1790; y <= 2210; y++ {
		for m := 0; m <= 12; m++ {
			for d := 0; d <= 31; d++ {
				for _, to := range []int{0, y + 1, y + 50} {
					for _, c := range []bool{false, true} {
						dob := DOB{Year: y, Month: m, Day: d, YearTo: to, Circa: c}
						if !dob.valid() {
							continue
						}
						n++
						if got := packDOB(dob).dob(); got != dob {
							t.Fatalf("%+v packs to %+v", dob, got)
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no valid date tried")
	}
}
