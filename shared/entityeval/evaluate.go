package entityeval

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// Screener is what the evaluation asks of an index.
type Screener interface {
	ScreenEntity(name string, threshold float64) []watchlist.EntityMatch
	CompareOrganisations(a, b string) float64
}

// Floor is the lowest score asked for: far below any threshold of interest.
const Floor = 0.5

// Report is one evaluation run.
type Report struct {
	Seed      uint64 `json:"seed"`
	Damaged   int    `json:"damaged"`
	Innocents int    `json:"innocents"`
	// Refused innocents held a listed name and were not used.
	Refused int `json:"refusedInnocents"`
	// ThresholdAt1 and ThresholdAt5 are the lowest scores at which innocents raise at most 1
	// and 5 alerts per 1,000; the recalls are the share of damaged names whose listed entity
	// scores at or above them.
	ThresholdAt1 float64 `json:"thresholdAt1PerThousand"`
	RecallAt1    float64 `json:"recallAt1PerThousand"`
	ThresholdAt5 float64 `json:"thresholdAt5PerThousand"`
	RecallAt5    float64 `json:"recallAt5PerThousand"`
	// At the shipped threshold (watchlist.DefaultEntityThreshold).
	DefaultThreshold        float64            `json:"defaultThreshold"`
	RecallAtDefault         float64            `json:"recallAtDefault"`
	AlertsPer1000AtDefault  float64            `json:"alertsPer1000AtDefault"`
	StrongShareAtDefault    float64            `json:"strongShareOfFound"`
	InnocentStrongPer1000   float64            `json:"innocentStrongPer1000"`
	RecallByDamageAtDefault map[string]float64 `json:"recallByDamageAtDefault"`
	// Misses are some damaged names not found at the shipped threshold, for reading.
	Misses []Case `json:"misses,omitempty"`
	// FalseAlerts are some innocents alerting at the shipped threshold.
	FalseAlerts []string `json:"falseAlerts,omitempty"`
}

// Run damages nDamaged listed names and builds nInnocent innocents with seed, screens them all
// and measures recall against the innocents' alert rate.
func Run(s Screener, listed []Listed, seed uint64, nDamaged, nInnocent int) Report {
	cases := Damaged(listed, seed, nDamaged)
	innocents, refused := Innocents(listed, seed, nInnocent)
	r := Report{Seed: seed, Damaged: len(cases), Innocents: len(innocents), Refused: refused,
		DefaultThreshold: watchlist.DefaultEntityThreshold, RecallByDamageAtDefault: map[string]float64{}}
	truth := make([]float64, len(cases)) // the listed entity's best score, 0 when not found
	strongTruth := make([]bool, len(cases))
	for i, c := range cases {
		for _, m := range s.ScreenEntity(c.Query, Floor) {
			if m.Source == c.Source && m.EntryID == c.ID && m.Relation == watchlist.RelationListed && m.Score > truth[i] {
				truth[i], strongTruth[i] = m.Score, m.Strong
			}
		}
	}
	inno := make([]float64, len(innocents)) // best score of any match
	strongInno := 0
	for i, q := range innocents {
		ms := s.ScreenEntity(q, Floor)
		if len(ms) > 0 {
			inno[i] = ms[0].Score
			if ms[0].Strong {
				strongInno++
			}
		}
	}
	r.ThresholdAt1, r.RecallAt1 = recallAt(truth, inno, 1)
	r.ThresholdAt5, r.RecallAt5 = recallAt(truth, inno, 5)
	found, strong := 0, 0
	byDamage, perDamage := map[string]int{}, map[string]int{}
	for i, c := range cases {
		perDamage[c.Damage]++
		if truth[i] >= r.DefaultThreshold {
			found++
			byDamage[c.Damage]++
			if strongTruth[i] {
				strong++
			}
		} else if len(r.Misses) < 25 {
			r.Misses = append(r.Misses, c)
		}
	}
	for d, n := range perDamage {
		r.RecallByDamageAtDefault[d] = round4(float64(byDamage[d]) / float64(n))
	}
	if len(cases) > 0 {
		r.RecallAtDefault = round4(float64(found) / float64(len(cases)))
	}
	if found > 0 {
		r.StrongShareAtDefault = round4(float64(strong) / float64(found))
	}
	alerts := 0
	for i, sc := range inno {
		if sc >= r.DefaultThreshold {
			alerts++
			if len(r.FalseAlerts) < 25 {
				r.FalseAlerts = append(r.FalseAlerts, innocents[i])
			}
		}
	}
	if len(innocents) > 0 {
		r.AlertsPer1000AtDefault = round4(1000 * float64(alerts) / float64(len(innocents)))
		r.InnocentStrongPer1000 = round4(1000 * float64(strongInno) / float64(len(innocents)))
	}
	return r
}

// recallAt finds the lowest threshold at which the innocents raise at most perThousand alerts
// per 1,000 and the share of truth scores at or above it. Scores are rounded to 4 decimals, so
// the threshold is the next representable score above the first innocent over the budget.
func recallAt(truth, innocents []float64, perThousand int) (threshold, recall float64) {
	sorted := append([]float64(nil), innocents...)
	sort.Sort(sort.Reverse(sort.Float64Slice(sorted)))
	allowed := perThousand * len(sorted) / 1000
	threshold = Floor
	if allowed < len(sorted) && sorted[allowed] >= Floor {
		threshold = round4(sorted[allowed] + 1e-4)
	}
	n := 0
	for _, s := range truth {
		if s >= threshold {
			n++
		}
	}
	if len(truth) == 0 {
		return threshold, 0
	}
	return threshold, round4(float64(n) / float64(len(truth)))
}

// Pair is one labelled pair of organisation names.
type Pair struct {
	A, B   string
	Match  bool
	Schema string
}

// ReadPairs reads name-pairs.csv (case_group, schema, name1, name2, is_match, ...) and keeps the
// rows whose schema is not Person.
func ReadPairs(r io.Reader) ([]Pair, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("pairs: header: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"schema", "name1", "name2", "is_match"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("pairs: no %q column", c)
		}
	}
	var out []Pair
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("pairs: line %d: %w", line, err)
		}
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.EqualFold(get("schema"), "Person") || get("name1") == "" || get("name2") == "" {
			continue
		}
		switch strings.ToLower(get("is_match")) {
		case "true":
			out = append(out, Pair{A: get("name1"), B: get("name2"), Match: true, Schema: get("schema")})
		case "false":
			out = append(out, Pair{A: get("name1"), B: get("name2"), Match: false, Schema: get("schema")})
		default:
			return nil, fmt.Errorf("pairs: line %d: is_match %q is neither true nor false", line, get("is_match"))
		}
	}
	return out, nil
}

// PairAUC is the probability that a matching pair scores above a non-matching one (ties count
// half): the Mann-Whitney statistic over the pairs' scores.
func PairAUC(s Screener, pairs []Pair) (auc float64, matches, nonMatches int) {
	var pos, neg []float64
	for _, p := range pairs {
		sc := s.CompareOrganisations(p.A, p.B)
		if p.Match {
			pos = append(pos, sc)
		} else {
			neg = append(neg, sc)
		}
	}
	if len(pos) == 0 || len(neg) == 0 {
		return math.NaN(), len(pos), len(neg)
	}
	var sum float64
	for _, a := range pos {
		for _, b := range neg {
			switch {
			case a > b:
				sum++
			case a == b:
				sum += 0.5
			}
		}
	}
	return round4(sum / float64(len(pos)*len(neg))), len(pos), len(neg)
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }
