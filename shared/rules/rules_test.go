package rules

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

func sample(t testing.TB) *manifest.Manifest {
	t.Helper()
	b, err := os.ReadFile("../manifest/testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	manifest.Normalise(m)
	return m
}

// baseInput is the sample submitted a day ahead, scored against no watchlist.
func baseInput(t testing.TB) Input {
	return Input{Manifest: sample(t), Version: 1, SubmittedAt: time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)}
}

func rulesHit(a Assessment) map[string]int {
	got := map[string]int{}
	for _, h := range a.Hits {
		got[h.Rule] += h.Points
	}
	return got
}

func TestDefaultRulesetIsValid(t *testing.T) {
	rs := Default()
	for _, code := range knownRules {
		if _, ok := rs.Rules[code]; !ok {
			t.Errorf("default ruleset lacks rule %s", code)
		}
	}
	for _, icao := range []string{"ETAR", "LERT", "LICZ", "LIPA", "LTAG", "OTBH", "KDOV", "KWRI", "KHMN", "KCMY", "KVOK", "KBIF", "KNYG"} {
		if !rs.Sensitive(icao) {
			t.Errorf("%s is not on the sensitive list", icao)
		}
	}
}

func TestParseRefusesBrokenRulesets(t *testing.T) {
	for name, doc := range map[string]string{
		"no version":         `{"thresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3},"sensitiveThresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3}}`,
		"falling thresholds": `{"version":"x","thresholds":{"MEDIUM":5,"HIGH":2,"CRITICAL":3},"sensitiveThresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3}}`,
		"unknown rule":       `{"version":"x","thresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3},"sensitiveThresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3},"rules":{"NATIONALITY":{"enabled":true,"points":5}}}`,
		"unknown field":      `{"version":"x","weights":{}}`,
	} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: Parse accepted it", name)
		}
	}
}

func TestCleanManifestIsLow(t *testing.T) {
	a := Assess(baseInput(t), Default())
	if a.Level != LevelLow || a.Score != 0 {
		t.Fatalf("clean sample: level %s score %d, hits %+v", a.Level, a.Score, a.Hits)
	}
	if !a.Sensitive || rulesHit(a)[RuleSensitiveDestination] != 0 || len(a.Hits) != 1 {
		t.Errorf("want only the zero-point sensitive destination hit, got %+v", a.Hits)
	}
}

func TestEachRuleFiresOnlyOnItsCase(t *testing.T) {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		rule   string
		mutate func(in *Input)
	}{
		{RuleValidationFinding, func(in *Input) { in.Manifest.Persons[2].GivenNames = "FNU" }},
		{RuleMRZMismatch, func(in *Input) { in.Manifest.Persons[2].Surname = "Eriksen" }},
		{RuleDocumentExpired, func(in *Input) { in.Manifest.Persons[2].Documents[0].Expiry = "2026-11-30" }},
		{RuleDocumentOnOther, func(in *Input) {
			in.Sightings = []Sighting{{PersonIndex: 2, ManifestID: "OTHER", Departure: at("2026-12-05T06:00:00Z"), Arrival: at("2026-12-05T10:00:00Z")}}
		}},
		{RuleOverlappingFlights, func(in *Input) {
			in.Sightings = []Sighting{{PersonIndex: 2, ManifestID: "OTHER", Departure: at("2026-12-01T08:00:00Z"), Arrival: at("2026-12-01T12:00:00Z")}}
		}},
		{RuleOverCapacity, func(in *Input) { in.Manifest.Flight.SeatCapacity = 3 }},
		{RuleLateSubmission, func(in *Input) {
			in.Manifest.Flight.Regime = "PRIVATE"
			in.SubmittedAt = at("2026-12-01T05:30:00Z")
		}},
		{RuleAmendedAfterClearance, func(in *Input) { in.Version, in.ClearedBefore, in.FirstPersons = 2, true, in.Manifest.Persons }},
		{RulePersonsChanged, func(in *Input) {
			in.Version = 2
			in.FirstPersons = append([]manifest.Person(nil), in.Manifest.Persons[:4]...)
		}},
		{RuleUnknownOperator, func(in *Input) { in.Manifest.Flight.Operator = "Shadow Air Ltd" }},
		{RuleUnknownRegistration, func(in *Input) { in.Manifest.Flight.AircraftRegistration = "D-ABCD" }},
		{RuleWatchlistPossible, func(in *Input) {
			in.Watchlist = []WatchlistMatch{{PersonIndex: 2, Source: "UN", EntryID: "QDi.1", Score: 0.8}}
		}},
		{RuleWatchlistStrong, func(in *Input) {
			in.Watchlist = []WatchlistMatch{{PersonIndex: 2, Source: "UN", EntryID: "QDi.1", Score: 0.97, Strong: true}}
		}},
	}
	base := rulesHit(Assess(baseInput(t), Default()))
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if _, ok := base[tt.rule]; ok {
				t.Fatalf("%s fires on the clean sample", tt.rule)
			}
			in := baseInput(t)
			tt.mutate(&in)
			a := Assess(in, Default())
			pts, ok := rulesHit(a)[tt.rule]
			if !ok {
				t.Fatalf("%s did not fire: %+v", tt.rule, a.Hits)
			}
			if pts <= 0 {
				t.Errorf("%s gave %d points", tt.rule, pts)
			}
			for _, h := range a.Hits {
				if h.Message == "" || h.Severity == "" {
					t.Errorf("hit without message or severity: %+v", h)
				}
			}
		})
	}
}

