package wiring

import (
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/console"
)

// consolePollSeconds is how often the deployed console's queue looks for new manifests.
const consolePollSeconds = 15

// Console wires the function behind GET /console/...: the reviewers' web console, embedded in
// the binary. Empty OIDC values are allowed: a stack with an external issuer and no console
// client shows a page saying that sign-in is not configured rather than failing.
func Console(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	cfg := console.Config{
		Auth:         console.AuthOIDC,
		ClientID:     env.Optional("OIDC_CLIENT_ID", ""),
		AuthorizeURL: env.Optional("OIDC_AUTHORIZE_URL", ""),
		TokenURL:     env.Optional("OIDC_TOKEN_URL", ""),
		LogoutURL:    env.Optional("OIDC_LOGOUT_URL", ""),
		Scopes:       "openid email profile",
		PollSeconds:  consolePollSeconds,
	}
	if d.Local != nil && d.Local.Console != nil {
		d.Local.Console(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return httpFunction((&console.Handler{Config: cfg}).Routes(), logger(d)), nil
}
