// Package dynamotest gives integration tests a DynamoDB client and a table on the DynamoDB
// Local that scripts/emulators.sh starts (sourcing its env file sets AWS_ENDPOINT_URL_DYNAMODB).
//
// Every test shares one table, created once per test process from the Table resource of the
// repository's template.yaml, and keeps its data apart by unique keys: each stream-enabled table
// slows DynamoDB Local down, so a table per test would make the suite crawl.
package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
)

const (
	// EndpointEnv is the variable the AWS SDK reads the DynamoDB endpoint from.
	EndpointEnv = "AWS_ENDPOINT_URL_DYNAMODB"
	// TableEnv names the shared test table; DefaultTable when unset.
	TableEnv = "PAXSCREEN_TEST_TABLE"
	// DefaultTable is the shared test table's name when TableEnv is unset.
	DefaultTable = "paxscreen-test"
	// DefaultRegion is the region used when AWS_REGION is unset. DynamoDB Local keeps a separate
	// set of tables per region, so every process of a test run must agree on it.
	DefaultRegion = "eu-west-1"

	// templateResource is the logical ID of the table in template.yaml.
	templateResource = "Table"
	notRunning       = "DynamoDB Local is not running: AWS_ENDPOINT_URL_DYNAMODB is unset; run tests with `make test` which starts it"
	setupTimeout     = time.Minute
)

// Client returns a client for DynamoDB Local. When AWS_ENDPOINT_URL_DYNAMODB is unset the test
// is skipped, or fails when CI is set: on CI a missing emulator is a broken pipeline, not a
// reason to pass without testing.
func Client(t testing.TB) *dynamodb.Client {
	t.Helper()
	if os.Getenv(EndpointEnv) == "" {
		if os.Getenv("CI") != "" {
			t.Fatal(notRunning)
		}
		t.Skip(notRunning)
	}
	client, err := newClient(context.Background())
	if err != nil {
		t.Fatalf("dynamotest: %v", err)
	}
	return client
}

func newClient(ctx context.Context) (*dynamodb.Client, error) {
	region := os.Getenv("AWS_REGION")
	if region == "" {
		region = DefaultRegion
	}
	// Static credentials, because DynamoDB Local keeps tables per access key as well as per
	// region, and a developer's own AWS profile must never be what a test runs with.
	cfg, err := config.LoadDefaultConfig(ctx,
		config.WithRegion(region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("local", "local", "")),
	)
	if err != nil {
		return nil, fmt.Errorf("loading AWS config: %w", err)
	}
	return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
		// DynamoDB Local sends no X-Amz-Crc32 header on error responses, and the SDK then logs
		// "failed to close HTTP response body" for every expected error (a conditional check
		// failing, a table already existing): noise that buries real test output.
		o.DisableValidateResponseChecksum = true
	}), nil
}

// shared is the outcome of creating the shared table, reached once per process.
var shared struct {
	once  sync.Once
	table string
	err   error
}

// Table returns a client and the name of the shared test table (PAXSCREEN_TEST_TABLE, default
// paxscreen-test), creating the table from template.yaml the first time a process asks. Tests
// must keep their items apart by key, for instance by a unique ID in every partition key.
func Table(t testing.TB) (client *dynamodb.Client, table string) {
	t.Helper()
	client = Client(t)
	shared.once.Do(func() {
		shared.table = os.Getenv(TableEnv)
		if shared.table == "" {
			shared.table = DefaultTable
		}
		ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
		defer cancel()
		shared.err = setUp(ctx, client, shared.table)
	})
	if shared.err != nil {
		t.Fatalf("dynamotest: table %s: %v", shared.table, shared.err)
	}
	return client, shared.table
}

// OwnTable creates a table of the test's own, deleted when the test ends, for a test that must
// read the table's stream without seeing other tests' writes. Use sparingly: every stream-enabled
// table slows DynamoDB Local down.
func OwnTable(t testing.TB, prefix string) (client *dynamodb.Client, table string) {
	t.Helper()
	client = Client(t)
	table = prefix + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	ctx, cancel := context.WithTimeout(context.Background(), setupTimeout)
	defer cancel()
	if err := setUp(ctx, client, table); err != nil {
		t.Fatalf("dynamotest: table %s: %v", table, err)
	}
	t.Cleanup(func() {
		client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: &table})
	})
	return client, table
}

func setUp(ctx context.Context, client *dynamodb.Client, table string) error {
	path, err := findTemplate()
	if err != nil {
		return err
	}
	tpl, err := samtemplate.Load(path)
	if err != nil {
		return err
	}
	in, err := tpl.TableInput(templateResource, table)
	if err != nil {
		return err
	}
	ttl, ttlEnabled := tpl.TTLAttribute(templateResource)
	if !ttlEnabled {
		ttl = ""
	}
	return ensureTable(ctx, client, in, ttl)
}

