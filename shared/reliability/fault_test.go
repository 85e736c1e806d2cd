package reliability_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/devstack/localstream"
	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rescan"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/snspublish"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream/notifystream"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
)

// emulators are DynamoDB Local and fauxqs started for one test by scripts/emulators.sh in a run
// directory of the test's own, so that stopping them stalls no other test.
type emulators struct {
	runDir, ddb, sns string
	pids             map[string]int
}

func startEmulators(t *testing.T) *emulators {
	t.Helper()
	if os.Getenv("AWS_ENDPOINT_URL_DYNAMODB") == "" || os.Getenv("AWS_ENDPOINT_URL_SNS") == "" {
		msg := "the emulators are not running (AWS_ENDPOINT_URL_DYNAMODB/SNS unset): run tests with `make test`, which installs and starts them"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	e := &emulators{runDir: t.TempDir(), pids: map[string]int{}}
	script, err := filepath.Abs("../../scripts/emulators.sh")
	if err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) error {
		cmd := exec.Command(script, args...)
		cmd.Dir = e.runDir // DynamoDB Local leaves a metadata file in its working directory
		cmd.Env = append(os.Environ(), "PAXSCREEN_RUN_DIR="+e.runDir,
			"DYNAMODB_PORT="+strconv.Itoa(20000+rand.IntN(20000)), "FAUXQS_PORT="+strconv.Itoa(40000+rand.IntN(10000)))
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("emulators.sh %v: %v\n%s", args, err, out)
		}
		return nil
	}
	t.Cleanup(func() {
		for _, pid := range e.pids {
			syscall.Kill(pid, syscall.SIGCONT) // a stopped process would sit on its SIGTERM
		}
		if err := run("stop"); err != nil {
			t.Error(err)
		}
	})
	if err := run("start", "all"); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(e.runDir, "env"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimPrefix(sc.Text(), "export "), "=")
		switch {
		case !ok:
		case k == "AWS_ENDPOINT_URL_DYNAMODB":
			e.ddb = v
		case k == "AWS_ENDPOINT_URL_SNS":
			e.sns = v
		}
	}
	for _, name := range []string{"dynamodb", "fauxqs"} {
		b, err := os.ReadFile(filepath.Join(e.runDir, name+".pid"))
		if err != nil {
			t.Fatal(err)
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		e.pids[name] = pid
	}
	if e.ddb == "" || e.sns == "" {
		t.Fatalf("env file of %s names no endpoints", e.runDir)
	}
	return e
}

// pause stops one emulator for d (SIGSTOP, then SIGCONT), by the PID its start recorded.
func (e *emulators) pause(t *testing.T, name string, d time.Duration) {
	pid := e.pids[name]
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	want := map[string]string{"dynamodb": "DynamoDBLocal.jar", "fauxqs": "startFauxqs"}[name]
	if !strings.Contains(string(cmdline), want) {
		t.Errorf("pid %d is not the %s this test started", pid, name)
		return
	}
	if err := syscall.Kill(pid, syscall.SIGSTOP); err != nil {
		t.Error(err)
		return
	}
	time.Sleep(d)
	if err := syscall.Kill(pid, syscall.SIGCONT); err != nil {
		t.Error(err)
	}
}

// faultCounts are the figures docs/RELIABILITY.md reports.
type faultCounts struct {
	posts, unavailable, unknown, wrong503 atomic.Int64
}

