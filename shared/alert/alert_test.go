package alert

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/rules"
)

func assessment(level string, hits ...rules.Hit) *rules.Assessment {
	return &rules.Assessment{Level: level, Score: 10 * rules.LevelRank(level) * 10, RulesetVersion: "r1", Hits: hits}
}

func hit(rule, severity, path string) rules.Hit {
	return rules.Hit{Rule: rule, Severity: severity, Points: 50, Path: path, Message: "m"}
}

// overlapWith is an overlap hit as read back from a stored assessment, naming manifest id.
func overlapWith(id string) rules.Hit {
	h := hit(rules.RuleOverlappingFlights, rules.LevelHigh, "/persons")
	h.Evidence = map[string]any{"manifestId": id, "documents": 3.0}
	return h
}

func duplicateOf(id string) rules.Hit {
	h := hit(rules.RuleProbableDuplicate, rules.LevelMedium, "/flight")
	h.Evidence = map[string]any{"manifestId": id}
	return h
}

func TestDecideOverAssessmentSequences(t *testing.T) {
	high := hit(rules.RuleOverlappingFlights, rules.LevelHigh, "/persons/1/documents/0/number")
	other := hit(rules.RuleMRZMismatch, rules.LevelHigh, "/persons/2/documents/0/mrz")
	low := hit(rules.RuleUnknownOperator, rules.LevelLow, "/flight/operator")
	tests := []struct {
		name         string
		prev, cur    *rules.Assessment
		min          string
		send         bool
		event, sever string
	}{
		{"first assessment LOW", nil, assessment(rules.LevelLow), "", false, "", ""},
		{"first assessment MEDIUM", nil, assessment(rules.LevelMedium), "", true, EventFlagged, rules.LevelMedium},
		{"first assessment CRITICAL", nil, assessment(rules.LevelCritical), "", true, EventFlagged, rules.LevelCritical},
		{"first assessment MEDIUM under a HIGH minimum", nil, assessment(rules.LevelMedium), rules.LevelHigh, false, "", ""},
		{"escalation", assessment(rules.LevelMedium), assessment(rules.LevelCritical), "", true, EventEscalated, rules.LevelCritical},
		{"escalation from LOW", assessment(rules.LevelLow), assessment(rules.LevelMedium), "", true, EventEscalated, rules.LevelMedium},
		{"cleared on rescan keeps the old severity", assessment(rules.LevelHigh), assessment(rules.LevelLow), "", true, EventCleared, rules.LevelHigh},
		{"de-escalation", assessment(rules.LevelCritical), assessment(rules.LevelMedium), "", true, EventDeescalated, rules.LevelCritical},
		{"nothing changed", assessment(rules.LevelHigh, high), assessment(rules.LevelHigh, high), "", false, "", ""},
		{"new HIGH hit at the same level", assessment(rules.LevelHigh, high), assessment(rules.LevelHigh, high, other), "", true, EventNewFindings, rules.LevelHigh},
		{"new LOW hit at the same level", assessment(rules.LevelHigh, high), assessment(rules.LevelHigh, high, low), "", false, "", ""},
		{"LOW stays LOW", assessment(rules.LevelLow), assessment(rules.LevelLow, low), "", false, "", ""},
		{"a second other manifest on the same path", assessment(rules.LevelHigh, overlapWith("AAA")), assessment(rules.LevelHigh, overlapWith("AAA"), overlapWith("BBB")), "", true, EventNewFindings, rules.LevelHigh},
		{"a duplicate submission named, MEDIUM", assessment(rules.LevelMedium), assessment(rules.LevelMedium, duplicateOf("AAA")), "", true, EventNewFindings, rules.LevelMedium},
		{"the same other manifest again", assessment(rules.LevelHigh, overlapWith("AAA")), assessment(rules.LevelHigh, overlapWith("AAA")), "", false, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Decide(tt.prev, tt.cur, Config{MinLevel: tt.min})
			if d.Send != tt.send || d.Event != tt.event || d.Severity != tt.sever {
				t.Errorf("got %+v, want send=%v event=%q severity=%q", d, tt.send, tt.event, tt.sever)
			}
		})
	}
}

