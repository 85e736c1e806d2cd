package wiring

import (
	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/store"
)

// Watchlist wires the function behind PUT /watchlists/{source}, which publishes a new watchlist
// snapshot, and GET /watchlists, which lists the live ones.
func Watchlist(vars map[string]string, d Deps) (*Function, error) {
	env := config.FromMap(vars)
	table := env.Require("TABLE_NAME")
	if err := env.Err(); err != nil {
		return nil, err
	}
	db := store.New(d.DynamoDB, table, nil, "")
	return httpFunction((&api.Watchlists{Store: db}).Routes(), logger(d)), nil
}