func TestStrongWatchlistMatchIsAlwaysCritical(t *testing.T) {
	rs := Default()
	rs.Rules[RuleWatchlistStrong] = Rule{Enabled: true, Points: 1}
	in := baseInput(t)
	in.Watchlist = []WatchlistMatch{{PersonIndex: 0, Source: "OFAC", EntryID: "1", Score: 0.99, Strong: true}}
	if a := Assess(in, rs); a.Level != LevelCritical {
		t.Fatalf("strong match worth 1 point gave level %s", a.Level)
	}
}

func TestSensitiveDestinationRaisesScrutinyNotScore(t *testing.T) {
	in := baseInput(t)
	in.Manifest.Flight.Operator = "Shadow Air Ltd" // 15 points
	sensitive := Assess(in, Default())
	in = baseInput(t)
	in.Manifest.Flight.Operator = "Shadow Air Ltd"
	in.Manifest.Flight.Arrival.Airport = "EDDF"
	civil := Assess(in, Default())
	if sensitive.Score != civil.Score {
		t.Errorf("scores differ: %d at a base, %d at a civil airport", sensitive.Score, civil.Score)
	}
	if sensitive.Level != LevelMedium || civil.Level != LevelLow {
		t.Errorf("levels %s (base) and %s (civil), want MEDIUM and LOW", sensitive.Level, civil.Level)
	}
}

func TestAssessmentIsDeterministic(t *testing.T) {
	in := baseInput(t)
	in.Manifest.Persons[2].GivenNames = "FNU"
	in.Manifest.Persons[1].Surname = "TEST"
	in.Manifest.Flight.Operator = "Shadow Air Ltd"
	in.WatchlistVersions = map[string]string{"UN": "a", "OFAC": "b"}
	first, _ := json.Marshal(Assess(in, Default()))
	for range 20 {
		again, _ := json.Marshal(Assess(in, Default()))
		if string(again) != string(first) {
			t.Fatalf("assessments differ:\n%s\n%s", first, again)
		}
	}
}