// TestNothingLostWhenTheEmulatorsStop submits manifests, with and without Idempotency-Key, while
// DynamoDB Local and then fauxqs are stopped for a while (SIGSTOP), and checks after recovery
// that every manifest was stored once per submission, assessed once, and alerted, and that no
// 503 said "nothing was stored" about a manifest that was.
func TestNothingLostWhenTheEmulatorsStop(t *testing.T) {
	stop := 8 * time.Second
	if v := os.Getenv("PAXSCREEN_FAULT_SECONDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatal(err)
		}
		stop = time.Duration(n) * time.Second
	}
	t0 := time.Now()
	e := startEmulators(t)
	t.Logf("fault: emulators started in %s", time.Since(t0).Round(time.Millisecond))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg, err := awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("eu-west-1"),
		awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")))
	if err != nil {
		t.Fatal(err)
	}
	client := dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) { o.BaseEndpoint = &e.ddb; o.DisableValidateResponseChecksum = true })
	streams := dynamodbstreams.NewFromConfig(cfg, func(o *dynamodbstreams.Options) { o.BaseEndpoint = &e.ddb })
	snsc := sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = &e.sns })
	sqsc := sqs.NewFromConfig(cfg, func(o *sqs.Options) { o.BaseEndpoint = &e.sns })

	tpl, err := samtemplate.Load("../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const table = "fault"
	in, err := tpl.TableInput("Table", table)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.CreateTable(ctx, in); err != nil {
		t.Fatal(err)
	}
	desc, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatal(err)
	}
	topic, err := snsc.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("alerts")})
	if err != nil {
		t.Fatal(err)
	}
	q, err := sqsc.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("reviewers")})
	if err != nil {
		t.Fatal(err)
	}
	qa, err := sqsc.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := snsc.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
		Endpoint: aws.String(qa.Attributes[string(sqstypes.QueueAttributeNameQueueArn)])}); err != nil {
		t.Fatal(err)
	}

	// The functions as their main.go files wire them, with the template's stream settings; the
	// in-process retry and per-attempt timeouts are shortened to fit the test.
	db := store.New(client, table, []byte("fault-key-fault-key-fault-key-fault"), "t1")
	scorer := &scoring.Service{Store: db, Rules: rules.Default()}
	notifier := &notify.Service{Store: db, Publisher: &snspublish.Publisher{Client: snsc, TopicARN: aws.ToString(topic.TopicArn)},
		Config: alert.Config{MinLevel: rules.LevelLow, BaseURL: "https://api.example"}, Lease: 5 * time.Second}
	targets, err := localstream.TargetsFromTemplate(tpl, map[string]localstream.Handler{
		"ScoreFunction":  (&scorestream.Handler{Service: scorer, Log: quiet, Timeout: 5 * time.Second, Retry: 3 * time.Second}).Handle,
		"NotifyFunction": (&notifystream.Handler{Service: notifier, Log: quiet, Timeout: 5 * time.Second, Retry: 3 * time.Second}).Handle,
	})
	if err != nil {
		t.Fatal(err)
	}
	logf := func(format string, args ...any) {
		if os.Getenv("PAXSCREEN_FAULT_LOG") != "" {
			t.Logf("%s "+format, append([]any{time.Now().Format("15:04:05.000")}, args...)...)
		}
	}
	var given atomic.Int64
	poller := &localstream.Poller{Client: streams, StreamARN: aws.ToString(desc.Table.LatestStreamArn), Targets: targets, Interval: 100 * time.Millisecond,
		Log: func(format string, args ...any) {
			if strings.Contains(format, "given up") {
				given.Add(1)
			}
			if os.Getenv("PAXSCREEN_FAULT_LOG") != "" {
				t.Logf("%s poller: "+format, append([]any{time.Now().Format("15:04:05.000")}, args...)...)
			}
		}}
	var background sync.WaitGroup
	background.Go(func() { poller.Run(ctx) })
	ingest := &httpapi.Router{Routes: (&api.Ingest{Service: &intake.Service{Store: db, Now: now, NewID: intake.NewID}, Deadline: 4 * time.Second}).Routes(), Log: quiet}

	// Clients submit steadily; every tenth second of the run one emulator is stopped.
	const clients, each = 6, 10
	m := sample(t)
	var n faultCounts
	var mu sync.Mutex
	claimedNotStored := map[string]bool{} // organiser names a 503 said were not stored
	var submitters sync.WaitGroup
	for c := range clients {
		submitters.Go(func() {
			for k := range each {
				name := fmt.Sprintf("Fault Relief %d-%d", c, k)
				mc := own(m, c*100+k)
				mc.Organiser.Name = name
				b, err := json.Marshal(mc)
				if err != nil {
					t.Error(err)
					return
				}
				key := ""
				if k%2 == 0 {
					key = fmt.Sprintf("fault-%d-%d", c, k) // half with an Idempotency-Key, half without
				}
				for attempt := 0; ; attempt++ {
					n.posts.Add(1)
					resp := post(ctx, ingest, b, key)
					if resp.StatusCode == http.StatusCreated {
						break
					}
					if resp.StatusCode != http.StatusServiceUnavailable || attempt > 100 {
						t.Errorf("%s: %d %s", name, resp.StatusCode, resp.Body)
						break
					}
					n.unavailable.Add(1)
					if strings.Contains(resp.Body, `"stored":"unknown"`) {
						n.unknown.Add(1)
					} else if key == "" {
						mu.Lock()
						claimedNotStored[name] = true
						mu.Unlock()
					}
					time.Sleep(500 * time.Millisecond)
				}
				time.Sleep(time.Duration(150+rand.IntN(150)) * time.Millisecond)
			}
		})
	}
	faults := sync.WaitGroup{}
	faults.Go(func() {
		time.Sleep(2 * time.Second)
		logf("SIGSTOP dynamodb")
		e.pause(t, "dynamodb", stop)
		logf("SIGCONT dynamodb")
		time.Sleep(2 * time.Second)
		logf("SIGSTOP fauxqs")
		e.pause(t, "fauxqs", stop)
		logf("SIGCONT fauxqs")
	})
	began := time.Now()
	submitters.Wait()
	t.Logf("fault: submissions done after %s", time.Since(began).Round(time.Millisecond))
	faults.Wait()
	t.Logf("fault: faults over after %s", time.Since(began).Round(time.Millisecond))

	// Recovery: wait until every manifest is assessed and alerted, then let a rescan repair what
	// the stream gave up, as the schedule would.
	var ids []string
	names := map[string]int{}
	deadline := time.Now().Add(90 * time.Second)
	for {
		ids, names = manifests(t, ctx, client, table)
		if settled(t, ctx, db, ids) || time.Now().After(deadline) {
			if os.Getenv("PAXSCREEN_FAULT_LOG") != "" {
				t.Logf("%s settled", time.Now().Format("15:04:05.000"))
			}
			break
		}
		time.Sleep(time.Second)
	}
	t.Logf("fault: settled after %s", time.Since(began).Round(time.Millisecond))
	rs := &rescan.Service{Store: db, Scorer: scorer, RulesetVersion: rules.Default().Version, Alerts: notifier, Window: 48 * time.Hour,
		Retention: 90 * 24 * time.Hour, PageSize: 100, Now: now, Log: quiet}
	rep, err := rs.Run(ctx, time.Now().Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	background.Wait()

	// Every message on the reviewers' queue, by deduplication id.
	seen := map[string]int{}
	for empty := 0; empty < 2; {
		res, err := sqsc.ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: q.QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Messages) == 0 {
			empty++
		}
		for _, msg := range res.Messages {
			var note struct {
				MessageAttributes map[string]struct{ Value string }
			}
			if err := json.Unmarshal([]byte(aws.ToString(msg.Body)), &note); err != nil {
				t.Fatal(err)
			}
			seen[note.MessageAttributes[notify.DeduplicationAttribute].Value]++
			sqsc.DeleteMessage(context.Background(), &sqs.DeleteMessageInput{QueueUrl: q.QueueUrl, ReceiptHandle: msg.ReceiptHandle})
		}
	}

	submissions := clients * each
	var unassessed, alertsLost, alertsDuplicated, storedTwice, wrong503 int
	for _, id := range ids {
		h, err := db.GetHeader(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		list, err := db.Assessments(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		// One assessment per version, except that a manifest named by another's cross-manifest
		// finding (a submission stored twice after a lost answer is a probable duplicate of
		// itself) is rightly assessed again.
		named := len(list) > 0 && len(rules.NamedManifests(&list[len(list)-1].Assessment)) > 0
		if len(list) == 0 || h.AssessedVersion != h.Version || (len(list) != 1 && !named) {
			unassessed++
			t.Logf("manifest %s: %d assessments, assessed version %d of %d", id, len(list), h.AssessedVersion, h.Version)
		}
		switch got := seen[notify.DeduplicationID(id, paxscreen.AlertKey(1))]; {
		case got == 0:
			alertsLost++
			t.Logf("manifest %s: no alert received", id)
		case got > 1:
			alertsDuplicated += got - 1
		}
	}
	for name, count := range names {
		if count > 1 {
			storedTwice += count - 1
		}
		if claimedNotStored[name] && count > 1 {
			wrong503++
		}
	}
	lostSubmissions := submissions - len(names)
	t.Logf("fault: DynamoDB Local and fauxqs each stopped %s; %d submissions in %d POSTs (%d answered 503, %d of them \"stored: unknown\"); %d records given up by the poller",
		stop, submissions, n.posts.Load(), n.unavailable.Load(), n.unknown.Load(), given.Load())
	t.Logf("fault: %d manifests stored; submissions lost %d, stored twice %d (503 \"not stored\" that was %d); unassessed %d; alerts lost %d, duplicated %d; rescan after recovery: %v",
		len(ids), lostSubmissions, storedTwice, wrong503, unassessed, alertsLost, alertsDuplicated, rep)
	if lostSubmissions != 0 || wrong503 != 0 || unassessed != 0 || alertsLost != 0 {
		t.Errorf("lost work: submissions %d, wrong 503s %d, unassessed %d, alerts %d", lostSubmissions, wrong503, unassessed, alertsLost)
	}
	// Submissions with an Idempotency-Key are never stored twice, whatever the answers were.
	for name, count := range names {
		var c, k int
		if _, err := fmt.Sscanf(name, "Fault Relief %d-%d", &c, &k); err == nil && k%2 == 0 && count > 1 {
			t.Errorf("%s, sent with an Idempotency-Key, stored %d times", name, count)
		}
	}
}

func post(ctx context.Context, r *httpapi.Router, body []byte, key string) httpapi.Response {
	headers := map[string]string{"content-type": "application/json"}
	if key != "" {
		headers["idempotency-key"] = key
	}
	req := httpapi.Request{RouteKey: "POST /manifests", RawPath: "/manifests", Headers: headers, Body: string(body),
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			RouteKey: "POST /manifests",
			HTTP:     events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "POST", Path: "/manifests"},
			Authorizer: &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{
				Claims: map[string]string{"sub": "fault-submitter", "org": "fault-org", "roles": "[submitter]"}}},
		}}
	resp, err := r.Handle(ctx, req)
	if err != nil {
		return httpapi.Response{StatusCode: 500, Body: err.Error()}
	}
	return resp
}

