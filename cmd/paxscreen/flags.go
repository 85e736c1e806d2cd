package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// parseArgs parses fs's flags wherever they stand among args, so that `paxscreen screen FILE
// --format table` works as well as `paxscreen screen --format table FILE`, and returns the other
// arguments in order. "--" ends the flags; "-" (standard input) is an argument. An unknown flag
// or a bad value is reported by the flag package, which names it.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		left := fs.Args()
		if consumed := len(args) - len(left); consumed > 0 && args[consumed-1] == "--" {
			return append(rest, left...), nil // everything after "--" is an argument
		}
		if len(left) == 0 {
			return rest, nil
		}
		rest = append(rest, left[0])
		args = left[1:]
	}
}

// usageError prints what was wrong, then the usage line, and returns the usage exit status.
func usageError(stderr io.Writer, use, format string, args ...any) int {
	fmt.Fprintf(stderr, "paxscreen: %s\n%s\n", fmt.Sprintf(format, args...), use)
	return exitUsage
}

// oneArgument says what is wrong when args is not exactly one what, or returns "".
func oneArgument(what string, args []string) string {
	switch len(args) {
	case 0:
		return "no " + what + " given"
	case 1:
		return ""
	}
	return fmt.Sprintf("%d arguments (%s) where one %s is expected", len(args), strings.Join(args, " "), what)
}

// noArguments says what is wrong when a command that takes only flags is given arguments.
func noArguments(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return fmt.Sprintf("unexpected argument %q: this command takes only flags", args[0])
}
