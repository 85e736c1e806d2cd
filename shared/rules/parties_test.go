package rules

import (
	"strings"
	"testing"
)

func TestPartyMatchesScore(t *testing.T) {
	org := PartyMatch{Path: "/organiser/name", Role: RoleOrganiser, Kind: "entity", Source: "UN", EntryID: "TAe.012",
		ListedName: "HAQQANI NETWORK", Programs: []string{"Taliban"}, Score: 1, Strong: true, Why: "the name matches a listed entity"}
	possible := org
	possible.Strong, possible.Score = false, 0.82
	plane := PartyMatch{Path: "/flight/aircraftRegistration", Role: RoleAircraft, Kind: "aircraft", Source: "OFAC", EntryID: "15438",
		ListedName: "EP-MNG", Programs: []string{"SDGT"}, Score: 1, Strong: true, Why: "the registration is that of a listed aircraft"}
	weakPlane := plane
	weakPlane.Strong = false
	contact := PartyMatch{Path: "/organiser/emergencyContact/name", Role: RoleContactPerson, Kind: "individual", Source: "UN",
		EntryID: "QDi.001", ListedName: "SOMEONE LISTED", Score: 0.8}
	for _, tc := range []struct {
		name      string
		parties   []PartyMatch
		rule      string
		points    int
		level     string
		inMessage []string
	}{
		{"strong entity is always CRITICAL", []PartyMatch{org}, RuleWatchlistEntityStrong, 100, LevelCritical, []string{"UN", "TAe.012", "HAQQANI NETWORK", "Taliban", "the organiser"}},
		{"possible entity is for review", []PartyMatch{possible}, RuleWatchlistEntityPossible, 40, LevelMedium, []string{"resembles"}},
		{"listed aircraft is always CRITICAL", []PartyMatch{plane}, RuleSanctionedAircraft, 100, LevelCritical, []string{"EP-MNG", "SDGT", "registration"}},
		{"an aircraft match that does not identify the airframe is possible", []PartyMatch{weakPlane}, RuleSanctionedAircraft, 40, LevelMedium, []string{"EP-MNG"}},
		{"the contact as a person reads as the person rules", []PartyMatch{contact}, RuleWatchlistPossible, 40, LevelMedium, []string{"emergency contact"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := baseInput(t)
			in.Parties = tc.parties
			a := Assess(in, Default())
			var hit *Hit
			for i := range a.Hits {
				if a.Hits[i].Rule == tc.rule {
					hit = &a.Hits[i]
				}
			}
			if hit == nil {
				t.Fatalf("no %s hit: %+v", tc.rule, a.Hits)
			}
			if hit.Points != tc.points || hit.Path != tc.parties[0].Path {
				t.Errorf("points %d path %s", hit.Points, hit.Path)
			}
			if LevelRank(a.Level) < LevelRank(tc.level) {
				t.Errorf("level %s, want at least %s", a.Level, tc.level)
			}
			if tc.level == LevelCritical && a.Level != LevelCritical {
				t.Errorf("level %s", a.Level)
			}
			for _, w := range tc.inMessage {
				if !strings.Contains(hit.Message, w) {
					t.Errorf("message %q lacks %q", hit.Message, w)
				}
			}
		})
	}
}

// A ruleset written before the party rules existed still scores listed parties.
func TestPartyRulesDefaultWhenTheRulesetOmitsThem(t *testing.T) {
	rs := Default()
	cp := *rs
	cp.Rules = map[string]Rule{}
	for k, v := range rs.Rules {
		if k != RuleSanctionedAircraft && k != RuleWatchlistEntityStrong {
			cp.Rules[k] = v
		}
	}
	in := baseInput(t)
	in.Parties = []PartyMatch{{Path: "/flight/aircraftRegistration", Role: RoleAircraft, Kind: "aircraft", Source: "OFAC", EntryID: "1", ListedName: "EP-MNG", Score: 1, Strong: true}}
	if a := Assess(in, &cp); a.Level != LevelCritical {
		t.Errorf("level %s without the rule in the ruleset", a.Level)
	}
	cp.Rules[RuleSanctionedAircraft] = Rule{Enabled: false}
	if a := Assess(in, &cp); a.Level == LevelCritical {
		t.Errorf("a disabled rule still scored: %+v", a.Hits)
	}
}
