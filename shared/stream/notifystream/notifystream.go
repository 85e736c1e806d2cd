// Package notifystream is the notify function's stream handler: it reads the assessment items
// and decision audit entries the table's stream delivers, has the notify service alert on each,
// and reports the records that failed, so that the service itself knows nothing of streams.
package notifystream

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/stream"
)

// Notifier alerts reviewers on an assessment or a decision, once each (notify.Service).
type Notifier interface {
	Notify(ctx context.Context, id string, seq int) (notify.Outcome, *alert.Decision, error)
	NotifyDecision(ctx context.Context, id, key, decision string) (notify.Outcome, error)
}

// Handler is the notify function: it sees new assessment items and decision audit entries (its
// stream filter) and reports failed records by sequence number.
type Handler struct {
	Service Notifier
	Log     *slog.Logger
	// Retry is how long a failing record is retried in-process, with backoff, before the batch
	// stops at it (see stream.EachRetrying); 0 for no in-process retry.
	Retry time.Duration
	// Timeout bounds one attempt at a record, so a stalled SNS or table fails the attempt
	// instead of hanging the invocation; 0 for none.
	Timeout time.Duration
}

// Handle is the Lambda entry point.
func (h *Handler) Handle(ctx context.Context, ev events.DynamoDBEvent) (events.DynamoDBEventResponse, error) {
	return stream.EachRetrying(ctx, ev, h.Log, h.record, h.Retry), nil
}

func (h *Handler) record(ctx context.Context, rec events.DynamoDBEventRecord, img map[string]types.AttributeValue) error {
	var item struct {
		Type       string `dynamodbav:"type"`
		ManifestID string `dynamodbav:"manifestId"`
		Seq        int    `dynamodbav:"seq"`
		SK         string `dynamodbav:"SK"`
		Action     string `dynamodbav:"action"`
		Data       string `dynamodbav:"data"`
	}
	if err := attributevalue.UnmarshalMap(img, &item); err != nil {
		return stream.Permanent(fmt.Errorf("read record image: %w", err))
	}
	if h.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.Timeout)
		defer cancel()
	}
	if item.Type == "AUDIT" {
		return h.decision(ctx, item.ManifestID, item.SK, item.Action, item.Data)
	}
	if item.Type != "ASSESSMENT" || item.ManifestID == "" || item.Seq < 1 {
		return stream.Permanent(fmt.Errorf("record is not an assessment (type %q)", item.Type))
	}
	out, d, err := h.Service.Notify(ctx, item.ManifestID, item.Seq)
	if err != nil {
		return err
	}
	args := []any{"manifestId", item.ManifestID, "assessment", item.Seq, "outcome", string(out)}
	if d != nil && d.Send {
		args = append(args, "event", d.Event, "severity", d.Severity)
	}
	h.Log.InfoContext(ctx, "assessment notified", args...)
	return nil
}

func (h *Handler) decision(ctx context.Context, id, sk, action, data string) error {
	if paxscreen.AuditAction(action) != paxscreen.AuditDecided {
		return nil // other audit entries are not announced
	}
	var r paxscreen.AuditRecord
	if id == "" {
		return stream.Permanent(errors.New("read decision record: no manifest id"))
	}
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		return stream.Permanent(fmt.Errorf("read decision record of manifest %s: %w", id, err))
	}
	out, err := h.Service.NotifyDecision(ctx, id, "D"+strings.TrimPrefix(sk, "AUDIT#"), r.Decision)
	if err != nil {
		return err
	}
	h.Log.InfoContext(ctx, "decision notified", "manifestId", id, "decision", r.Decision, "outcome", string(out))
	return nil
}
