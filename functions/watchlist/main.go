// Command watchlist is the Lambda function behind PUT /watchlists/{source}, which publishes a new
// watchlist snapshot, and GET /watchlists, which lists the live ones.
package main

import (
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
	cfg := config.MustAWS(log, env)
	db := store.New(dynamodb.NewFromConfig(cfg), table, nil, "")
	router := &httpapi.Router{Routes: (&api.Watchlists{Store: db}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
