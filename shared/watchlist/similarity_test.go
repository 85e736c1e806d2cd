package watchlist

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/names"
)

// partSim is tokenSim on two raw parts, each normalised to one token.
func partSim(t *testing.T, a, b string) float64 {
	t.Helper()
	qa, qb := names.Normalize(a), names.Normalize(b)
	if len(qa) != 1 || len(qb) != 1 {
		t.Fatalf("%q, %q: not one part each (%v, %v)", a, b, qa, qb)
	}
	q, l := qa[0], qb[0]
	sim, _ := tokenSim(q, names.Canon(q.Text), l.Text, l.Key, names.Canon(l.Text))
	return sim
}

func TestTokenSimSlips(t *testing.T) {
	for _, tc := range []struct {
		name   string
		q, l   string
		lo, hi float64
	}{
		{"a letter dropped from a four-letter part", "JSE", "JOSE", minFuzzy, 1},
		{"a letter added to a three-letter part", "IVANN", "IVAN", minFuzzy, 1},
		{"three letters against four, one deletion apart", "NUR", "NURI", minFuzzy, 1},
		{"three letters against three are not a slip", "ALA", "ALI", 0, 0},
		{"three letters against four, two edits apart", "RET", "RESH", 0, 0},
		{"two slips in a five-letter part keep three quarters", "ABBSZ", "ABBAS", 0.4, 0.75},
		{"one slip in a five-letter part is in full", "ABBSS", "ABBAS", minFuzzy, 1},
		{"Hebrew, one letter changed", "נתניחו", "נתניהו", minFuzzy, 1},
		{"Devanagari, one letter changed", "मोडी", "मोदी", minFuzzy, 1},
		{"Thai, one letter changed", "วชิราลงกรน", "วชิราลงกรณ", minFuzzy, 1},
		{"Chinese characters are morphemes, not letters", "高市早苗", "高石早苗", 0, 0},
		{"Hebrew, three letters", "דוד", "דור", 0, 0},
	} {
		if got := partSim(t, tc.q, tc.l); got < tc.lo || got > tc.hi {
			t.Errorf("%s: tokenSim(%q, %q) = %.4f, want in [%.2f, %.2f]", tc.name, tc.q, tc.l, got, tc.lo, tc.hi)
		}
	}
}

// The neighbourhoods added for parts in other scripts and for three-letter
// parts are retrieved: Screen finds what the brute-force scorer finds.
func TestScreenFindsSlipsInOtherScripts(t *testing.T) {
	ix := Build([]Entry{
		{ID: "1", Source: "UN", Kind: Individual, Names: []Name{{Full: "בנימין נתניהו", Quality: Primary}}},
		{ID: "2", Source: "UN", Kind: Individual, Names: []Name{{Full: "नरेन्द्र मोदी", Quality: Primary}}},
		{ID: "3", Source: "UN", Kind: Individual, Names: []Name{{Full: "Қасым-Жомарт Тоқаев", Quality: Primary}}},
		{ID: "4", Source: "UN", Kind: Individual, Names: []Name{{Full: "Jose Luis Ruelas", Quality: Primary}}},
		{ID: "5", Source: "UN", Kind: Individual, Names: []Name{{Full: "Ali Kony", Quality: Primary}}},
		{ID: "6", Source: "UN", Kind: Individual, Names: []Name{{Full: "高市早苗", Quality: Primary}}},
	})
	for _, tc := range []struct {
		query string
		want  []string // entry ids at the default threshold
	}{
		{"בנימין נתניחו", []string{"1"}},
		{"नरेन्द्र मोडी", []string{"2"}},
		{"Касым-Жомарт Тұқаев", []string{"3"}},
		{"JSE LUIS RUELAS", []string{"4"}},
		{"ALII KONY", []string{"5"}},
		{"高石早苗", nil},
	} {
		q := Query{FullName: tc.query}
		got := ix.Screen(q, DefaultThreshold)
		var ids []string
		for _, m := range got {
			ids = append(ids, m.EntryID)
		}
		if !reflect.DeepEqual(ids, tc.want) {
			t.Errorf("Screen(%q) = %v, want %v", tc.query, ids, tc.want)
		}
		if brute := ix.BruteScreen(q, 0.3); !reflect.DeepEqual(ix.Screen(q, 0.3), brute) {
			t.Errorf("Screen(%q, 0.3) differs from the brute-force scorer %v", tc.query, brute)
		}
	}
}

