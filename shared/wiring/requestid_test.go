package wiring

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/paxscreen/paxscreen/shared/httpapi"
)

// lambdaLogger is the logger Start gives a function, writing to a file instead of stdout
// (lambdacontext's handler writes to the os.Stdout of its creation).
func lambdaLogger(t *testing.T) (*Deps, func() []string) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "stdout"))
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = f
	log := lambdacontext.NewLogger()
	os.Stdout = stdout
	t.Cleanup(func() { f.Close() })
	return &Deps{Log: log}, func() []string {
		b, err := os.ReadFile(f.Name())
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSpace(string(b)), "\n")
	}
}

// TestLogLinesCarryTheLambdaRequestID: every line a function logs while handling an invocation
// names the invocation's request id, which lambdacontext's logger takes from the context, so an
// operator can gather one request's lines in CloudWatch.
func TestLogLinesCarryTheLambdaRequestID(t *testing.T) {
	_, envs := templateEnv(t)
	const id = "c0ffee-17b"
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: id})
	cases := []struct {
		function string
		invoke   func(*testing.T, *Function)
	}{
		{"ReviewFunction", func(t *testing.T, f *Function) {
			// No identity: refused before any table access, logging the denial and the request.
			resp, err := f.HTTP(ctx, httpapi.Request{RouteKey: "POST /manifests/{id}/decisions"})
			if err != nil || resp.StatusCode != 401 {
				t.Fatalf("status %d, err %v; want 401", resp.StatusCode, err)
			}
		}},
		{"ManifestsFunction", func(t *testing.T, f *Function) {
			if resp, _ := f.HTTP(ctx, httpapi.Request{RouteKey: "GET /nowhere"}); resp.StatusCode != 404 {
				t.Fatalf("status %d, want 404", resp.StatusCode)
			}
		}},
		{"ScoreFunction", func(t *testing.T, f *Function) {
			// A record that is no manifest header: refused for good, and logged.
			ev := events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventID: "e1", EventName: "INSERT",
				Change: events.DynamoDBStreamRecord{SequenceNumber: "1", NewImage: map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("OTHER")}}}}}
			if _, err := f.Stream(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.function, func(t *testing.T) {
			d, lines := lambdaLogger(t)
			f, err := Functions[c.function].Wire(envs[c.function], *d)
			if err != nil {
				t.Fatal(err)
			}
			c.invoke(t, f)
			got := lines()
			if len(got) == 0 || got[0] == "" {
				t.Fatal("nothing logged")
			}
			for _, l := range got {
				if !strings.Contains(l, id) {
					t.Errorf("log line without the request id %s: %s", id, l)
				}
			}
		})
	}
}
