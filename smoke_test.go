// The smoke test builds every function's real bootstrap and invokes it once through the Lambda
// runtime interface emulator with its sample event from events/, against the emulators: the
// binary starts, reads its configuration, builds its clients and answers as Lambda would. It
// lives at the root, not in functions/, where every folder is a function `make build-all` builds.

package paxscreen_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

// smoke lists each function's sample event and what a healthy answer looks like.
var smoke = []struct {
	function string
	event    string
	check    func(t *testing.T, answer map[string]any)
}{
	{"ingest", "ingest-post-manifest.json", status(201)},
	{"manifests", "manifests-list.json", status(200)},
	{"review", "review-get-audit.json", status(404)}, // the sample's manifest does not exist here
	{"watchlist", "watchlist-list.json", status(200)},
	{"console", "console-get-index.json", status(200)},
	{"score", "score-stream-record.json", batchResponse},
	{"notify", "notify-stream-record.json", batchResponse},
	{"rescan", "rescan-schedule.json", func(t *testing.T, a map[string]any) {
		if a["done"] != true {
			t.Errorf("rescan report %v", a)
		}
	}},
}

func status(want int) func(*testing.T, map[string]any) {
	return func(t *testing.T, a map[string]any) {
		if a["statusCode"] != float64(want) {
			t.Errorf("statusCode %v, want %d: %v", a["statusCode"], want, a)
		}
	}
}

// batchResponse: a stream handler answers with batchItemFailures (the samples name a manifest
// that is not in the table, so failures are expected; a Lambda error is not).
func batchResponse(t *testing.T, a map[string]any) {
	if _, ok := a["batchItemFailures"]; !ok {
		t.Errorf("no batchItemFailures in %v", a)
	}
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func build(t *testing.T, out string, pkg string, env ...string) {
	t.Helper()
	buildIn(t, ".", out, pkg, env...)
}

// buildIn builds pkg of the module in dir.
func buildIn(t *testing.T, dir, out, pkg string, env ...string) {
	t.Helper()
	cmd := exec.Command("go", "build", "-C", dir, "-trimpath", "-tags", "lambda.norpc", "-o", out, pkg)
	cmd.Env = append(os.Environ(), env...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", pkg, err, b)
	}
}

func TestBootstrapsAnswerTheirSampleEvents(t *testing.T) {
	// A table of its own: the rescan function scans its whole table, and the shared test table
	// holds whatever other packages wrote, which it would rescore within its time budget.
	_, table := dynamotest.OwnTable(t, "paxscreen-smoke") // also fails under CI without DynamoDB Local
	if os.Getenv("AWS_ENDPOINT_URL_SNS") == "" && os.Getenv("CI") == "" {
		t.Skip("the SNS/SQS emulator is not running; run `make test`")
	}
	dir := t.TempDir()
	rie := filepath.Join(dir, "aws-lambda-rie")
	// The emulator is a tool of tools/go.mod, so its dependencies stay out of the main module.
	buildIn(t, "tools", rie, "github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie")
	for _, s := range smoke {
		t.Run(s.function, func(t *testing.T) {
			bootstrap := filepath.Join(dir, s.function, "bootstrap")
			// The host's architecture: the deployed arm64 build differs only in GOARCH.
			build(t, bootstrap, "./functions/"+s.function, "GOOS=linux", "GOARCH="+runtime.GOARCH, "CGO_ENABLED=0")
			event, err := os.ReadFile(filepath.Join("events", s.event))
			if err != nil {
				t.Fatal(err)
			}
			port, api := freePort(t), freePort(t)
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, rie, "--runtime-interface-emulator-address", "127.0.0.1:"+port, "--runtime-api-address", "127.0.0.1:"+api, bootstrap)
			cmd.Env = append(os.Environ(),
				"TABLE_NAME="+table, "DOCUMENT_HMAC_KEY=smoke-test-key-smoke-test-key-0123", "DOCUMENT_HMAC_KEY_ID=smoke",
				"CURSOR_HMAC_KEY=smoke-test-cursor-key-smoke-test-cursor-key",
				"ALERTS_TOPIC_ARN=arn:aws:sns:eu-west-1:000000000000:paxscreen-smoke", "API_BASE_URL=http://127.0.0.1", "CONSOLE_URL=http://127.0.0.1/console",
				"AWS_LAMBDA_LOG_FORMAT=JSON", "AWS_LAMBDA_FUNCTION_TIMEOUT=60")
			var logs bytes.Buffer
			cmd.Stdout, cmd.Stderr = &logs, &logs
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer func() {
				cmd.Process.Signal(os.Interrupt)
				cmd.Wait()
			}()
			url := "http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations"
			var body []byte
			for attempt := 0; ; attempt++ {
				resp, err := http.Post(url, "application/json", bytes.NewReader(event))
				if err == nil {
					body, _ = io.ReadAll(resp.Body)
					resp.Body.Close()
					break
				}
				if attempt > 100 {
					t.Fatalf("the emulator never answered: %v\n%s", err, logs.String())
				}
				time.Sleep(100 * time.Millisecond)
			}
			var answer map[string]any
			if err := json.Unmarshal(body, &answer); err != nil {
				t.Fatalf("answer is not JSON: %s\n%s", body, logs.String())
			}
			if msg, failed := answer["errorMessage"]; failed {
				t.Fatalf("the function failed: %v\n%s", msg, logs.String())
			}
			s.check(t, answer)
			if strings.Contains(logs.String(), "missing environment variables") {
				t.Errorf("configuration incomplete:\n%s", logs.String())
			}
		})
	}
}
