// Command console is the Lambda function behind GET /console/...: the reviewers' web console,
// embedded in the binary. Its routes have no authorizer (a browser fetching a page sends no
// token); the page calls the API with the signed-in user's token like any client.
package main

import (
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/console"
	"github.com/paxscreen/paxscreen/shared/httpapi"
)

func main() {
	log := lambdacontext.NewLogger()
	env := config.FromEnv()
	// Empty values are allowed: a stack with an external issuer and no console client shows a
	// page saying that sign-in is not configured rather than failing.
	cfg := console.Config{
		Auth:         console.AuthOIDC,
		ClientID:     env.Optional("OIDC_CLIENT_ID", ""),
		AuthorizeURL: env.Optional("OIDC_AUTHORIZE_URL", ""),
		TokenURL:     env.Optional("OIDC_TOKEN_URL", ""),
		LogoutURL:    env.Optional("OIDC_LOGOUT_URL", ""),
		Scopes:       "openid email profile",
		PollSeconds:  15,
	}
	if err := cfg.Validate(); err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	router := &httpapi.Router{Routes: (&console.Handler{Config: cfg}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
