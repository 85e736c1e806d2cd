package dynamotest

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
)

// recorder stands in for the testing.TB that Client gets, to observe a skip or a failure
// without ending the real test. Like the real ones, Skip and Fatal end the calling goroutine.
type recorder struct {
	testing.TB
	outcome, msg string
}

func (r *recorder) Helper() {}
func (r *recorder) Skip(args ...any) {
	r.outcome, r.msg = "skip", fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) {
	r.outcome, r.msg = "fatal", fmt.Sprint(args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.outcome, r.msg = "fatal", fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestClientWithoutEmulator(t *testing.T) {
	tests := []struct {
		name, endpoint, ci, want string
	}{
		{"skips on a developer machine", "", "", "skip"},
		{"fails on CI", "", "true", "fatal"},
		{"connects when the endpoint is set", "http://127.0.0.1:1", "true", "client"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EndpointEnv, tt.endpoint)
			t.Setenv("CI", tt.ci)
			r := &recorder{TB: t}
			done := make(chan *dynamodb.Client)
			go func() {
				defer close(done)
				done <- Client(r)
			}()
			if c := <-done; c != nil {
				r.outcome = "client"
			}
			if r.outcome != tt.want {
				t.Fatalf("Client: outcome %q (%s), want %q", r.outcome, r.msg, tt.want)
			}
			if tt.want != "client" && r.msg != notRunning {
				t.Errorf("Client said %q, want %q", r.msg, notRunning)
			}
		})
	}
}

func TestFindTemplate(t *testing.T) {
	got, err := findTemplate()
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.Abs("../../../template.yaml")
	if got != want {
		t.Errorf("findTemplate() = %s, want %s", got, want)
	}
}

// The tests below need DynamoDB Local.

func TestTable(t *testing.T) {
	client, table := Table(t)
	if _, again := Table(t); again != table {
		t.Fatalf("second Table() = %s, first %s", again, table)
	}
	tpl, err := samtemplate.Load("../../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := tpl.TableInput("Table", table)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatalf("DescribeTable: %v", err)
	}
	desc := out.Table

	if !sameKeys(desc.KeySchema, want.KeySchema) {
		t.Errorf("key schema %v, want %v", keys(desc.KeySchema), keys(want.KeySchema))
	}
	if len(want.GlobalSecondaryIndexes) == 0 {
		t.Fatal("template.yaml's table has no global secondary index to check")
	}
	for _, w := range want.GlobalSecondaryIndexes {
		name := aws.ToString(w.IndexName)
		i := indexOf(desc.GlobalSecondaryIndexes, name)
		if i < 0 {
			t.Errorf("index %s missing", name)
			continue
		}
		g := desc.GlobalSecondaryIndexes[i]
		if !sameKeys(g.KeySchema, w.KeySchema) {
			t.Errorf("index %s keys %v, want %v", name, keys(g.KeySchema), keys(w.KeySchema))
		}
		if g.Projection == nil || g.Projection.ProjectionType != w.Projection.ProjectionType {
			t.Errorf("index %s projection %+v, want %s", name, g.Projection, w.Projection.ProjectionType)
		}
		if g.IndexStatus != types.IndexStatusActive {
			t.Errorf("index %s is %s, want ACTIVE", name, g.IndexStatus)
		}
	}
	if s := desc.StreamSpecification; s == nil || !aws.ToBool(s.StreamEnabled) || s.StreamViewType != want.StreamSpecification.StreamViewType {
		t.Errorf("stream %+v, want %s", s, want.StreamSpecification.StreamViewType)
	}
	if aws.ToString(desc.LatestStreamArn) == "" {
		t.Error("no LatestStreamArn: the stream handlers' poller would have nothing to read")
	}
	if bm := desc.BillingModeSummary; bm == nil || bm.BillingMode != types.BillingModePayPerRequest {
		t.Errorf("billing mode %+v, want PAY_PER_REQUEST", bm)
	}

	attr, enabled := tpl.TTLAttribute("Table")
	if !enabled {
		return
	}
	ttl, err := client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatalf("DescribeTimeToLive: %v", err)
	}
	if d := ttl.TimeToLiveDescription; d == nil || aws.ToString(d.AttributeName) != attr || d.TimeToLiveStatus != types.TimeToLiveStatusEnabled {
		t.Errorf("TTL %+v, want %s enabled", d, attr)
	}
}

