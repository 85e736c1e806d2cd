package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// multiFlag collects a repeatable flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

// watchlistCmd implements "paxscreen watchlist build -o FILE [--un XML]...
// [--ofac DIR]... [--json FILE]...": it parses the lists and writes a
// snapshot. Exit 0 written, 1 a list that does not parse, 2 usage or I/O.
func watchlistCmd(args []string, stdout, stderr io.Writer) int {
	const use = "usage: paxscreen watchlist build -o FILE [--un XML]... [--ofac DIR]... [--json FILE]..."
	if len(args) == 0 {
		return usageError(stderr, use, "watchlist needs a subcommand: build")
	}
	if args[0] != "build" {
		return usageError(stderr, use, "unknown watchlist subcommand %q: the one there is is build", args[0])
	}
	fs := flag.NewFlagSet("watchlist build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "snapshot file to write")
	var un, ofac, js multiFlag
	fs.Var(&un, "un", "UN Security Council Consolidated List XML (repeatable)")
	fs.Var(&ofac, "ofac", "directory holding OFAC sdn.csv, alt.csv, add.csv (repeatable)")
	fs.Var(&js, "json", "list in paxscreen's JSON entry format (repeatable)")
	rest, err := parseArgs(fs, args[1:])
	if err != nil {
		return exitUsage
	}
	switch {
	case noArguments(rest) != "":
		return usageError(stderr, use, "%s", noArguments(rest))
	case *out == "":
		return usageError(stderr, use, "-o FILE is required: where to write the snapshot")
	case len(un)+len(ofac)+len(js) == 0:
		return usageError(stderr, use, "no list given: add at least one --un, --ofac or --json")
	}
	var entries []watchlist.Entry
	for _, p := range un {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		es, err := watchlist.ParseUN(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %s: %v\n", p, err)
			return exitInvalid
		}
		entries = append(entries, es...)
	}
	for _, p := range ofac {
		if _, err := os.Stat(filepath.Join(p, "sdn.csv")); err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		es, err := watchlist.ParseOFACDir(p)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %s: %v\n", p, err)
			return exitInvalid
		}
		entries = append(entries, es...)
	}
	for _, p := range js {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		es, err := watchlist.ParseJSON(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %s: %v\n", p, err)
			return exitInvalid
		}
		entries = append(entries, es...)
	}
	ix := watchlist.Build(entries)
	b, err := ix.MarshalBinary()
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	res := struct {
		File        string                 `json:"file"`
		Version     string                 `json:"version"`
		Bytes       int                    `json:"bytes"`
		Individuals int                    `json:"individuals"`
		Names       int                    `json:"names"`
		Sources     []watchlist.SourceInfo `json:"sources"`
	}{*out, ix.Version(), len(b), ix.Len(), ix.Names(), ix.Sources()}
	return writeJSON(stdout, stderr, res)
}

func writeJSON(stdout, stderr io.Writer, v any) int {
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	return exitOK
}

func loadSnapshot(path string) (*watchlist.Index, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return watchlist.Load(b)
}

