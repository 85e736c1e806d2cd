package wiring

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

// Start is a Lambda function's main: it wires the function from the process environment and
// the AWS clients, and runs its handler. A cold start that cannot work (a variable missing or
// invalid, no AWS configuration) logs why, naming the variables, and exits with status 1.
func Start(wire Wire) {
	// lambdacontext's logger adds the request id to every record logged with an invocation's
	// context (the ...Context forms).
	log := lambdacontext.NewLogger()
	ctx := context.Background()
	d, err := AWS(ctx)
	if err != nil {
		log.ErrorContext(ctx, "aws configuration", "error", err.Error())
		os.Exit(1)
	}
	d.Log = log
	fn, err := wire(Environ(), d)
	if err != nil {
		log.ErrorContext(ctx, "configuration", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(fn.Handler)
}
