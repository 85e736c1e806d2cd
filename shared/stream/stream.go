// Package stream is the glue between DynamoDB stream events and the SDK: it converts the
// aws-lambda-go image type to SDK v2 attribute values (the SDK's own converter module is not
// available), and runs a batch with partial failures reported by sequence number.
package stream

import (
	"context"
	"fmt"
	"log/slog"

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

// Each runs fn on every record and reports the ones that failed by their sequence number, which
// is what Lambda expects of ReportBatchItemFailures: a poison record fails alone, and Lambda
// retries from the lowest failed record.
func Each(ctx context.Context, ev events.DynamoDBEvent, log *slog.Logger, fn RecordFunc) events.DynamoDBEventResponse {
	resp := events.DynamoDBEventResponse{BatchItemFailures: []events.DynamoDBBatchItemFailure{}}
	for _, rec := range ev.Records {
		err := func() (err error) {
			defer func() {
				if p := recover(); p != nil {
					err = fmt.Errorf("panic: %v", p)
				}
			}()
			img, err := ToSDK(rec.Change.NewImage)
			if err != nil {
				return fmt.Errorf("convert image: %w", err)
			}
			return fn(ctx, rec, img)
		}()
		if err != nil {
			log.Error("stream record failed", "eventId", rec.EventID, "sequenceNumber", rec.Change.SequenceNumber, "error", err.Error())
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.DynamoDBBatchItemFailure{ItemIdentifier: rec.Change.SequenceNumber})
		}
	}
	return resp
}
