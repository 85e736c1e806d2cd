package alert

import "github.com/paxscreen/paxscreen/shared/rules"

// partyRules are the list hits on who organised the flight and whose aircraft it is; the SMS
// names the strongest one by its code, never the listing or the party.
var partyRules = map[string]int{rules.RuleWatchlistEntityStrong: 3, rules.RuleSanctionedAircraft: 2, rules.RuleWatchlistEntityPossible: 1}

// smsLabel is the level as the SMS states it, followed by the code of the strongest party hit
// when there is one: "paxscreen CRITICAL SANCTIONED_AIRCRAFT RWB404/EP-GOM to ETAR ...". Codes
// are ASCII and name no one, and the reviewer reads the listing in the e-mail or the console.
func smsLabel(a *rules.Assessment) string {
	best, rank := "", 0
	for _, h := range a.Hits {
		if r := partyRules[h.Rule]; r > rank && (h.Rule != rules.RuleSanctionedAircraft || h.Points > 0) {
			best, rank = h.Rule, r
		}
	}
	if best == "" {
		return a.Level
	}
	return a.Level + " " + best
}
