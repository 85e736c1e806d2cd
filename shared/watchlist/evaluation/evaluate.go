// Package evaluation measures screening quality honestly: the truth of a
// query never comes from the matcher (it is exact equality of normalised
// listed names, crediting every entry of the person in any list), recall is
// counted from what Screen returns at the threshold asked, and a held-out
// generator (generate.go) with its own seeds gives a set that was not used
// to tune the matcher.
package evaluation

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// Floor is the lowest threshold scores are collected at to choose the
// thresholds: far below any a target alert rate could pick.
const Floor = 0.5

// Person is one row of the names/ CSV layouts.
type Person struct {
	Name, DOB string
}

// ReadPeople reads full_name and date_of_birth from a CSV with a header.
func ReadPeople(path string) ([]Person, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, 512<<20))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	ni, di := -1, -1
	for i, h := range head {
		switch strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")) {
		case "full_name":
			ni = i
		case "date_of_birth":
			di = i
		}
	}
	if ni < 0 {
		return nil, fmt.Errorf("%s: no full_name column", path)
	}
	var out []Person
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		p := Person{}
		if ni < len(rec) {
			p.Name = rec[ni]
		}
		if di >= 0 && di < len(rec) {
			p.DOB = rec[di]
		}
		out = append(out, p)
	}
}

// CasesFromFiles pairs the rows of a variants file with the rows of the
// listed file (row by row) and finds each row's truth: every entry whose
// normalised name or alias is exactly the row's listed name, with a
// compatible date of birth. Rows without any such entry keep an empty
// truth and count as misses; their number is returned.
func CasesFromFiles(ix *watchlist.Index, variants, listed []Person) ([]Case, int, error) {
	if len(variants) != len(listed) {
		return nil, 0, fmt.Errorf("variants have %d rows, listed %d: they must line up", len(variants), len(listed))
	}
	truth := newTruthIndex(ix.Indexed())
	out := make([]Case, len(variants))
	unresolved := 0
	for i, v := range variants {
		d, _ := watchlist.ParseDOB(listed[i].DOB)
		out[i] = Case{Kind: "file", Name: v.Name, DOB: v.DOB, Listed: listed[i].Name, Truth: truth.of(listed[i].Name, d)}
		if len(out[i].Truth) == 0 {
			unresolved++
		}
	}
	return out, unresolved, nil
}

// Innocents wraps people on no list as cases.
func Innocents(ps []Person) []Case {
	out := make([]Case, len(ps))
	for i, p := range ps {
		out[i] = Case{Name: p.Name, DOB: p.DOB}
	}
	return out
}

// KindResult is recall for one damage kind.
type KindResult struct {
	Kind              string  `json:"kind"`
	Positives         int     `json:"positives"`
	RecallAt1PerMille float64 `json:"recallAt1PerMille"`
	RecallAt5PerMille float64 `json:"recallAt5PerMille"`
	RecallAtDefault   float64 `json:"recallAtDefault"`
}

// Result is the outcome of one evaluation.
type Result struct {
	Positives           int          `json:"positives"`
	Negatives           int          `json:"negatives"`
	Unresolved          int          `json:"unresolved"`
	Threshold1PerMille  float64      `json:"threshold1PerMille"`
	Threshold5PerMille  float64      `json:"threshold5PerMille"`
	RecallAt1PerMille   float64      `json:"recallAt1PerMille"`
	RecallAt5PerMille   float64      `json:"recallAt5PerMille"`
	RecallAt10PerMille  float64      `json:"recallAt10PerMille"`
	RecallAtDefault     float64      `json:"recallAtDefault"`
	AlertsPerMilleAtDef float64      `json:"alertsPerMilleAtDefault"`
	RecallAtPrecision90 float64      `json:"recallAtPrecision90"`
	Top5HitRate         float64      `json:"top5HitRate"`
	Kinds               []KindResult `json:"kinds,omitempty"`
	PairsAuc            *float64     `json:"pairsAuc,omitempty"`
	LatencyMicros       Latency      `json:"latencyMicros"`
	// LatencyNoDOBMicros is the same queries screened by name alone. A
	// date of birth lets Screen skip every entry whose dates rule it out,
	// so a manifest without dates is screened more slowly; this keeps
	// that cost in view.
	LatencyNoDOBMicros Latency `json:"latencyNoDobMicros"`
}

// Latency holds per-query Screen percentiles at DefaultThreshold.
type Latency struct {
	P50 float64 `json:"p50"`
	P99 float64 `json:"p99"`
}

