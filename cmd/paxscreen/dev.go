package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/paxscreen/paxscreen/shared/devstack/devauth"
	"github.com/paxscreen/paxscreen/shared/devstack/localapi"
	"github.com/paxscreen/paxscreen/shared/devstack/localstream"
	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/wiring"
)

// devCmd runs the HTTP API of template.yaml on this machine against DynamoDB Local, with the
// handlers the Lambda functions run.
func devCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:3000", "address the local API listens on")
	templatePath := fs.String("template", "template.yaml", "the SAM template to serve")
	table := fs.String("table", "paxscreen-local", "DynamoDB table name")
	const use = "usage: paxscreen dev [--addr HOST:PORT] [--template FILE] [--table NAME]"
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if msg := noArguments(rest); msg != "" {
		return usageError(stderr, use, "%s", msg)
	}
	for _, v := range []string{"AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_SQS"} {
		if os.Getenv(v) == "" {
			fmt.Fprintf(stderr, "paxscreen dev: %s is not set; start the stack with `make run`, which starts the emulators first\n", v)
			return exitUsage
		}
	}
	if err := dev(ctx, *addr, *templatePath, *table, stdin, stdout); err != nil {
		if ctx.Err() != nil {
			// Ctrl-C while starting: what was cut short is no failure to report.
			fmt.Fprintln(stderr, "paxscreen dev: stopped before it was ready")
			return exitOK
		}
		fmt.Fprintf(stderr, "paxscreen dev: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

func dev(ctx context.Context, addr, templatePath, table string, stdin io.Reader, stdout io.Writer) error {
	tpl, err := samtemplate.Load(templatePath)
	if err != nil {
		return err
	}
	// The address first: a port another stack holds is then a clear refusal at once, before a
	// table is created, lists are published and the stream and rescans run for nothing.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another stack running? `PAXSCREEN_ADDR=127.0.0.1:3001 make run` serves on another port)", addr, err)
	}
	defer ln.Close()
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return fmt.Errorf("aws configuration: %w", err)
	}
	client := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		// DynamoDB Local sends no X-Amz-Crc32 header on error responses (a conditional check
		// failing, the table existing), and the SDK then warns "failed to close HTTP response
		// body ... expected checksum" for each expected error.
		o.DisableValidateResponseChecksum = true
	})
	if err := ensureTable(ctx, client, tpl, table); err != nil {
		return err
	}
	// The local stack's own store, for seeding the watchlists; the functions get theirs from
	// their wiring, with the same local key.
	db := store.New(client, table, []byte(localDocumentKey), localDocumentKeyID)
	// Handlers log as they would in Lambda (JSON); the console shows what a developer needs.
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if err := seedWatchlists(ctx, db, stdout); err != nil {
		return err
	}
	alertsARN, err := localTopics(ctx, cfg, tpl, stdout)
	if err != nil {
		return err
	}
	authority, err := devauth.LoadOrCreate(devKeyPath)
	if err != nil {
		return fmt.Errorf("local signing key: %w", err)
	}
	signIn, err := localSignIn(authority, consolePollSeconds)
	if err != nil {
		return err
	}
	// Every function is assembled by its wiring, as in Lambda, from the variables template.yaml
	// sets for it; only what exists once deployed is supplied here.
	fns, err := wireLocal(tpl, localValues(table, "http://"+addr, alertsARN), wiring.Deps{
		DynamoDB: client,
		SNS:      sns.NewFromConfig(cfg),
		Log:      log,
		// Lists published locally screen within seconds rather than the deployed 30 s.
		Local: &wiring.Local{Console: signIn, WatchlistRefresh: 2 * time.Second},
	})
	if err != nil {
		return err
	}
	// The stream functions retry a failing record in-process as in Lambda (template.yaml's
	// STREAM_RETRY_SECONDS), and the poller adds the event source mapping's retries with backoff.
	streams := map[string]localstream.Handler{}
	for id, f := range fns {
		if f.Stream != nil {
			streams[id] = localstream.Handler(f.Stream)
		}
	}
	targets, err := localstream.TargetsFromTemplate(tpl, streams)
	if err != nil {
		return err
	}
	desc, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: &table})
	if err != nil {
		return fmt.Errorf("describe table %s: %w", table, err)
	}
	poller := &localstream.Poller{
		Client:    dynamodbstreams.NewFromConfig(cfg),
		StreamARN: aws.ToString(desc.Table.LatestStreamArn),
		Targets:   targets,
		Interval:  250 * time.Millisecond,
		Log:       func(format string, args ...any) { fmt.Fprintf(stdout, "  stream: "+format+"\n", args...) },
	}
	go poller.Run(ctx)
	for _, f := range fns {
		if f.Scheduled != nil {
			go rescans(ctx, tpl, f.Scheduled, stdin, stdout)
		}
	}
	routes, err := localRoutes(tpl, fns)
	if err != nil {
		return err
	}
	srv := &localapi.Server{
		Routes: routes,
		Verify: authority.Verify,
		Log:    func(format string, args ...any) { fmt.Fprintf(stdout, "  "+format+"\n", args...) },
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(shut)
	}()
	submitter, err := authority.Mint("local-submitter", "local-org", []string{"submitter"}, 12*time.Hour)
	if err != nil {
		return err
	}
	// One token per role, as docs/SECURITY.md separates them: a reviewer who were also admin
	// could amend manifests, which reviewers may not.
	reviewer, err := authority.Mint("local-reviewer", "", []string{"reviewer"}, 12*time.Hour)
	if err != nil {
		return err
	}
	admin, err := authority.Mint("local-admin", "", []string{"admin"}, 12*time.Hour)
	if err != nil {
		return err
	}
	banner(stdout, "http://"+ln.Addr().String(), table, routes, submitter, reviewer, admin)
	fmt.Fprintf(stdout, "The console: http://%s/console/ (sign in as any local role)\n\n", ln.Addr())
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stdout, "paxscreen dev: stopped")
	return nil
}

