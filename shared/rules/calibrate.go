package rules

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Calibration (docs/RISK.md has the reasoning and worked examples). A plain sum of points
// treats every hit as independent evidence, so twenty weak signs of one kind outweigh one strong
// sign, and an ordinary flight with two name resemblances reads like a confirmed listing. Three
// mechanisms keep levels meaningful:
//
//   - Diminishing aggregation: hits of one rule (one finding code, for validation findings) are
//     counted strongest first, each Decay less than the one before, up to the rule's Cap. Their
//     total is bounded by the first hit's points / Decay, however many there are.
//   - Ceilings: a rule's MaxLevel is the highest level its hits can bring the manifest to on
//     their own; the level is the one the score reaches, capped at the highest ceiling among the
//     hits. A possible name match, or many, means review (MEDIUM or HIGH), never CRITICAL.
//   - Corroboration: CRITICAL without a rule that reaches it alone (a strong identity match, more
//     people than seats) needs Corroboration distinct rules each able to reach HIGH: independent
//     lines of evidence that together make the manifest unsafe to accept.

func (r Rule) check() error {
	if r.MaxLevel != "" && LevelRank(r.MaxLevel) < 0 {
		return fmt.Errorf("maxLevel %q is not a level", r.MaxLevel)
	}
	if r.Decay < 0 || r.Decay > 1 || math.IsNaN(r.Decay) {
		return errors.New("decay must be from 0 to 1")
	}
	if r.Cap < 0 {
		return errors.New("cap must not be negative")
	}
	return nil
}

// ceiling is the highest level a hit can raise a manifest to by itself.
func (h *Hit) ceiling() string {
	if h.MaxLevel == "" {
		return LevelCritical
	}
	return h.MaxLevel
}

// calibrate sets each hit's Counted points and returns the score, the level and why. hits are
// sorted strongest first.
func calibrate(hits []Hit, rs *Ruleset, th map[string]int) (int, string, string) {
	type group struct {
		n, total int
	}
	groups := map[string]*group{}
	score := 0
	ceiling := LevelLow
	ceilingRule := ""
	high := map[string]bool{} // rules able to reach HIGH alone that hit
	strong := false
	for i := range hits {
		h := &hits[i]
		strong = strong || h.Rule == RuleWatchlistStrong || alwaysCritical(*h)
		if h.Points <= 0 {
			h.Counted = 0
			continue
		}
		r := rs.Rules[h.Rule]
		g := groups[h.group]
		if g == nil {
			g = &group{}
			groups[h.group] = g
		}
		counted := int(math.Round(float64(h.Points) * math.Pow(1-r.Decay, float64(g.n))))
		if r.Cap > 0 && g.total+counted > r.Cap {
			counted = max(0, r.Cap-g.total)
		}
		g.n++
		g.total += counted
		h.Counted = counted
		score += counted
		if c := h.ceiling(); LevelRank(c) > LevelRank(ceiling) {
			ceiling, ceilingRule = c, h.Rule
		}
		if LevelRank(h.ceiling()) >= LevelRank(LevelHigh) {
			high[h.Rule] = true
		}
	}
	byScore := LevelLow
	for _, l := range []string{LevelMedium, LevelHigh, LevelCritical} {
		if score >= th[l] {
			byScore = l
		}
	}
	corroborated := false
	if ceiling != LevelCritical && rs.Corroboration > 0 && len(high) >= rs.Corroboration {
		ceiling, corroborated = LevelCritical, true
	}
	level := byScore
	if LevelRank(level) > LevelRank(ceiling) {
		level = ceiling
	}
	var reason string
	switch {
	case strong:
		level = LevelCritical
		reason = "a strong watchlist match (a person by name and confirming evidence, a listed organisation, or a listed aircraft by its registration or serial number) is always CRITICAL"
	case score == 0:
		reason = "no finding adds points"
	case byScore != level:
		reason = fmt.Sprintf("score %d reaches %s, capped at %s: no finding here can raise a manifest above %s on its own (%s reaches it)",
			score, byScore, level, level, ceilingRule)
		if level == LevelHigh && rs.Corroboration > 0 {
			reason += fmt.Sprintf("; CRITICAL needs a strong identity match or %d independent findings able to reach HIGH", rs.Corroboration)
		}
	case level == LevelCritical && corroborated:
		names := make([]string, 0, len(high))
		for r := range high {
			names = append(names, r)
		}
		reason = fmt.Sprintf("score %d reaches CRITICAL with %d independent findings able to reach HIGH: %s", score, len(high), strings.Join(slices.Sorted(slices.Values(names)), ", "))
	default:
		reason = fmt.Sprintf("score %d reaches %s (thresholds MEDIUM %d, HIGH %d, CRITICAL %d)", score, level, th[LevelMedium], th[LevelHigh], th[LevelCritical])
	}
	return score, level, reason
}
