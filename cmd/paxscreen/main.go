// Command paxscreen is the operator's tool: offline validation of manifest files, and the local
// stack that runs the Lambda handlers on this machine.
//
//	paxscreen validate [--format json|csv] FILE
//	paxscreen dev [--addr 127.0.0.1:3000]
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

const usage = `usage:
  paxscreen validate [--format json|csv|paxlst] [--param k=v]... FILE
                                                check a manifest file offline ("-" reads stdin)
  paxscreen screen [--watchlist SNAPSHOT]... [--format json|table] FILE
                                                score a manifest file offline, print its assessment
  paxscreen export [--format paxlst|csv|json] [-o FILE] FILE
                                                convert a manifest, e.g. to UN/EDIFACT PAXLST
  paxscreen dev [--addr 127.0.0.1:3000]         the local stack: HTTP API, stream, against the emulators
  paxscreen watchlist build -o FILE [--un XML]... [--ofac DIR]... [--json FILE]...
                                                build a watchlist snapshot offline
  paxscreen match --watchlist FILE --name NAME [--dob DATE] [--nationality XXX] [--document N]...
                                                screen one name, with explanations
  paxscreen eval --watchlist FILE --positives CSV --negatives CSV [--pairs CSV]
  paxscreen eval --entities --watchlist FILE [--pairs CSV] [-v]
                                                measure screening quality (docs/SCREENING.md)
  paxscreen demo [--base URL] [--latency N]      submit the samples to the local stack and check them
  paxscreen token --role ROLE[,ROLE] [--org ORG] mint a token the local stack accepts
  paxscreen schema                              print the manifest JSON Schema
`

// Exit statuses shared by the subcommands.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "validate":
		return validateCmd(args[1:], stdin, stdout, stderr)
	case "screen":
		return screenCmd(args[1:], stdin, stdout, stderr)
	case "export":
		return exportCmd(args[1:], stdin, stdout, stderr)
	case "watchlist":
		return watchlistCmd(args[1:], stdout, stderr)
	case "match":
		return matchCmd(args[1:], stdout, stderr)
	case "eval":
		if slices.ContainsFunc(args[1:], isEntitiesFlag) {
			return evalEntitiesCmd(args[1:], stdout, stderr)
		}
		return evalCmd(args[1:], stdout, stderr)
	case "demo":
		return demoCmd(ctx, args[1:], stdout, stderr)
	case "token":
		return tokenCmd(args[1:], stdout, stderr)
	case "dev":
		return devCmd(ctx, args[1:], stdin, stdout, stderr)
	case "schema":
		return schemaCmd(stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "paxscreen: unknown command %q\n%s", args[0], usage)
	return exitUsage
}

// isEntitiesFlag tells `eval --entities` from the person evaluation before either parses its
// flags, in every spelling the flag package accepts for a boolean.
func isEntitiesFlag(arg string) bool {
	name, value, _ := strings.Cut(strings.TrimLeft(arg, "-"), "=")
	return strings.HasPrefix(arg, "-") && name == "entities" && value != "false" && value != "0"
}
