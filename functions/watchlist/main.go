// Command watchlist is the Lambda function behind PUT /watchlists/{source}, which publishes a new
// watchlist snapshot, and GET /watchlists, which lists the live ones. It is assembled in
// shared/wiring, as the local stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Watchlist) }
