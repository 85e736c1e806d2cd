package rules

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

func loadEvent(t testing.TB, name string) *manifest.Manifest {
	t.Helper()
	b, err := os.ReadFile("../../events/manifests/" + name)
	if err != nil {
		t.Fatal(err)
	}
	m, err := manifest.DecodeJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	manifest.Normalise(m)
	if fs := manifest.Validate(m, manifest.Options{}); manifest.HasErrors(fs) {
		t.Fatalf("%s is refused at intake: %+v", name, fs)
	}
	return m
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// possible is a possible match whose explanation has the engine's shape: a name score and
// evidence by kind.
func possible(person int, entry string, score float64) WatchlistMatch {
	return WatchlistMatch{PersonIndex: person, Source: "UN", EntryID: entry, Score: score,
		Explanation: map[string]any{"nameScore": score, "evidence": []map[string]any{
			{"kind": "dateOfBirth", "outcome": "missing"}, {"kind": "nationality", "outcome": "differs"}}}}
}

func count(a Assessment, rule string) int {
	n := 0
	for _, h := range a.Hits {
		if h.Rule == rule {
			n++
		}
	}
	return n
}

// TestWorkedExamples holds the level of every worked example of docs/RISK.md. If a ruleset change
// moves one, the document and the calibration must be revisited together.
func TestWorkedExamples(t *testing.T) {
	submitted := mustTime("2026-11-30T06:00:00Z")
	tests := []struct {
		name  string
		in    func(t *testing.T) Input
		level string
		score int
		check func(t *testing.T, a Assessment)
	}{
		{"clean flight", func(t *testing.T) Input {
			return Input{Manifest: loadEvent(t, "clean.json"), Version: 1, SubmittedAt: submitted}
		}, LevelLow, 0, nil},
		{"evacuation flight Kabul to Ramstein", func(t *testing.T) Input {
			return Input{Manifest: loadEvent(t, "evacuation-kabul.json"), Version: 1, SubmittedAt: submitted}
		}, LevelMedium, 43, func(t *testing.T, a Assessment) {
			for _, want := range []string{"DOCUMENT_EXPIRED_ON_ARRIVAL", "EXPIRY_MISSING", "ON_HOLDER_DOCUMENT", "UNKNOWN_OPERATOR"} {
				if !strings.Contains(fmt.Sprint(a.Hits), want) {
					t.Errorf("no %s among %+v", want, a.Hits)
				}
			}
		}},
		{"evacuation flight with two weak name resemblances", func(t *testing.T) Input {
			in := Input{Manifest: loadEvent(t, "evacuation-kabul.json"), Version: 1, SubmittedAt: submitted}
			in.Watchlist = []WatchlistMatch{possible(13, "TAi.001", 0.78), possible(17, "TAi.002", 0.80)}
			return in
		}, LevelMedium, 82, func(t *testing.T, a Assessment) {
			if count(a, RuleWatchlistPossible) != 2 {
				t.Errorf("want a possible-match hit per person: %+v", a.Hits)
			}
		}},
		{"evacuation flight with a close resemblance", func(t *testing.T) Input {
			in := Input{Manifest: loadEvent(t, "evacuation-kabul.json"), Version: 1, SubmittedAt: submitted}
			in.Watchlist = []WatchlistMatch{possible(17, "TAi.002", 0.88)}
			return in
		}, LevelHigh, 80, nil},
		{"listed person", func(t *testing.T) Input {
			in := Input{Manifest: loadEvent(t, "listed-person.json"), Version: 1, SubmittedAt: submitted}
			in.Watchlist = []WatchlistMatch{{PersonIndex: 5, Source: "UN", EntryID: "QDi.017", Score: 1, Strong: true,
				Explanation: map[string]any{"nameScore": 0.94, "evidence": []map[string]any{{"kind": "dateOfBirth", "outcome": "confirms"}}}},
				{PersonIndex: 5, Source: "OFAC", EntryID: "6907", Score: 1, Strong: true}}
			return in
		}, LevelCritical, 100, func(t *testing.T, a Assessment) {
			if count(a, RuleWatchlistStrong) != 1 {
				t.Errorf("one person on two lists is one hit: %+v", a.Hits)
			}
		}},
		{"duplicate submission", func(t *testing.T) Input {
			m := loadEvent(t, "clean.json")
			in := Input{Manifest: m, Version: 1, SubmittedAt: submitted, Organisation: "relief-org"}
			dep, arr := mustTime(m.Flight.Departure.Scheduled), mustTime(m.Flight.Arrival.Scheduled)
			in.Others = []OtherManifest{{ID: "FIRSTSUBMISSION", Organisation: "relief-org", FlightNumber: m.Flight.Number,
				Registration: m.Flight.AircraftRegistration, DepartureAirport: m.Flight.Departure.Airport, ArrivalAirport: m.Flight.Arrival.Airport,
				Departure: dep, Arrival: arr}}
			for i := range m.Persons {
				in.Sightings = append(in.Sightings, Sighting{PersonIndex: i, ManifestID: "FIRSTSUBMISSION", Departure: dep, Arrival: arr})
			}
			return in
		}, LevelMedium, 20, func(t *testing.T, a Assessment) {
			if count(a, RuleProbableDuplicate) != 1 || count(a, RuleOverlappingFlights) != 0 {
				t.Errorf("want one duplicate finding and no overlap per person: %+v", a.Hits)
			}
			if !strings.Contains(a.Hits[0].Message, "FIRSTSUBMISSION") {
				t.Errorf("the finding must name the other manifest: %q", a.Hits[0].Message)
			}
		}},
		{"same documents on a simultaneous flight", func(t *testing.T) Input {
			m := loadEvent(t, "document-problems.json")
			in := Input{Manifest: m, Version: 1, SubmittedAt: submitted, Organisation: "relief-org"}
			dep, arr := mustTime(m.Flight.Departure.Scheduled), mustTime(m.Flight.Arrival.Scheduled)
			for i := range m.Persons {
				in.Sightings = append(in.Sightings, Sighting{PersonIndex: i, ManifestID: "CLEANFLIGHT", Departure: dep, Arrival: arr})
			}
			return in
		}, LevelHigh, 88, func(t *testing.T, a Assessment) {
			if count(a, RuleOverlappingFlights) != 1 {
				t.Errorf("want one overlap finding for the other manifest: %+v", a.Hits)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Assess(tt.in(t), Default())
			if a.Level != tt.level || a.Score != tt.score {
				t.Fatalf("level %s score %d, want %s %d (%s)\n%+v", a.Level, a.Score, tt.level, tt.score, a.LevelReason, a.Hits)
			}
			if a.LevelReason == "" {
				t.Error("no level reason")
			}
			if tt.check != nil {
				tt.check(t, a)
			}
		})
	}
}

// TestPossibleMatchesNeverAddUpToCritical: however many persons resemble entries, and however
// close, possible matches alone stay at HIGH, and their points are bounded by the rule's cap.
func TestPossibleMatchesNeverAddUpToCritical(t *testing.T) {
	rs := Default()
	r := rand.New(rand.NewPCG(7, 13))
	for _, airport := range []string{"ETAR", "EDDF"} {
		for n := 1; n <= 60; n++ {
			in := Input{Manifest: loadEvent(t, "evacuation-kabul.json"), Version: 1}
			in.Manifest.Flight.Arrival.Airport = airport
			in.Manifest.Flight.Operator, in.Manifest.Flight.AircraftRegistration = "Example Charter GmbH", "D-AXYZ"
			for i := range n {
				in.Watchlist = append(in.Watchlist, possible(i%21, fmt.Sprintf("E%d", i), 0.75+0.1499*r.Float64()))
			}
			a := Assess(in, rs)
			if a.Level == LevelCritical {
				t.Fatalf("%s, %d possible matches: CRITICAL (%s)", airport, n, a.LevelReason)
			}
			pts := 0
			for _, h := range a.Hits {
				if h.Rule == RuleWatchlistPossible {
					pts += h.Counted
				}
			}
			if pts > rs.Rules[RuleWatchlistPossible].Cap {
				t.Fatalf("%d possible matches counted %d points, over the cap", n, pts)
			}
		}
	}
}

// TestTwoWeakResemblancesAtFrankfurt is the case the issue reported: two weak resemblances and
// an unknown operator on an ordinary Kabul flight were CRITICAL (125 points). Now they call for
// review, at a civil airport as at a base, and never CRITICAL.
func TestTwoWeakResemblancesAtFrankfurt(t *testing.T) {
	for airport, want := range map[string]string{"EDDF": LevelMedium, "ETAR": LevelMedium} {
		in := Input{Manifest: loadEvent(t, "evacuation-kabul.json"), Version: 1}
		in.Manifest.Flight.Arrival.Airport = airport
		in.Manifest.Flight.Regime = "CHARTER"
		in.Manifest.Persons[9].Documents[0].Expiry = "2030-01-01"
		in.Manifest.Flight.AircraftRegistration = "D-AXYZ"
		in.Watchlist = []WatchlistMatch{possible(3, "A", 0.78), possible(7, "B", 0.79)}
		a := Assess(in, Default())
		if a.Level != want {
			t.Errorf("%s: level %s score %d, want %s (%s)", airport, a.Level, a.Score, want, a.LevelReason)
		}
	}
}

// TestCorroboratedFindingsReachCritical: independent findings that can each reach HIGH together
// make a manifest unsafe to accept; one kind of finding alone does not.
func TestCorroboratedFindingsReachCritical(t *testing.T) {
	in := baseInput(t)
	in.Manifest.Persons[2].Surname = "Eriksen"              // MRZ mismatch, 40
	in.Manifest.Flight.Operator = "Shadow Air Ltd"          // 10
	in.Watchlist = []WatchlistMatch{possible(3, "Q", 0.89)} // 39
	a := Assess(in, Default())
	if a.Level != LevelCritical {
		t.Fatalf("MRZ mismatch and a close possible match at a base: %s %d (%s)", a.Level, a.Score, a.LevelReason)
	}
	in.Watchlist = nil
	in.Manifest.Persons[3].Surname = "Erikson" // a second MRZ mismatch: the same kind of finding
	if a := Assess(in, Default()); a.Level == LevelCritical {
		t.Fatalf("two MRZ mismatches alone: CRITICAL (%s)", a.LevelReason)
	}
}

// TestAddingAFindingNeverLowersTheLevel: calibration is monotone: more evidence never makes a
// manifest look safer.
func TestAddingAFindingNeverLowersTheLevel(t *testing.T) {
	base := sample(t)
	rs := Default()
	r := rand.New(rand.NewPCG(99, 1))
	for i := range 500 {
		in := generate(r, base)
		before := Assess(in, rs)
		switch r.IntN(3) {
		case 0:
			in.Watchlist = append(in.Watchlist, possible(r.IntN(len(in.Manifest.Persons)), "X", 0.75+0.15*r.Float64()))
		case 1:
			in.Sightings = append(in.Sightings, Sighting{PersonIndex: 0, ManifestID: fmt.Sprint("M", r.IntN(3)),
				Departure: mustTime("2026-12-01T07:00:00Z"), Arrival: mustTime("2026-12-01T09:00:00Z")})
		default:
			in.Manifest.Flight.Operator = "Unknown Air " + fmt.Sprint(i)
		}
		after := Assess(in, rs)
		if after.Score < before.Score || LevelRank(after.Level) < LevelRank(before.Level) {
			t.Fatalf("case %d: adding a finding lowered %s/%d to %s/%d", i, before.Level, before.Score, after.Level, after.Score)
		}
	}
}

func TestDocumentsOnAnotherManifestAggregatePerManifest(t *testing.T) {
	in := baseInput(t)
	for i := range in.Manifest.Persons {
		for _, id := range []string{"AAA", "BBB"} {
			in.Sightings = append(in.Sightings, Sighting{PersonIndex: i, ManifestID: id,
				Departure: mustTime("2026-12-05T06:00:00Z"), Arrival: mustTime("2026-12-05T10:00:00Z")})
		}
	}
	a := Assess(in, Default())
	if n := count(a, RuleDocumentOnOther); n != 2 {
		t.Fatalf("want one hit per other manifest, got %d: %+v", n, a.Hits)
	}
	for _, h := range a.Hits {
		if h.Rule == RuleDocumentOnOther && !strings.Contains(h.Message, "5 documents also on live manifest") {
			t.Errorf("message %q", h.Message)
		}
	}
	if got := NamedManifests(&a); fmt.Sprint(got) != "[AAA BBB]" {
		t.Errorf("named manifests %v", got)
	}
}

func TestPossibleMatchCarriesItsEvidence(t *testing.T) {
	in := baseInput(t)
	in.Watchlist = []WatchlistMatch{possible(2, "QDi.1", 0.80), possible(2, "QDi.2", 0.77)}
	a := Assess(in, Default())
	var h *Hit
	for i := range a.Hits {
		if a.Hits[i].Rule == RuleWatchlistPossible {
			h = &a.Hits[i]
		}
	}
	if h == nil || count(a, RuleWatchlistPossible) != 1 {
		t.Fatalf("want one possible-match hit for the person: %+v", a.Hits)
	}
	ev := h.Evidence.(MatchEvidence)
	if ev.NameScore != 0.80 || len(ev.Missing) != 1 || ev.Missing[0] != "dateOfBirth" || len(ev.OtherCandidates) != 1 {
		t.Errorf("evidence %+v", ev)
	}
	for _, want := range []string{"no document number matches", "below the strong threshold 0.90", "no date of birth"} {
		if !strings.Contains(ev.WhyNotStrong, want) || !strings.Contains(h.Message, want) {
			t.Errorf("why not strong %q / message %q lacks %q", ev.WhyNotStrong, h.Message, want)
		}
	}
	// Points grow with the score: half at the threshold, all at the strong threshold.
	as := Default()
	low, high := (&assessor{rs: as}).possiblePoints(0.75), (&assessor{rs: as}).possiblePoints(0.90)
	if low != 20 || high != 40 {
		t.Errorf("possible points %d at 0.75, %d at 0.90", low, high)
	}
}

func TestParseRefusesBadCalibration(t *testing.T) {
	base := `{"version":"x","thresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3},"sensitiveThresholds":{"MEDIUM":1,"HIGH":2,"CRITICAL":3},`
	for name, doc := range map[string]string{
		"level":         base + `"rules":{"MRZ_MISMATCH":{"enabled":true,"points":5,"maxLevel":"SEVERE"}}}`,
		"decay":         base + `"rules":{"MRZ_MISMATCH":{"enabled":true,"points":5,"decay":1.5}}}`,
		"cap":           base + `"rules":{"MRZ_MISMATCH":{"enabled":true,"points":5,"cap":-1}}}`,
		"finding level": base + `"findingMaxLevel":{"NO_DOCUMENT_ACCEPTED":"URGENT"}}`,
	} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
