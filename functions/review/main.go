// Command review is the Lambda function behind reviewers' decisions and the audit trail:
// POST /manifests/{id}/decisions and GET /manifests/{id}/audit.
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
	router := &httpapi.Router{Routes: (&api.Review{Store: db}).Routes(), Log: log}
	lambda.Start(router.Handle)
}
