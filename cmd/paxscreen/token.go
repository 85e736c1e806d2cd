package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/paxscreen/paxscreen/shared/devstack/devauth"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/organisation"
)

// devKeyPath is the local stack's signing key, created on first use; only `paxscreen dev`
// trusts it.
const devKeyPath = ".local/dev-jwt-key.pem"

// tokenCmd mints a token the local stack accepts.
func tokenCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("token", flag.ContinueOnError)
	fs.SetOutput(stderr)
	roles := fs.String("role", httpapi.RoleSubmitter, "comma-separated roles: submitter, reviewer, admin")
	org := fs.String("org", "", "the organisation a submitter belongs to")
	sub := fs.String("sub", "", "subject (default: local-<roles>)")
	ttl := fs.Duration("ttl", 12*time.Hour, "lifetime")
	const use = "usage: paxscreen token [--role submitter|reviewer|admin[,...]] [--org ORG] [--sub SUBJECT] [--ttl 12h]"
	rest, err := parseArgs(fs, args)
	if err != nil {
		fmt.Fprintln(stderr, use)
		return exitUsage
	}
	if msg := noArguments(rest); msg != "" {
		return usageError(stderr, use, "%s", msg)
	}
	rs := devauth.SortedRoles(*roles)
	for _, r := range rs {
		if !slices.Contains([]string{httpapi.RoleSubmitter, httpapi.RoleReviewer, httpapi.RoleAdmin}, r) {
			fmt.Fprintf(stderr, "paxscreen: unknown role %q: use submitter, reviewer or admin\n", r)
			return exitUsage
		}
	}
	if slices.Contains(rs, httpapi.RoleSubmitter) && *org == "" {
		fmt.Fprintln(stderr, "paxscreen: a submitter belongs to an organisation: add --org")
		return exitUsage
	}
	if err := organisation.Check(*org); *org != "" && err != nil {
		// The API refuses such a token on every route; say so now rather than at the first call.
		fmt.Fprintf(stderr, "paxscreen: --org %q: %v\n", *org, err)
		return exitUsage
	}
	subject := *sub
	if subject == "" {
		subject = "local-" + strings.Join(rs, "-")
	}
	a, err := devauth.LoadOrCreate(devKeyPath)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	tok, err := a.Mint(subject, *org, rs, *ttl)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stdout, tok)
	return exitOK
}