// TestSMSIsShortASCIIAndAnonymous: whatever the flight and the people, the SMS fits one part,
// is ASCII and carries no name, document number or birth date.
func TestSMSIsShortASCIIAndAnonymous(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	letters := []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜØÅÉÑ中文عربيкириллица0123456789 -'")
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteRune(letters[r.IntN(len(letters))])
		}
		return b.String()
	}
	for i := range 5000 {
		surname, given, doc := word(3+r.IntN(40)), word(3+r.IntN(40)), fmt.Sprintf("Z%08d", r.IntN(1e8))
		dob := fmt.Sprintf("19%02d-%02d-%02d", r.IntN(100), 1+r.IntN(12), 1+r.IntN(28))
		f := Flight{ManifestID: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", Number: word(r.IntN(20)), Registration: word(r.IntN(12)),
			Departure: word(4), Arrival: word(4), ArrivalTime: time.Unix(r.Int64N(4e9), 0), OrganiserName: surname, Persons: r.IntN(1000)}
		a := assessment(rules.Levels[r.IntN(4)], rules.Hit{Rule: rules.RuleWatchlistStrong, Severity: rules.LevelCritical, Points: 100, Message: "strong identity match", PersonIndex: new(int)})
		m := Render(f, a, Decision{Send: true, Event: EventFlagged, Severity: a.Level}, Config{IncludeNames: true}, map[int]string{0: surname + ", " + given})
		if len(m.SMS) > SMSLimit {
			t.Fatalf("case %d: SMS of %d bytes: %q", i, len(m.SMS), m.SMS)
		}
		for _, c := range []byte(m.SMS) {
			if c < 0x20 || c > 0x7e {
				t.Fatalf("case %d: SMS has non-ASCII byte %#x: %q", i, c, m.SMS)
			}
		}
		for _, secret := range []string{surname, given, doc, dob} {
			if len(secret) >= 3 && strings.Contains(m.SMS, secret) {
				t.Fatalf("case %d: SMS contains personal data %q: %q", i, secret, m.SMS)
			}
		}
		if len(m.Subject) > 100 {
			t.Fatalf("case %d: subject of %d bytes", i, len(m.Subject))
		}
	}
}

func TestEmailNamesOnlyWatchlistHitsAndOnlyWhenAllowed(t *testing.T) {
	zero, one := 0, 1
	a := assessment(rules.LevelCritical,
		rules.Hit{Rule: rules.RuleWatchlistStrong, Severity: rules.LevelCritical, Points: 100, PersonIndex: &zero, Message: "strong identity match with a watchlist entry"},
		rules.Hit{Rule: rules.RuleMRZMismatch, Severity: rules.LevelMedium, Points: 40, PersonIndex: &one, Message: "mrz"})
	f := Flight{ManifestID: "M1", Number: "RWB401", Registration: "D-AXYZ", Departure: "LTAG", Arrival: "ETAR", OrganiserName: "Relief", Persons: 2}
	names := map[int]string{0: "Listed, Person", 1: "Innocent, Traveller"}
	d := Decision{Send: true, Event: EventFlagged, Severity: rules.LevelCritical}

	with := Render(f, a, d, Config{IncludeNames: true, BaseURL: "https://api.example/prod/"}, names)
	if !strings.Contains(with.Email, "Listed, Person") || strings.Contains(with.Email, "Innocent") {
		t.Errorf("with names allowed, the e-mail must name the watchlist hit only:\n%s", with.Email)
	}
	if !strings.Contains(with.Email, "https://api.example/prod/manifests/M1") {
		t.Errorf("no link to the manifest:\n%s", with.Email)
	}
	without := Render(f, a, d, Config{}, names)
	if strings.Contains(without.Email, "Listed") {
		t.Errorf("names not allowed, yet the e-mail names a person:\n%s", without.Email)
	}
	if want := map[string]string{"severity": "CRITICAL", "event": EventFlagged, "destination": "ETAR"}; fmt.Sprint(with.Attributes) != fmt.Sprint(want) {
		t.Errorf("attributes %v, want %v", with.Attributes, want)
	}
	if !strings.HasPrefix(with.Subject, "[paxscreen] CRITICAL: RWB401/D-AXYZ to ETAR") {
		t.Errorf("subject %q", with.Subject)
	}
}

func TestDecisionAnnouncementCarriesNoReasonOrPerson(t *testing.T) {
	f := Flight{ManifestID: "ABCDEFGHIJKLMNOPQRSTUVWXYZ", Number: "RWB401", Registration: "D-AXYZ", Departure: "LTAG", Arrival: "ETAR", OrganiserName: "Relief"}
	m := RenderDecision(f, rules.LevelCritical, "DENIED", Config{BaseURL: "https://api.example"})
	if m.Attributes["event"] != EventDecided || m.Attributes["severity"] != rules.LevelCritical || m.Attributes["destination"] != "ETAR" {
		t.Errorf("attributes %v", m.Attributes)
	}
	if len(m.SMS) > SMSLimit || !strings.Contains(m.SMS, "DENIED") || !strings.Contains(m.Email, "/manifests/ABCDEFGHIJKLMNOPQRSTUVWXYZ/audit") {
		t.Errorf("message %+v", m)
	}
}

// TestSMSCarriesTheFullID: the id in the SMS is the one GET /manifests/{id} takes, even beside
// the longest flight label the manifest allows.
func TestSMSCarriesTheFullID(t *testing.T) {
	id := "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	f := Flight{ManifestID: id, Number: strings.Repeat("N", 16), Registration: strings.Repeat("R", 16), Departure: "OAKB", Arrival: "ETAR", ArrivalTime: time.Date(2026, 12, 1, 10, 40, 0, 0, time.UTC)}
	for _, level := range rules.Levels {
		if s := SMS(f, level); !strings.HasSuffix(s, " id "+id) || len(s) > SMSLimit {
			t.Errorf("SMS %q (%d bytes)", s, len(s))
		}
	}
	if s := RenderDecision(f, rules.LevelHigh, "ESCALATED", Config{}).SMS; !strings.HasSuffix(s, " id "+id) {
		t.Errorf("decision SMS %q", s)
	}
}

