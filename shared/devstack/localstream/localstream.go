// Package localstream stands in for Lambda's DynamoDB event source mapping on a developer's
// machine: it polls a table's stream (DescribeStream, GetShardIterator, GetRecords), applies each
// function's FilterCriteria, delivers batches as events.DynamoDBEvent to the same handler code the
// Lambda functions run, and redelivers the records a handler reports as failed.
package localstream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/paxscreen/paxscreen/shared/devstack/samtemplate"
	"github.com/paxscreen/paxscreen/shared/stream"
)

// Handler is a Lambda handler for DynamoDB stream events.
type Handler func(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error)

// Target is one function subscribed to the stream, as template.yaml declares it.
type Target struct {
	Function   string
	Handler    Handler
	Filters    []Pattern // any match delivers the record; none means every record
	BatchSize  int
	MaxRetries int // attempts after the first before a record is given up, like MaximumRetryAttempts
}

// Streams is the part of the DynamoDB Streams client the poller uses.
type Streams interface {
	DescribeStream(context.Context, *dynamodbstreams.DescribeStreamInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error)
	GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error)
	GetRecords(context.Context, *dynamodbstreams.GetRecordsInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error)
}

// Poller reads one stream and feeds its targets. Each target reads the stream on its own, with
// iterators of its own, as each Lambda event source mapping does: a target retrying a failing
// record (notify during an SNS outage) never holds up another (score).
type Poller struct {
	Client    Streams
	StreamARN string
	Targets   []Target
	Interval  time.Duration
	// Log receives what happened to each batch; nil for nothing.
	Log func(format string, args ...any)

	mu      sync.Mutex
	readers map[string]*reader // by target function
}

// reader is one target's position in the stream.
type reader struct {
	mu        sync.Mutex
	iterators map[string]*string // shard id -> next iterator; nil once the shard is closed and read
}

func (p *Poller) logf(format string, args ...any) {
	if p.Log != nil {
		p.Log(format, args...)
	}
}

func (p *Poller) reader(fn string) *reader {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.readers == nil {
		p.readers = map[string]*reader{}
	}
	r, ok := p.readers[fn]
	if !ok {
		r = &reader{iterators: map[string]*string{}}
		p.readers[fn] = r
	}
	return r
}

