// Package rules scores a manifest's risk with explainable rules. Every point of a score comes
// from a hit that names its rule, the field it concerns and the evidence, so a reviewer can defend
// the decision. Risk comes from what can be verified about the flight and its documents; who people
// are (nationality, sex, the origin of a name) is never a risk factor, only identity evidence inside
// watchlist matching. Pure: no AWS, no clock, no I/O.
package rules

import (
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/paxscreen/paxscreen/shared/listmatch"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/mrz"
)

// Levels, lowest first.
const (
	LevelLow      = "LOW"
	LevelMedium   = "MEDIUM"
	LevelHigh     = "HIGH"
	LevelCritical = "CRITICAL"
)

// Levels lists the levels in ascending order.
var Levels = []string{LevelLow, LevelMedium, LevelHigh, LevelCritical}

// LevelRank orders levels: LOW 0 ... CRITICAL 3; -1 for an unknown level.
func LevelRank(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return -1
}

// Rule codes. Stable: stored assessments and alerts refer to them.
const (
	RuleValidationFinding     = "VALIDATION_FINDING"
	RuleMRZMismatch           = "MRZ_MISMATCH"
	RuleDocumentExpired       = "DOCUMENT_EXPIRED_ON_ARRIVAL"
	RuleDocumentOnOther       = "DOCUMENT_ON_OTHER_MANIFEST"
	RuleOverlappingFlights    = "OVERLAPPING_FLIGHTS"
	RuleOverCapacity          = "OVER_CAPACITY"
	RuleLateSubmission        = "LATE_SUBMISSION"
	RuleAmendedAfterClearance = "AMENDED_AFTER_CLEARANCE"
	RulePersonsChanged        = "PERSONS_CHANGED"
	RuleUnknownOperator       = "UNKNOWN_OPERATOR"
	RuleUnknownRegistration   = "UNKNOWN_REGISTRATION"
	RuleSensitiveDestination  = "SENSITIVE_DESTINATION"
	RuleWatchlistPossible     = "WATCHLIST_POSSIBLE_MATCH"
	RuleWatchlistStrong       = "WATCHLIST_STRONG_MATCH"
	RuleNotScreened           = "NOT_SCREENED"
)

// Rule is one rule's settings. MaxLevel, Decay and Cap calibrate it (see calibrate.go and
// docs/RISK.md); left out, a rule counts linearly and may raise a manifest to any level.
type Rule struct {
	Enabled     bool   `json:"enabled"`
	Points      int    `json:"points"`
	Description string `json:"description"`
	// MaxLevel is the highest level this rule's hits can bring a manifest to on their own.
	MaxLevel string `json:"maxLevel,omitempty"`
	// Decay: each further hit of the rule (same finding code, for validation findings) counts
	// this fraction less than the one before, strongest first: repeated signs of one kind are
	// one pattern, not independent evidence. 0 counts every hit in full.
	Decay float64 `json:"decay,omitempty"`
	// Cap is the most points the rule (finding code) adds to a score, 0 for no cap.
	Cap int `json:"cap,omitempty"`
}

// Ruleset is the data that drives scoring. Its version is recorded on every assessment.
type Ruleset struct {
	Version             string          `json:"version"`
	Description         string          `json:"description,omitempty"`
	Thresholds          map[string]int  `json:"thresholds"`
	SensitiveThresholds map[string]int  `json:"sensitiveThresholds"`
	Rules               map[string]Rule `json:"rules"`
	FindingPoints       map[string]int  `json:"findingPoints"`
	// FindingMaxLevel overrides VALIDATION_FINDING's maxLevel for one finding code.
	FindingMaxLevel map[string]string `json:"findingMaxLevel,omitempty"`
	// Corroboration is how many distinct rules whose own maxLevel is at least HIGH must hit for
	// the manifest to reach CRITICAL without a rule that reaches CRITICAL alone (0: never).
	Corroboration         int               `json:"corroboration,omitempty"`
	LateSubmissionMinutes map[string]int    `json:"lateSubmissionMinutes"`
	KnownOperators        []string          `json:"knownOperators"`
	KnownRegistrations    []string          `json:"knownRegistrations"`
	SensitiveAirfields    map[string]string `json:"sensitiveAirfields"`
	Watchlist             WatchlistSettings `json:"watchlist"`

	operators     map[string]bool
	registrations map[string]bool
}

