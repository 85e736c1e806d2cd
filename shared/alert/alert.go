// Package alert decides when an assessment deserves a reviewer's attention and renders the
// notification for each channel: an e-mail a reviewer can act on, an SMS that carries no personal
// data at all, and the message attributes subscriptions filter on. Pure: no AWS, no clock.
package alert

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/paxscreen/paxscreen/shared/rules"
)

// Events, the value of the "event" message attribute.
const (
	EventFlagged     = "manifest.flagged"     // first assessment at or above the alert level
	EventEscalated   = "manifest.escalated"   // level went up
	EventDeescalated = "manifest.deescalated" // level went down, not to LOW
	EventCleared     = "manifest.cleared"     // level went down to LOW (cleared on rescan)
	EventNewFindings = "manifest.new-findings"
	EventDecided     = "manifest.decided" // a reviewer recorded a decision
)

// Config tunes alerts.
type Config struct {
	// MinLevel is the lowest level a first assessment alerts at (default MEDIUM).
	MinLevel string
	// BaseURL of the API, for links in e-mails.
	BaseURL string
	// IncludeNames lets e-mails name persons with watchlist hits; never any other person, never
	// in SMS.
	IncludeNames bool
}

// Flight is what the message says about the flight; it holds no personal data.
type Flight struct {
	ManifestID    string
	Number        string
	Registration  string
	Departure     string
	Arrival       string
	ArrivalTime   time.Time
	OrganiserName string
	Persons       int
}

// Decision says whether to alert and why.
type Decision struct {
	Send  bool
	Event string
	// Severity is the attribute subscriptions filter on: the higher of the new and previous
	// level, so that whoever was told of a flag is also told when it clears.
	Severity string
	NewHits  []rules.Hit
}

// Decide compares an assessment with the one before it (nil for the first).
func Decide(prev, cur *rules.Assessment, cfg Config) Decision {
	min := cfg.MinLevel
	if rules.LevelRank(min) < 0 {
		min = rules.LevelMedium
	}
	if prev == nil {
		if rules.LevelRank(cur.Level) >= rules.LevelRank(min) {
			return Decision{Send: true, Event: EventFlagged, Severity: cur.Level}
		}
		return Decision{}
	}
	severity := cur.Level
	if rules.LevelRank(prev.Level) > rules.LevelRank(severity) {
		severity = prev.Level
	}
	switch {
	case rules.LevelRank(cur.Level) > rules.LevelRank(prev.Level):
		return Decision{Send: true, Event: EventEscalated, Severity: severity}
	case rules.LevelRank(cur.Level) < rules.LevelRank(prev.Level) && cur.Level == rules.LevelLow:
		return Decision{Send: true, Event: EventCleared, Severity: severity}
	case rules.LevelRank(cur.Level) < rules.LevelRank(prev.Level):
		return Decision{Send: true, Event: EventDeescalated, Severity: severity}
	}
	seen := map[string]bool{}
	for _, h := range prev.Hits {
		seen[h.Rule+"|"+h.Path] = true
	}
	var fresh []rules.Hit
	for _, h := range cur.Hits {
		if (h.Severity == rules.LevelHigh || h.Severity == rules.LevelCritical) && !seen[h.Rule+"|"+h.Path] {
			fresh = append(fresh, h)
		}
	}
	if len(fresh) > 0 {
		return Decision{Send: true, Event: EventNewFindings, Severity: severity, NewHits: fresh}
	}
	return Decision{}
}

// Message is one notification in every form.
type Message struct {
	Subject    string
	Email      string
	SMS        string
	Attributes map[string]string
}

// SMSLimit is one SMS part: 140 bytes, which ASCII text fills one character a byte.
const SMSLimit = 140