// Names of the same structure (surname, given names) from several regions.
var namePools = [][][2]string{
	{{"Eriksson", "Anna Maria"}, {"Lindqvist", "Erik"}, {"Nilsson", "Karin"}, {"Berg", "Lars Olof"}},
	{{"Al-Hashimi", "Mohammed Ali"}, {"Haddad", "Fatima"}, {"Nasser", "Omar"}, {"Khalil", "Layla Noor"}},
	{{"Rahimi", "Farid Ahmad"}, {"Sultani", "Zahra"}, {"Popal", "Wahid"}, {"Karimi", "Nasrin Gul"}},
	{{"Okafor", "Chinedu"}, {"Mensah", "Ama Serwaa"}, {"Diallo", "Mamadou"}, {"Abebe", "Tigist"}},
	{{"Nguyen", "Thi Lan"}, {"Wang", "Wei"}, {"Kim", "Min Jun"}, {"Tanaka", "Yuki"}},
	{{"Ivanova", "Olga"}, {"Kovalenko", "Andriy"}, {"Petrovic", "Milan"}, {"Nowak", "Agnieszka"}},
}

var codes = []string{"SWE", "AFG", "SYR", "IRQ", "NGA", "USA", "DEU", "UKR", "RUS", "CHN", "PAK", "XXA", "XXB", "SOM", "IRN", "YEM"}

// generate makes a manifest around the sample with random, realistic problems that have nothing
// to do with who the people are.
func generate(r *rand.Rand, base *manifest.Manifest) Input {
	m := *base
	m.Persons = nil
	n := 3 + r.IntN(30)
	m.Flight.SeatCapacity = n + r.IntN(5) - 1
	if r.IntN(3) == 0 {
		m.Flight.Operator = "Shadow Air Ltd"
	}
	if r.IntN(4) == 0 {
		m.Flight.Arrival.Airport = "EDDF"
	}
	for i := range n {
		pool := namePools[r.IntN(len(namePools))]
		name := pool[r.IntN(len(pool))]
		role := "PAX"
		if i == 0 {
			role = "PIC"
		}
		p := manifest.Person{
			Ref: fmt.Sprintf("p%d", i), Role: role, Surname: name[0], GivenNames: fmt.Sprintf("%s %c", name[1], 'A'+rune(i%26)),
			DateOfBirth: fmt.Sprintf("%d-%02d-%02d", 1950+r.IntN(50), 1+r.IntN(12), 1+r.IntN(28)),
			Sex:         []string{"F", "M", "X"}[r.IntN(3)], Nationality: codes[r.IntN(len(codes))],
			Documents: []manifest.Document{{Type: "P", Number: fmt.Sprintf("X%07d", i), IssuingState: codes[r.IntN(len(codes))], Expiry: "2031-01-01"}},
		}
		switch r.IntN(8) {
		case 0:
			p.Documents[0].Expiry = "2027-02-01" // expires soon
		case 1:
			p.GivenNames = "FNU"
		case 2:
			p.Residence = codes[r.IntN(len(codes))]
		}
		m.Persons = append(m.Persons, p)
	}
	in := Input{Manifest: &m, Version: 1, SubmittedAt: time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)}
	if r.IntN(3) == 0 {
		m.Flight.Regime = "PRIVATE"
		in.SubmittedAt = time.Date(2026, 12, 1, 5, 30, 0, 0, time.UTC)
	}
	return in
}

// reidentify changes only who the people are: nationalities, residences, sex and the regional
// origin of names (same structure, same placeholders).
func reidentify(r *rand.Rand, in Input) Input {
	m := *in.Manifest
	m.Persons = make([]manifest.Person, len(in.Manifest.Persons))
	for i, p := range in.Manifest.Persons {
		p.Nationality = codes[r.IntN(len(codes))]
		if p.Residence != "" {
			p.Residence = codes[r.IntN(len(codes))]
		}
		p.Sex = []string{"F", "M", "X"}[r.IntN(3)]
		pool := namePools[r.IntN(len(namePools))]
		name := pool[r.IntN(len(pool))]
		p.Surname = name[0]
		if p.GivenNames != "FNU" {
			p.GivenNames = fmt.Sprintf("%s %c", name[1], 'A'+rune(i%26))
		}
		m.Persons[i] = p
	}
	out := in
	out.Manifest = &m
	return out
}

