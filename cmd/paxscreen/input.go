package main

import (
	"flag"
	"fmt"
	"io"
)

// input is the manifest file a command reads, with the flags every such command shares: the
// format (when the extension does not tell) and the flight fields CSV and PAXLST do not carry.
type input struct {
	flagName string
	format   *string
	params   paramFlag
}

func inputFlags(fs *flag.FlagSet, flagName string) *input {
	in := &input{flagName: flagName, params: paramFlag{}}
	in.format = fs.String(flagName, "", "json, csv or paxlst (default: from the file extension)")
	fs.Var(in.params, "param", "a flight field the file does not carry, key=value (repeatable; CSV and PAXLST)")
	return in
}

// read loads path ("-" for standard input) and picks its decoder; ok is false after a usage
// error has been reported.
func (in *input) read(path string, stdin io.Reader, stderr io.Writer) (kind string, body []byte, ok bool) {
	body, err := readFile(path, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return "", nil, false
	}
	kind, known := formatOf(path, *in.format, body)
	if !known {
		fmt.Fprintf(stderr, "paxscreen: cannot tell the format of %s: use --%s json, csv or paxlst\n", path, in.flagName)
		return "", nil, false
	}
	return kind, body, true
}
