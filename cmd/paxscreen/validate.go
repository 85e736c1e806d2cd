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
)

// maxFile bounds what validate reads, as the API bounds bodies.
const maxFile = 16 << 20

type validateResult struct {
	Valid    bool               `json:"valid"`
	Errors   []manifest.Finding `json:"errors"`
	Warnings []manifest.Finding `json:"warnings"`
}

// validateCmd checks a manifest file with the API's own decoders and rules. Exit 0 valid, 1
// invalid (unreadable content included), 2 usage or a file that cannot be opened.
func validateCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := inputFlags(fs, "format")
	const use = "usage: paxscreen validate [--format json|csv|paxlst] [--param key=value]... FILE"
	files, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if msg := oneArgument("FILE", files); msg != "" {
		return usageError(stderr, use, "%s", msg)
	}
	kind, body, ok := in.read(files[0], stdin, stderr)
	if !ok {
		return exitUsage
	}
	res := validateResult{Errors: []manifest.Finding{}, Warnings: []manifest.Finding{}}
	_, findings, err := intake.Check(kind, body, in.params, manifest.Options{Now: time.Now().UTC()})
	var de *manifest.DecodeError
	switch {
	case errors.As(err, &de):
		res.Errors = append(res.Errors, manifest.Finding{Code: "MALFORMED", Path: "", Message: de.Error(), Severity: manifest.Error})
	case err != nil:
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	for _, f := range findings {
		if f.Severity == manifest.Error {
			res.Errors = append(res.Errors, f)
		} else {
			res.Warnings = append(res.Warnings, f)
		}
	}
	res.Valid = len(res.Errors) == 0
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(res); err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	if !res.Valid {
		return exitInvalid
	}
	return exitOK
}

func readFile(path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(b) > maxFile {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, maxFile)
	}
	return b, nil
}

func schemaCmd(stdout io.Writer) int {
	stdout.Write(manifest.Schema)
	return exitOK
}
