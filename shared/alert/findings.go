package alert

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/paxscreen/paxscreen/shared/rules"
)

// writeFinding writes one hit as the reviewer reads it in an e-mail: its code (the finding code
// of a validation finding, else the rule), the field path as the API gives it (a JSON Pointer:
// /persons/3 is the fourth person of the manifest, counting from 0 as the API does), the points
// it carries and counts, its message, and for a watchlist match the evidence behind it.
func writeFinding(b *strings.Builder, h rules.Hit, cfg Config, names map[int]string) {
	code := h.Rule
	if c := h.Code(); c != h.Rule {
		code = h.Rule + " " + c
	}
	path := h.Path
	if path == "" {
		path = "/"
	}
	points := fmt.Sprintf("%d points", h.Points)
	if h.Counted != h.Points {
		points += fmt.Sprintf(", %d counted", h.Counted)
	}
	who := ""
	if h.PersonIndex != nil && cfg.IncludeNames && isWatchlist(h.Rule) {
		if name, ok := names[*h.PersonIndex]; ok {
			who = " (" + quoted(name) + ")"
		}
	}
	fmt.Fprintf(b, "- %s at %s%s, %s: %s\n", code, path, who, points, oneLine(h.Message))
	if isWatchlist(h.Rule) {
		if ev, ok := matchEvidence(h.Evidence); ok {
			writeMatchEvidence(b, ev)
		}
	}
}

func isWatchlist(rule string) bool {
	return rule == rules.RuleWatchlistStrong || rule == rules.RuleWatchlistPossible
}

// matchEvidence reads a watchlist hit's evidence, as built by the rules or as read back from the
// stored assessment's JSON.
func matchEvidence(ev any) (rules.MatchEvidence, bool) {
	var out rules.MatchEvidence
	if e, ok := ev.(rules.MatchEvidence); ok {
		return e, true
	}
	b, err := json.Marshal(ev)
	if err != nil || json.Unmarshal(b, &out) != nil || out.EntryID == "" {
		return out, false
	}
	return out, true
}

// writeMatchEvidence lists what confirmed or ruled out the identity, by kind of evidence only:
// the values (birth dates, document numbers) stay in the reviewer view.
func writeMatchEvidence(b *strings.Builder, ev rules.MatchEvidence) {
	list := func(xs []string) string {
		if len(xs) == 0 {
			return "none"
		}
		return strings.Join(xs, ", ")
	}
	fmt.Fprintf(b, "    %s entry %s, score %.2f, name score %.2f\n", ev.Source, ev.EntryID, ev.Score, ev.NameScore)
	fmt.Fprintf(b, "    confirmed: %s; consistent: %s; ruled out: %s; not given: %s\n", list(ev.Confirmed), list(ev.Consistent), list(ev.RuledOut), list(ev.Missing))
	if ev.WhyNotStrong != "" {
		fmt.Fprintf(b, "    not a strong match: %s\n", ev.WhyNotStrong)
	}
	if n := len(ev.OtherCandidates); n > 0 {
		fmt.Fprintf(b, "    other entries resembled: %d\n", n)
	}
}

// Answered reports whether an assessment is the first of a version amended after a reviewer asked
// for more information: prevVersion and curVersion are the manifest versions the previous and
// current assessments cover, lastDecision the manifest's latest decision.
func Answered(prevVersion, curVersion int, lastDecision string) bool {
	return lastDecision == "NEEDS_INFO" && prevVersion > 0 && curVersion > prevVersion
}

// AnsweredDecision is the alert for an answered NEEDS_INFO: always sent, at least at MEDIUM so
// that the reviewers' e-mail subscription receives it whatever the level.
func AnsweredDecision(prev, cur *rules.Assessment) Decision {
	severity := rules.LevelMedium
	for _, a := range []*rules.Assessment{prev, cur} {
		if a != nil && rules.LevelRank(a.Level) > rules.LevelRank(severity) {
			severity = a.Level
		}
	}
	return Decision{Send: true, Event: EventAnswered, Severity: severity}
}
