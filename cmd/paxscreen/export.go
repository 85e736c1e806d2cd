package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxlst"
)

// exportCmd converts a manifest file to another format: PAXLST for border authorities' systems,
// CSV for spreadsheets (formula-safe), or the canonical JSON. Exit 0 written, 1 unreadable input, 2 usage.
func exportCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	to := fs.String("format", "paxlst", "output: paxlst, csv or json")
	src := inputFlags(fs, "input")
	out := fs.String("o", "-", "output file (- for standard output)")
	sender := fs.String("sender", "PAXSCREEN", "PAXLST interchange sender")
	recipient := fs.String("recipient", "APIS", "PAXLST interchange recipient")
	const use = "usage: paxscreen export [--format paxlst|csv|json] [--input json|csv|paxlst] [--param key=value]... [-o FILE] FILE"
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if msg := oneArgument("FILE", files); msg != "" {
		return usageError(stderr, use, "%s", msg)
	}
	if *to != "paxlst" && *to != "json" && *to != "csv" {
		return usageError(stderr, use, "--format must be paxlst, csv or json, not %q", *to)
	}
	path := files[0]
	kind, body, ok := src.read(path, stdin, stderr)
	if !ok {
		return exitUsage
	}
	m, _, err := intake.Decode(kind, body, src.params)
	var de *manifest.DecodeError
	if errors.As(err, &de) {
		fmt.Fprintf(stderr, "paxscreen: %s is not a readable manifest: %v\n", path, de)
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	manifest.Normalise(m)
	var data []byte
	switch *to {
	case "json":
		data, err = json.MarshalIndent(m, "", "  ")
		data = append(data, '\n')
	case "csv":
		data, err = manifest.EncodeCSV(m)
	default:
		data, err = paxlst.Encode(m, paxlst.EncodeOptions{Sender: *sender, Recipient: *recipient, Prepared: time.Now().UTC(), LineBreaks: true})
	}
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: cannot write %s as %s: %v\n", path, *to, err)
		return exitInvalid
	}
	if *out == "-" {
		stdout.Write(data)
		return exitOK
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	return exitOK
}