// Evaluate screens positives and negatives. Thresholds are chosen on the
// negatives (the lowest at which at most 1, 5, 10 per 1,000 alert), and a
// positive counts as found at a threshold when Screen, called at that
// threshold, returns one of its truth entries. Misses at the 1/1,000
// threshold are written to log.
func Evaluate(ix *watchlist.Index, pos, neg []Case, log io.Writer) Result {
	res := Result{Positives: len(pos), Negatives: len(neg)}
	for _, c := range pos {
		if len(c.Truth) == 0 {
			res.Unresolved++
		}
	}
	posScores := make([]float64, len(pos))
	top5 := 0
	for i, c := range pos {
		for k, m := range ix.Screen(query(c), Floor) {
			if contains(c.Truth, m.Source+"/"+m.EntryID) {
				if m.Score > posScores[i] {
					posScores[i] = m.Score
				}
				if k < 5 {
					top5++
					break
				}
			}
		}
	}
	res.Top5HitRate = ratio(top5, len(pos))
	negScores := make([]float64, len(neg))
	for i, c := range neg {
		if ms := ix.Screen(query(c), Floor); len(ms) > 0 {
			negScores[i] = ms[0].Score
		}
	}
	sortedNeg := append([]float64(nil), negScores...)
	sort.Sort(sort.Reverse(sort.Float64Slice(sortedNeg)))
	thresholdAt := func(perMille int) float64 {
		allowed := perMille * len(neg) / 1000
		t := Floor
		if allowed < len(sortedNeg) {
			// Alerts are scores >= t; the (allowed+1)-th highest negative
			// must fall below it.
			t = math.Max(t, math.Nextafter(sortedNeg[allowed], 2))
		}
		return math.Max(t, watchlist.MinThreshold)
	}
	t1, t5, t10 := thresholdAt(1), thresholdAt(5), thresholdAt(10)
	res.Threshold1PerMille, res.Threshold5PerMille = round4(t1), round4(t5)
	found1 := foundAt(ix, pos, t1)
	found5 := foundAt(ix, pos, t5)
	foundD := foundAt(ix, pos, watchlist.DefaultThreshold)
	res.RecallAt1PerMille = share(found1, nil)
	res.RecallAt5PerMille = share(found5, nil)
	res.RecallAt10PerMille = share(foundAt(ix, pos, t10), nil)
	res.RecallAtDefault = share(foundD, nil)
	alerts := 0
	for _, s := range negScores {
		if s >= watchlist.DefaultThreshold {
			alerts++
		}
	}
	res.AlertsPerMilleAtDef = round4(1000 * ratio(alerts, len(neg)))
	res.RecallAtPrecision90 = recallAtPrecision(posScores, negScores, 0.9)
	kinds := map[string]bool{}
	for _, c := range pos {
		kinds[c.Kind] = true
	}
	if len(kinds) > 1 {
		for _, k := range Kinds {
			if !kinds[k] {
				continue
			}
			in := func(i int) bool { return pos[i].Kind == k }
			n := 0
			for i := range pos {
				if in(i) {
					n++
				}
			}
			res.Kinds = append(res.Kinds, KindResult{Kind: k, Positives: n,
				RecallAt1PerMille: share(found1, in), RecallAt5PerMille: share(found5, in), RecallAtDefault: share(foundD, in)})
		}
	}
	if log != nil {
		fmt.Fprintf(log, "thresholds chosen on %d negatives: 1/1000 %.4f, 5/1000 %.4f, 10/1000 %.4f; positives without a listed entry: %d\n",
			len(neg), t1, t5, t10, res.Unresolved)
		for i, ok := range found1 {
			if !ok {
				top := "nothing"
				if ms := ix.Screen(query(pos[i]), watchlist.MinThreshold); len(ms) > 0 {
					top = fmt.Sprintf("%s/%s %q %.4f", ms[0].Source, ms[0].EntryID, ms[0].Explanation.MatchedName, ms[0].Score)
				}
				fmt.Fprintf(log, "miss [%s]: %q (%s), listed %q: truth score %.4f; top %s\n", pos[i].Kind, pos[i].Name, pos[i].DOB, pos[i].Listed, posScores[i], top)
			}
		}
	}
	all := make([]Case, 0, len(pos)+len(neg))
	all = append(append(all, pos...), neg...)
	lat := Latencies(ix, all)
	res.LatencyMicros = Latency{P50: Percentile(lat, 0.5), P99: Percentile(lat, 0.99)}
	for i := range all {
		all[i].DOB = ""
	}
	lat = Latencies(ix, all)
	res.LatencyNoDOBMicros = Latency{P50: Percentile(lat, 0.5), P99: Percentile(lat, 0.99)}
	return res
}

