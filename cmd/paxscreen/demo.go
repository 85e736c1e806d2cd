package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/paxscreen/paxscreen/shared/devstack/devauth"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// demoCase is a sample manifest in events/manifests and the least it must come out as.
type demoCase struct {
	file     string
	minLevel string
	maxLevel string
	wantRule string
	label    string // how the table names the case; the file name when empty
}

// The levels are those docs/RISK.md explains (package rules holds them in TestWorkedExamples).
var demoCases = []demoCase{
	{"clean.json", rules.LevelLow, rules.LevelLow, "", ""},
	// The same aircraft at the same time with the clean flight's documents.
	{"document-problems.json", rules.LevelHigh, rules.LevelHigh, rules.RuleOverlappingFlights, ""},
	{"listed-person.json", rules.LevelCritical, rules.LevelCritical, rules.RuleWatchlistStrong, ""},
	// A flight on a listed aircraft (registration and serial number) of a listed operator.
	{"listed-aircraft.json", rules.LevelCritical, rules.LevelCritical, rules.RuleSanctionedAircraft, ""},
	// Kabul to Ramstein: an expired passport, a tazkira, a child in the father's passport, a lap
	// infant and a one-name person are findings to review, not refusals.
	{"evacuation-kabul.json", rules.LevelMedium, rules.LevelMedium, rules.RuleDocumentExpired, ""},
	// The same flight submitted again: one duplicate-submission finding, not an overlap per person.
	{"evacuation-kabul.json", rules.LevelMedium, rules.LevelMedium, rules.RuleProbableDuplicate, "evacuation-kabul.json again"},
}

// localBase is the address of the stack `make run` started, which scripts/run.sh writes to
// api.addr in its run directory, so that `make demo` needs no exported variable; then
// PAXSCREEN_ADDR; then the default address.
func localBase() string {
	dir := os.Getenv("PAXSCREEN_RUN_DIR")
	if dir == "" {
		dir = filepath.Join(".local", "run")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "api.addr")); err == nil {
		if a := strings.TrimSpace(string(b)); a != "" {
			return "http://" + a
		}
	}
	if a := os.Getenv("PAXSCREEN_ADDR"); a != "" {
		return "http://" + a
	}
	return "http://127.0.0.1:3000"
}

// demoCmd submits the sample manifests to a running local stack, waits for their assessments
// and checks each came out as expected. With --latency N it also submits N flagged manifests
// and reports the time from POST to assessment.
func demoCmd(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", localBase(), "the local stack's API `URL`, by default the address \"make run\" serves")
	latency := fs.Int("latency", 0, "also measure POST-to-assessment latency over this many manifests")
	const use = "usage: paxscreen demo [--base URL] [--latency N]"
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if msg := noArguments(rest); msg != "" {
		return usageError(stderr, use, "%s", msg)
	}
	a, err := devauth.LoadOrCreate(devKeyPath)
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen demo: %v\n", err)
		return exitUsage
	}
	org := "demo-" + strings.ToLower(rand.Text()[:6])
	submitter, _ := a.Mint("demo-submitter", org, []string{httpapi.RoleSubmitter}, time.Hour)
	reviewer, _ := a.Mint("demo-reviewer", "", []string{httpapi.RoleReviewer}, time.Hour)
	c := &demoClient{base: strings.TrimRight(*base, "/"), submitter: submitter, reviewer: reviewer}
	if _, err := c.do(ctx, "GET", "/manifests?limit=1", reviewer, "", nil); err != nil {
		fmt.Fprintf(stderr, "paxscreen demo: the local stack does not answer at %s (start it with `make run`): %v\n", *base, err)
		return exitUsage
	}
	ok := true
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MANIFEST\tID\tLEVEL\tSCORE\tEXPECTED\tRESULT\tTOP FINDINGS")
	shift, err := sampleShift(time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "paxscreen demo: %v\n", err)
		return exitUsage
	}
	suffix := rand.Text()[:4]
	for _, dc := range demoCases {
		body, err := os.ReadFile(filepath.Join("events", "manifests", dc.file))
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen demo: %v\n", err)
			return exitUsage
		}
		body = reschedule(body, shift, suffix)
		id, err := c.submit(ctx, body)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen demo: submit %s: %v\n", dc.file, err)
			return exitInvalid
		}
		as, err := c.assessment(ctx, id, 30*time.Second)
		if err != nil {
			fmt.Fprintf(stderr, "paxscreen demo: %s: %v\n", dc.file, err)
			return exitInvalid
		}
		good := rules.LevelRank(as.Level) >= rules.LevelRank(dc.minLevel) && rules.LevelRank(as.Level) <= rules.LevelRank(dc.maxLevel)
		var top []string
		found := dc.wantRule == ""
		for _, h := range as.Hits {
			found = found || h.Rule == dc.wantRule
			if h.Points > 0 && len(top) < 3 {
				top = append(top, h.Rule)
			}
		}
		good = good && found
		ok = ok && good
		expect := dc.minLevel
		if dc.maxLevel != dc.minLevel {
			expect += ".." + dc.maxLevel
		}
		if dc.wantRule != "" {
			expect += " with " + dc.wantRule
		}
		label := dc.label
		if label == "" {
			label = dc.file
		}
		// The full id: the one GET /manifests/{id} and the SMS alerts carry.
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\n", label, id, as.Level, as.Score, expect, map[bool]string{true: "ok", false: "UNEXPECTED"}[good], strings.Join(top, ", "))
	}
	tw.Flush()
	if *latency > 0 {
		if err := c.measure(ctx, *latency, shift, suffix, stdout); err != nil {
			fmt.Fprintf(stderr, "paxscreen demo: latency: %v\n", err)
			return exitInvalid
		}
	}
	if !ok {
		fmt.Fprintln(stdout, "\ndemo: some manifests did not come out as expected")
		return exitInvalid
	}
	fmt.Fprintln(stdout, "\ndemo: every sample came out as expected")
	return exitOK
}