// Run polls until ctx ends, every target on its own.
func (p *Poller) Run(ctx context.Context) error {
	if p.Interval <= 0 {
		p.Interval = 250 * time.Millisecond
	}
	var wg sync.WaitGroup
	for _, t := range p.Targets {
		wg.Go(func() {
			tick := time.NewTicker(p.Interval)
			defer tick.Stop()
			for {
				if err := p.pollTarget(ctx, t); err != nil && ctx.Err() == nil {
					p.logf("%s: stream poll failed: %v", t.Function, err)
				}
				select {
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		})
	}
	wg.Wait()
	return nil
}

// Poll reads every shard once for every target and delivers what it finds.
func (p *Poller) Poll(ctx context.Context) error {
	var errs []error
	for _, t := range p.Targets {
		if err := p.pollTarget(ctx, t); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", t.Function, err))
		}
	}
	return errors.Join(errs...)
}

func (p *Poller) pollTarget(ctx context.Context, t Target) error {
	r := p.reader(t.Function)
	r.mu.Lock()
	defer r.mu.Unlock()
	desc, err := p.Client.DescribeStream(ctx, &dynamodbstreams.DescribeStreamInput{StreamArn: &p.StreamARN})
	if err != nil {
		return fmt.Errorf("describe stream: %w", err)
	}
	for _, sh := range desc.StreamDescription.Shards {
		id := aws.ToString(sh.ShardId)
		if _, known := r.iterators[id]; !known {
			it, err := p.Client.GetShardIterator(ctx, &dynamodbstreams.GetShardIteratorInput{
				StreamArn: &p.StreamARN, ShardId: sh.ShardId, ShardIteratorType: streamtypes.ShardIteratorTypeTrimHorizon})
			if err != nil {
				return fmt.Errorf("shard iterator %s: %w", id, err)
			}
			r.iterators[id] = it.ShardIterator
		}
		for r.iterators[id] != nil {
			out, err := p.Client.GetRecords(ctx, &dynamodbstreams.GetRecordsInput{ShardIterator: r.iterators[id], Limit: aws.Int32(100)})
			if err != nil {
				var expired *streamtypes.ExpiredIteratorException
				if errors.As(err, &expired) {
					delete(r.iterators, id)
				}
				return fmt.Errorf("get records %s: %w", id, err)
			}
			r.iterators[id] = out.NextShardIterator
			if len(out.Records) == 0 {
				break
			}
			recs := make([]events.DynamoDBEventRecord, 0, len(out.Records))
			for _, rec := range out.Records {
				ev, err := convert(rec)
				if err != nil {
					p.logf("stream record %s unreadable: %v", aws.ToString(rec.EventID), err)
					continue
				}
				recs = append(recs, ev)
			}
			p.deliver(ctx, t, recs)
		}
	}
	return nil
}

// backoff is the pause before retry attempt n (1, 2, ...): 200 ms doubling up to 5 s.
func backoff(n int) time.Duration {
	return min(200*time.Millisecond<<min(n-1, 5), 5*time.Second)
}

// deliver runs a target over the records its filters pass, in batches, retrying from the first
// failed record with exponential backoff until MaxRetries, as the event source mapping would;
// what is given up is what the on-failure destination would receive, and the rescan repairs.
func (p *Poller) deliver(ctx context.Context, t Target, recs []events.DynamoDBEventRecord) {
	var pass []events.DynamoDBEventRecord
	for _, r := range recs {
		if Matches(t.Filters, r) {
			pass = append(pass, r)
		}
	}
	size := t.BatchSize
	if size <= 0 {
		size = 100
	}
	for len(pass) > 0 {
		batch := pass[:min(size, len(pass))]
		pass = pass[len(batch):]
		for attempt := 0; len(batch) > 0; attempt++ {
			if attempt > 0 {
				if attempt > t.MaxRetries {
					p.logf("%s: record %s given up after %d retries (the on-failure destination would receive it; the rescan repairs it)",
						t.Function, batch[0].Change.SequenceNumber, t.MaxRetries)
					// Like Lambda with BisectBatchOnFunctionError and ReportBatchItemFailures: the
					// failing record goes, the ones after it are tried afresh.
					batch, attempt = batch[1:], 0
					if len(batch) == 0 {
						break
					}
				} else {
					select {
					case <-ctx.Done():
						return
					case <-time.After(backoff(attempt)):
					}
				}
			}
			resp, err := t.Handler(ctx, events.DynamoDBEvent{Records: batch})
			if err != nil {
				p.logf("%s: batch of %d failed: %v", t.Function, len(batch), err)
				continue
			}
			failed := map[string]bool{}
			for _, f := range resp.BatchItemFailures {
				failed[f.ItemIdentifier] = true
			}
			// Lambda resumes from the lowest failed sequence number: that record and every later
			// one in the batch come again.
			next := batch[:0:0]
			redo := false
			for _, r := range batch {
				redo = redo || failed[r.Change.SequenceNumber]
				if redo {
					next = append(next, r)
				}
			}
			if len(next) > 0 {
				p.logf("%s: %d of %d records failed; retrying", t.Function, len(next), len(batch))
			}
			batch = next
		}
	}
}

func convert(r streamtypes.Record) (events.DynamoDBEventRecord, error) {
	sr := r.Dynamodb
	if sr == nil {
		return events.DynamoDBEventRecord{}, errors.New("record without data")
	}
	image := func(m map[string]streamtypes.AttributeValue) (map[string]events.DynamoDBAttributeValue, error) {
		if m == nil {
			return nil, nil
		}
		sdk, err := attributevalue.FromDynamoDBStreamsMap(m)
		if err != nil {
			return nil, err
		}
		return stream.FromSDK(sdk), nil
	}
	keys, err := image(sr.Keys)
	if err != nil {
		return events.DynamoDBEventRecord{}, err
	}
	newImage, err := image(sr.NewImage)
	if err != nil {
		return events.DynamoDBEventRecord{}, err
	}
	oldImage, err := image(sr.OldImage)
	if err != nil {
		return events.DynamoDBEventRecord{}, err
	}
	rec := events.DynamoDBEventRecord{
		AWSRegion:    aws.ToString(r.AwsRegion),
		EventID:      aws.ToString(r.EventID),
		EventName:    string(r.EventName),
		EventSource:  "aws:dynamodb",
		EventVersion: aws.ToString(r.EventVersion),
		Change: events.DynamoDBStreamRecord{
			Keys: keys, NewImage: newImage, OldImage: oldImage,
			SequenceNumber: aws.ToString(sr.SequenceNumber), SizeBytes: aws.ToInt64(sr.SizeBytes), StreamViewType: string(sr.StreamViewType),
		},
	}
	if sr.ApproximateCreationDateTime != nil {
		rec.Change.ApproximateCreationDateTime = events.SecondsEpochTime{Time: *sr.ApproximateCreationDateTime}
	}
	if r.UserIdentity != nil {
		rec.UserIdentity = &events.DynamoDBUserIdentity{Type: aws.ToString(r.UserIdentity.Type), PrincipalID: aws.ToString(r.UserIdentity.PrincipalId)}
	}
	return rec, nil
}

// Pattern is one Lambda event filter pattern, parsed.
type Pattern map[string]any

// ParsePattern reads a FilterCriteria pattern string.
func ParsePattern(s string) (Pattern, error) {
	var p Pattern
	if err := json.Unmarshal([]byte(s), &p); err != nil {
		return nil, fmt.Errorf("filter pattern: %w", err)
	}
	return p, nil
}

// Matches reports whether any pattern matches the record (every record when there are none).
// It implements the parts of Lambda's filter syntax a stream filter needs: nested objects, lists
// of exact values, and {"exists": bool}, {"prefix": s}, {"anything-but": [...]}.
func Matches(patterns []Pattern, rec events.DynamoDBEventRecord) bool {
	if len(patterns) == 0 {
		return true
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return false
	}
	var doc map[string]any
	if json.Unmarshal(b, &doc) != nil {
		return false
	}
	for _, p := range patterns {
		if matchObject(p, doc) {
			return true
		}
	}
	return false
}

func matchObject(pattern map[string]any, doc map[string]any) bool {
	for k, want := range pattern {
		got, present := doc[k]
		switch w := want.(type) {
		case map[string]any:
			sub, ok := got.(map[string]any)
			if !ok || !matchObject(w, sub) {
				return false
			}
		case []any:
			if !matchValues(w, got, present) {
				return false
			}
		default:
			return false // Lambda accepts only objects and arrays here
		}
	}
	return true
}

func matchValues(options []any, got any, present bool) bool {
	for _, o := range options {
		switch rule := o.(type) {
		case map[string]any:
			if v, ok := rule["exists"].(bool); ok && v == present {
				return true
			}
			if pre, ok := rule["prefix"].(string); ok {
				if s, isStr := got.(string); isStr && strings.HasPrefix(s, pre) {
					return true
				}
			}
			if but, ok := rule["anything-but"].([]any); ok && present && !contains(but, got) {
				return true
			}
		default:
			if present && equal(rule, got) {
				return true
			}
		}
	}
	return false
}

func contains(xs []any, v any) bool {
	for _, x := range xs {
		if equal(x, v) {
			return true
		}
	}
	return false
}

func equal(a, b any) bool {
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// TemplateReader is the part of samtemplate the poller's set-up reads.
type TemplateReader interface {
	Functions() []samtemplate.Function
}

// TargetsFromTemplate builds a target for every DynamoDB event of every function in the template
// that handlers names, with the event's FilterCriteria, BatchSize and MaximumRetryAttempts. A
// function with a DynamoDB event and no handler is an error: the local stack must run what would
// be deployed.
func TargetsFromTemplate(tpl TemplateReader, handlers map[string]Handler) ([]Target, error) {
	var out []Target
	for _, fn := range tpl.Functions() {
		for name, ev := range fn.Events {
			if ev.Type != "DynamoDB" {
				continue
			}
			h, ok := handlers[fn.LogicalID]
			if !ok {
				return nil, fmt.Errorf("template.yaml subscribes %s to the table stream, which paxscreen has no handler for", fn.LogicalID)
			}
			t := Target{Function: fn.LogicalID, Handler: h, BatchSize: intOf(ev.Properties["BatchSize"], 100), MaxRetries: intOf(ev.Properties["MaximumRetryAttempts"], 3)}
			fc, _ := ev.Properties["FilterCriteria"].(map[string]any)
			filters, _ := fc["Filters"].([]any)
			for _, f := range filters {
				pat, _ := f.(map[string]any)["Pattern"].(string)
				p, err := ParsePattern(pat)
				if err != nil {
					return nil, fmt.Errorf("%s event %s: %w", fn.LogicalID, name, err)
				}
				t.Filters = append(t.Filters, p)
			}
			out = append(out, t)
		}
	}
	return out, nil
}

func intOf(v any, def int) int {
	switch n := v.(type) {
	case int:
		return n
	case float64:
		return int(n)
	case int64:
		return int(n)
	}
	return def
}
