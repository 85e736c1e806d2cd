package entityeval

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/watchlist"
)

var listed = []Listed{
	{Source: "T", ID: "1", Names: []string{"MAHAN AIR", "MAHAN AIRLINES"}},
	{Source: "T", ID: "2", Names: []string{"ISLAMIC REVOLUTIONARY GUARD CORPS"}},
	{Source: "T", ID: "3", Names: []string{"IRAN TIRE MANUFACTURING CO"}},
	{Source: "T", ID: "4", Names: []string{"ATLAS HOLDING"}},
	{Source: "T", ID: "5", Names: []string{"ГАЗПРОМ"}},
}

func TestDamagedIsDeterministicAndCyclesTheDamages(t *testing.T) {
	a, b := Damaged(listed, 1, 60), Damaged(listed, 1, 60)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same seed, different cases")
	}
	if reflect.DeepEqual(a, Damaged(listed, 2, 60)) {
		t.Error("another seed gives the same cases")
	}
	seen := map[string]int{}
	for _, c := range a {
		seen[c.Damage]++
		if c.Query == "" || strings.EqualFold(c.Query, c.Original) && c.Damage != DamageLegalDropped {
			t.Errorf("%s left %q unchanged", c.Damage, c.Original)
		}
		if c.Original == "ГАЗПРОМ" {
			t.Error("a non-Latin name was drawn")
		}
	}
	for _, d := range Damages {
		if seen[d] != 10 {
			t.Errorf("%s: %d cases, want 10", d, seen[d])
		}
	}
}

func TestDamageKinds(t *testing.T) {
	for _, tc := range []struct {
		kind, name string
		check      func(string) bool
	}{
		{DamageLegalDropped, "IRAN TIRE MANUFACTURING CO", func(s string) bool { return s == "IRAN TIRE MANUFACTURING" }},
		{DamageLegalChanged, "IRAN TIRE MANUFACTURING CO", func(s string) bool {
			return strings.HasPrefix(s, "IRAN TIRE MANUFACTURING ") && !strings.HasSuffix(s, " CO")
		}},
		{DamageWordOrder, "MAHAN AIR", func(s string) bool { return s == "AIR MAHAN" }},
		{DamageAbbreviation, "IRAN TIRE MANUFACTURING CO", func(s string) bool { return s == "IRAN TIRE Mfg" }},
		{DamageScript, "MAHAN AIR", func(s string) bool { return s == "МАХАН АИР" }},
		{DamageTypo, "ATLAS HOLDING", func(s string) bool { return strings.HasPrefix(s, "ATLAS H") && s != "ATLAS HOLDING" }},
	} {
		for seed := uint64(0); seed < 5; seed++ {
			got, ok := damage(newRand(seed), tc.name, tc.kind)
			if !ok || !tc.check(got) {
				t.Errorf("%s(%q) = %q, %v", tc.kind, tc.name, got, ok)
			}
		}
	}
}

func TestInnocentsNeverHoldAListedName(t *testing.T) {
	l := append(listed, Listed{Source: "T", ID: "6", Names: []string{"NORDIC CARGO"}}, Listed{Source: "T", ID: "7", Names: []string{"Atlas Air"}})
	got, refused := Innocents(l, 3, 3000)
	if len(got) != 3000 || refused == 0 {
		t.Fatalf("%d innocents, %d refused", len(got), refused)
	}
	again, _ := Innocents(l, 3, 3000)
	if !reflect.DeepEqual(got, again) {
		t.Error("same seed, different innocents")
	}
	for _, s := range got {
		w := strings.ToUpper(" " + s + " ")
		if strings.Contains(w, " NORDIC ") && strings.Contains(w, " CARGO ") || strings.Contains(w, " ATLAS ") && strings.Contains(w, " AIR ") ||
			strings.Contains(w, " ATLAS ") && strings.Contains(w, " HOLDING") {
			t.Errorf("innocent %q holds a listed name", s)
		}
	}
}

func TestRecallAt(t *testing.T) {
	innocents := make([]float64, 1000)
	for i := range innocents {
		innocents[i] = 0.6
	}
	innocents[0], innocents[1], innocents[2] = 0.99, 0.95, 0.9
	truth := []float64{1, 0.96, 0.93, 0.8, 0}
	if th, r := recallAt(truth, innocents, 1); th != 0.9501 || r != 0.4 {
		t.Errorf("1/1000: threshold %v recall %v", th, r)
	}
	if th, r := recallAt(truth, innocents, 3); th != 0.6001 || r != 0.8 {
		t.Errorf("3/1000: threshold %v recall %v", th, r)
	}
}

type fakeScreener map[string]float64

func (f fakeScreener) ScreenEntity(string, float64) []watchlist.EntityMatch { return nil }
func (f fakeScreener) CompareOrganisations(a, b string) float64             { return f[a+"|"+b] }

func TestPairAUCAndReadPairs(t *testing.T) {
	csv := "case_group,schema,name1,name2,is_match,quality,category,notes\n" +
		"g,Person,Olaf Scholz,Olaf Scholze,true,STRONG,,\n" +
		"g,Company,A AG,A Aktiengesellschaft,true,STRONG,,\n" +
		"g,Company,B AG,C AG,false,MEDIUM,,\"a note, with a comma\"\n" +
		"g,Organization,D,E,false,WEAK,,\n"
	pairs, err := ReadPairs(strings.NewReader(csv))
	if err != nil || len(pairs) != 3 {
		t.Fatalf("%v %+v", err, pairs)
	}
	s := fakeScreener{"A AG|A Aktiengesellschaft": 0.9, "B AG|C AG": 0.5, "D|E": 0.9}
	if auc, pos, neg := PairAUC(s, pairs); auc != 0.75 || pos != 1 || neg != 2 {
		t.Errorf("auc %v (%d/%d)", auc, pos, neg)
	}
	if auc, _, _ := PairAUC(s, pairs[:1]); !math.IsNaN(auc) {
		t.Errorf("AUC without non-matches: %v", auc)
	}
	if _, err := ReadPairs(strings.NewReader("schema,name1,name2,is_match\nCompany,a,b,maybe\n")); err == nil {
		t.Error("a bad label was accepted")
	}
}

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 7)) }

// Run against a small index: the figures are shares, recall rises with the alert budget, and
// the truth comes from the generator, not from the screener.
func TestRunOnASmallIndex(t *testing.T) {
	var es []watchlist.Entry
	for _, l := range listed {
		e := watchlist.Entry{ID: l.ID, Source: l.Source, Kind: watchlist.Entity}
		for i, n := range l.Names {
			q := watchlist.Strong
			if i == 0 {
				q = watchlist.Primary
			}
			e.Names = append(e.Names, watchlist.Name{Full: n, Quality: q})
		}
		es = append(es, e)
	}
	ix := watchlist.Build(es)
	r := Run(ix, listed, 5, 120, 2000)
	if r.Damaged != 120 || r.Innocents != 2000 {
		t.Fatalf("%+v", r)
	}
	if r.RecallAt5 < r.RecallAt1 || r.ThresholdAt5 > r.ThresholdAt1 {
		t.Errorf("recall falls with a larger budget: %+v", r)
	}
	for _, x := range []float64{r.RecallAt1, r.RecallAt5, r.RecallAtDefault} {
		if x < 0 || x > 1 {
			t.Errorf("recall %v", x)
		}
	}
	if r.RecallByDamageAtDefault[DamageWordOrder] < 0.9 {
		t.Errorf("word order: %+v", r.RecallByDamageAtDefault)
	}
}
