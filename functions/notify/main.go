// Command notify is the Lambda function on the table's stream that alerts reviewers of new
// assessments by e-mail and SMS through SNS. It is assembled in shared/wiring, as the local
// stack assembles it.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.Notify) }
