// Package wiring assembles each Lambda function of template.yaml from its configuration: one
// exported function per Lambda function takes the environment variables the template sets for
// it and the AWS clients, and returns the handler. functions/<name>/main.go calls it with the
// process environment and `paxscreen dev` with the variables read from template.yaml, so there
// is exactly one way each function is put together and the local stack cannot drift from the
// deployed one.
//
// Each function's file reads its variables through shared/config with literal names (the
// template test finds them there), and nothing here touches the network: a wiring function
// only builds values, so it can be called in tests with nil clients.
package wiring

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/paxscreen/paxscreen/shared/console"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/snspublish"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/userpool"
)

// Deps is what a function gets besides its environment: the AWS clients (a function uses only
// those it needs), its logger and, on a developer's machine only, the Local adjustments.
type Deps struct {
	DynamoDB store.DB
	SNS      snspublish.API
	Cognito  userpool.ClientAPI
	Log      *slog.Logger
	// Local is nil in Lambda.
	Local *Local
}

// Local holds the few things the local stack does differently and a deployment has no setting
// for. Everything a deployment configures comes from the environment, never from here.
type Local struct {
	// Console replaces the console's OIDC sign-in with the local stack's own (identities minted
	// with the local key) and may shorten its polling.
	Console func(*console.Config)
	// WatchlistRefresh is how often watchlist pointers are re-read (0 keeps the loader's
	// default), so that a list published on the local stack screens within seconds.
	WatchlistRefresh time.Duration
}

// HTTPHandler is a Lambda handler for HTTP API (payload 2.0) events.
type HTTPHandler func(context.Context, httpapi.Request) (httpapi.Response, error)

// StreamHandler is a Lambda handler for the table's DynamoDB stream.
type StreamHandler func(context.Context, events.DynamoDBEvent) (events.DynamoDBEventResponse, error)

// ScheduledHandler is a Lambda handler for a scheduled invocation.
type ScheduledHandler func(context.Context, json.RawMessage) (rescan.Report, error)

// Function is one Lambda function, assembled. Handler is what lambda.Start runs; the same
// handler is also set, typed, in the field for the kind of events that invoke the function, for
// the local stack (none for a CloudFormation custom resource).
type Function struct {
	Handler any
	// HTTP serves Routes, the "METHOD /path" keys the template routes to the function.
	HTTP      HTTPHandler
	Routes    httpapi.Routes
	Stream    StreamHandler
	Scheduled ScheduledHandler
}

// Wire assembles a function from its environment variables and dependencies; a missing or
// invalid variable is an error naming it.
type Wire func(env map[string]string, d Deps) (*Function, error)

// Entry is a function's wiring, with the name of the exported function, which its main.go
// calls and which names the file that reads its environment (Ingest: ingest.go).
type Entry struct {
	Name string
	Wire Wire
}

// Functions maps every function's logical id in template.yaml to its wiring. The local stack
// wires through this table and the tests hold it to the template and to functions/*/main.go.
var Functions = map[string]Entry{
	"ConsoleCallbackFunction": {"ConsoleCallback", ConsoleCallback},
	"ConsoleFunction":         {"Console", Console},
	"IngestFunction":          {"Ingest", Ingest},
	"ManifestsFunction":       {"Manifests", Manifests},
	"NotifyFunction":          {"Notify", Notify},
	"RescanFunction":          {"Rescan", Rescan},
	"ReviewFunction":          {"Review", Review},
	"ScoreFunction":           {"Score", Score},
	"WatchlistFunction":       {"Watchlist", Watchlist},
}

// Environ returns the process environment as the map the wiring functions take.
func Environ() map[string]string {
	out := make(map[string]string)
	for _, kv := range os.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			out[k] = v
		}
	}
	return out
}

// AWS loads the SDK configuration (region, credentials and the AWS_ENDPOINT_URL_* variables)
// and returns the clients a deployed function may use. Creating them sends no request.
func AWS(ctx context.Context) (Deps, error) {
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return Deps{}, err
	}
	return ClientsFrom(cfg), nil
}

// ClientsFrom returns Deps with the clients made from cfg.
func ClientsFrom(cfg aws.Config) Deps {
	return Deps{DynamoDB: dynamodb.NewFromConfig(cfg), SNS: sns.NewFromConfig(cfg), Cognito: cip.NewFromConfig(cfg)}
}

// httpFunction is the Function of an HTTP API Lambda function serving routes.
func httpFunction(routes httpapi.Routes, log *slog.Logger) *Function {
	router := &httpapi.Router{Routes: routes, Log: log}
	return &Function{Handler: router.Handle, HTTP: router.Handle, Routes: routes}
}

func logger(d Deps) *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.Default()
}
