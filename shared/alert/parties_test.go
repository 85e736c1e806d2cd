package alert

import (
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/rules"
)

// A listed organiser, operator or aircraft: the e-mail names the listing, its programs and why;
// the SMS says the level and the rule and nothing else.
func TestPartyHitsInEmailAndSMS(t *testing.T) {
	a := &rules.Assessment{Level: rules.LevelCritical, Score: 200, RulesetVersion: "r1", Hits: []rules.Hit{
		{Rule: rules.RuleWatchlistEntityStrong, Points: 100, Severity: rules.LevelCritical, Path: "/organiser/name",
			Message: `the organiser matches a listing: UN entity TAe.012 "HAQQANI NETWORK (HQN)" (programs Taliban), score 1.00: the name matches a listed entity`},
		{Rule: rules.RuleSanctionedAircraft, Points: 100, Severity: rules.LevelCritical, Path: "/flight/aircraftRegistration",
			Message: `the aircraft is listed: OFAC aircraft 15438 "EP-MNG" (programs SDGT, NPWMD, IFSR), score 1.00: the registration is that of a listed aircraft`},
	}}
	f := Flight{ManifestID: "0123456789abcdef", Number: "RWB401", Registration: "EP-MNG", Departure: "LTAG", Arrival: "ETAR",
		ArrivalTime: time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC), OrganiserName: "Haqqani Network", Persons: 5}
	msg := Render(f, a, Decision{Send: true, Event: EventFlagged, Severity: rules.LevelCritical}, Config{}, nil)
	for _, want := range []string{"WATCHLIST_ENTITY_STRONG", "TAe.012", "HAQQANI NETWORK", "Taliban", "SANCTIONED_AIRCRAFT", "15438", "SDGT", "the registration is that of a listed aircraft"} {
		if !strings.Contains(msg.Email, want) {
			t.Errorf("e-mail lacks %q:\n%s", want, msg.Email)
		}
	}
	if !strings.HasPrefix(msg.SMS, "paxscreen CRITICAL WATCHLIST_ENTITY_STRONG ") || len(msg.SMS) > SMSLimit {
		t.Errorf("SMS %q", msg.SMS)
	}
	for _, leak := range []string{"HAQQANI", "Haqqani", "Taliban", "TAe.012", "15438", "SDGT", "listed"} {
		if strings.Contains(msg.SMS, leak) {
			t.Errorf("SMS %q contains %q", msg.SMS, leak)
		}
	}
}
