// Command score is the Lambda function on the table's stream: it assesses every manifest version
// awaiting an assessment and stores the result.
package main

import (
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/screening"
	"github.com/paxscreen/paxscreen/shared/store"
)

func main() {
	log := lambdacontext.NewLogger()
	env := config.FromEnv()
	table := env.Require("TABLE_NAME")
	key := env.Require("DOCUMENT_HMAC_KEY")
	keyID := env.Require("DOCUMENT_HMAC_KEY_ID")
	ruleset := env.Optional("RULESET", "")
	rs, err := rules.Load(ruleset)
	env.Invalid("RULESET", err)
	cfg := config.MustAWS(log, env)
	db := store.New(dynamodb.NewFromConfig(cfg), table, []byte(key), keyID)
	// Snapshots load at the first record of a cold start and again only when a version changes.
	lists := &screening.Loader{Store: db, Threshold: rs.Watchlist.Threshold, StrongThreshold: rs.Watchlist.StrongThreshold}
	// A failing record is retried in-process for STREAM_RETRY_SECONDS before its batch stops at
	// it: with the event source mapping's retries, that waits out an outage (docs/RELIABILITY.md).
	retry := env.Int("STREAM_RETRY_SECONDS", env.Optional("STREAM_RETRY_SECONDS", "20"), 0, 600)
	h := &scoring.StreamHandler{Service: &scoring.Service{Store: db, Rules: rs, Screener: lists}, Log: log, Timeout: 20 * time.Second,
		Retry: time.Duration(retry) * time.Second}
	lambda.Start(h.Handle)
}
