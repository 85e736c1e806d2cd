package localstream_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodbstreams"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"

	"github.com/paxscreen/paxscreen/shared/devstack/localstream"
)

// oneShard is a stream with one shard holding three records.
type oneShard struct{}

func (oneShard) DescribeStream(context.Context, *dynamodbstreams.DescribeStreamInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.DescribeStreamOutput, error) {
	return &dynamodbstreams.DescribeStreamOutput{StreamDescription: &streamtypes.StreamDescription{Shards: []streamtypes.Shard{{ShardId: aws.String("s1")}}}}, nil
}

func (oneShard) GetShardIterator(context.Context, *dynamodbstreams.GetShardIteratorInput, ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetShardIteratorOutput, error) {
	return &dynamodbstreams.GetShardIteratorOutput{ShardIterator: aws.String("start")}, nil
}

func (oneShard) GetRecords(_ context.Context, in *dynamodbstreams.GetRecordsInput, _ ...func(*dynamodbstreams.Options)) (*dynamodbstreams.GetRecordsOutput, error) {
	if aws.ToString(in.ShardIterator) != "start" {
		return &dynamodbstreams.GetRecordsOutput{NextShardIterator: aws.String("end")}, nil
	}
	var recs []streamtypes.Record
	for _, seq := range []string{"1", "2", "3"} {
		recs = append(recs, streamtypes.Record{EventName: streamtypes.OperationTypeInsert, Dynamodb: &streamtypes.StreamRecord{
			SequenceNumber: aws.String(seq), NewImage: map[string]streamtypes.AttributeValue{"k": &streamtypes.AttributeValueMemberS{Value: seq}}}})
	}
	return &dynamodbstreams.GetRecordsOutput{Records: recs, NextShardIterator: aws.String("end")}, nil
}

// TestAFailingTargetHoldsUpNoOther: notify failing for good (an SNS outage) must not delay
// scoring, which reads the stream on its own as its own event source mapping would.
func TestAFailingTargetHoldsUpNoOther(t *testing.T) {
	var notifyCalls, scored atomic.Int64
	scoredAt := make(chan time.Duration, 1)
	start := time.Now()
	failing := func(_ context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
		notifyCalls.Add(1)
		var resp events.DynamoDBEventResponse
		for _, r := range ev.Records {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: r.Change.SequenceNumber})
		}
		return resp, nil
	}
	score := func(_ context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
		if scored.Add(int64(len(ev.Records))) == 3 {
			scoredAt <- time.Since(start)
		}
		return events.DynamoDBEventResponse{}, nil
	}
	p := &localstream.Poller{Client: oneShard{}, StreamARN: "arn", Interval: 20 * time.Millisecond, Targets: []localstream.Target{
		{Function: "NotifyFunction", Handler: failing, MaxRetries: 3}, // backoff 0.2+0.4+0.8 s before giving up
		{Function: "ScoreFunction", Handler: score, MaxRetries: 3},
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	go p.Run(ctx)
	select {
	case d := <-scoredAt:
		// Notify is still retrying its first record (it gives up only after 1.4 s of backoff).
		if n := notifyCalls.Load(); n >= 4 {
			t.Errorf("scoring waited for notify to give up (%d notify calls, scored after %s)", n, d)
		}
	case <-ctx.Done():
		t.Fatal("scoring never got its records")
	}
	// Each failing record is retried MaxRetries times, then given up, and the next one tried:
	// 3 records × 4 calls.
	deadline := time.Now().Add(8 * time.Second)
	for notifyCalls.Load() < 12 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond) // nothing more comes
	if n := notifyCalls.Load(); n != 12 {
		t.Errorf("notify called %d times, want 12 (3 records, each tried once and retried 3 times)", n)
	}
}