// reschedule moves every scheduled time in a manifest by d and gives its documents numbers of
// this run (suffix), so that one run's manifests meet each other's documents, as the samples
// intend, and never an earlier run's. The MRZ lines go, since they spell the old numbers.
// sampleShift is how far the samples are moved so that they arrive within the next day: whole
// days, so times of day and the documents' dates keep their meaning. The samples are dated; left
// as they are, a rescan closes them once their arrival is past the live window, and a reviewer's
// decision on them is then refused as on any closed manifest.
func sampleShift(now time.Time) (time.Duration, error) {
	b, err := os.ReadFile(filepath.Join("events", "manifests", demoCases[0].file))
	if err != nil {
		return 0, err
	}
	var m struct {
		Flight struct{ Arrival struct{ Scheduled time.Time } }
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return 0, fmt.Errorf("%s: %w", demoCases[0].file, err)
	}
	return shiftToArriveAfter(m.Flight.Arrival.Scheduled, now.Add(time.Hour)), nil
}

// shiftToArriveAfter is the least whole number of days (zero or more) that moves arrival to at or
// after t.
func shiftToArriveAfter(arrival, t time.Time) time.Duration {
	if !arrival.Before(t) {
		return 0
	}
	days := (t.Sub(arrival) + 24*time.Hour - 1) / (24 * time.Hour)
	return days * 24 * time.Hour
}