// matchCmd implements "paxscreen match --watchlist FILE --name "..." [--dob
// YYYY-MM-DD] [--nationality XXX] [--document NUMBER]... [--threshold X]":
// candidates with scores and explanations, as JSON.
func matchCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	wl := fs.String("watchlist", "", "snapshot file (paxscreen watchlist build)")
	name := fs.String("name", "", `name to screen ("SURNAME, Given" understood)`)
	dob := fs.String("dob", "", "date of birth: YYYY, YYYY-MM or YYYY-MM-DD")
	nat := fs.String("nationality", "", "nationality, ISO 3166-1 alpha-3")
	threshold := fs.Float64("threshold", watchlist.DefaultThreshold, "lowest score to report")
	var docs multiFlag
	fs.Var(&docs, "document", "document number (repeatable)")
	const use = `usage: paxscreen match --watchlist FILE --name "..." [--dob YYYY-MM-DD] [--nationality XXX] [--document N]... [--threshold X]`
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	switch {
	case noArguments(rest) != "":
		return usageError(stderr, use, "%s (a name with spaces goes in quotes after --name)", noArguments(rest))
	case *wl == "":
		return usageError(stderr, use, "--watchlist FILE is required")
	case strings.TrimSpace(*name) == "":
		return usageError(stderr, use, "--name is required")
	}
	if *dob != "" {
		if _, ok := watchlist.ParseDOB(*dob); !ok {
			fmt.Fprintf(stderr, "paxscreen: --dob %q: want YYYY, YYYY-MM or YYYY-MM-DD\n", *dob)
			return exitUsage
		}
	}
	ix, err := loadSnapshot(*wl)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	ms := ix.Screen(watchlist.Query{FullName: *name, DateOfBirth: *dob, Nationality: *nat, Documents: docs}, *threshold)
	if ms == nil {
		ms = []watchlist.Match{}
	}
	return writeJSON(stdout, stderr, struct {
		Version    string            `json:"watchlistVersion"`
		Threshold  float64           `json:"threshold"`
		Candidates []watchlist.Match `json:"candidates"`
	}{ix.Version(), *threshold, ms})
}

// person is one row of the names/ CSV layouts.
type person struct {
	name, dob string
}

// readPeople reads full_name and date_of_birth from a CSV with a header.
func readPeople(path string) ([]person, error) {
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
	var out []person
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		p := person{}
		if ni < len(rec) {
			p.name = rec[ni]
		}
		if di >= 0 && di < len(rec) {
			p.dob = rec[di]
		}
		out = append(out, p)
	}
}

// evalResult holds exactly the keys issue 9 specifies.
type evalResult struct {
	Positives           int      `json:"positives"`
	Negatives           int      `json:"negatives"`
	RecallAt1PerMille   float64  `json:"recallAt1PerMille"`
	RecallAt5PerMille   float64  `json:"recallAt5PerMille"`
	RecallAt10PerMille  float64  `json:"recallAt10PerMille"`
	RecallAtPrecision90 float64  `json:"recallAtPrecision90"`
	Top5HitRate         float64  `json:"top5HitRate"`
	PairsAuc            *float64 `json:"pairsAuc,omitempty"`
	LatencyMicros       struct {
		P50 float64 `json:"p50"`
		P99 float64 `json:"p99"`
	} `json:"latencyMicros"`
}

// evalFloor is the lowest score eval asks Screen for: far below any
// threshold it could choose, so every score that matters is seen.
const evalFloor = 0.5