// ensureTable creates the table unless it exists, waits until it is ACTIVE and checks that it
// is the table the template declares. Several test processes (go test runs one per package) race
// to create it: the losers get ResourceInUseException and wait like everyone else.
func ensureTable(ctx context.Context, client *dynamodb.Client, in *dynamodb.CreateTableInput, ttlAttribute string) error {
	_, err := client.CreateTable(ctx, in)
	var inUse *types.ResourceInUseException
	if err != nil && !errors.As(err, &inUse) {
		return fmt.Errorf("creating: %w", err)
	}
	desc, err := waitActive(ctx, client, *in.TableName)
	if err != nil {
		return err
	}
	// A table left by an earlier run of a long-lived emulator may predate a change to
	// template.yaml; testing against it would test the old design.
	if err := sameShape(desc, in); err != nil {
		return stale(err)
	}
	if ttlAttribute == "" {
		return nil
	}
	return ensureTTL(ctx, client, *in.TableName, ttlAttribute)
}

// ensureTTL enables time to live on attr unless it is already. DynamoDB Local accepts the
// setting but never expires items; setting it keeps DescribeTimeToLive truthful for code that
// reads it.
func ensureTTL(ctx context.Context, client *dynamodb.Client, table, attr string) error {
	// The second round covers losing the race to another process between describe and update.
	for range 2 {
		out, err := client.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
		if err != nil {
			return fmt.Errorf("describing TTL: %w", err)
		}
		if d := out.TimeToLiveDescription; d != nil &&
			(d.TimeToLiveStatus == types.TimeToLiveStatusEnabled || d.TimeToLiveStatus == types.TimeToLiveStatusEnabling) {
			if got := aws.ToString(d.AttributeName); got != attr {
				return stale(fmt.Errorf("it exists with TTL on %s, template.yaml declares %s", got, attr))
			}
			return nil
		}
		_, err = client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
			TableName: aws.String(table),
			TimeToLiveSpecification: &types.TimeToLiveSpecification{
				AttributeName: aws.String(attr),
				Enabled:       aws.Bool(true),
			},
		})
		if err == nil {
			return nil
		}
		var apiErr interface{ ErrorCode() string }
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ValidationException" {
			return fmt.Errorf("enabling TTL on %s: %w", attr, err)
		}
	}
	return fmt.Errorf("enabling TTL on %s: it stays disabled", attr)
}

func stale(err error) error {
	return fmt.Errorf("%w; restart DynamoDB Local (scripts/emulators.sh stop dynamodb && scripts/emulators.sh start dynamodb) to recreate it", err)
}

func waitActive(ctx context.Context, client *dynamodb.Client, table string) (*types.TableDescription, error) {
	for {
		out, err := client.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		var notFound *types.ResourceNotFoundException
		switch {
		case errors.As(err, &notFound):
			// The winner of the creation race has not registered it yet.
		case err != nil:
			return nil, fmt.Errorf("describing: %w", err)
		case tableActive(out.Table):
			return out.Table, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for it to become ACTIVE: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func tableActive(d *types.TableDescription) bool {
	if d.TableStatus != types.TableStatusActive {
		return false
	}
	for _, g := range d.GlobalSecondaryIndexes {
		if g.IndexStatus != types.IndexStatusActive {
			return false
		}
	}
	return true
}

// sameShape reports how an existing table differs from the one the template declares, in what
// tests depend on: keys, secondary indexes and stream.
func sameShape(desc *types.TableDescription, in *dynamodb.CreateTableInput) error {
	if !sameKeys(desc.KeySchema, in.KeySchema) {
		return errors.New("it exists with another key schema than template.yaml declares")
	}
	have := make(map[string][]types.KeySchemaElement)
	for _, g := range desc.GlobalSecondaryIndexes {
		have[aws.ToString(g.IndexName)] = g.KeySchema
	}
	for _, g := range in.GlobalSecondaryIndexes {
		keys, ok := have[aws.ToString(g.IndexName)]
		if !ok || !sameKeys(keys, g.KeySchema) {
			return fmt.Errorf("it exists without index %s as template.yaml declares it", aws.ToString(g.IndexName))
		}
	}
	if len(desc.GlobalSecondaryIndexes) != len(in.GlobalSecondaryIndexes) {
		return errors.New("it exists with other global secondary indexes than template.yaml declares")
	}
	wantStream, haveStream := in.StreamSpecification, desc.StreamSpecification
	switch {
	case wantStream == nil && haveStream != nil && aws.ToBool(haveStream.StreamEnabled):
		return errors.New("it exists with a stream that template.yaml does not declare")
	case wantStream != nil && (haveStream == nil || !aws.ToBool(haveStream.StreamEnabled) || haveStream.StreamViewType != wantStream.StreamViewType):
		return fmt.Errorf("it exists without the %s stream that template.yaml declares", wantStream.StreamViewType)
	}
	return nil
}

func sameKeys(a, b []types.KeySchemaElement) bool {
	return slices.EqualFunc(a, b, func(x, y types.KeySchemaElement) bool {
		return aws.ToString(x.AttributeName) == aws.ToString(y.AttributeName) && x.KeyType == y.KeyType
	})
}

// findTemplate returns the template.yaml beside the go.mod that encloses the working directory,
// which go test sets to the package under test.
func findTemplate() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			path := filepath.Join(dir, "template.yaml")
			if _, err := os.Stat(path); err != nil {
				return "", fmt.Errorf("module root %s has no template.yaml: %w", dir, err)
			}
			return path, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory, so no template.yaml")
		}
		dir = parent
	}
}
