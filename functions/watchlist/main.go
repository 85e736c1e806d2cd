// Command watchlist is the Lambda function behind PUT /watchlists/{source}, which publishes a new
// watchlist snapshot, and GET /watchlists, which lists the live ones.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
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
	if err := env.Err(); err != nil {
		log.Error("configuration", "error", err.Error())
		os.Exit(1)
	}
	cfg, err := awsconfig.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Error("aws configuration", "error", err.Error())
		os.Exit(1)
	}
	db := store.New(dynamodb.NewFromConfig(cfg), table, nil, "")
	router := &httpapi.Router{Routes: (&api.Watchlists{Store: db}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
