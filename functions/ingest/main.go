// Command ingest is the Lambda function behind POST /manifests: it validates a submitted manifest
// and stores it. It is assembled in shared/wiring, as the local stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Ingest) }