func reschedule(body []byte, d time.Duration, suffix string) []byte {
	days := int(math.Round(d.Hours() / 24))
	var m map[string]any
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	persons, _ := m["persons"].([]any)
	for _, p := range persons {
		docs, _ := p.(map[string]any)["documents"].([]any)
		for _, d := range docs {
			doc := d.(map[string]any)
			if n, ok := doc["number"].(string); ok {
				doc["number"] = n + suffix
			}
			delete(doc, "mrz")
			// Expiries move with the flight, so a document that expires soon or has expired
			// before arrival still does.
			if e, err := time.Parse(time.DateOnly, fmt.Sprint(doc["expiry"])); err == nil {
				doc["expiry"] = e.AddDate(0, 0, days).Format(time.DateOnly)
			}
		}
	}
	flight, _ := m["flight"].(map[string]any)
	move := func(stop any) {
		s, _ := stop.(map[string]any)
		if t, err := time.Parse(time.RFC3339, fmt.Sprint(s["scheduled"])); err == nil {
			s["scheduled"] = t.Add(d).Format(time.RFC3339)
		}
	}
	move(flight["departure"])
	move(flight["arrival"])
	stops, _ := flight["priorStops"].([]any)
	for _, s := range stops {
		move(s)
	}
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

type demoClient struct {
	base, submitter, reviewer string
}

func (c *demoClient) do(ctx context.Context, method, path, token, contentType string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Idempotency-Key", rand.Text())
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode >= 300 {
		return b, fmt.Errorf("%s %s: %s: %.400s", method, path, resp.Status, b)
	}
	return b, nil
}

func (c *demoClient) submit(ctx context.Context, body []byte) (string, error) {
	b, err := c.do(ctx, "POST", "/manifests", c.submitter, "application/json", body)
	if err != nil {
		return "", err
	}
	var r struct{ ID string }
	if err := json.Unmarshal(b, &r); err != nil || r.ID == "" {
		return "", fmt.Errorf("unexpected receipt %.200s", b)
	}
	return r.ID, nil
}

var errNoAssessment = errors.New("no assessment yet")

// assessment polls the manifest as a reviewer until its first assessment appears.
func (c *demoClient) assessment(ctx context.Context, id string, wait time.Duration) (*rules.Assessment, error) {
	deadline := time.Now().Add(wait)
	for {
		b, err := c.do(ctx, "GET", "/manifests/"+id, c.reviewer, "", nil)
		if err != nil {
			return nil, err
		}
		var v struct {
			Assessment *rules.Assessment `json:"assessment"`
		}
		if err := json.Unmarshal(b, &v); err != nil {
			return nil, err
		}
		if v.Assessment != nil {
			return v.Assessment, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("manifest %s: %w after %s", id, errNoAssessment, wait)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// measure submits n flagged manifests one after another and reports POST-to-assessment latency.
func (c *demoClient) measure(ctx context.Context, n int, shift time.Duration, suffix string, w io.Writer) error {
	body, err := os.ReadFile(filepath.Join("events", "manifests", "document-problems.json"))
	if err != nil {
		return err
	}
	alerts, err := watchAlerts(ctx)
	if err != nil {
		return err
	}
	if alerts != nil {
		defer alerts.close()
	}
	var toAssessment, toAlert []time.Duration
	for i := range n {
		b := reschedule(body, shift+time.Duration(i+1)*time.Minute, suffix)
		start := time.Now()
		id, err := c.submit(ctx, b)
		if err != nil {
			return err
		}
		if _, err := c.assessment(ctx, id, 30*time.Second); err != nil {
			return err
		}
		toAssessment = append(toAssessment, time.Since(start))
		if alerts != nil {
			if err := alerts.await(ctx, id, 30*time.Second); err != nil {
				return err
			}
			toAlert = append(toAlert, time.Since(start))
		}
	}
	report := func(what string, took []time.Duration) {
		if len(took) == 0 {
			return
		}
		sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
		p := func(q float64) time.Duration { return took[min(len(took)-1, int(q*float64(len(took))))] }
		fmt.Fprintf(w, "POST to %s over %d manifests: p50 %s, p95 %s, max %s\n", what, len(took), p(0.50).Round(time.Millisecond), p(0.95).Round(time.Millisecond), slices.Max(took).Round(time.Millisecond))
	}
	fmt.Fprintln(w)
	report("assessment", toAssessment)
	report("alert on the alerts topic", toAlert)
	return nil
}

// alertQueue is an SQS queue of the demo's own, subscribed to the local stack's alerts topic.
type alertQueue struct {
	sqs *sqs.Client
	url string
}

// watchAlerts subscribes a queue to the local alerts topic, when the emulator's endpoints are in
// the environment (`make demo` and scripts/bench.sh set them); nil otherwise.
func watchAlerts(ctx context.Context) (*alertQueue, error) {
	if os.Getenv("AWS_ENDPOINT_URL_SNS") == "" || os.Getenv("AWS_ENDPOINT_URL_SQS") == "" {
		return nil, nil
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, err
	}
	snsc, sqsc := sns.NewFromConfig(cfg), sqs.NewFromConfig(cfg)
	// CreateTopic answers the existing topic's ARN: the one paxscreen dev created.
	topic, err := snsc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("paxscreen-local-AlertsTopic")})
	if err != nil {
		return nil, fmt.Errorf("alerts topic: %w", err)
	}
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("paxscreen-demo-" + strings.ToLower(rand.Text()[:8]))})
	if err != nil {
		return nil, fmt.Errorf("demo queue: %w", err)
	}
	attrs, err := sqsc.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		return nil, err
	}
	if _, err := snsc.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
		Endpoint: aws.String(attrs.Attributes[string(sqstypes.QueueAttributeNameQueueArn)])}); err != nil {
		return nil, err
	}
	return &alertQueue{sqs: sqsc, url: aws.ToString(q.QueueUrl)}, nil
}

// await waits for the alert that names manifest id.
func (a *alertQueue) await(ctx context.Context, id string, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		// Short polls with a short visibility timeout: a message a long poll took but never
		// handed over (seen with the emulator) comes back in a second, not after the default 30.
		res, err := a.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &a.url, MaxNumberOfMessages: 10, VisibilityTimeout: 1})
		if err != nil {
			return err
		}
		if len(res.Messages) == 0 {
			time.Sleep(10 * time.Millisecond)
		}
		found := false
		for _, m := range res.Messages {
			found = found || strings.Contains(aws.ToString(m.Body), id)
			a.sqs.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: &a.url, ReceiptHandle: m.ReceiptHandle})
		}
		if found {
			return nil
		}
	}
	return fmt.Errorf("no alert for manifest %s after %s", id, wait)
}

func (a *alertQueue) close() {
	a.sqs.DeleteQueue(context.Background(), &sqs.DeleteQueueInput{QueueUrl: &a.url})
}
