// Command ingest is the Lambda function behind POST /manifests: it validates a submitted manifest
// and stores it.
package main

import (
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/store"
)

func main() {
	log := lambdacontext.NewLogger()
	env := config.FromEnv()
	table := env.Require("TABLE_NAME")
	key := env.Require("DOCUMENT_HMAC_KEY")
	keyID := env.Require("DOCUMENT_HMAC_KEY_ID")
	maxPersons := env.Int("MAX_PERSONS", env.Optional("MAX_PERSONS", strconv.Itoa(manifest.DefaultMaxPersons)), 1, 5000)
	cfg := config.MustAWS(log, env)
	db := store.New(dynamodb.NewFromConfig(cfg), table, []byte(key), keyID)
	svc := &intake.Service{Store: db, MaxPersons: maxPersons, Now: time.Now, NewID: intake.NewID}
	router := &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