// TestFairness: changing only nationalities, residences, sex or the cultural origin of names
// never raises a score or a level when no watchlist entry matches.
func TestFairness(t *testing.T) {
	base := sample(t)
	rs := Default()
	r := rand.New(rand.NewPCG(2026, 11))
	raisedAny := false
	for i := range 2000 {
		in := generate(r, base)
		before := Assess(in, rs)
		raisedAny = raisedAny || before.Score > 0
		for range 3 {
			after := Assess(reidentify(r, in), rs)
			if after.Score > before.Score || LevelRank(after.Level) > LevelRank(before.Level) {
				t.Fatalf("case %d: re-identifying people raised %s/%d to %s/%d\nbefore %+v\nafter %+v", i, before.Level, before.Score, after.Level, after.Score, before.Hits, after.Hits)
			}
		}
	}
	if !raisedAny {
		t.Fatal("the generator never produced a risky manifest: the property was not exercised")
	}
}

func TestHitsNeverQuotePersonalValues(t *testing.T) {
	in := baseInput(t)
	p := &in.Manifest.Persons[2]
	p.Surname = "Eriksen"
	p.GivenNames = "FNU"
	b, _ := json.Marshal(Assess(in, Default()).Hits)
	for _, secret := range []string{"Eriksen", "ERIKSEN", "L898902C3", "1974-08-12", "740812"} {
		if strings.Contains(string(b), secret) {
			t.Errorf("hits quote %q: %s", secret, b)
		}
	}
}

func BenchmarkAssess500RulesOnly(b *testing.B) {
	base := sample(b)
	r := rand.New(rand.NewPCG(1, 2))
	in := generate(r, base)
	m := *in.Manifest
	m.Persons = nil
	for len(m.Persons) < 500 {
		m.Persons = append(m.Persons, generate(r, base).Manifest.Persons...)
	}
	m.Persons = m.Persons[:500]
	for i := range m.Persons {
		m.Persons[i].Ref = fmt.Sprintf("r%d", i)
		m.Persons[i].Role = "PAX"
		m.Persons[i].Documents[0].Number = fmt.Sprintf("Y%07d", i)
	}
	m.Persons[0].Role = "PIC"
	m.Flight.SeatCapacity = 1000
	in.Manifest = &m
	// A function parses its ruleset once, at start (wiring), not per manifest.
	rs := Default()
	b.ReportAllocs()
	for b.Loop() {
		Assess(in, rs)
	}
}

// An MRZ problem that is only a warning (an issuer's accepted variant) is no failed check: a
// Belgian card whose number check digit covers its filler is not an MRZ mismatch, while the
// same card with a wrong digit is.
func TestMRZWarningsAreNoMismatch(t *testing.T) {
	belgian := func(digit byte) func(in *Input) {
		return func(in *Input) {
			p := &in.Manifest.Persons[2]
			p.Surname, p.GivenNames, p.DateOfBirth, p.Sex, p.Nationality = "Dupont", "Marie", "1985-01-01", "F", "BEL"
			l1 := []byte("IDBELB05551234<0776<<<<<<<<<<<")
			l1[18] = digit
			p.Documents[0] = manifest.Document{Type: "I", Number: "B05551234077", IssuingState: "BEL", Expiry: "2030-01-01",
				MRZ: []string{string(l1), "8501019F3001019BEL<<<<<<<<<<<6", "DUPONT<<MARIE<<<<<<<<<<<<<<<<<"}}
		}
	}
	for _, tt := range []struct {
		name  string
		digit byte
		hit   bool
	}{{"the Belgian digit", '6', false}, {"a wrong digit", '5', true}} {
		t.Run(tt.name, func(t *testing.T) {
			in := baseInput(t)
			belgian(tt.digit)(&in)
			if _, hit := rulesHit(Assess(in, Default()))[RuleMRZMismatch]; hit != tt.hit {
				t.Errorf("%s: MRZ mismatch hit %v, want %v", tt.name, hit, tt.hit)
			}
		})
	}
}
