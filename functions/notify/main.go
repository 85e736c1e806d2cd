// Command notify is the Lambda function on the table's stream that alerts reviewers of new
// assessments by e-mail and SMS through SNS.
package main

import (
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/store"
)

func main() {
	log := lambdacontext.NewLogger()
	env := config.FromEnv()
	table := env.Require("TABLE_NAME")
	topic := env.Require("ALERTS_TOPIC_ARN")
	baseURL := env.Require("API_BASE_URL")
	consoleURL := env.Require("CONSOLE_URL")
	minLevel := env.Optional("ALERT_MIN_LEVEL", "MEDIUM")
	includeNames := env.Optional("ALERT_INCLUDE_NAMES", "false") == "true"
	cfg := config.MustAWS(log, env)
	// Notify reads and writes the table but never derives document keys.
	db := store.New(dynamodb.NewFromConfig(cfg), table, nil, "")
	svc := &notify.Service{
		Store:     db,
		Publisher: &notify.SNSPublisher{Client: sns.NewFromConfig(cfg), TopicARN: topic},
		Config:    alert.Config{MinLevel: minLevel, BaseURL: baseURL, IncludeNames: includeNames, ConsoleURL: consoleURL},
	}
	// A failing record is retried in-process for STREAM_RETRY_SECONDS before its batch stops at
	// it: with the event source mapping's retries, that waits out an outage (docs/RELIABILITY.md).
	retry := env.Int("STREAM_RETRY_SECONDS", env.Optional("STREAM_RETRY_SECONDS", "20"), 0, 600)
	h := &notify.StreamHandler{Service: svc, Log: log, Retry: time.Duration(retry) * time.Second, Timeout: 10 * time.Second}
	lambda.Start(h.Handle)
}
