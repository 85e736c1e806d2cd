// Command manifests is the Lambda function behind the read routes: GET /manifests and
// GET /manifests/{id}.
package main

import (
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/store"
)

func main() {
	log := lambdacontext.NewLogger()
	env := config.FromEnv()
	table := env.Require("TABLE_NAME")
	// Every instance signs and checks list cursors with the stack's one key.
	cursorKey := env.Require("CURSOR_HMAC_KEY")
	cfg := config.MustAWS(log, env)
	// Reads never derive document keys, so the reader holds no document HMAC secret.
	db := store.New(dynamodb.NewFromConfig(cfg), table, nil, "")
	if err := db.SetCursorKey([]byte(cursorKey)); err != nil {
		log.Error("configuration", "error", "CURSOR_HMAC_KEY: "+err.Error())
		os.Exit(1)
	}
	router := &httpapi.Router{Routes: (&api.Manifests{Store: db}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
