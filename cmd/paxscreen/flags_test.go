package main

import (
	"flag"
	"reflect"
	"strings"
	"testing"
)

func TestParseArgsTakesFlagsAnywhere(t *testing.T) {
	tests := []struct {
		args   []string
		format string
		params []string
		rest   []string
	}{
		{[]string{"--format", "table", "FILE"}, "table", nil, []string{"FILE"}},
		{[]string{"FILE", "--format", "table"}, "table", nil, []string{"FILE"}},
		{[]string{"--param", "a=1", "FILE", "--format=table", "--param", "b=2"}, "table", []string{"a=1", "b=2"}, []string{"FILE"}},
		{[]string{"-", "--format", "table"}, "table", nil, []string{"-"}}, // "-" is standard input, an argument
		{[]string{"A", "--", "--format", "B"}, "json", nil, []string{"A", "--format", "B"}},
		{[]string{"A", "B"}, "json", nil, []string{"A", "B"}},
		{nil, "json", nil, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			format := fs.String("format", "json", "")
			var params multiFlag
			fs.Var(&params, "param", "")
			rest, err := parseArgs(fs, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if *format != tt.format || !reflect.DeepEqual([]string(params), tt.params) || !reflect.DeepEqual(rest, tt.rest) {
				t.Errorf("format %q params %q rest %q", *format, params, rest)
			}
		})
	}
}

func TestUsageErrorsSayWhatIsWrong(t *testing.T) {
	valid := "../../shared/manifest/testdata/valid.json"
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"validate"}, "no FILE given"},
		{[]string{"validate", "a.json", "b.json"}, "2 arguments (a.json b.json) where one FILE is expected"},
		{[]string{"screen", valid, "--format", "html"}, `--format must be json or table, not "html"`},
		{[]string{"screen", valid, "--colour"}, "flag provided but not defined: -colour"},
		{[]string{"export", valid, "--format", "xml"}, `--format must be paxlst, csv or json, not "xml"`},
		{[]string{"watchlist"}, "watchlist needs a subcommand: build"},
		{[]string{"watchlist", "build", "--un", "x.xml"}, "-o FILE is required"},
		{[]string{"watchlist", "build", "-o", "x.snap"}, "no list given"},
		{[]string{"match", "--watchlist", "x.snap", "--name", "A", "B"}, `unexpected argument "B"`},
		{[]string{"eval", "--watchlist", "x.snap"}, "give either --positives and --negatives, or --generate"},
		{[]string{"token", "--role", "admin", "extra"}, `unexpected argument "extra"`},
		{[]string{"eval", "--entities"}, "--watchlist required"},
		{[]string{"eval", "--entities", "--watchlist", "x.snap", "extra"}, `unexpected argument "extra"`},
		{[]string{"eval", "--entities", "--watchlist", "x.snap", "--innocents", "10"}, "--damaged must be at least 1 and --innocents at least 1000"},
		{[]string{"eval", "--entities", "--watchlist", "x.snap", "--damaged", "0"}, "--damaged must be at least 1 and --innocents at least 1000"},
		{[]string{"eval", "--entities", "--watchlist", "x.snap", "--seed", "3"}, "--seed is not used with --entities"},
		{[]string{"dev", "extra"}, `unexpected argument "extra"`},
		{[]string{"dev", "--table", "t", "extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errOut := runCLI(tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) || !strings.Contains(strings.ToLower(errOut), "usage") {
				t.Errorf("exit %d, stderr %q; want exit 2 and %q with the usage", code, errOut, tt.want)
			}
		})
	}
}

func TestScreenAcceptsFlagsAfterTheFile(t *testing.T) {
	code, out, errOut := runCLI("screen", "../../shared/manifest/testdata/valid.json", "--format", "table")
	if code != 0 || strings.HasPrefix(strings.TrimSpace(out), "{") {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, out, errOut)
	}
}

func TestEvalEntitiesFlagInEverySpelling(t *testing.T) {
	for arg, want := range map[string]bool{
		"--entities": true, "-entities": true, "--entities=true": true, "-entities=1": true,
		"--entities=false": false, "-entities=0": false, "entities": false, "--entitiesx": false, "--seed": false,
	} {
		if got := isEntitiesFlag(arg); got != want {
			t.Errorf("isEntitiesFlag(%q) = %v, want %v", arg, got, want)
		}
	}
}

// TestFlagHelpIsReadable: the flag package reads a backquoted word in a flag's description as
// the name of its argument, so a command quoted that way garbles -h ("-base make run"). Every
// flag of every command prints as "-name" or "-name ARG", its description on its own.
func TestFlagHelpIsReadable(t *testing.T) {
	commands := [][]string{
		{"validate"}, {"screen"}, {"export"}, {"watchlist", "build"}, {"match"}, {"eval"},
		{"eval", "--entities"}, {"demo"}, {"token"}, {"dev"},
	}
	for _, cmd := range commands {
		t.Run(strings.Join(cmd, " "), func(t *testing.T) {
			_, _, errOut := runCLI(append(cmd, "-h")...)
			flags := 0
			for _, line := range strings.Split(errOut, "\n") {
				if !strings.HasPrefix(line, "  -") {
					continue
				}
				flags++
				// A one-letter flag without an argument keeps its description on its line,
				// after a tab.
				head, _, _ := strings.Cut(line, "\t")
				if f := strings.Fields(head); len(f) > 2 {
					t.Errorf("flag line %q: the argument name is %q, a description's quoted word", line, strings.Join(f[1:], " "))
				}
			}
			if flags == 0 {
				t.Fatalf("no flags in the help: %q", errOut)
			}
		})
	}
}
