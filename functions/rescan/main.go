// Command rescan is the scheduled Lambda function that screens live manifests again when the
// ruleset or a watchlist changed, and closes manifests whose flight is over. It is assembled in
// shared/wiring, as the local stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Rescan) }
