package evaluation

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/names"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// synthetic is a small two-list index: one person on both lists (UN and
// OFAC spell the name in another order), others of two naming cultures.
func synthetic() *watchlist.Index {
	p := func(src, id, name, nat string, dob watchlist.DOB) watchlist.Entry {
		return watchlist.Entry{ID: id, Source: src, Kind: watchlist.Individual, Names: []watchlist.Name{{Full: name, Quality: watchlist.Primary}},
			Nationalities: []string{nat}, DatesOfBirth: []watchlist.DOB{dob}}
	}
	es := []watchlist.Entry{
		p("UN", "U1", "OMAR HASSAN KHALID AL-RASHID", "IRQ", watchlist.DOB{Year: 1961, Month: 3, Day: 4}),
		p("OFAC", "O1", "AL-RASHID, Omar Hassan Khalid", "IRQ", watchlist.DOB{Year: 1961}),
		p("OFAC", "O2", "OMAR HASSAN KHALID AL-RASHID", "IRQ", watchlist.DOB{Year: 1990}), // namesake, ruled out by date
		p("UN", "U2", "SALIM YUSUF MAHMOUD", "IRQ", watchlist.DOB{Year: 1970}),
		p("UN", "U3", "KARIM ABDULLAH SHEIKHI", "IRQ", watchlist.DOB{Year: 1975}),
		p("UN", "U4", "NASSER JAMAL QURESHI", "IRQ", watchlist.DOB{Year: 1966}),
		p("UN", "U5", "IVAN SERGEYEVICH PETROV", "RUS", watchlist.DOB{Year: 1958}),
		p("OFAC", "O5", "DMITRI ALEKSANDROVICH VOLKOV", "RUS", watchlist.DOB{Year: 1962}),
		p("OFAC", "O6", "NIKOLAI PAVLOVICH SOKOLOV", "RUS", watchlist.DOB{Year: 1971}),
		p("OFAC", "O7", "ANDREI IGOREVICH MOROZOV", "RUS", watchlist.DOB{Year: 1980}),
	}
	return watchlist.Build(es)
}

// Truth is exact normalised equality across lists, with a compatible date
// of birth: both entries of the same person, not the namesake born later.
func TestTruthCreditsEveryEntryOfThePerson(t *testing.T) {
	ti := newTruthIndex(synthetic().Indexed())
	d, _ := watchlist.ParseDOB("1961-03-04")
	got := ti.of("OMAR HASSAN KHALID AL-RASHID", d)
	slices.Sort(got)
	if want := []string{"OFAC/O1", "UN/U1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("truth %v, want %v", got, want)
	}
	// A near spelling is not the listed name: the truth never comes from
	// fuzzy matching.
	if got := ti.of("OMAR HASAN KHALID AL-RASHID", d); len(got) != 0 {
		t.Errorf("truth of a misspelling %v, want none", got)
	}
}

func TestGeneratorIsDeterministicAndKeepsKindsApart(t *testing.T) {
	ix := synthetic()
	a := Generate(ix, DevSeed, 20, 30)
	b := Generate(ix, DevSeed, 20, 30)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different sets")
	}
	c := Generate(ix, TestSeed, 20, 30)
	if reflect.DeepEqual(a.Positives, c.Positives) {
		t.Fatal("the test seed gives the development set")
	}
	kinds := map[string]int{}
	for _, p := range a.Positives {
		kinds[p.Kind]++
		if len(p.Truth) == 0 {
			t.Errorf("%+v has no truth", p)
		}
		if p.Kind == KindMissingDOB && p.DOB != "" {
			t.Errorf("%+v: missingDOB with a date", p)
		}
		if p.Kind == KindJoined && len(strings.Fields(p.Name)) >= len(strings.Fields(names.Fold(p.Listed))) {
			t.Errorf("%+v: joined kind with as many parts", p)
		}
	}
	for _, k := range Kinds {
		if kinds[k] != 20 {
			t.Errorf("kind %s: %d cases, want 20", k, kinds[k])
		}
	}
	ti := newTruthIndex(ix.Indexed())
	for _, n := range a.Innocents {
		if ti.holdsListedName(n.Name) {
			t.Errorf("innocent %q holds a listed name", n.Name)
		}
	}
}

func TestDamageKinds(t *testing.T) {
	g := Generate(synthetic(), 3, 50, 0)
	for _, c := range g.Positives {
		if strings.EqualFold(strings.ReplaceAll(c.Name, " ", ""), strings.ReplaceAll(strings.ToUpper(c.Listed), " ", "")) && c.Kind != KindJoined && c.Kind != KindSplit && c.Kind != KindMissingDOB {
			t.Errorf("%s: %q is the listed name %q undamaged", c.Kind, c.Name, c.Listed)
		}
	}
}

// Evaluate counts a positive found when Screen at the threshold returns
// any entry of the person, and chooses thresholds on the negatives.
func TestEvaluateOnSynthetic(t *testing.T) {
	ix := synthetic()
	pos := []Case{
		{Kind: KindTypo, Name: "OMAR HASSAN KHALID AL-RASHIX", DOB: "1961-03-04", Truth: []string{"OFAC/O1", "UN/U1"}},
		{Kind: KindJoined, Name: "OMARHASSAN KHALID AL-RASHID", DOB: "1961-03-04", Truth: []string{"OFAC/O1", "UN/U1"}},
		{Kind: KindRomanisation, Name: "SALEEM YOOSUF MAHMUD", DOB: "1970-05-05", Truth: []string{"UN/U2"}},
	}
	var neg []Case
	for i := 0; i < 1000; i++ {
		neg = append(neg, Case{Name: "JOHN SMITH", DOB: "1980-01-01"})
	}
	res := Evaluate(ix, pos, neg, nil)
	if res.RecallAt1PerMille != 1 || res.RecallAtDefault != 1 || res.Positives != 3 || res.Negatives != 1000 {
		t.Errorf("result %+v", res)
	}
	if len(res.Kinds) != 3 {
		t.Errorf("kinds %+v", res.Kinds)
	}
}

func TestAUC(t *testing.T) {
	if a, _ := AUC([]float64{0.9, 0.8}, []float64{0.1, 0.8}); a != 0.875 {
		t.Errorf("AUC %v, want 0.875", a)
	}
	if _, err := AUC(nil, []float64{1}); err == nil {
		t.Error("AUC without positives")
	}
}
