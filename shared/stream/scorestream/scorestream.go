// Package scorestream is the score function's stream handler: it reads the manifest header
// images the table's stream delivers, has the scoring service assess each, and reports the
// records that failed, so that the service itself knows nothing of streams or attribute values.
package scorestream

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/stream"
)

// Scorer assesses one manifest version, idempotently (scoring.Service).
type Scorer interface {
	Score(ctx context.Context, id string, version int) (scoring.Outcome, *rules.Assessment, error)
}

// Handler is the score function: it scores the manifest headers its stream filter lets through
// (PENDING ones) and reports failed records by sequence number.
type Handler struct {
	Service Scorer
	Log     *slog.Logger
	// Timeout bounds one attempt at a record, so one slow manifest cannot eat a whole batch's time.
	Timeout time.Duration
	// Retry is how long a failing record is retried in-process, with backoff, before the batch
	// stops at it (see stream.EachRetrying); 0 for no in-process retry.
	Retry time.Duration
}

// Handle is the Lambda entry point.
func (h *Handler) Handle(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	return stream.EachRetrying(ctx, ev, h.Log, h.record, h.Retry), nil
}

func (h *Handler) record(ctx context.Context, rec events.DynamoDBEventRecord, img map[string]types.AttributeValue) error {
	if rec.EventName == "REMOVE" {
		return nil
	}
	var head struct {
		ID      string `dynamodbav:"id"`
		Version int    `dynamodbav:"version"`
		Type    string `dynamodbav:"type"`
	}
	if err := attributevalue.UnmarshalMap(img, &head); err != nil {
		return stream.Permanent(fmt.Errorf("read header image: %w", err))
	}
	if head.Type != "MANIFEST" || head.ID == "" || head.Version < 1 {
		return stream.Permanent(fmt.Errorf("record is not a manifest header (type %q)", head.Type))
	}
	if h.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.Timeout)
		defer cancel()
	}
	out, a, err := h.Service.Score(ctx, head.ID, head.Version)
	if errors.Is(err, paxscreen.ErrNotFound) {
		return stream.Permanent(err) // read consistently: it is gone, not late
	}
	if err != nil {
		return err
	}
	args := []any{"manifestId", head.ID, "version", head.Version, "outcome", string(out)}
	if a != nil {
		args = append(args, "level", a.Level, "score", a.Score, "hits", len(a.Hits))
	}
	h.Log.InfoContext(ctx, "manifest scored", args...)
	return nil
}
