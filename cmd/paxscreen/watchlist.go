package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paxscreen/paxscreen/shared/watchlist"
	"github.com/paxscreen/paxscreen/shared/watchlist/evaluation"
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

// evalCmd implements "paxscreen eval": on the shared reference files
// (--positives, --negatives, [--listed], [--pairs]) or on a held-out
// generated set (--generate --seed N). The protocol is in
// shared/watchlist/evaluation and docs/SCREENING.md; this only parses flags.
func evalCmd(args []string, stdout, stderr io.Writer) int {
	const use = "usage: paxscreen eval --watchlist FILE (--positives CSV --negatives CSV [--listed CSV] | --generate [--seed N] [--per-kind N] [--innocents N]) [--pairs CSV]"
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	wl := fs.String("watchlist", "", "snapshot file")
	posPath := fs.String("positives", "", "CSV of listed people as a screener receives them (un-listed-people-variants.csv)")
	listedPath := fs.String("listed", "", "CSV of the same people as listed, row by row (default: --positives without -variants)")
	negPath := fs.String("negatives", "", "CSV of people on no list")
	pairsPath := fs.String("pairs", "", "labelled name pairs (name-pairs.csv)")
	generate := fs.Bool("generate", false, "evaluate on a set generated from the snapshot's lists instead of CSV files")
	seed := fs.Uint64("seed", evaluation.TestSeed, "generator seed: 1 is the development seed, 2 the reported test seed")
	perKind := fs.Int("per-kind", 300, "generated positives per damage kind")
	innocents := fs.Int("innocents", 20000, "generated innocents")
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	files := *posPath != "" || *negPath != ""
	switch {
	case noArguments(rest) != "":
		return usageError(stderr, use, "%s", noArguments(rest))
	case *wl == "":
		return usageError(stderr, use, "--watchlist required")
	case files == *generate:
		return usageError(stderr, use, "give either --positives and --negatives, or --generate")
	case files && (*posPath == "" || *negPath == ""):
		return usageError(stderr, use, "--positives and --negatives go together")
	case *perKind < 1 || *innocents < 1000:
		return usageError(stderr, use, "--per-kind must be at least 1 and --innocents at least 1000")
	}
	if files && *listedPath == "" {
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
	var pos, neg []evaluation.Case
	if *generate {
		g := evaluation.Generate(ix, *seed, *perKind, *innocents)
		pos, neg = g.Positives, g.Innocents
		fmt.Fprintf(stderr, "generated with seed %d: %d positives, %d innocents\n", *seed, len(pos), len(neg))
	} else {
		variants, err := evaluation.ReadPeople(*posPath)
		var listed, negs []evaluation.Person
		if err == nil {
			listed, err = evaluation.ReadPeople(*listedPath)
		}
		if err == nil {
			negs, err = evaluation.ReadPeople(*negPath)
		}
		var unresolved int
		if err == nil {
			pos, unresolved, err = evaluation.CasesFromFiles(ix, variants, listed)
		}
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		if unresolved > 0 {
			fmt.Fprintf(stderr, "%d positive rows have no list entry carrying their listed name; counted as misses\n", unresolved)
		}
		neg = evaluation.Innocents(negs)
	}
	res := evaluation.Evaluate(ix, pos, neg, stderr)
	if *pairsPath != "" {
		auc, n, err := evaluation.PairsAUC(ix, *pairsPath)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		fmt.Fprintf(stderr, "pairs: %d Person rows\n", n)
		res.PairsAuc = &auc
	}
	return writeJSON(stdout, stderr, res)
}
