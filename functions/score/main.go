// Command score is the Lambda function on the table's stream: it assesses every manifest version
// awaiting an assessment and stores the result. It is assembled in shared/wiring, as the local
// stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Score) }