func TestEnsureTableRace(t *testing.T) {
	client := Client(t)
	in, ttl := templateInput(t, uniqueTable(t, client, "race"))
	const racers = 4
	errs := make([]error, racers)
	var wg sync.WaitGroup
	for i := range racers {
		wg.Go(func() { errs[i] = ensureTable(t.Context(), client, in, ttl) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("racer %d: %v", i, err)
		}
	}
}

func TestEnsureTableRefusesAStaleTable(t *testing.T) {
	client := Client(t)
	tests := []struct {
		name string
		// create makes the table as an older template would have had it.
		create func(t *testing.T, in *dynamodb.CreateTableInput)
		want   string
	}{
		{
			name: "no indexes and no stream",
			create: func(t *testing.T, in *dynamodb.CreateTableInput) {
				var attrs []types.AttributeDefinition
				for _, a := range in.AttributeDefinitions {
					for _, k := range in.KeySchema {
						if aws.ToString(a.AttributeName) == aws.ToString(k.AttributeName) {
							attrs = append(attrs, a)
						}
					}
				}
				_, err := client.CreateTable(t.Context(), &dynamodb.CreateTableInput{
					TableName:            in.TableName,
					BillingMode:          types.BillingModePayPerRequest,
					AttributeDefinitions: attrs,
					KeySchema:            in.KeySchema,
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			want: "it exists without index",
		},
		{
			name: "TTL on another attribute",
			create: func(t *testing.T, in *dynamodb.CreateTableInput) {
				if _, err := client.CreateTable(t.Context(), in); err != nil {
					t.Fatal(err)
				}
				_, err := client.UpdateTimeToLive(t.Context(), &dynamodb.UpdateTimeToLiveInput{
					TableName: in.TableName,
					TimeToLiveSpecification: &types.TimeToLiveSpecification{
						AttributeName: aws.String("someOtherAttribute"), Enabled: aws.Bool(true),
					},
				})
				if err != nil {
					t.Fatal(err)
				}
			},
			want: "it exists with TTL on someOtherAttribute",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, ttl := templateInput(t, uniqueTable(t, client, "stale"))
			if ttl == "" {
				ttl = "expiresAt"
			}
			tt.create(t, in)
			err := ensureTable(t.Context(), client, in, ttl)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "restart DynamoDB Local") {
				t.Errorf("ensureTable on a stale table: %v, want %q and advice to restart DynamoDB Local", err, tt.want)
			}
		})
	}
}

// templateInput returns the CreateTableInput and TTL attribute template.yaml declares for table.
func templateInput(t *testing.T, table string) (*dynamodb.CreateTableInput, string) {
	t.Helper()
	tpl, err := samtemplate.Load("../../../template.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in, err := tpl.TableInput("Table", table)
	if err != nil {
		t.Fatal(err)
	}
	ttl, _ := tpl.TTLAttribute("Table")
	return in, ttl
}

// uniqueTable names a table of the test's own and deletes it afterwards: tables with streams
// slow DynamoDB Local down for every later test.
func uniqueTable(t *testing.T, client *dynamodb.Client, purpose string) string {
	t.Helper()
	name := fmt.Sprintf("dynamotest-%s-%d", purpose, time.Now().UnixNano())
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_, _ = client.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return name
}

func indexOf(gsis []types.GlobalSecondaryIndexDescription, name string) int {
	for i, g := range gsis {
		if aws.ToString(g.IndexName) == name {
			return i
		}
	}
	return -1
}

func keys(ks []types.KeySchemaElement) []string {
	var out []string
	for _, k := range ks {
		out = append(out, aws.ToString(k.AttributeName)+" "+string(k.KeyType))
	}
	return out
}
