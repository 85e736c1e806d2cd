// Command review is the Lambda function behind reviewers' decisions and the audit trail:
// POST /manifests/{id}/decisions and GET /manifests/{id}/audit. It is assembled in shared/wiring,
// as the local stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Review) }