// evalCmd implements "paxscreen eval --watchlist FILE --positives CSV
// --negatives CSV [--pairs CSV] [--listed CSV]". See docs/SCREENING.md for the
// protocol.
func evalCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	wl := fs.String("watchlist", "", "snapshot file")
	posPath := fs.String("positives", "", "CSV of listed people as a screener receives them (un-listed-people-variants.csv)")
	listedPath := fs.String("listed", "", "CSV of the same people as listed, row by row (default: --positives without -variants)")
	negPath := fs.String("negatives", "", "CSV of people on no list")
	pairsPath := fs.String("pairs", "", "labelled name pairs (name-pairs.csv)")
	const use = "usage: paxscreen eval --watchlist FILE --positives CSV --negatives CSV [--pairs CSV] [--listed CSV]"
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	var missing []string
	for _, f := range []struct{ name, v string }{{"--watchlist", *wl}, {"--positives", *posPath}, {"--negatives", *negPath}} {
		if f.v == "" {
			missing = append(missing, f.name)
		}
	}
	switch {
	case noArguments(rest) != "":
		return usageError(stderr, use, "%s", noArguments(rest))
	case len(missing) > 0:
		return usageError(stderr, use, "%s required", strings.Join(missing, ", "))
	}
	if *listedPath == "" {
		*listedPath = strings.Replace(*posPath, "-variants", "", 1)
		if *listedPath == *posPath {
			fmt.Fprintln(stderr, "paxscreen: cannot derive the listed file from --positives; give --listed")
			return exitUsage
		}
	}
	t0 := time.Now()
	ix, err := loadSnapshot(*wl)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "loaded %s (version %s, %d individuals) in %v\n", *wl, ix.Version(), ix.Len(), time.Since(t0).Round(time.Millisecond))
	pos, err := readPeople(*posPath)
	if err == nil {
		var listed []person
		if listed, err = readPeople(*listedPath); err == nil && len(listed) != len(pos) {
			err = fmt.Errorf("%s has %d rows, %s has %d: they must line up", *posPath, len(pos), *listedPath, len(listed))
		}
		if err == nil {
			return evalRun(ix, pos, listed, *negPath, *pairsPath, stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "paxscreen: %v\n", err)
	return exitUsage
}

func evalRun(ix *watchlist.Index, pos, listed []person, negPath, pairsPath string, stdout, stderr io.Writer) int {
	neg, err := readPeople(negPath)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	// The truth for a positive row is the entries that carry the row's
	// listed name exactly (after normalisation) with a compatible date of
	// birth: the UN entry, or the OFAC entry of someone since delisted.
	posScores := make([]float64, len(pos))
	top5 := 0
	unresolved := 0
	for i, p := range pos {
		truth := map[string]bool{}
		for _, m := range ix.Screen(watchlist.Query{FullName: listed[i].name, DateOfBirth: listed[i].dob}, evalFloor) {
			if sameName(m.Explanation) && m.Explanation.Evidence[0].Outcome != watchlist.RulesOut {
				truth[m.Source+"/"+m.EntryID] = true
			}
		}
		if len(truth) == 0 {
			unresolved++
			fmt.Fprintf(stderr, "no list entry carries the listed name %q (row %d); counted as a miss\n", listed[i].name, i+2)
		}
		ms := ix.Screen(watchlist.Query{FullName: p.name, DateOfBirth: p.dob}, evalFloor)
		for k, m := range ms {
			if truth[m.Source+"/"+m.EntryID] {
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
	misses := func(t float64) {
		for i, s := range posScores {
			if s < t {
				top := "nothing"
				if ms := ix.Screen(watchlist.Query{FullName: pos[i].name, DateOfBirth: pos[i].dob}, 0.3); len(ms) > 0 {
					top = fmt.Sprintf("%s/%s %q %.4f", ms[0].Source, ms[0].EntryID, ms[0].Explanation.MatchedName, ms[0].Score)
				}
				fmt.Fprintf(stderr, "miss: row %d %q (%s), listed %q (%s): truth score %.4f; top %s\n", i+2, pos[i].name, pos[i].dob, listed[i].name, listed[i].dob, s, top)
			}
		}
	}
	negScores := make([]float64, len(neg))
	for i, p := range neg {
		if ms := ix.Screen(watchlist.Query{FullName: p.name, DateOfBirth: p.dob}, evalFloor); len(ms) > 0 {
			negScores[i] = ms[0].Score
		}
		if (i+1)%10000 == 0 {
			fmt.Fprintf(stderr, "negatives: %d/%d\n", i+1, len(neg))
		}
	}
	res := evalResult{Positives: len(pos), Negatives: len(neg)}
	sortedNeg := append([]float64(nil), negScores...)
	sort.Sort(sort.Reverse(sort.Float64Slice(sortedNeg)))
	recallAt := func(perMille int) (float64, float64) {
		allowed := perMille * len(neg) / 1000
		t := evalFloor
		if allowed < len(sortedNeg) {
			// Alerts are scores >= t; the (allowed+1)-th highest negative
			// must fall below it.
			t = math.Max(t, math.Nextafter(sortedNeg[allowed], 2))
		}
		found := 0
		for _, s := range posScores {
			if s >= t {
				found++
			}
		}
		return float64(found) / float64(len(pos)), t
	}
	var t1, t5, t10 float64
	res.RecallAt1PerMille, t1 = recallAt(1)
	res.RecallAt5PerMille, t5 = recallAt(5)
	res.RecallAt10PerMille, t10 = recallAt(10)
	misses(t1)
	fmt.Fprintf(stderr, "thresholds chosen on the negatives: 1/1000 %.4f, 5/1000 %.4f, 10/1000 %.4f; rows without a listed entry: %d\n", t1, t5, t10, unresolved)
	res.RecallAtPrecision90 = recallAtPrecision(posScores, negScores, 0.9)
	res.Top5HitRate = float64(top5) / float64(len(pos))
	for _, t := range []float64{watchlist.DefaultThreshold, watchlist.StrongThreshold} {
		r, f := 0, 0
		for _, s := range posScores {
			if s >= t {
				r++
			}
		}
		for _, s := range negScores {
			if s >= t {
				f++
			}
		}
		fmt.Fprintf(stderr, "at %.2f: recall %.4f, alerts on negatives %d (%.2f per 1,000)\n", t, float64(r)/float64(len(pos)), f, 1000*float64(f)/float64(len(neg)))
	}
	if pairsPath != "" {
		auc, n, err := pairsAUC(ix, pairsPath)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stderr, "pairs: %d Person rows\n", n)
		res.PairsAuc = &auc
	}
	lat, latin, other := latencies(ix, pos, neg)
	res.LatencyMicros.P50, res.LatencyMicros.P99 = percentile(lat, 0.50), percentile(lat, 0.99)
	fmt.Fprintf(stderr, "latency µs at DefaultThreshold: all p50 %.1f p99 %.1f (%d); Latin p50 %.1f p99 %.1f (%d); non-Latin p50 %.1f p99 %.1f (%d)\n",
		res.LatencyMicros.P50, res.LatencyMicros.P99, len(lat), percentile(latin, 0.5), percentile(latin, 0.99), len(latin),
		percentile(other, 0.5), percentile(other, 0.99), len(other))
	return writeJSON(stdout, stderr, res)
}

// sameName reports whether a match is the queried name itself, up to
// romanisation: every part paired exactly or by phonetic key, none left.
func sameName(ex watchlist.Explanation) bool {
	if len(ex.QueryUnmatched) > 0 || len(ex.ListedUnmatched) > 0 || len(ex.Parts) == 0 {
		return false
	}
	for _, p := range ex.Parts {
		if p.How != "exact" && p.How != "phonetic" && !(p.How == "joined" && p.Similarity == 1) {
			return false
		}
	}
	return true
}

// recallAtPrecision is the highest recall over thresholds at which
// found positives / (found positives + alerting negatives) reaches p.
func recallAtPrecision(pos, neg []float64, p float64) float64 {
	ts := append(append([]float64(nil), pos...), neg...)
	sort.Float64s(ts)
	best := 0.0
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
			if r := float64(tp) / float64(len(pos)); r > best {
				best = r
			}
			break // thresholds ascend: the first that qualifies has the most recall
		}
	}
	return best
}

// pairsAUC is the ROC AUC of PairScore, with the snapshot's part weights, on the Person rows of a
// name-pairs.csv (case_group,schema,name1,name2,is_match,...).
func pairsAUC(ix *watchlist.Index, path string) (float64, int, error) {
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
	if len(posS) == 0 || len(negS) == 0 {
		return 0, 0, errors.New(path + ": needs matching and non-matching Person rows")
	}
	// AUC as the probability that a match outscores a non-match, ties half.
	var wins float64
	for _, p := range posS {
		for _, n := range negS {
			switch {
			case p > n:
				wins++
			case p == n:
				wins += 0.5
			}
		}
	}
	return wins / float64(len(posS)*len(negS)), len(posS) + len(negS), nil
}

// latencies times Screen at DefaultThreshold, one query at a time, over
// the positives and negatives, split by script.
func latencies(ix *watchlist.Index, sets ...[]person) (all, latin, other []float64) {
	for _, set := range sets {
		for _, p := range set {
			q := watchlist.Query{FullName: p.name, DateOfBirth: p.dob}
			t := time.Now()
			ix.Screen(q, watchlist.DefaultThreshold)
			us := float64(time.Since(t).Nanoseconds()) / 1000
			all = append(all, us)
			if isLatin(p.name) {
				latin = append(latin, us)
			} else {
				other = append(other, us)
			}
		}
	}
	return all, latin, other
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func percentile(v []float64, p float64) float64 {
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