// Render builds the notification. names maps person indexes to display names for watchlist hits
// only; it is consulted only when cfg.IncludeNames is set.
func Render(f Flight, a *rules.Assessment, d Decision, cfg Config, names map[int]string) Message {
	label := flightLabel(f)
	verb := map[string]string{
		EventFlagged: "flagged", EventEscalated: "escalated", EventDeescalated: "de-escalated",
		EventCleared: "cleared on rescan", EventNewFindings: "has new findings",
	}[d.Event]
	subject := ascii(fmt.Sprintf("[paxscreen] %s: %s to %s %s", a.Level, label, f.Arrival, verb), 100)

	var b strings.Builder
	fmt.Fprintf(&b, "Manifest %s %s: risk level %s, score %d.\n\n", f.ManifestID, verb, a.Level, a.Score)
	fmt.Fprintf(&b, "Flight:      %s\n", label)
	fmt.Fprintf(&b, "Route:       %s -> %s, arriving %s\n", f.Departure, f.Arrival, f.ArrivalTime.UTC().Format("2006-01-02 15:04Z"))
	fmt.Fprintf(&b, "Organiser:   %s\n", f.OrganiserName)
	fmt.Fprintf(&b, "Persons:     %d\n", f.Persons)
	fmt.Fprintf(&b, "Ruleset:     %s\n", a.RulesetVersion)
	if len(a.WatchlistVersions) > 0 {
		var vs []string
		for src, v := range a.WatchlistVersions {
			vs = append(vs, src+" "+v)
		}
		sort.Strings(vs)
		fmt.Fprintf(&b, "Watchlists:  %s\n", strings.Join(vs, ", "))
	}
	hits := a.Hits
	if d.Event == EventNewFindings {
		b.WriteString("\nNew findings:\n")
		hits = d.NewHits
	} else {
		b.WriteString("\nFindings:\n")
	}
	n := 0
	for _, h := range hits {
		if h.Points == 0 && h.Rule != rules.RuleSensitiveDestination {
			continue
		}
		n++
		who := ""
		if h.PersonIndex != nil {
			who = fmt.Sprintf(" (person %d)", *h.PersonIndex+1)
			if cfg.IncludeNames && (h.Rule == rules.RuleWatchlistStrong || h.Rule == rules.RuleWatchlistPossible) {
				if name, ok := names[*h.PersonIndex]; ok {
					who = fmt.Sprintf(" (person %d, %s)", *h.PersonIndex+1, name)
				}
			}
		}
		fmt.Fprintf(&b, "- %s, %d points%s: %s\n", h.Rule, h.Points, who, h.Message)
	}
	if n == 0 {
		b.WriteString("- none\n")
	}
	if cfg.BaseURL != "" {
		fmt.Fprintf(&b, "\nReview: %s/manifests/%s\n", strings.TrimRight(cfg.BaseURL, "/"), f.ManifestID)
	}
	return Message{
		Subject: subject,
		Email:   b.String(),
		SMS:     smsWithRule(f, a),
		Attributes: map[string]string{
			"severity":    d.Severity,
			"event":       d.Event,
			"destination": f.Arrival,
		},
	}
}

// SMS is the text message: level, flight, destination, arrival time and the start of the manifest
// id; no personal data at all, ASCII, at most SMSLimit bytes.
func SMS(f Flight, level string) string {
	id := f.ManifestID
	if len(id) > 8 {
		id = id[:8]
	}
	s := fmt.Sprintf("paxscreen %s %s to %s arr %s id %s", level, flightLabel(f), f.Arrival, f.ArrivalTime.UTC().Format("02Jan 15:04Z"), id)
	return ascii(s, SMSLimit)
}

func flightLabel(f Flight) string {
	switch {
	case f.Number != "" && f.Registration != "":
		return f.Number + "/" + f.Registration
	case f.Number != "":
		return f.Number
	}
	return f.Registration
}

// ascii keeps printable ASCII (other characters become '?') and cuts to max bytes: carriers bill
// non-GSM text at 70 characters a part and some handsets garble it.
func ascii(s string, max int) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			out = append(out, ' ')
		case r < 128 && unicode.IsPrint(r):
			out = append(out, byte(r))
		default:
			out = append(out, '?')
		}
		if len(out) >= max {
			break
		}
	}
	if len(out) > max {
		out = out[:max]
	}
	return string(out)
}

// RenderDecision announces a reviewer's decision. The reason stays in the audit trail: it is free
// text and may name people.
func RenderDecision(f Flight, level, decision string, cfg Config) Message {
	label := flightLabel(f)
	var b strings.Builder
	fmt.Fprintf(&b, "Manifest %s: a reviewer recorded the decision %s (risk level %s).\n\n", f.ManifestID, decision, level)
	fmt.Fprintf(&b, "Flight:      %s\n", label)
	fmt.Fprintf(&b, "Route:       %s -> %s, arriving %s\n", f.Departure, f.Arrival, f.ArrivalTime.UTC().Format("2006-01-02 15:04Z"))
	fmt.Fprintf(&b, "Organiser:   %s\n", f.OrganiserName)
	b.WriteString("\nThe reason and who decided are in the audit trail.\n")
	if cfg.BaseURL != "" {
		fmt.Fprintf(&b, "Audit: %s/manifests/%s/audit\n", strings.TrimRight(cfg.BaseURL, "/"), f.ManifestID)
	}
	id := f.ManifestID
	if len(id) > 8 {
		id = id[:8]
	}
	severity := level
	if rules.LevelRank(severity) < 0 {
		severity = rules.LevelLow
	}
	return Message{
		Subject: ascii(fmt.Sprintf("[paxscreen] %s: %s to %s", decision, label, f.Arrival), 100),
		Email:   b.String(),
		SMS:     ascii(fmt.Sprintf("paxscreen %s %s to %s arr %s id %s", decision, label, f.Arrival, f.ArrivalTime.UTC().Format("02Jan 15:04Z"), id), SMSLimit),
		Attributes: map[string]string{
			"severity":    severity,
			"event":       EventDecided,
			"destination": f.Arrival,
		},
	}
}
