package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/paxscreen/paxscreen/shared/entityeval"
)

// Seeds of the entity evaluation: the development seed is the one looked at while building the
// matcher; the test seed is reported beside it and never tuned on.
const (
	entityDevSeed  = 19
	entityTestSeed = 1919
)

// evalEntitiesCmd implements "paxscreen eval --entities --watchlist FILE [--pairs CSV]": damaged
// listed entity names against innocent organisation names, on the development and test seeds,
// and the pair AUC on the non-Person rows of the labelled pairs.
func evalEntitiesCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval --entities", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("entities", true, "evaluate organisation-name screening")
	wl := fs.String("watchlist", "", "snapshot file")
	pairsPath := fs.String("pairs", "", "labelled name pairs (name-pairs.csv); its non-Person rows are scored")
	damaged := fs.Int("damaged", 3000, "damaged listed names per seed")
	innocents := fs.Int("innocents", 20000, "innocent organisation names per seed")
	// --dev-seed, not --seed: in "paxscreen eval" --seed is the one seed evaluated (the test seed
	// by default), and here both seeds are; a --seed that meant the other thing would mislead.
	devSeed := fs.Uint64("dev-seed", entityDevSeed, "development seed")
	fs.Uint64("seed", 0, "not used with --entities: both seeds are evaluated; give --dev-seed and --test-seed")
	testSeed := fs.Uint64("test-seed", entityTestSeed, "test seed, never tuned on")
	verbose := fs.Bool("v", false, "list misses and false alerts")
	const use = "usage: paxscreen eval --entities --watchlist FILE [--pairs CSV] [--damaged N] [--innocents N>=1000] [--dev-seed N] [--test-seed N] [-v]"
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	seedGiven := false
	fs.Visit(func(f *flag.Flag) { seedGiven = seedGiven || f.Name == "seed" })
	switch {
	case noArguments(rest) != "":
		return usageError(stderr, use, "%s", noArguments(rest))
	case seedGiven:
		return usageError(stderr, use, "--seed is not used with --entities, which evaluates a development and a test seed: give --dev-seed N and --test-seed N")
	case *wl == "":
		return usageError(stderr, use, "--watchlist required")
	case *damaged < 1 || *innocents < 1000:
		return usageError(stderr, use, "--damaged must be at least 1 and --innocents at least 1000")
	}
	ix, err := loadSnapshot(*wl)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	var listed []entityeval.Listed
	for _, e := range ix.ListedEntities() {
		listed = append(listed, entityeval.Listed{Source: e.Source, ID: e.ID, Names: e.Names})
	}
	if len(listed) == 0 {
		fmt.Fprintf(stderr, "paxscreen: %s holds no entities (built before entity screening? build it again)\n", *wl)
		return exitUsage
	}
	out := map[string]any{"watchlistVersion": ix.Version(), "entities": len(listed)}
	for name, seed := range map[string]uint64{"dev": *devSeed, "test": *testSeed} {
		t0 := time.Now()
		r := entityeval.Run(ix, listed, seed, *damaged, *innocents)
		if !*verbose {
			r.Misses, r.FalseAlerts = nil, nil
		}
		fmt.Fprintf(stderr, "%s seed %d: %d damaged, %d innocents in %v\n", name, seed, r.Damaged, r.Innocents, time.Since(t0).Round(time.Millisecond))
		out[name] = r
	}
	if *pairsPath != "" {
		f, err := os.Open(*pairsPath)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %v\n", err)
			return exitUsage
		}
		pairs, err := entityeval.ReadPairs(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen: %s: %v\n", *pairsPath, err)
			return exitUsage
		}
		auc, pos, neg := entityeval.PairAUC(ix, pairs)
		out["pairs"] = map[string]any{"auc": auc, "matches": pos, "nonMatches": neg}
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "eval --entities: write the figures: %v\n", err)
		return exitInvalid
	}
	return exitOK
}