// WatchlistSettings are the match thresholds; zero means the screening engine's defaults.
type WatchlistSettings struct {
	Threshold       float64 `json:"threshold"`
	StrongThreshold float64 `json:"strongThreshold"`
	// Required names the lists every manifest must be screened against (UN, OFAC...): one
	// not loaded makes the assessment NOT_SCREENED. Empty: at least one list must be loaded.
	Required []string `json:"required,omitempty"`
}

//go:embed ruleset.json
var defaultRuleset []byte

// Default returns the embedded ruleset.
func Default() *Ruleset {
	rs, err := Parse(defaultRuleset)
	if err != nil {
		panic("embedded ruleset: " + err.Error()) // a build defect, caught by the tests
	}
	return rs
}

// every rule code the engine knows, so a ruleset cannot silently misspell one. Families of rules
// kept in their own files add their codes in allRules.
var knownRules = []string{RuleValidationFinding, RuleMRZMismatch, RuleDocumentExpired, RuleDocumentOnOther,
	RuleOverlappingFlights, RuleOverCapacity, RuleLateSubmission, RuleAmendedAfterClearance, RulePersonsChanged,
	RuleUnknownOperator, RuleUnknownRegistration, RuleSensitiveDestination, RuleWatchlistPossible, RuleWatchlistStrong, RuleNotScreened}

// Parse reads and checks a ruleset document.
func Parse(b []byte) (*Ruleset, error) {
	var rs Ruleset
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rs); err != nil {
		return nil, fmt.Errorf("ruleset: %w", err)
	}
	if rs.Version == "" {
		return nil, fmt.Errorf("ruleset: version is required")
	}
	for _, th := range []map[string]int{rs.Thresholds, rs.SensitiveThresholds} {
		if !(th[LevelMedium] > 0 && th[LevelMedium] < th[LevelHigh] && th[LevelHigh] < th[LevelCritical]) {
			return nil, fmt.Errorf("ruleset %s: thresholds must rise strictly: MEDIUM < HIGH < CRITICAL, all above 0", rs.Version)
		}
	}
	for code, r := range rs.Rules {
		if !slices.Contains(allRules(), code) {
			return nil, fmt.Errorf("ruleset %s: unknown rule %q", rs.Version, code)
		}
		if err := r.check(); err != nil {
			return nil, fmt.Errorf("ruleset %s: rule %s: %w", rs.Version, code, err)
		}
	}
	for code, l := range rs.FindingMaxLevel {
		if LevelRank(l) < 0 {
			return nil, fmt.Errorf("ruleset %s: findingMaxLevel %s: %q is not a level", rs.Version, code, l)
		}
	}
	rs.operators = set(rs.KnownOperators)
	rs.registrations = set(rs.KnownRegistrations)
	return &rs, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[strings.ToUpper(strings.TrimSpace(x))] = true
	}
	return m
}

// Sensitive reports whether an airfield is on the sensitive list.
func (rs *Ruleset) Sensitive(icao string) bool {
	_, ok := rs.SensitiveAirfields[icao]
	return ok
}

// Hit is one reason for points.
type Hit struct {
	Rule string `json:"rule"`
	// Points is the hit's own weight; Counted what it adds to the score once repeated hits of
	// its rule are aggregated (Decay, Cap).
	Points      int    `json:"points"`
	Counted     int    `json:"counted"`
	Severity    string `json:"severity"`
	Path        string `json:"path"`
	PersonIndex *int   `json:"personIndex,omitempty"`
	Evidence    any    `json:"evidence,omitempty"`
	Message     string `json:"message"`
	// MaxLevel is the highest level this hit can bring the manifest to on its own.
	MaxLevel string `json:"maxLevel,omitempty"`

	group string // aggregation key: the rule, and the finding code of a validation finding
}

// Assessment is the result of scoring one manifest version.
type Assessment struct {
	Level string `json:"level"`
	Score int    `json:"score"`
	// LevelReason says how the level follows from the score and the hits.
	LevelReason       string            `json:"levelReason,omitempty"`
	RulesetVersion    string            `json:"rulesetVersion"`
	WatchlistVersions map[string]string `json:"watchlistVersions"`
	Sensitive         bool              `json:"sensitiveDestination"`
	Hits              []Hit             `json:"hits"`
}

// Sighting is another live manifest carrying one of this manifest's documents, found through the
// document index.
type Sighting struct {
	PersonIndex   int
	DocumentIndex int
	ManifestID    string
	Departure     time.Time
	Arrival       time.Time
}