func TestDistantSim(t *testing.T) {
	for _, tc := range []struct {
		name   string
		q, l   string
		lo, hi float64
	}{
		{"two slips in a five-letter part, no shared deletion", "slia", "silva", 0.2, distantCap},
		{"a long part cut short by two deletions", "uthn", "uthman", 0.1, distantCap},
		{"another suffix on one stem", "sechev", "sechin", 0.1, distantCap},
		{"never more than the cap, however close", "jaauu", "jaua", 0, distantCap},
		{"unrelated parts get nothing", "hassan", "petrov", 0, 0},
		{"two-letter parts are not compared", "on", "un", 0, 0},
		{"other scripts are not compared", "סלבה", "סילבה", 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := distantSim(tc.q, tc.l); got < tc.lo || got > tc.hi {
				t.Errorf("distantSim(%q, %q) = %.4f, want in [%.2f, %.2f]", tc.q, tc.l, got, tc.lo, tc.hi)
			}
		})
	}
}

// A part garbled beyond every neighbourhood no longer makes its name a
// conflict when the other parts tie it to the query, and alone it
// retrieves nothing.
func TestDistantPairOnlyBesideAnEdge(t *testing.T) {
	ix := Build([]Entry{{ID: "1", Source: "T", Kind: Individual, Names: []Name{{Full: "FLORES SILVA, Audias", Quality: Primary}}}})
	with := ix.PairScore("AUDIAS FLORES SLIA", "AUDIAS FLORES SILVA")
	without := ix.PairScore("AUDIAS FLORES PETROV", "AUDIAS FLORES SILVA")
	if with <= without {
		t.Errorf("SLIA for SILVA scores %.4f, no more than PETROV (%.4f)", with, without)
	}
	if got := ix.PairScore("SLIA", "SILVA"); got != 0 {
		t.Errorf("SLIA alone against SILVA scores %.4f, want 0 (no edge ties the names)", got)
	}
	if ms := ix.Screen(Query{FullName: "SLIA"}, MinThreshold); len(ms) != 0 {
		t.Errorf("SLIA retrieved %d names, want none", len(ms))
	}
}

func TestJaroWinklerBelow(t *testing.T) {
	for _, tc := range []struct {
		name string
		q, l string
		want bool
	}{
		{"unrelated names are rejected", "hassan", "petrov", true},
		{"no shared letter", "abc", "xyz", true},
		{"a slip is kept", "silva", "slia", false},
		{"the same letters in another order are kept", "sechev", "sechin", false},
		{"a shared prefix keeps a pair the letters alone would not", "abdul", "abdxyzw", false},
		{"parts longer than Jaro-Winkler reads are left to it", strings.Repeat("a", 65), strings.Repeat("b", 65), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := jaroWinklerBelow(tc.q, tc.l, minPartial); got != tc.want {
				t.Errorf("jaroWinklerBelow(%q, %q) = %v, want %v (JaroWinkler %.4f)", tc.q, tc.l, got, tc.want, names.JaroWinkler(tc.q, tc.l))
			}
		})
	}
}

// jaroWinklerBelow is a filter in front of Jaro-Winkler: it must never say
// "below" of a pair Jaro-Winkler scores at the limit or above. Checked on
// many random pairs over small alphabets, where letters repeat and
// transpositions and shared prefixes are common.
func TestJaroWinklerBelowIsAdmissible(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 31))
	word := func(alpha string) string {
		b := make([]byte, 3+r.IntN(10))
		for i := range b {
			b[i] = alpha[r.IntN(len(alpha))]
		}
		return string(b)
	}
	rejected := 0
	for range 200000 {
		alpha := "abcdefghijklmnopqrstuvwxyz"[:2+r.IntN(25)]
		q, l := word(alpha), word(alpha)
		if r.IntN(4) == 0 {
			l = q[:r.IntN(len(q))] + l // a shared prefix
		}
		for _, lim := range []float64{0.5, minPartial, minFuzzy, 0.95} {
			if !jaroWinklerBelow(q, l, lim) {
				continue
			}
			rejected++
			if jw := names.JaroWinkler(q, l); jw >= lim {
				t.Fatalf("jaroWinklerBelow(%q, %q, %.2f) = true, but JaroWinkler is %.6f", q, l, lim, jw)
			}
		}
	}
	if rejected == 0 {
		t.Fatal("no pair rejected: the filter does nothing")
	}
}

