package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// screenCmd scores a manifest file offline with the default ruleset and prints the assessment the
// API would store. Exit 0 whatever the level, 1 when the file is invalid, 2 for usage errors.
// Cross-manifest rules (shared documents) need the table and do not run offline.
func screenCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output: json or table")
	input := fs.String("input", "", "json or csv (default: from the file extension)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 || (*format != "json" && *format != "table") {
		fmt.Fprintln(stderr, "usage: paxscreen screen [--format json|table] [--input json|csv] FILE")
		return exitUsage
	}
	path := fs.Arg(0)
	kind, ok := formatOf(path, *input)
	if !ok {
		fmt.Fprintf(stderr, "paxscreen: cannot tell the format of %s: use --input json or --input csv\n", path)
		return exitUsage
	}
	body, err := readFile(path, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	m, findings, err := intake.Check(kind, body, nil, manifest.Options{Now: time.Now().UTC()})
	var de *manifest.DecodeError
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "paxscreen: %s is not a readable manifest: %v\n", path, de)
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	if manifest.HasErrors(findings) {
		fmt.Fprintf(stderr, "paxscreen: %s is invalid; `paxscreen validate %s` lists its errors\n", path, path)
		return exitInvalid
	}
	in := rules.Input{Manifest: m, Version: 1}
	a := rules.Assess(in, rules.Default())
	if *format == "table" {
		printTable(stdout, a)
		return exitOK
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.Encode(a)
	return exitOK
}

func printTable(w io.Writer, a rules.Assessment) {
	fmt.Fprintf(w, "level %s, score %d (ruleset %s)\n\n", a.Level, a.Score, a.RulesetVersion)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tPOINTS\tPATH\tMESSAGE")
	for _, h := range a.Hits {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", h.Rule, h.Points, h.Path, h.Message)
	}
	tw.Flush()
}

func formatOf(path, explicit string) (string, bool) {
	if explicit != "" {
		return explicit, explicit == "json" || explicit == "csv"
	}
	switch {
	case strings.HasSuffix(strings.ToLower(path), ".json"):
		return "json", true
	case strings.HasSuffix(strings.ToLower(path), ".csv"), strings.HasSuffix(strings.ToLower(path), ".txt"):
		return "csv", true
	}
	return "", false
}
