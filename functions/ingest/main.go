// Command ingest is the Lambda function behind POST /manifests: it validates a submitted manifest
// and stores it.
package main

import (
	"context"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
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
	if err := env.Err(); err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	cfg, err := awsconfig.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("aws configuration", "error", err.Error())
		os.Exit(1)
	}
	db := store.New(dynamodb.NewFromConfig(cfg), table, []byte(key), keyID)
	svc := &intake.Service{Store: db, MaxPersons: maxPersons, Now: time.Now, NewID: intake.NewID}
	router := &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
