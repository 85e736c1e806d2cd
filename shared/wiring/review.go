package wiring

import (
	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/store"
)

// Review wires the function behind reviewers' decisions and the audit trail:
// POST /manifests/{id}/decisions and GET /manifests/{id}/audit.
func Review(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	if err := env.Err(); err != nil {
		return nil, err
	}
	db := store.New(d.DynamoDB, table, nil, "")
	return httpFunction((&api.Review{Store: db}).Routes(), logger(d)), nil
}
