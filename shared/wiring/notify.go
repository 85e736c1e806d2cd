package wiring

import (
	"fmt"
	"time"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/snspublish"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream/notifystream"
)

// notifyTimeout bounds one record's publication, well inside the function's 60 s timeout.
const notifyTimeout = 10 * time.Second

// Notify wires the function on the table's stream that alerts reviewers of new assessments by
// e-mail and SMS through SNS.
func Notify(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	topic := env.Require("ALERTS_TOPIC_ARN")
	cfg := alertConfig(env)
	// A failing record is retried in-process for STREAM_RETRY_SECONDS before its batch stops at
	// it: with the event source mapping's retries, that waits out an outage (docs/RELIABILITY.md).
	retry := env.Int("STREAM_RETRY_SECONDS", env.Optional("STREAM_RETRY_SECONDS", "20"), 0, 600)
	if err := env.Err(); err != nil {
		return nil, err
	}
	// Notify reads and writes the table but never derives document keys.
	db := store.New(d.DynamoDB, table, nil, "")
	svc := &notify.Service{
		Store:     db,
		Publisher: &snspublish.Publisher{Client: d.SNS, TopicARN: topic},
		Config:    cfg,
	}
	h := &notifystream.Handler{Service: svc, Log: logger(d), Retry: time.Duration(retry) * time.Second, Timeout: notifyTimeout}
	return &Function{Handler: h.Handle, Stream: h.Handle}, nil
}

// knownLevel refuses an alert level the rules do not define: a typo would otherwise silence
// every alert or send all of them.
func knownLevel(level string) error {
	if rules.LevelRank(level) < 0 {
		return fmt.Errorf("%q is not a level (LOW, MEDIUM, HIGH, CRITICAL)", level)
	}
	return nil
}

// alertConfig reads what an alert says and to whom: the notify function and the rescan, which
// re-sends alerts owed, must render them alike (links included).
func alertConfig(env *config.Env) alert.Config {
	minLevel := env.Optional("ALERT_MIN_LEVEL", rules.LevelMedium)
	env.Invalid("ALERT_MIN_LEVEL", knownLevel(minLevel))
	return alert.Config{
		MinLevel:     minLevel,
		BaseURL:      env.Require("API_BASE_URL"),
		ConsoleURL:   env.Require("CONSOLE_URL"),
		IncludeNames: env.Optional("ALERT_INCLUDE_NAMES", "false") == "true",
	}
}