// TestEmailShowsCodesPathsAndMatchEvidence: each finding reads as the API gives it (code, JSON
// Pointer path, points) and a possible match says what confirmed or ruled it out and why it is
// not strong, by kind of evidence, never by value.
func TestEmailShowsCodesPathsAndMatchEvidence(t *testing.T) {
	ten, three := 10, 3
	ev := map[string]any{"source": "UN", "entryId": "TAi.002", "score": 0.8, "nameScore": 0.8, "missing": []any{"dateOfBirth"},
		"unweighed": []any{"nationality"}, "whyNotStrong": "no document number matches the listed person's",
		"explanation": map[string]any{"parts": []any{map[string]any{"query": "SECRETNAME"}}}}
	a := &rules.Assessment{Level: rules.LevelMedium, Score: 30, LevelReason: "score 30 reaches HIGH, capped at MEDIUM", Hits: []rules.Hit{
		{Rule: rules.RuleWatchlistPossible, Points: 27, Counted: 27, Path: "/persons/3", PersonIndex: &three, Evidence: ev, Message: "possible match"},
		{Rule: rules.RuleValidationFinding, Points: 3, Counted: 2, Path: "/persons/10/documents/0/expiry", PersonIndex: &ten,
			Evidence: map[string]any{"code": "EXPIRY_MISSING"}, Message: "is empty"}}}
	m := Render(Flight{ManifestID: "M1", Arrival: "ETAR"}, a, Decision{Send: true, Event: EventFlagged, Severity: rules.LevelMedium}, Config{}, nil)
	for _, want := range []string{
		"- WATCHLIST_POSSIBLE_MATCH at /persons/3, 27 points: possible match",
		"UN entry TAi.002, score 0.80, name score 0.80",
		"confirmed: none; consistent: none; ruled out: none; not given: dateOfBirth",
		"not a strong match: no document number matches",
		"- VALIDATION_FINDING EXPIRY_MISSING at /persons/10/documents/0/expiry, 3 points, 2 counted: is empty",
		"capped at MEDIUM",
	} {
		if !strings.Contains(m.Email, want) {
			t.Errorf("e-mail lacks %q:\n%s", want, m.Email)
		}
	}
	if strings.Contains(m.Email, "SECRETNAME") {
		t.Errorf("the e-mail carries the engine's explanation values:\n%s", m.Email)
	}
}

// TestConsoleLinksFitOrAreLeftOut: with a console, the e-mail links to the manifest view and the
// SMS carries the whole link whenever it fits in one part; a link is never cut, and an SMS never
// exceeds SMSLimit whatever the flight label and console URL.
func TestConsoleLinksFitOrAreLeftOut(t *testing.T) {
	const id = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	at := time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC)
	a := assessment(rules.LevelCritical)
	d := Decision{Send: true, Event: EventFlagged, Severity: rules.LevelCritical}
	tests := []struct {
		name, console, number string
		wantLink              bool
	}{
		{"local stack", "http://127.0.0.1:3000/console", "RWB403", true},
		{"API Gateway URL, terse wording", "https://abcdefghij.execute-api.eu-central-1.amazonaws.com/prod/console", "RWB403", true},
		{"long region and stage", "https://abcdefghij.execute-api.ap-southeast-4.amazonaws.com/production-2/console/", "RWB403XYZ", true},
		{"link too long for one part", "https://" + strings.Repeat("x", 120) + ".example/console", "RWB403", false},
		{"no console", "", "RWB403", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Flight{ManifestID: id, Number: tt.number, Registration: "D-AXYZ", Departure: "LTAG", Arrival: "ETAR", ArrivalTime: at}
			m := Render(f, a, d, Config{ConsoleURL: tt.console}, nil)
			link := ConsoleLink(tt.console, id)
			if len(m.SMS) > SMSLimit {
				t.Fatalf("SMS of %d bytes: %q", len(m.SMS), m.SMS)
			}
			if got := link != "" && strings.HasSuffix(m.SMS, " "+link); got != tt.wantLink {
				t.Errorf("SMS %q: link %q present %v, want %v", m.SMS, link, got, tt.wantLink)
			}
			if !strings.Contains(m.SMS, "CRITICAL") || !strings.Contains(m.SMS, "ETAR") {
				t.Errorf("SMS %q lost the level or destination", m.SMS)
			}
			if tt.console != "" && !strings.Contains(m.Email, "Open in the console: "+link+"\n") {
				t.Errorf("e-mail has no console link %q:\n%s", link, m.Email)
			}
			if tt.console != "" && strings.Contains(link, "//m/") {
				t.Errorf("link %q doubles the slash", link)
			}
		})
	}
	if got := ConsoleLink("https://x.example/prod/console/", id); got != "https://x.example/prod/console/m/"+id {
		t.Errorf("ConsoleLink = %q", got)
	}
}
