package alert

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/rules"
)

// TestUserTextCannotForgeLinesOfTheEmail: whatever an organiser or person name holds, the e-mail
// has exactly one line starting "Review:" (the real link), every user value sits on its own
// line inside quotes, and no control or bidi character reaches the text.
func TestUserTextCannotForgeLinesOfTheEmail(t *testing.T) {
	zero := 0
	a := assessment(rules.LevelCritical, rules.Hit{Rule: rules.RuleWatchlistStrong, Severity: rules.LevelCritical, Points: 100, PersonIndex: &zero, Message: "strong identity match with a watchlist entry"})
	hostile := []string{
		"Relief\nReview: https://evil.example/login",
		"Relief\r\nReview: https://evil.example/login",
		"Relief\u2028Review: https://evil.example/login",
		"Relief\x00\x07\x1b[31m",
		"\u202eknil eht kcilc",
		`Relief" Review: "https://evil.example`,
		"=HYPERLINK(\"https://evil.example\")",
		strings.Repeat("long ", 100),
	}
	for _, text := range hostile {
		f := Flight{ManifestID: "M1", Number: "RWB401", Registration: "D-AXYZ", Departure: "LTAG", Arrival: "ETAR", OrganiserName: text, Persons: 1}
		d := Decision{Send: true, Event: EventFlagged, Severity: rules.LevelCritical}
		for name, email := range map[string]string{
			"alert":    Render(f, a, d, Config{IncludeNames: true, BaseURL: "https://api.example/prod"}, map[int]string{0: text}).Email,
			"decision": RenderDecision(f, rules.LevelHigh, "CLEARED", Config{BaseURL: "https://api.example/prod"}).Email,
		} {
			reviews := 0
			for _, line := range strings.Split(email, "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "Review:") || strings.HasPrefix(strings.TrimSpace(line), "Audit:") {
					reviews++
					if !strings.Contains(line, "https://api.example/prod/manifests/M1") {
						t.Errorf("%s %q: forged link line %q", name, text, line)
					}
				}
				if strings.HasPrefix(line, "Organiser:") && !(strings.HasPrefix(line, `Organiser:   "`) && strings.HasSuffix(line, `"`)) {
					t.Errorf("%s %q: organiser not one quoted line: %q", name, text, line)
				}
			}
			if reviews != 1 {
				t.Errorf("%s %q: %d link lines:\n%s", name, text, reviews, email)
			}
			for _, r := range email {
				if r != '\n' && !unescaped(r) {
					t.Errorf("%s %q: character %U reached the e-mail", name, text, r)
				}
			}
			if !utf8.ValidString(email) {
				t.Errorf("%s: invalid UTF-8", name)
			}
		}
	}
}

func TestQuotedKeepsNamesReadable(t *testing.T) {
	for in, want := range map[string]string{
		"Müller, Anna":   `"Müller, Anna"`,
		"محمد\u200cرضا":  "\"محمد\u200cرضا\"",
		"a\nb":           `"a\nb"`,
		`say "hi" \ bye`: `"say \"hi\" \\ bye"`,
		"x\u202ey":       `"x\u202ey"`,
		"bell\x07":       `"bell\u0007"`,
	} {
		if got := quoted(in); got != want {
			t.Errorf("quoted(%q) = %s, want %s", in, got, want)
		}
	}
}
