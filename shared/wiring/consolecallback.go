package wiring

import (
	"context"
	"fmt"

	"github.com/aws/aws-lambda-go/cfn"

	"github.com/paxscreen/paxscreen/shared/config"
	"github.com/paxscreen/paxscreen/shared/userpool"
)

// ConsoleCallback wires the custom resource that registers the web console's address on the
// stack's Cognito app client once both exist (see shared/userpool for why the template cannot).
// Only CloudFormation invokes it, so the local stack never runs it.
func ConsoleCallback(vars map[string]string, d Deps) (*Function, error) {
	// It reads no variable (the template sets none); the call keeps the shape of every wiring.
	if err := config.FromMap(vars).Err(); err != nil {
		return nil, err
	}
	log := logger(d)
	api := d.Cognito
	return &Function{Handler: cfn.LambdaWrap(func(ctx context.Context, ev cfn.Event) (string, map[string]any, error) {
		pool, _ := ev.ResourceProperties["UserPoolId"].(string)
		client, _ := ev.ResourceProperties["ClientId"].(string)
		id := pool + "/" + client + "/console"
		if ev.RequestType == cfn.RequestDelete {
			// The client goes with the stack (or stays with the retained pool): nothing to undo.
			return ev.PhysicalResourceID, nil, nil
		}
		var urls []string
		list, _ := ev.ResourceProperties["Urls"].([]any)
		for _, u := range list {
			urls = append(urls, fmt.Sprint(u))
		}
		err := userpool.RegisterConsole(ctx, api, pool, client, urls)
		if err != nil {
			log.ErrorContext(ctx, "register console", "error", err.Error())
		} else {
			log.InfoContext(ctx, "console registered", "urls", len(urls))
		}
		return id, nil, err
	})}, nil
}
