// Command rescan is the scheduled Lambda function that screens live manifests again when the
// ruleset or a watchlist changed, and closes manifests whose flight is over.
package main

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/paxscreen/paxscreen/shared/alert"

	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/screening"
	"github.com/paxscreen/paxscreen/shared/store"
)

// margin is left of the invocation's time for saving where the rescan stopped.
const margin = 5 * time.Second

func main() {
	log := lambdacontext.NewLogger()
	env := config.FromEnv()
	table := env.Require("TABLE_NAME")
	key := env.Require("DOCUMENT_HMAC_KEY")
	keyID := env.Require("DOCUMENT_HMAC_KEY_ID")
	ruleset := env.Optional("RULESET", "")
	// The rescan re-sends alerts owed and never sent, as the notify function would have.
	topic := env.Require("ALERTS_TOPIC_ARN")
	baseURL := env.Require("API_BASE_URL")
	minLevel := env.Optional("ALERT_MIN_LEVEL", "MEDIUM")
	includeNames := env.Optional("ALERT_INCLUDE_NAMES", "false") == "true"
	window := env.Int("LIVE_WINDOW_HOURS", env.Optional("LIVE_WINDOW_HOURS", "48"), 1, 24*365)
	retention := env.Int("RETENTION_DAYS", env.Optional("RETENTION_DAYS", "90"), 1, 3650)
	records := env.Int("RECORDS_RETENTION_DAYS", env.Optional("RECORDS_RETENTION_DAYS", "0"), 0, 36500)
	rs, err := rules.Load(ruleset)
	env.Invalid("RULESET", err)
	cfg := config.MustAWS(log, env)
	db := store.New(dynamodb.NewFromConfig(cfg), table, []byte(key), keyID)
	lists := &screening.Loader{Store: db, Threshold: rs.Watchlist.Threshold, StrongThreshold: rs.Watchlist.StrongThreshold}
	alerts := &notify.Service{
		Store:     db,
		Publisher: &notify.SNSPublisher{Client: sns.NewFromConfig(cfg), TopicARN: topic},
		Config:    alert.Config{MinLevel: minLevel, BaseURL: baseURL, IncludeNames: includeNames},
	}
	svc := &rescan.Service{
		Store: db, Scorer: &scoring.Service{Store: db, Rules: rs, Screener: lists}, RulesetVersion: rs.Version, Watchlists: lists, Alerts: alerts,
		Window: time.Duration(window) * time.Hour, Retention: time.Duration(retention) * 24 * time.Hour,
		RecordsRetention: time.Duration(records) * 24 * time.Hour, PageSize: 100, Now: time.Now, Log: log,
	}
	lambda.Start(func(ctx context.Context, _ json.RawMessage) (rescan.Report, error) {
		deadline, ok := ctx.Deadline()
		if !ok {
			deadline = time.Now().Add(time.Minute)
		}
		rep, err := svc.Run(ctx, deadline.Add(-margin))
		log.InfoContext(ctx, "rescan", "scanned", rep.Scanned, "rescored", rep.Rescored, "closed", rep.Closed, "failed", rep.Failed, "done", rep.Done,
			"remainingMs", strconv.FormatInt(time.Until(deadline).Milliseconds(), 10))
		return rep, err
	})
}
