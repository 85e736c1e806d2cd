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

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/devauth"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/localapi"
	"github.com/paxscreen/paxscreen/shared/localstream"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/samtemplate"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/screening"
	"github.com/paxscreen/paxscreen/shared/store"
)

// devCmd runs the HTTP API of template.yaml on this machine against DynamoDB Local, with the
// handlers the Lambda functions run.
func devCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:3000", "address the local API listens on")
	templatePath := fs.String("template", "template.yaml", "the SAM template to serve")
	table := fs.String("table", "paxscreen-local", "DynamoDB table name")
	if err := fs.Parse(args); err != nil {
		return exitUsage
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
	// A fixed local secret: nothing derived from it leaves this machine.
	db := store.New(client, table, []byte("paxscreen-local-document-key-not-secret"), "local")
	// A fresh cursor key per run, as the deployed stack's is generated: cursors do not outlive
	// the process that signed them.
	if err := db.SetCursorKey([]byte(rand.Text() + rand.Text())); err != nil {
		return err
	}
	// Handlers log as they would in Lambda (JSON); the console shows what a developer needs.
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	rs := rules.Default()
	if err := seedWatchlists(ctx, db, stdout); err != nil {
		return err
	}
	lists := &screening.Loader{Store: db, Threshold: rs.Watchlist.Threshold, StrongThreshold: rs.Watchlist.StrongThreshold, Every: 2 * time.Second}
	// The handlers retry a failing record in-process as the Lambda functions do (template.yaml's
	// STREAM_RETRY_SECONDS), and the poller adds the event source mapping's retries with backoff.
	scorer := &scoring.StreamHandler{Service: &scoring.Service{Store: db, Rules: rs, Screener: lists}, Log: log, Timeout: 20 * time.Second, Retry: 20 * time.Second}
	alertsARN, err := localTopics(ctx, cfg, tpl, stdout)
	if err != nil {
		return err
	}
	notifier := &notify.StreamHandler{Log: log, Retry: 20 * time.Second, Timeout: 10 * time.Second, Service: &notify.Service{
		Store:     db,
		Publisher: &notify.SNSPublisher{Client: sns.NewFromConfig(cfg), TopicARN: alertsARN},
		Config:    alertConfig(tpl, "http://"+addr),
	}}
	targets, err := localstream.TargetsFromTemplate(tpl, map[string]localstream.Handler{
		"ScoreFunction":  scorer.Handle,
		"NotifyFunction": notifier.Handle,
	})
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
	go rescans(ctx, tpl, &rescan.Service{
		Store: db, Scorer: scorer.Service, RulesetVersion: rs.Version, Watchlists: lists, Alerts: notifier.Service, Window: 48 * time.Hour, Retention: 90 * 24 * time.Hour,
		PageSize: 100, Now: time.Now, Log: log,
	}, stdin, stdout)
	functions := api.Functions(
		&api.Ingest{Service: &intake.Service{Store: db, Now: time.Now, NewID: intake.NewID}},
		&api.Manifests{Store: db},
		&api.Review{Store: db},
		&api.Watchlists{Store: db},
	)
	authority, err := devauth.LoadOrCreate(devKeyPath)
	if err != nil {
		return fmt.Errorf("local signing key: %w", err)
	}
	consoleHandler, err := localConsole(authority, consolePollSeconds)
	if err != nil {
		return err
	}
	functions["ConsoleFunction"] = consoleHandler.Routes()
	routes, err := localRoutes(tpl, functions, log)
	if err != nil {
		return err
	}
	srv := &localapi.Server{
		Routes: routes,
		Verify: authority.Verify,
		Log:    func(format string, args ...any) { fmt.Fprintf(stdout, "  "+format+"\n", args...) },
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
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

// alertConfig is the notify function's configuration as a deployment with the template's
// defaults would have it: the local stack must not name persons in alert e-mails when a default
// deployment would not.
func alertConfig(tpl *samtemplate.Template, baseURL string) alert.Config {
	cfg := alert.Config{MinLevel: rules.LevelMedium, BaseURL: baseURL, ConsoleURL: baseURL + "/console"}
	params := tpl.Parameters()
	if p, ok := params["AlertMinLevel"]; ok {
		if v, ok := p.Default.(string); ok && rules.LevelRank(v) >= 0 {
			cfg.MinLevel = v
		}
	}
	if p, ok := params["AlertIncludeNames"]; ok {
		cfg.IncludeNames = fmt.Sprint(p.Default) == "true"
	}
	return cfg
}

// consolePollSeconds is how often the local console's queue looks for new manifests; a variable
// so that the browser test can make it quicker.
var consolePollSeconds = 5

// localRoutes pairs every HttpApi route of the template with its handler, refusing a template
// and code that disagree: the local stack must serve what would be deployed.
func localRoutes(tpl *samtemplate.Template, functions map[string]httpapi.Routes, log *slog.Logger) ([]localapi.Route, error) {
	var routes []localapi.Route
	for _, fn := range tpl.Functions() {
		if len(fn.Routes) == 0 {
			continue
		}
		code, ok := functions[fn.LogicalID]
		if !ok {
			return nil, fmt.Errorf("template.yaml declares HTTP function %s, which paxscreen has no handler for", fn.LogicalID)
		}
		router := &httpapi.Router{Routes: code, Log: log}
		for _, key := range fn.Routes {
			if _, ok := code[key]; !ok {
				return nil, fmt.Errorf("template.yaml routes %q to %s, which does not serve it", key, fn.LogicalID)
			}
			method, path, _ := strings.Cut(key, " ")
			routes = append(routes, localapi.Route{Method: method, Path: path, Function: fn.LogicalID, Handler: router.Handle, Public: publicRoute(fn, key)})
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
// whenever Enter is pressed on the console.
func rescans(ctx context.Context, tpl *samtemplate.Template, svc *rescan.Service, stdin io.Reader, stdout io.Writer) {
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
		rep, err := svc.Run(ctx, time.Now().Add(time.Minute))
		if err != nil {
			fmt.Fprintf(stdout, "  rescan failed: %v\n", err)
			continue
		}
		fmt.Fprintf(stdout, "  rescan: %s\n", rep)
	}
}