// manifests lists the stored manifests and how many carry each organiser name.
func manifests(t *testing.T, ctx context.Context, client *dynamodb.Client, table string) ([]string, map[string]int) {
	t.Helper()
	var ids []string
	names := map[string]int{}
	var start map[string]types.AttributeValue
	for {
		out, err := client.Scan(ctx, &dynamodb.ScanInput{TableName: &table, ExclusiveStartKey: start,
			FilterExpression:          aws.String("#t = :m"),
			ExpressionAttributeNames:  map[string]string{"#t": "type"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":m": &types.AttributeValueMemberS{Value: "MANIFEST"}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range out.Items {
			ids = append(ids, it["id"].(*types.AttributeValueMemberS).Value)
			names[it["organiserName"].(*types.AttributeValueMemberS).Value]++
		}
		if out.LastEvaluatedKey == nil {
			return ids, names
		}
		start = out.LastEvaluatedKey
	}
}

// settled: every manifest has its assessment and its alert is sent.
func settled(t *testing.T, ctx context.Context, db *store.Store, ids []string) bool {
	t.Helper()
	for _, id := range ids {
		h, err := db.GetHeader(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if h.ScoreState != paxscreen.ScoreDone {
			return false
		}
		st, err := db.AlertState(ctx, id, paxscreen.AlertKey(h.AssessmentSeq))
		if err != nil {
			t.Fatal(err)
		}
		if st != paxscreen.AlertSentState {
			return false
		}
	}
	return true
}
