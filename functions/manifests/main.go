// Command manifests is the Lambda function behind the read routes: GET /manifests and
// GET /manifests/{id}. It is assembled in shared/wiring, as the local stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Manifests) }