// WatchlistMatch is a screening engine's answer for one person (see shared/listmatch, which
// the engine and the rules share so that neither imports the other).
type WatchlistMatch = listmatch.Person

// Input is everything the rules look at. The caller gathers the cross-manifest facts (sightings,
// first version, earlier status) so that the rules stay pure.
type Input struct {
	Manifest *manifest.Manifest
	// Version of the manifest being scored; FirstPersons are version 1's persons (nil for version 1).
	Version      int
	FirstPersons []manifest.Person
	// SubmittedAt is when this version was received.
	SubmittedAt time.Time
	// ClearedBefore is set when a reviewer had cleared an earlier version.
	ClearedBefore bool
	Sightings     []Sighting
	Watchlist     []WatchlistMatch
	// Parties are the organiser, operator, contact and aircraft matches (parties.go).
	Parties []PartyMatch
	// WatchlistVersions are the snapshot versions screened against, recorded on the assessment.
	WatchlistVersions map[string]string
	// Organisation is the submitting organisation (the token's org claim); Others are other live
	// manifests that may be the same flight submitted again (crossmanifest.go).
	Organisation string
	Others       []OtherManifest
	// NotScreened is set when screening was wanted and could not be done in full: no list
	// loaded, or the lists in MissingWatchlists missing (not published, or failing to load).
	NotScreened       bool
	MissingWatchlists []string
}

type assessor struct {
	rs   *Ruleset
	hits []Hit
}

func (a *assessor) hit(rule string, points int, path string, person int, evidence any, msg string) {
	r, ok := a.rs.Rules[rule]
	if !ok || !r.Enabled {
		return
	}
	h := Hit{Rule: rule, Points: points, Severity: severity(points), Path: path, Evidence: evidence, Message: msg, MaxLevel: r.MaxLevel, group: rule}
	if person >= 0 {
		p := person
		h.PersonIndex = &p
	}
	a.hits = append(a.hits, h)
}

func (a *assessor) points(rule string) int { return a.rs.Rules[rule].Points }

// severity describes one hit's weight in the words reviewers use for levels.
func severity(points int) string {
	switch {
	case points <= 0:
		return "INFO"
	case points < 20:
		return LevelLow
	case points < 50:
		return LevelMedium
	case points < 100:
		return LevelHigh
	}
	return LevelCritical
}

// Assess scores one manifest. The same input and ruleset always give the same assessment, byte
// for byte once encoded: hits are sorted and nothing depends on map order or the clock.
func Assess(in Input, rs *Ruleset) Assessment {
	a := &assessor{rs: rs}
	m := in.Manifest
	arrival, _ := manifest.ParseTime(m.Flight.Arrival.Scheduled)
	departure, _ := manifest.ParseTime(m.Flight.Departure.Scheduled)

	a.findings(m)
	a.documents(m, arrival)
	a.crossManifest(in, departure, arrival)
	a.flight(in, m, departure)
	a.changes(in, m)
	a.watchlist(in.Watchlist)
	a.parties(in.Parties)
	if in.NotScreened {
		a.notScreened(in)
	}

	sensitive := rs.Sensitive(m.Flight.Arrival.Airport)
	if sensitive {
		a.hit(RuleSensitiveDestination, 0, "/flight/arrival/airport", -1,
			map[string]string{"airfield": rs.SensitiveAirfields[m.Flight.Arrival.Airport]},
			"arrival at a sensitive airfield: stricter thresholds apply")
	}
	a.sortHits()
	th := rs.Thresholds
	if sensitive {
		th = rs.SensitiveThresholds
	}
	score, level, reason := calibrate(a.hits, rs, th)
	if in.NotScreened && rs.Rules[RuleNotScreened].Enabled {
		// Fail closed whatever the points and thresholds are calibrated to: a manifest nobody
		// could screen is reviewed, and before landing at a military or government airfield it is
		// at least HIGH.
		floor := LevelMedium
		if sensitive {
			floor = LevelHigh
		}
		if LevelRank(level) < LevelRank(floor) {
			level = floor
			reason = "the persons were not screened against every watchlist: at least " + floor + " until they are"
		}
	}
	versions := in.WatchlistVersions
	if versions == nil {
		versions = map[string]string{}
	}
	hits := a.hits
	if hits == nil {
		hits = []Hit{}
	}
	return Assessment{Level: level, Score: score, LevelReason: reason, RulesetVersion: rs.Version, WatchlistVersions: versions, Sensitive: sensitive, Hits: hits}
}

