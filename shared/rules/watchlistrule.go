package rules

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Default screening thresholds, as the watchlist engine applies them when the ruleset leaves them
// at zero (the rules cannot import the engine, which depends on them).
const (
	defaultMatchThreshold  = 0.75
	defaultStrongThreshold = 0.90
)

// MatchEvidence is what a reviewer needs to judge a possible match without opening the engine's
// full explanation: how close the names are, what the identity evidence said, and why the
// match is not strong. It names evidence kinds and outcomes, never personal values, so that
// e-mails can carry it.
type MatchEvidence struct {
	Source    string  `json:"source"`
	EntryID   string  `json:"entryId"`
	Score     float64 `json:"score"`
	NameScore float64 `json:"nameScore"`
	// Confirmed, Consistent, RuledOut, Missing and Unweighed list evidence kinds (dateOfBirth,
	// document, nationality) by what they said.
	Confirmed  []string `json:"confirmed,omitempty"`
	Consistent []string `json:"consistent,omitempty"`
	RuledOut   []string `json:"ruledOut,omitempty"`
	Missing    []string `json:"missing,omitempty"`
	Unweighed  []string `json:"unweighed,omitempty"`
	// WhyNotStrong says what a strong identity match would need; empty for a strong match.
	WhyNotStrong string `json:"whyNotStrong,omitempty"`
	// OtherCandidates are the further entries the same person resembles, strongest first.
	OtherCandidates []Candidate `json:"otherCandidates,omitempty"`
	// Explanation is the engine's full explanation (name parts aligned, evidence values); for
	// reviewers only, never in alerts.
	Explanation any `json:"explanation,omitempty"`
}

// Candidate is another entry a person resembles.
type Candidate struct {
	Source  string  `json:"source"`
	EntryID string  `json:"entryId"`
	Score   float64 `json:"score"`
	Strong  bool    `json:"strong,omitempty"`
}

// explanation mirrors the parts of the engine's explanation the rules read.
type explanation struct {
	NameScore float64 `json:"nameScore"`
	Evidence  []struct {
		Kind    string `json:"kind"`
		Outcome string `json:"outcome"`
	} `json:"evidence"`
}

func (a *assessor) thresholds() (float64, float64) {
	t, s := a.rs.Watchlist.Threshold, a.rs.Watchlist.StrongThreshold
	if t <= 0 {
		t = defaultMatchThreshold
	}
	if s <= 0 {
		s = defaultStrongThreshold
	}
	return t, s
}

func (a *assessor) matchEvidence(m WatchlistMatch) MatchEvidence {
	ev := MatchEvidence{Source: m.Source, EntryID: m.EntryID, Score: m.Score, Explanation: m.Explanation}
	var ex explanation
	if b, err := json.Marshal(m.Explanation); err == nil {
		_ = json.Unmarshal(b, &ex) // an explanation of another shape leaves the summary empty
	}
	ev.NameScore = ex.NameScore
	dob, doc := "", ""
	for _, e := range ex.Evidence {
		switch e.Outcome {
		case "confirms":
			ev.Confirmed = append(ev.Confirmed, e.Kind)
		case "consistent":
			ev.Consistent = append(ev.Consistent, e.Kind)
		case "rulesOut":
			ev.RuledOut = append(ev.RuledOut, e.Kind)
		case "missing":
			ev.Missing = append(ev.Missing, e.Kind)
		default:
			ev.Unweighed = append(ev.Unweighed, e.Kind)
		}
		switch e.Kind {
		case "dateOfBirth":
			dob = e.Outcome
		case "document":
			if doc != "confirms" {
				doc = e.Outcome
			}
		}
	}
	if m.Strong {
		return ev
	}
	_, strongAt := a.thresholds()
	// The engine's rule: a document number match, or a score at the strong threshold with a
	// birth date that confirms or is consistent.
	var why []string
	if doc != "confirms" {
		why = append(why, "no document number matches the listed person's")
	}
	if m.Score < strongAt {
		why = append(why, fmt.Sprintf("the score %.2f is below the strong threshold %.2f", m.Score, strongAt))
	}
	switch dob {
	case "confirms", "consistent":
	case "rulesOut":
		why = append(why, "the date of birth rules the listed person out")
	case "", "missing":
		why = append(why, "no date of birth to compare")
	default:
		why = append(why, "the date of birth does not confirm")
	}
	ev.WhyNotStrong = strings.Join(why, "; ")
	return ev
}