// The local document key and its id: a fixed local secret, as nothing derived from it leaves
// this machine.
const (
	localDocumentKey   = "paxscreen-local-document-key-not-secret"
	localDocumentKeyID = "local"
)

// localValues are the environment variables only a deployment knows (resources, secrets, the
// API's address), as the local stack supplies them; everything else comes from template.yaml.
// A function gets only those among them that the template sets for it.
func localValues(table, baseURL, alertsARN string) map[string]string {
	return map[string]string{
		"TABLE_NAME":           table,
		"DOCUMENT_HMAC_KEY":    localDocumentKey,
		"DOCUMENT_HMAC_KEY_ID": localDocumentKeyID,
		// A fresh cursor key per run, as the deployed stack's is generated: cursors do not
		// outlive the process that signed them.
		"CURSOR_HMAC_KEY":  rand.Text() + rand.Text(),
		"ALERTS_TOPIC_ARN": alertsARN,
		"API_BASE_URL":     baseURL,
		"CONSOLE_URL":      baseURL + "/console",
		// Local sign-in (wiring.Local.Console) replaces the stack's user pool.
		"OIDC_CLIENT_ID":     "",
		"OIDC_AUTHORIZE_URL": "",
		"OIDC_TOKEN_URL":     "",
		"OIDC_LOGOUT_URL":    "",
	}
}

// wireLocal assembles every function of the template that runs on this machine through its
// entry in wiring.Functions, the same code its Lambda main runs, with the environment the
// template sets for it (parameters' defaults, local values overriding). A function with no
// events is a custom resource only CloudFormation invokes, and does not run locally.
func wireLocal(tpl *samtemplate.Template, local map[string]string, d wiring.Deps) (map[string]*wiring.Function, error) {
	out := map[string]*wiring.Function{}
	for _, fn := range tpl.Functions() {
		if len(fn.Events) == 0 {
			continue
		}
		entry, ok := wiring.Functions[fn.LogicalID]
		if !ok {
			return nil, fmt.Errorf("template.yaml declares %s, which paxscreen has no wiring for", fn.LogicalID)
		}
		env, err := tpl.Environment(fn.LogicalID, local)
		if err != nil {
			return nil, err
		}
		f, err := entry.Wire(env, d)
		if err != nil {
			return nil, fmt.Errorf("wire %s: %w", fn.LogicalID, err)
		}
		out[fn.LogicalID] = f
	}
	return out, nil
}