// sortHits orders the hits by points, highest first, then rule and path, in a stable order. The
// positions are sorted and the hits moved once: a stable sort moving the large hits themselves
// was a tenth of assessing a 500-person manifest.
func (a *assessor) sortHits() {
	order := make([]int32, len(a.hits))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int {
		x, y := &a.hits[i], &a.hits[j]
		// The position last makes equal hits keep their order: stable.
		return cmp.Or(cmp.Compare(y.Points, x.Points), strings.Compare(x.Rule, y.Rule), strings.Compare(x.Path, y.Path), cmp.Compare(i, j))
	})
	sorted := make([]Hit, len(a.hits))
	for k, i := range order {
		sorted[k] = a.hits[i]
	}
	a.hits = sorted
}

// findings turns validation findings into hits. Points come per finding code; findings whose
// requirement depends on nationality are weighted zero by the ruleset, so that nationality never
// raises a score.
func (a *assessor) findings(m *manifest.Manifest) {
	for _, f := range manifest.Validate(m, manifest.Options{MaxPersons: 1 << 30}) {
		switch f.Code {
		case manifest.CodeMRZMismatch, manifest.CodeMRZCheckDigit, manifest.CodeMRZFormat,
			manifest.CodeDocumentExpired, manifest.CodeDocumentExpiredAccepted, manifest.CodeOverCapacity:
			continue // their own rules score them
		}
		pts, ok := a.rs.FindingPoints[f.Code]
		if !ok {
			pts = a.points(RuleValidationFinding)
		}
		n := len(a.hits)
		a.hit(RuleValidationFinding, pts, f.Path, personOf(f.Path), map[string]string{"code": f.Code, "severity": string(f.Severity)}, f.Message)
		if len(a.hits) > n {
			h := &a.hits[n]
			h.group = RuleValidationFinding + "|" + f.Code
			if l, ok := a.rs.FindingMaxLevel[f.Code]; ok {
				h.MaxLevel = l
			}
		}
	}
}

// personOf reads the person index from a path such as /persons/3/documents/0.
func personOf(path string) int {
	rest, ok := strings.CutPrefix(path, "/persons/")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(strings.SplitN(rest, "/", 2)[0])
	if err != nil {
		return -1
	}
	return n
}

func (a *assessor) documents(m *manifest.Manifest, arrival time.Time) {
	for i := range m.Persons {
		p := &m.Persons[i]
		for j := range p.Documents {
			d := &p.Documents[j]
			path := "/persons/" + strconv.Itoa(i) + "/documents/" + strconv.Itoa(j)
			if exp, ok := manifest.ParseDate(d.Expiry, false); ok && !arrival.IsZero() && exp.Latest().Before(arrival.Truncate(24*time.Hour)) {
				a.hit(RuleDocumentExpired, a.points(RuleDocumentExpired), path+"/expiry", i, nil, "the document has expired by the scheduled arrival: it still identifies the person, but not their right to travel on it")
			}
			if len(d.MRZ) == 0 {
				continue
			}
			doc, problems, err := mrz.Parse(d.MRZ)
			var fields []string
			switch {
			case err != nil:
				fields = append(fields, "format")
			default:
				for _, pr := range problems {
					if !pr.Warning { // a warning is no failed check
						fields = append(fields, pr.Field)
					}
				}
				if d.Holder != "" && d.Holder != p.Ref {
					break // the MRZ spells its holder, not the person travelling on it
				}
				for _, mm := range mrz.Compare(doc, mrz.Keyed{DocumentType: d.Type, Number: d.Number, IssuingState: d.IssuingState,
					Nationality: p.Nationality, Surname: p.Surname, GivenNames: p.GivenNames, Sex: p.Sex, DateOfBirth: p.DateOfBirth, Expiry: d.Expiry}) {
					fields = append(fields, mm.Field)
				}
			}
			if len(fields) > 0 {
				a.hit(RuleMRZMismatch, a.points(RuleMRZMismatch), path+"/mrz", i, map[string]any{"fields": fields},
					"the machine-readable zone disagrees with the keyed data or fails its checks: "+strings.Join(fields, ", "))
			}
		}
	}
}

