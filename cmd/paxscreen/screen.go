package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// screenCmd scores a manifest file offline with the default ruleset and prints the assessment the
// API would store. Exit 0 whatever the level, 1 when the file is invalid, 2 for usage errors.
// Cross-manifest rules (shared documents) need the table and do not run offline.
func screenCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("screen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "json", "output: json or table")
	src := inputFlags(fs, "input")
	var lists multiFlag
	fs.Var(&lists, "watchlist", "a `SNAPSHOT` built by \"paxscreen watchlist build\" (repeatable)")
	const use = "usage: paxscreen screen [--format json|table] [--input json|csv|paxlst] [--param key=value]... [--watchlist SNAPSHOT]... FILE"
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if msg := oneArgument("FILE", files); msg != "" {
		return usageError(stderr, use, "%s", msg)
	}
	if *format != "json" && *format != "table" {
		return usageError(stderr, use, "--format must be json or table, not %q", *format)
	}
	path := files[0]
	kind, body, ok := src.read(path, stdin, stderr)
	if !ok {
		return exitUsage
	}
	m, findings, err := intake.Check(kind, body, src.params, manifest.Options{Now: time.Now().UTC()})
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
	// Submitted now, as a POST of the file would be: late-submission rules see the same lead time.
	in := rules.Input{Manifest: m, Version: 1, SubmittedAt: time.Now().UTC()}
	rs := rules.Default()
	if len(lists) > 0 {
		set := watchlist.Set{Threshold: rs.Watchlist.Threshold, StrongThreshold: rs.Watchlist.StrongThreshold}
		for _, path := range lists {
			data, err := os.ReadFile(path)
			if err != nil {
				fmt.Fprintf(stderr, "paxscreen: %v\n", err)
				return exitUsage
			}
			ix, err := watchlist.Load(data)
			if err != nil {
				fmt.Fprintf(stderr, "paxscreen: %s: %v\n", path, err)
				return exitUsage
			}
			set.Snapshots = append(set.Snapshots, watchlist.Named{Name: watchlist.NameOf(ix), Index: ix})
		}
		in.Watchlist, in.WatchlistVersions = set.ScreenPersons(m.Persons), set.Versions()
		in.Parties = set.ScreenParties(m)
	} else {
		// Said on stderr so that the assessment on stdout stays what the API would store; a
		// LOW level here means nothing about the watchlists.
		fmt.Fprintln(stderr, "paxscreen: no watchlist screened (no --watchlist given): the assessment covers the manifest's own findings only")
	}
	a := rules.Assess(in, rs)
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
	fmt.Fprintf(w, "level %s, score %d (ruleset %s)\n", a.Level, a.Score, a.RulesetVersion)
	if a.LevelReason != "" {
		fmt.Fprintf(w, "%s\n", a.LevelReason)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tCODE\tPOINTS\tCOUNTED\tPATH\tMESSAGE")
	for _, h := range a.Hits {
		code := h.Code()
		if code == h.Rule {
			code = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", h.Rule, code, h.Points, h.Counted, h.Path, h.Message)
	}
	tw.Flush()
}

// formatOf picks the decoder: the explicit flag, else the extension; a .txt file is PAXLST when
// it starts like an EDIFACT interchange (UNA or UNB), CSV otherwise.
func formatOf(path, explicit string, body []byte) (string, bool) {
	if explicit != "" {
		return explicit, slices.Contains(intake.Formats, explicit)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return "json", true
	case ".csv":
		return "csv", true
	case ".edi", ".edifact", ".paxlst":
		return "paxlst", true
	case ".txt":
		head := strings.TrimSpace(string(body[:min(len(body), 16)]))
		if strings.HasPrefix(head, "UNA") || strings.HasPrefix(head, "UNB") {
			return "paxlst", true
		}
		return "csv", true
	}
	return "", false
}

// paramFlag collects repeatable key=value flight fields for CSV and PAXLST files, as the API
// takes them from query parameters.
type paramFlag map[string]string

func (p paramFlag) String() string { return fmt.Sprint(map[string]string(p)) }

func (p paramFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("want key=value, got %q", v)
	}
	p[k] = val
	return nil
}