func query(c Case) watchlist.Query { return watchlist.Query{FullName: c.Name, DateOfBirth: c.DOB} }

// foundAt reports, per positive, whether Screen at threshold t returns a
// truth entry: the production path, not a score filtered afterwards.
func foundAt(ix *watchlist.Index, pos []Case, t float64) []bool {
	out := make([]bool, len(pos))
	for i, c := range pos {
		for _, m := range ix.Screen(query(c), t) {
			if contains(c.Truth, m.Source+"/"+m.EntryID) {
				out[i] = true
				break
			}
		}
	}
	return out
}

func share(found []bool, in func(int) bool) float64 {
	n, f := 0, 0
	for i, ok := range found {
		if in != nil && !in(i) {
			continue
		}
		n++
		if ok {
			f++
		}
	}
	return round4(ratio(f, n))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func round4(f float64) float64 { return math.Round(f*10000) / 10000 }

// recallAtPrecision is the highest recall over thresholds at which found
// positives / (found positives + alerting negatives) reaches p.
func recallAtPrecision(pos, neg []float64, p float64) float64 {
	ts := append(append([]float64(nil), pos...), neg...)
	sort.Float64s(ts)
	for _, t := range ts {
		if t <= 0 {
			continue
		}
		tp, fp := 0, 0
		for _, s := range pos {
			if s >= t {
				tp++
			}
		}
		for _, s := range neg {
			if s >= t {
				fp++
			}
		}
		if tp > 0 && float64(tp)/float64(tp+fp) >= p {
			return round4(float64(tp) / float64(len(pos))) // thresholds ascend: the first has the most recall
		}
	}
	return 0
}

// PairsAUC is the ROC AUC (ties half) of PairScore, with the index's part
// weights, on the Person rows of a name-pairs.csv
// (case_group,schema,name1,name2,is_match,...), and the rows used.
func PairsAUC(ix *watchlist.Index, path string) (float64, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	r := csv.NewReader(io.LimitReader(f, 64<<20))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return 0, 0, err
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"schema", "name1", "name2", "is_match"} {
		if _, ok := col[c]; !ok {
			return 0, 0, fmt.Errorf("%s: no %s column", path, c)
		}
	}
	var posS, negS []float64
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, err
		}
		if len(rec) < len(head) || rec[col["schema"]] != "Person" {
			continue
		}
		s := ix.PairScore(rec[col["name1"]], rec[col["name2"]])
		if strings.EqualFold(rec[col["is_match"]], "true") {
			posS = append(posS, s)
		} else {
			negS = append(negS, s)
		}
	}
	auc, err := AUC(posS, negS)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", path, err)
	}
	return auc, len(posS) + len(negS), nil
}

// AUC is the probability that a positive outscores a negative, ties half.
func AUC(pos, neg []float64) (float64, error) {
	if len(pos) == 0 || len(neg) == 0 {
		return 0, errors.New("needs positives and negatives")
	}
	var wins float64
	for _, p := range pos {
		for _, n := range neg {
			switch {
			case p > n:
				wins++
			case p == n:
				wins += 0.5
			}
		}
	}
	return round4(wins / float64(len(pos)*len(neg))), nil
}

// Latencies times one Screen call at DefaultThreshold per case, one at a
// time, in microseconds. Each is the query's first screening: the memo of
// query parts, which the evaluation's earlier passes over the same cases
// filled, is emptied before it (ForgetQueryParts).
func Latencies(ix *watchlist.Index, cases []Case) []float64 {
	out := make([]float64, 0, len(cases))
	for _, c := range cases {
		q := query(c)
		ix.ForgetQueryParts()
		t := time.Now()
		ix.Screen(q, watchlist.DefaultThreshold)
		out = append(out, float64(time.Since(t).Nanoseconds())/1000)
	}
	return out
}

// IsLatin reports whether every letter of s is Latin script.
func IsLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// Percentile is the p-quantile of v (nearest rank), rounded to 0.1.
func Percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	if i < 0 {
		i = 0
	}
	return math.Round(s[i]*10) / 10
}
