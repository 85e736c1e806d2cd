package wiring

import (
	"time"

	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/screening"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
)

// scoreTimeout bounds one record's assessment, well inside the function's 60 s timeout.
const scoreTimeout = 20 * time.Second

// Score wires the function on the table's stream that assesses every manifest version awaiting
// an assessment and stores the result.
func Score(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	key := env.Require("DOCUMENT_HMAC_KEY")
	keyID := env.Require("DOCUMENT_HMAC_KEY_ID")
	rs, err := rules.Load(env.Optional("RULESET", ""))
	env.Invalid("RULESET", err)
	// A failing record is retried in-process for STREAM_RETRY_SECONDS before its batch stops at
	// it: with the event source mapping's retries, that waits out an outage (docs/RELIABILITY.md).
	retry := env.Int("STREAM_RETRY_SECONDS", env.Optional("STREAM_RETRY_SECONDS", "20"), 0, 600)
	if err := env.Err(); err != nil {
		return nil, err
	}
	db := store.New(d.DynamoDB, table, []byte(key), keyID)
	// Snapshots load at the first record of a cold start and again only when a version changes.
	lists := &screening.Loader{Store: db, Threshold: rs.Watchlist.Threshold, StrongThreshold: rs.Watchlist.StrongThreshold}
	if d.Local != nil {
		lists.Every = d.Local.WatchlistRefresh
	}
	h := &scorestream.Handler{Service: &scoring.Service{Store: db, Rules: rs, Screener: lists}, Log: logger(d), Timeout: scoreTimeout,
		Retry: time.Duration(retry) * time.Second}
	return &Function{Handler: h.Handle, Stream: h.Handle}, nil
}
