package wiring

import (
	"strconv"
	"time"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/store"
)

// Ingest wires the function behind POST /manifests and PUT /manifests/{id}: it validates a
// submitted manifest and stores it.
func Ingest(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	key := env.Require("DOCUMENT_HMAC_KEY")
	keyID := env.Require("DOCUMENT_HMAC_KEY_ID")
	maxPersons := env.Int("MAX_PERSONS", env.Optional("MAX_PERSONS", strconv.Itoa(manifest.DefaultMaxPersons)), 1, 5000)
	if err := env.Err(); err != nil {
		return nil, err
	}
	db := store.New(d.DynamoDB, table, []byte(key), keyID)
	svc := &intake.Service{Store: db, MaxPersons: maxPersons, Now: time.Now, NewID: intake.NewID}
	return httpFunction((&api.Ingest{Service: svc}).Routes(), logger(d)), nil
}
