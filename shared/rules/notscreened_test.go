package rules

import (
	"slices"
	"strings"
	"testing"
)

// An assessment made without the lists fails closed: a NOT_SCREENED hit that names the missing
// lists, at least MEDIUM (so a reviewer must look), at least HIGH before a sensitive airfield.
func TestNotScreenedFailsClosed(t *testing.T) {
	tests := []struct {
		name      string
		airport   string
		versions  map[string]string
		missing   []string
		wantLevel string
		wantText  string
	}{
		{"no list loaded, military base", "", nil, nil, LevelHigh, "no watchlist is loaded"},
		{"no list loaded, civil airport", "EDDF", nil, nil, LevelMedium, "no watchlist is loaded"},
		{"one list failing, military base", "", map[string]string{"UN": "abc"}, []string{"OFAC"}, LevelHigh, "not screened against OFAC"},
		{"two lists missing, civil airport", "EDDF", nil, []string{"UN", "OFAC"}, LevelMedium, "not screened against OFAC, UN"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := baseInput(t)
			if tc.airport != "" {
				in.Manifest.Flight.Arrival.Airport = tc.airport
			}
			in.NotScreened, in.WatchlistVersions, in.MissingWatchlists = true, tc.versions, tc.missing
			a := Assess(in, Default())
			if LevelRank(a.Level) < LevelRank(tc.wantLevel) {
				t.Errorf("level %s, want at least %s", a.Level, tc.wantLevel)
			}
			i := slices.IndexFunc(a.Hits, func(h Hit) bool { return h.Rule == RuleNotScreened })
			if i < 0 {
				t.Fatalf("no %s hit in %+v", RuleNotScreened, a.Hits)
			}
			if !strings.Contains(a.Hits[i].Message, tc.wantText) {
				t.Errorf("message %q does not say %q", a.Hits[i].Message, tc.wantText)
			}
		})
	}
	// Screened in full: no such hit, and the clean sample stays LOW at a civil airport.
	in := baseInput(t)
	in.Manifest.Flight.Arrival.Airport = "EDDF"
	in.WatchlistVersions = map[string]string{"UN": "abc", "OFAC": "def"}
	a := Assess(in, Default())
	if rulesHit(a)[RuleNotScreened] != 0 || a.Level != LevelLow {
		t.Errorf("screened manifest: level %s, hits %v", a.Level, rulesHit(a))
	}
}

// The floor holds whatever the points are calibrated to.
func TestNotScreenedFloorIndependentOfPoints(t *testing.T) {
	rs := Default()
	r := rs.Rules[RuleNotScreened]
	r.Points = 0
	rs.Rules[RuleNotScreened] = r
	in := baseInput(t)
	in.NotScreened = true
	if a := Assess(in, rs); LevelRank(a.Level) < LevelRank(LevelHigh) {
		t.Errorf("level %s at a sensitive airfield with 0 points, want at least HIGH", a.Level)
	}
}
