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
	"unicode/utf8"

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
	// EventAnswered: the organiser amended a manifest a reviewer had asked for more information
	// on (decision NEEDS_INFO); the amended version's assessment is ready for review.
	EventAnswered = "manifest.answered"
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
	// ConsoleURL is the web console's base (".../console"); when set, the e-mail and the SMS
	// carry a link that opens the manifest in it.
	ConsoleURL string
}

// ConsoleLink is the console's short link to a manifest (the console redirects it to the
// manifest view); "" without a console.
func ConsoleLink(consoleURL, id string) string {
	if consoleURL == "" {
		return ""
	}
	return strings.TrimRight(consoleURL, "/") + "/m/" + id
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
	// A cross-manifest hit is told apart by the manifest it names: two other flights sharing
	// this one's documents are two findings on the same path.
	key := func(h rules.Hit) string { return h.Rule + "|" + h.Path + "|" + rules.OtherManifestOf(h) }
	seen := map[string]bool{}
	for _, h := range prev.Hits {
		seen[key(h)] = true
	}
	var fresh []rules.Hit
	for _, h := range cur.Hits {
		// A finding that names another manifest (a duplicate submission, a shared document) is
		// news for this manifest's reviewer whatever its weight: it arrives when the other
		// manifest is submitted, not with anything done to this one.
		if (h.Severity == rules.LevelHigh || h.Severity == rules.LevelCritical || rules.OtherManifestOf(h) != "") && !seen[key(h)] {
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
		EventAnswered: "amended by the organiser in answer to NEEDS_INFO",
	}[d.Event]
	subject := ascii(fmt.Sprintf("[paxscreen] %s: %s to %s %s", a.Level, label, f.Arrival, verb), 100)

	var b strings.Builder
	fmt.Fprintf(&b, "Manifest %s %s: risk level %s, score %d.\n", f.ManifestID, verb, a.Level, a.Score)
	if a.LevelReason != "" {
		fmt.Fprintf(&b, "Level:       %s\n", a.LevelReason)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "Flight:      %s\n", label)
	fmt.Fprintf(&b, "Route:       %s -> %s, arriving %s\n", f.Departure, f.Arrival, f.ArrivalTime.UTC().Format("2006-01-02 15:04Z"))
	fmt.Fprintf(&b, "Organiser:   %s\n", quoted(f.OrganiserName))
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
		writeFinding(&b, h, cfg, names)
	}
	if n == 0 {
		b.WriteString("- none\n")
	}
	if link := ConsoleLink(cfg.ConsoleURL, f.ManifestID); link != "" {
		fmt.Fprintf(&b, "\nOpen in the console: %s\n", link)
	}
	if cfg.BaseURL != "" {
		fmt.Fprintf(&b, "\nReview: %s/manifests/%s\n", strings.TrimRight(cfg.BaseURL, "/"), f.ManifestID)
	}
	return Message{
		Subject: subject,
		Email:   b.String(),
		SMS:     SMSWithLink(f, smsLabel(a), ConsoleLink(cfg.ConsoleURL, f.ManifestID)),
		Attributes: map[string]string{
			"severity":    d.Severity,
			"event":       d.Event,
			"destination": f.Arrival,
		},
	}
}

// SMS is the text message: level, flight, destination, arrival time and the full manifest id (the
// one GET /manifests/{id} takes: 26 characters fit one part beside the longest flight label);
// no personal data at all, ASCII, at most SMSLimit bytes.
func SMS(f Flight, level string) string {
	id := f.ManifestID
	s := fmt.Sprintf("paxscreen %s %s to %s arr %s id %s", level, flightLabel(f), f.Arrival, f.ArrivalTime.UTC().Format("02Jan 15:04Z"), id)
	return ascii(s, SMSLimit)
}

// SMSWithLink is the SMS with the console link in place of the id, so that a tap opens the
// manifest. The link is kept whole (a cut link opens nothing): when the usual wording and the
// link do not fit in SMSLimit, terser wordings are tried (down to level, destination and time),
// and when even that does not fit, the SMS without the link.
func SMSWithLink(f Flight, level, link string) string {
	if link == "" || !isASCII(link) {
		return SMS(f, level)
	}
	at := f.ArrivalTime.UTC().Format("02Jan 15:04Z")
	for _, w := range []string{
		fmt.Sprintf("paxscreen %s %s to %s arr %s", level, flightLabel(f), f.Arrival, at),
		fmt.Sprintf("%s %s %s %s", level, flightLabel(f), f.Arrival, at),
		fmt.Sprintf("%s %s %s", level, f.Arrival, at),
	} {
		if t := ascii(w, SMSLimit); len(t)+1+len(link) <= SMSLimit {
			return t + " " + link
		}
	}
	return SMS(f, level)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
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
	fmt.Fprintf(&b, "Organiser:   %s\n", quoted(f.OrganiserName))
	b.WriteString("\nThe reason and who decided are in the audit trail.\n")
	if link := ConsoleLink(cfg.ConsoleURL, f.ManifestID); link != "" {
		fmt.Fprintf(&b, "Open in the console: %s\n", link)
	}
	if cfg.BaseURL != "" {
		fmt.Fprintf(&b, "Audit: %s/manifests/%s/audit\n", strings.TrimRight(cfg.BaseURL, "/"), f.ManifestID)
	}
	id := f.ManifestID
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

// maxQuoted bounds a quoted value in an e-mail, in characters.
const maxQuoted = 120

// quoted renders text that came from outside (a submitter's organiser name, a person's name) as
// one line in double quotes, with every control, line-separator and bidi character escaped
// (\n, \u202e): a value can then never start a line of its own, so it cannot pass for one of the
// e-mail's own lines ("Review: <link>") or reorder what the reader sees.
func quoted(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		s = string([]rune(s)[:maxQuoted]) + "…"
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unescaped(r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// unescaped: what quoted writes as itself. Joiners and direction marks stay (Persian, Arabic and
// Indic names need them); controls, separators and bidi embeddings, overrides and isolates do not.
func unescaped(r rune) bool {
	switch {
	case unicode.IsControl(r), r == '\u2028', r == '\u2029', r == utf8.RuneError:
		return false
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return false
	}
	return true
}

// oneLine keeps a line of the e-mail on one line whatever its source: any control or separator
// character becomes a space.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, s)
}
