package wiring

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/screening"
	"github.com/paxscreen/paxscreen/shared/snspublish"
	"github.com/paxscreen/paxscreen/shared/store"
)

// rescanMargin is left of the invocation's time for saving where the rescan stopped.
const rescanMargin = 5 * time.Second

// rescanPageSize is how many live manifests one query of the rescan reads.
const rescanPageSize = 100

// Rescan wires the scheduled function that screens live manifests again when the ruleset or a
// watchlist changed, and closes manifests whose flight is over.
func Rescan(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	key := env.Require("DOCUMENT_HMAC_KEY")
	keyID := env.Require("DOCUMENT_HMAC_KEY_ID")
	rs, err := rules.Load(env.Optional("RULESET", ""))
	env.Invalid("RULESET", err)
	// The rescan re-sends alerts owed and never sent, as the notify function would have.
	topic := env.Require("ALERTS_TOPIC_ARN")
	cfg := alertConfig(env)
	window := env.Int("LIVE_WINDOW_HOURS", env.Optional("LIVE_WINDOW_HOURS", "48"), 1, 24*365)
	retention := env.Int("RETENTION_DAYS", env.Optional("RETENTION_DAYS", "90"), 1, 3650)
	records := env.Int("RECORDS_RETENTION_DAYS", env.Optional("RECORDS_RETENTION_DAYS", "0"), 0, 36500)
	if err := env.Err(); err != nil {
		return nil, err
	}
	log := logger(d)
	db := store.New(d.DynamoDB, table, []byte(key), keyID)
	lists := &screening.Loader{Store: db, Threshold: rs.Watchlist.Threshold, StrongThreshold: rs.Watchlist.StrongThreshold}
	if d.Local != nil {
		lists.Every = d.Local.WatchlistRefresh
	}
	alerts := &notify.Service{
		Store:     db,
		Publisher: &snspublish.Publisher{Client: d.SNS, TopicARN: topic},
		Config:    cfg,
	}
	svc := &rescan.Service{
		Store: db, Scorer: &scoring.Service{Store: db, Rules: rs, Screener: lists}, RulesetVersion: rs.Version, Watchlists: lists, Alerts: alerts,
		Window: time.Duration(window) * time.Hour, Retention: time.Duration(retention) * 24 * time.Hour,
		RecordsRetention: time.Duration(records) * 24 * time.Hour, PageSize: rescanPageSize, Now: time.Now, Log: log,
	}
	h := func(ctx context.Context, _ json.RawMessage) (rescan.Report, error) {
		deadline, ok := ctx.Deadline()
		if !ok {
			deadline = time.Now().Add(time.Minute)
		}
		rep, err := svc.Run(ctx, deadline.Add(-rescanMargin))
		log.InfoContext(ctx, "rescan", "scanned", rep.Scanned, "rescored", rep.Rescored, "closed", rep.Closed, "reviewOwedAfterFlight", rep.AwaitingDecision, "failed", rep.Failed, "done", rep.Done,
			"remainingMs", strconv.FormatInt(time.Until(deadline).Milliseconds(), 10))
		return rep, err
	}
	return &Function{Handler: h, Scheduled: h}, nil
}