// consolePollSeconds is how often the local console's queue looks for new manifests; a variable
// so that the browser test can make it quicker.
var consolePollSeconds = 5

// localRoutes pairs every HttpApi route of the template with its handler, refusing a template
// and code that disagree: the local stack must serve what would be deployed.
func localRoutes(tpl *samtemplate.Template, functions map[string]*wiring.Function) ([]localapi.Route, error) {
	var routes []localapi.Route
	for _, fn := range tpl.Functions() {
		if len(fn.Routes) == 0 {
			continue
		}
		f, ok := functions[fn.LogicalID]
		if !ok || f.HTTP == nil {
			return nil, fmt.Errorf("template.yaml declares HTTP function %s, which paxscreen has no handler for", fn.LogicalID)
		}
		for _, key := range fn.Routes {
			if _, ok := f.Routes[key]; !ok {
				return nil, fmt.Errorf("template.yaml routes %q to %s, which does not serve it", key, fn.LogicalID)
			}
			method, path, _ := strings.Cut(key, " ")
			routes = append(routes, localapi.Route{Method: method, Path: path, Function: fn.LogicalID, Handler: localapi.Handler(f.HTTP), Public: publicRoute(fn, key)})
		}
	}
	return routes, nil
}

// ensureTable creates the table as template.yaml declares it, unless it exists.
func ensureTable(ctx context.Context, client *dynamodb.Client, tpl *samtemplate.Template, table string) error {
	in, err := tpl.TableInput("Table", table)
	if err != nil {
		return err
	}
	_, err = client.CreateTable(ctx, in)
	var inUse *types.ResourceInUseException
	if err != nil && !errors.As(err, &inUse) {
		return fmt.Errorf("create table %s: %w", table, err)
	}
	return dynamodb.NewTableExistsWaiter(client).Wait(ctx, &dynamodb.DescribeTableInput{TableName: &table}, 30*time.Second)
}

func banner(w io.Writer, base, table string, routes []localapi.Route, submitter, reviewer, admin string) {
	fmt.Fprintf(w, "paxscreen dev: the HTTP API of template.yaml on %s (table %s in DynamoDB Local)\n", base, table)
	for _, r := range routes {
		fmt.Fprintf(w, "  %s\n", r)
	}
	sample := filepath.Join("shared", "manifest", "testdata", "valid.json")
	fmt.Fprintf(w, "\nLocal tokens (12 h; `paxscreen token --role ... --org ...` mints more):\n")
	fmt.Fprintf(w, "  export SUBMITTER=%s\n  export REVIEWER=%s\n  export ADMIN=%s\n", submitter, reviewer, admin)
	fmt.Fprintf(w, "\nTry:\n  curl -s -X POST %s/manifests -H \"Authorization: Bearer $SUBMITTER\" -H 'Content-Type: application/json' --data-binary @%s\n", base, sample)
	fmt.Fprintf(w, "  curl -s -H \"Authorization: Bearer $REVIEWER\" '%s/manifests?status=SCREENED'\n", base)
	fmt.Fprintf(w, "\nRescans run on the template's schedule; press Enter to run one now. Ctrl-C stops everything.\n\n")
}

// rescans runs the scheduled rescan at the template's rate (the RescanMinutes default) and
// whenever Enter is pressed on the console, each run with a minute as its invocation's time.
func rescans(ctx context.Context, tpl *samtemplate.Template, run wiring.ScheduledHandler, stdin io.Reader, stdout io.Writer) {
	every := 15 * time.Minute
	if p, ok := tpl.Parameters()["RescanMinutes"]; ok {
		if n, ok := p.Default.(int); ok && n > 0 {
			every = time.Duration(n) * time.Minute
		}
	}
	now := make(chan struct{})
	go func() {
		buf := make([]byte, 256)
		for {
			if _, err := stdin.Read(buf); err != nil {
				return
			}
			now <- struct{}{}
		}
	}()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-now:
		}
		inv, cancel := context.WithTimeout(ctx, time.Minute)
		rep, err := run(inv, nil)
		cancel()
		if err != nil {
			fmt.Fprintf(stdout, "  rescan failed: %v\n", err)
			continue
		}
		fmt.Fprintf(stdout, "  rescan: %s\n", rep)
	}
}
