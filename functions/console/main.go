// Command console is the Lambda function behind GET /console/...: the reviewers' web console,
// embedded in the binary. Its routes have no authorizer (a browser fetching a page sends no
// token); the page calls the API with the signed-in user's token like any client. It is
// assembled in shared/wiring, as the local stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Console) }