func (a *assessor) flight(in Input, m *manifest.Manifest, departure time.Time) {
	seated := 0
	for _, p := range m.Persons {
		if !p.LapInfant {
			seated++
		}
	}
	if seated > m.Flight.SeatCapacity {
		a.hit(RuleOverCapacity, a.points(RuleOverCapacity), "/persons", -1, map[string]int{"persons": seated, "seats": m.Flight.SeatCapacity},
			"more persons needing a seat than seats on board")
	}
	if minutes, ok := a.rs.LateSubmissionMinutes[m.Flight.Regime]; ok && !departure.IsZero() && !in.SubmittedAt.IsZero() {
		if lead := departure.Sub(in.SubmittedAt); lead < time.Duration(minutes)*time.Minute {
			a.hit(RuleLateSubmission, a.points(RuleLateSubmission), "/flight/departure/scheduled", -1,
				map[string]int{"minutesBeforeDeparture": int(lead.Minutes()), "required": minutes},
				fmt.Sprintf("submitted less than %d minutes before departure", minutes))
		}
	}
	if len(a.rs.operators) > 0 && !a.rs.operators[strings.ToUpper(m.Flight.Operator)] {
		a.hit(RuleUnknownOperator, a.points(RuleUnknownOperator), "/flight/operator", -1, nil, "the operator is not on the list of known operators")
	}
	if len(a.rs.registrations) > 0 && !a.rs.registrations[m.Flight.AircraftRegistration] {
		a.hit(RuleUnknownRegistration, a.points(RuleUnknownRegistration), "/flight/aircraftRegistration", -1, nil, "the aircraft is not on the list of known registrations")
	}
}

// identity keys a person by document, or by name and birth date when the documents changed.
func identity(p manifest.Person) []string {
	keys := []string{"N|" + strings.ToUpper(p.Surname) + "|" + strings.ToUpper(p.GivenNames) + "|" + p.DateOfBirth}
	for _, d := range p.Documents {
		keys = append(keys, "D|"+d.Type+"|"+d.IssuingState+"|"+d.Number)
	}
	return keys
}

func (a *assessor) changes(in Input, m *manifest.Manifest) {
	if in.Version > 1 && in.ClearedBefore {
		a.hit(RuleAmendedAfterClearance, a.points(RuleAmendedAfterClearance), "", -1, map[string]int{"version": in.Version},
			"the manifest changed after a reviewer cleared it")
	}
	if in.Version <= 1 || in.FirstPersons == nil {
		return
	}
	first := map[string]bool{}
	for _, p := range in.FirstPersons {
		for _, k := range identity(p) {
			first[k] = true
		}
	}
	now := map[string]bool{}
	added := 0
	for i, p := range m.Persons {
		known := false
		for _, k := range identity(p) {
			now[k] = true
			known = known || first[k]
		}
		if !known {
			added++
			a.hit(RulePersonsChanged, a.points(RulePersonsChanged), "/persons/"+strconv.Itoa(i), i, map[string]string{"change": "added"},
				"person added since the first submission")
		}
	}
	removed := 0
	for _, p := range in.FirstPersons {
		gone := true
		for _, k := range identity(p) {
			gone = gone && !now[k]
		}
		if gone {
			removed++
		}
	}
	if removed > 0 {
		a.hit(RulePersonsChanged, removed*a.points(RulePersonsChanged), "/persons", -1, map[string]int{"removed": removed},
			fmt.Sprintf("%d persons removed since the first submission", removed))
	}
}

// notScreened records that the persons were not screened against every list, naming the lists
// for the reviewer.
func (a *assessor) notScreened(in Input) {
	missing := append([]string(nil), in.MissingWatchlists...)
	sort.Strings(missing)
	loaded := make([]string, 0, len(in.WatchlistVersions))
	for src := range in.WatchlistVersions {
		loaded = append(loaded, src)
	}
	sort.Strings(loaded)
	msg := "not screened: no watchlist is loaded; check every person against the lists by hand or wait for the rescan after the next publish"
	if len(missing) > 0 {
		msg = "not screened against " + strings.Join(missing, ", ") + ": the list is not loaded; check every person against it by hand or wait for the rescan after the next publish"
	}
	a.hit(RuleNotScreened, a.points(RuleNotScreened), "/persons", -1, map[string]any{"missing": missing, "loaded": loaded}, msg)
}

// Load reads a ruleset document, or returns the embedded default when doc is empty: what a
// function does with its RULESET variable.
func Load(doc string) (*Ruleset, error) {
	if strings.TrimSpace(doc) == "" {
		return Default(), nil
	}
	return Parse([]byte(doc))
}
