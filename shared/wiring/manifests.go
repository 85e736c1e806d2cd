package wiring

import (
	"fmt"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/store"
)

// Manifests wires the function behind the read routes: GET /manifests, GET /manifests/{id} and
// its assessments.
func Manifests(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	// Every instance signs and checks list cursors with the stack's one key.
	cursorKey := env.Require("CURSOR_HMAC_KEY")
	if err := env.Err(); err != nil {
		return nil, err
	}
	// Reads never derive document keys, so the reader holds no document HMAC secret.
	db := store.New(d.DynamoDB, table, nil, "")
	if err := db.SetCursorKey([]byte(cursorKey)); err != nil {
		return nil, fmt.Errorf("CURSOR_HMAC_KEY: %w", err)
	}
	return httpFunction((&api.Manifests{Store: db}).Routes(), logger(d)), nil
}
