// Command consolecallback is the custom resource that registers the web console's address on the
// stack's Cognito app client once both exist (see shared/userpool for why the template cannot).
// It is assembled in shared/wiring.
package main

import "github.com/paxscreen/paxscreen/shared/wiring"

func main() { wiring.Start(wiring.ConsoleCallback) }
