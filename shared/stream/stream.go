// Package stream is the glue between DynamoDB stream events and the SDK: it converts the
// aws-lambda-go image type to SDK v2 attribute values (the SDK's own converter module is not
// available), and runs a batch with partial failures reported by sequence number.
package stream

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ToSDK converts a stream image to SDK attribute values.
func ToSDK(img map[string]events.DynamoDBAttributeValue) (map[string]types.AttributeValue, error) {
	out := make(map[string]types.AttributeValue, len(img))
	for k, v := range img {
		av, err := value(v)
		if err != nil {
			return nil, fmt.Errorf("attribute %s: %w", k, err)
		}
		out[k] = av
	}
	return out, nil
}

func value(v events.DynamoDBAttributeValue) (types.AttributeValue, error) {
	switch v.DataType() {
	case events.DataTypeString:
		return &types.AttributeValueMemberS{Value: v.String()}, nil
	case events.DataTypeNumber:
		return &types.AttributeValueMemberN{Value: v.Number()}, nil
	case events.DataTypeBinary:
		return &types.AttributeValueMemberB{Value: v.Binary()}, nil
	case events.DataTypeBoolean:
		return &types.AttributeValueMemberBOOL{Value: v.Boolean()}, nil
	case events.DataTypeNull:
		return &types.AttributeValueMemberNULL{Value: true}, nil
	case events.DataTypeStringSet:
		return &types.AttributeValueMemberSS{Value: v.StringSet()}, nil
	case events.DataTypeNumberSet:
		return &types.AttributeValueMemberNS{Value: v.NumberSet()}, nil
	case events.DataTypeBinarySet:
		return &types.AttributeValueMemberBS{Value: v.BinarySet()}, nil
	case events.DataTypeList:
		list := v.List()
		out := make([]types.AttributeValue, len(list))
		for i, e := range list {
			av, err := value(e)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = av
		}
		return &types.AttributeValueMemberL{Value: out}, nil
	case events.DataTypeMap:
		m, err := ToSDK(v.Map())
		if err != nil {
			return nil, err
		}
		return &types.AttributeValueMemberM{Value: m}, nil
	}
	return nil, fmt.Errorf("unknown attribute type %d", v.DataType())
}

// FromSDK converts SDK attribute values to a stream image: what the local poller hands to
// handlers, as Lambda would.
func FromSDK(item map[string]types.AttributeValue) map[string]events.DynamoDBAttributeValue {
	out := make(map[string]events.DynamoDBAttributeValue, len(item))
	for k, v := range item {
		out[k] = fromSDK(v)
	}
	return out
}

func fromSDK(v types.AttributeValue) events.DynamoDBAttributeValue {
	switch t := v.(type) {
	case *types.AttributeValueMemberS:
		return events.NewStringAttribute(t.Value)
	case *types.AttributeValueMemberN:
		return events.NewNumberAttribute(t.Value)
	case *types.AttributeValueMemberB:
		return events.NewBinaryAttribute(t.Value)
	case *types.AttributeValueMemberBOOL:
		return events.NewBooleanAttribute(t.Value)
	case *types.AttributeValueMemberNULL:
		return events.NewNullAttribute()
	case *types.AttributeValueMemberSS:
		return events.NewStringSetAttribute(t.Value)
	case *types.AttributeValueMemberNS:
		return events.NewNumberSetAttribute(t.Value)
	case *types.AttributeValueMemberBS:
		return events.NewBinarySetAttribute(t.Value)
	case *types.AttributeValueMemberL:
		l := make([]events.DynamoDBAttributeValue, len(t.Value))
		for i, e := range t.Value {
			l[i] = fromSDK(e)
		}
		return events.NewListAttribute(l)
	case *types.AttributeValueMemberM:
		return events.NewMapAttribute(FromSDK(t.Value))
	}
	return events.NewNullAttribute()
}

// RecordFunc handles one record with its new image already converted.
type RecordFunc func(ctx context.Context, rec events.DynamoDBEventRecord, image map[string]types.AttributeValue) error

// Each runs fn on the records in order and stops at the first that fails, reporting it and every
// record after it by sequence number. Lambda resumes a shard from the lowest failed sequence
// number, so the later records come again anyway; running them now would let a newer image
// overtake an older one on its retry, and a success reported past a failure is not one.
func Each(ctx context.Context, ev events.DynamoDBEvent, log *slog.Logger, fn RecordFunc) events.DynamoDBEventResponse {
	return EachRetrying(ctx, ev, log, fn, 0)
}

// permanent marks an error that no retry can cure (a record of the wrong shape).
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// Permanent wraps err so that EachRetrying does not retry the record in-process; the event
// source mapping still sees it fail and gives it up after its own retries.
func Permanent(err error) error { return permanent{err} }

// retryGap bounds the pause between in-process attempts at one record.
const retryGap = 3 * time.Second

// EachRetrying is Each with in-process retries: a failing record is tried again with
// exponential backoff (100 ms doubling to 3 s) for up to budget, or until ctx's deadline is near,
// before the batch stops at it. The event source mapping retries a failed batch at once, so this
// is where a short outage is waited out; with MaximumRetryAttempts N a record survives an
// outage of about (N+1) × budget. A Permanent error is not retried here.
func EachRetrying(ctx context.Context, ev events.DynamoDBEvent, log *slog.Logger, fn RecordFunc, budget time.Duration) events.DynamoDBEventResponse {
	resp := events.DynamoDBEventResponse{BatchItemFailures: []events.DynamoDBBatchItemFailure{}}
	for i, rec := range ev.Records {
		err := retrying(ctx, budget, func() error { return once(ctx, rec, fn) })
		if err == nil {
			continue
		}
		log.ErrorContext(ctx, "stream record failed; it and the records after it are retried", "eventId", rec.EventID,
			"sequenceNumber", rec.Change.SequenceNumber, "after", len(ev.Records)-i-1, "error", err.Error())
		for _, r := range ev.Records[i:] {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: r.Change.SequenceNumber})
		}
		break
	}
	return resp
}

func once(ctx context.Context, rec events.DynamoDBEventRecord, fn RecordFunc) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Permanent(fmt.Errorf("panic: %v", p))
		}
	}()
	img, err := ToSDK(rec.Change.NewImage)
	if err != nil {
		return Permanent(fmt.Errorf("convert image: %w", err))
	}
	return fn(ctx, rec, img)
}

func retrying(ctx context.Context, budget time.Duration, try func() error) error {
	end := time.Now().Add(budget)
	if dl, ok := ctx.Deadline(); ok && dl.Add(-time.Second).Before(end) {
		end = dl.Add(-time.Second) // leave time to answer
	}
	gap := 100 * time.Millisecond
	for {
		err := try()
		var p permanent
		if err == nil || errors.As(err, &p) || time.Now().Add(gap).After(end) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(gap):
		}
		gap = min(2*gap, retryGap)
	}
}