// possiblePoints scales a possible match's points with its score: half the rule's points at the
// reporting threshold, all of them at the strong threshold. The score already carries the
// identity evidence (a birth date that rules out lowers it), so a closer, better-supported
// resemblance weighs more.
func (a *assessor) possiblePoints(score float64) int {
	p := float64(a.points(RuleWatchlistPossible))
	t, s := a.thresholds()
	f := 1.0
	if s > t {
		f = math.Max(0, math.Min(1, (score-t)/(s-t)))
	}
	return int(math.Round(p * (0.5 + 0.5*f)))
}

// watchlist gives one hit per person: the strongest of the person's matches (a strong one
// first), the others listed in its evidence. A person resembling several entries, or one entry
// on two lists, is one reason for review; how the lists were split into snapshots does not
// change the assessment.
func (a *assessor) watchlist(ms []WatchlistMatch) {
	byPerson := map[int][]WatchlistMatch{}
	for _, m := range ms {
		byPerson[m.PersonIndex] = append(byPerson[m.PersonIndex], m)
	}
	persons := make([]int, 0, len(byPerson))
	for p := range byPerson {
		persons = append(persons, p)
	}
	sort.Ints(persons)
	for _, p := range persons {
		cands := byPerson[p]
		sort.SliceStable(cands, func(i, j int) bool {
			x, y := cands[i], cands[j]
			if x.Strong != y.Strong {
				return x.Strong
			}
			if x.Score != y.Score {
				return x.Score > y.Score
			}
			if x.Source != y.Source {
				return x.Source < y.Source
			}
			return x.EntryID < y.EntryID
		})
		best := cands[0]
		ev := a.matchEvidence(best)
		for _, c := range cands[1:] {
			if c.Source == best.Source && c.EntryID == best.EntryID {
				continue
			}
			ev.OtherCandidates = append(ev.OtherCandidates, Candidate{Source: c.Source, EntryID: c.EntryID, Score: c.Score, Strong: c.Strong})
		}
		path := "/persons/" + strconv.Itoa(p)
		if best.Strong {
			a.hit(RuleWatchlistStrong, a.points(RuleWatchlistStrong), path, p, ev,
				fmt.Sprintf("strong identity match with %s entry %s: name score %.2f, confirmed by %s", best.Source, best.EntryID, ev.NameScore, confirmedBy(ev)))
			continue
		}
		n := len(a.hits)
		a.hit(RuleWatchlistPossible, a.possiblePoints(best.Score), path, p, ev,
			fmt.Sprintf("possible match with %s entry %s (score %.2f, name %.2f); not strong: %s", best.Source, best.EntryID, best.Score, ev.NameScore, ev.WhyNotStrong))
		if len(a.hits) > n && a.weakResemblance(best.Score, ev) && LevelRank(a.hits[n].ceiling()) > LevelRank(LevelMedium) {
			a.hits[n].MaxLevel = LevelMedium
		}
	}
}

// weakResemblance: a score in the lower half of the band between the reporting and the strong
// threshold, with no identity evidence for it (no birth date or document that confirms or is
// consistent), is a resemblance of names only. It calls for review at MEDIUM; a closer or
// better-supported one may reach HIGH.
func (a *assessor) weakResemblance(score float64, ev MatchEvidence) bool {
	t, s := a.thresholds()
	return score < (t+s)/2 && len(ev.Confirmed) == 0 && len(ev.Consistent) == 0
}

func confirmedBy(ev MatchEvidence) string {
	all := append(append([]string(nil), ev.Confirmed...), ev.Consistent...)
	if len(all) == 0 {
		return "the engine's identity rule"
	}
	return strings.Join(all, ", ")
}
