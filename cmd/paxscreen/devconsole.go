package main

import (
	"fmt"
	"time"

	"github.com/paxscreen/paxscreen/shared/console"
	"github.com/paxscreen/paxscreen/shared/devstack/devauth"
	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/httpapi"
)

// localIdentity is one sign-in the local console offers.
type localIdentity struct {
	label, subject, org string
	roles               []string
}

// localIdentities: one per role, and a submitter of a second organisation, so that what one
// organisation must not see of another's manifests can be tried by hand.
var localIdentities = []localIdentity{
	{"Reviewer (local-reviewer)", "local-reviewer", "", []string{httpapi.RoleReviewer}},
	{"Administrator (local-admin)", "local-admin", "", []string{httpapi.RoleAdmin}},
	{"Submitter of local-org (local-submitter)", "local-submitter", "local-org", []string{httpapi.RoleSubmitter}},
	{"Submitter of other-org (other-submitter)", "other-submitter", "other-org", []string{httpapi.RoleSubmitter}},
}

// localSignIn changes the console's configuration for the local stack: sign-in is picking one
// of the identities minted here with the local key (the page lists them; there is no password to
// type on this machine), instead of the stack's OIDC provider. pollSeconds sets how often the
// queue looks for new manifests.
func localSignIn(a *devauth.Authority, pollSeconds int) (func(*console.Config), error) {
	var ids []console.Identity
	for _, id := range localIdentities {
		tok, err := a.Mint(id.subject, id.org, id.roles, 12*time.Hour)
		if err != nil {
			return nil, fmt.Errorf("mint %s: %w", id.subject, err)
		}
		ids = append(ids, console.Identity{Label: id.label, Token: tok})
	}
	return func(c *console.Config) {
		*c = console.Config{Auth: console.AuthLocal, PollSeconds: pollSeconds, Scopes: c.Scopes, Identities: ids}
	}, nil
}

// publicRoute reports whether the template serves key without an authorizer
// (Auth.Authorizer: NONE on its event), as API Gateway would.
func publicRoute(fn samtemplate.Function, key string) bool {
	for _, ev := range fn.Events {
		if ev.Type != "HttpApi" {
			continue
		}
		auth, _ := ev.Properties["Auth"].(map[string]any)
		method, _ := ev.Properties["Method"].(string)
		path, _ := ev.Properties["Path"].(string)
		if auth["Authorizer"] == "NONE" && key == upper(method)+" "+path {
			return true
		}
	}
	return false
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}