// A part that differs counts against identity however common it is
// (conflictWeight), where a part left out is forgiven: a common given name
// agreeing is weak evidence, but a different one where the rest agrees is
// a different person, or a relative. The date of birth decides then.
func TestConflictOnACommonPart(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 19))
	syll := []string{"ba", "do", "ke", "lu", "mi", "no", "ra", "si", "tu", "ve", "zo", "ga"}
	word := func() string {
		var b strings.Builder
		for range 4 {
			b.WriteString(syll[r.IntN(len(syll))])
		}
		return strings.ToUpper(b.String())
	}
	// Many listed people share the common given names, so agreeing on
	// one is worth little.
	var es []Entry
	for i := range 400 {
		common := []string{"MOHAMED", "ALI", "AHMED", "HASSAN"}[i%4]
		es = append(es, Entry{ID: fmt.Sprint("f", i), Source: "T", Kind: Individual,
			Names: []Name{{Full: word() + " " + common + " " + word(), Quality: Primary}}})
	}
	es = append(es, Entry{ID: "target", Source: "T", Kind: Individual,
		Names:        []Name{{Full: "KARIM MOHAMED TALEBZADEH", Quality: Primary}},
		DatesOfBirth: []DOB{{Year: 1970, Month: 5, Day: 4}}})
	ix := Build(es)
	for _, tc := range []struct {
		name, query, dob string
		alert            bool
	}{
		{"the listed name alerts", "KARIM MOHAMED TALEBZADEH", "", true},
		{"a common part left out is forgiven", "KARIM TALEBZADEH", "", true},
		{"a common part that differs is a conflict", "KARIM AHMED TALEBZADEH", "", false},
		{"a rare part that differs is a conflict", "KARIM ZUBAYRI TALEBZADEH", "", false},
		{"with the same date of birth the common conflict alerts", "KARIM AHMED TALEBZADEH", "1970-05-04", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got float64
			for _, m := range ix.Screen(Query{FullName: tc.query, DateOfBirth: tc.dob}, MinThreshold) {
				if m.EntryID == "target" {
					got = m.Score
				}
			}
			if (got >= DefaultThreshold) != tc.alert {
				t.Errorf("%q (born %q) scores %.4f against KARIM MOHAMED TALEBZADEH; want alert %v at %.2f", tc.query, tc.dob, got, tc.alert, DefaultThreshold)
			}
		})
	}
}

// datesRuleOut lets candidates drop a name before anything else: it must
// never say so of an entry with a date dobOutcome does not rule out, and
// it must say so of most entries a random query date has nothing to do
// with. Checked on random listed dates (full, year-month, year only,
// ranges, circa) and query dates near and far from them.
func TestDatesRuleOutIsAdmissible(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	randDOB := func(base int) DOB {
		d := DOB{Year: base + r.IntN(12) - 6}
		switch r.IntN(5) {
		case 0, 1:
			d.Month, d.Day = 1+r.IntN(12), 1+r.IntN(31)
		case 2:
			d.Month = 1 + r.IntN(12)
		case 3:
			d.YearTo = d.Year + 1 + r.IntN(5)
		}
		d.Circa = r.IntN(6) == 0
		return d
	}
	ruledOut := 0
	for range 200000 {
		base := 1940 + r.IntN(60)
		var ds []DOB
		for range r.IntN(4) {
			ds = append(ds, randDOB(base))
		}
		ix := &Index{entries: []entryRec{{dobs: ds}}, names: []nameRec{{entry: 0}}}
		ix.deriveNameWeights()
		q := randDOB(base)
		q.YearTo, q.Circa = 0, false
		if r.IntN(3) == 0 {
			q.Month, q.Day = 0, 0
		}
		if !datesRuleOut(q, &ix.nameW[0].nameDates) {
			continue
		}
		ruledOut++
		for _, l := range ds {
			if o, _ := dobOutcome(q, l); o != RulesOut {
				t.Fatalf("datesRuleOut(%v) of listed %v: true, but %v is %s", q, ds, l, o)
			}
		}
	}
	if ruledOut < 20000 {
		t.Fatalf("only %d of 200000 ruled out: the test does nothing", ruledOut)
	}
}
