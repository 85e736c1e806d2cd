package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// auditItem keys an entry by time, then version and action, so the trail reads in order and two
// entries in one nanosecond still differ.
func (s *Store) auditItem(id string, r paxscreen.AuditRecord) (map[string]types.AttributeValue, error) {
	now := s.now()
	r.At = now.Format(time.RFC3339Nano)
	body, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("encode audit record: %w", err)
	}
	item := keyOf(manifestPK(id), fmt.Sprintf("AUDIT#%s#%06d#%s", now.Format("20060102T150405.000000000Z"), r.Version, r.Action))
	item["type"] = str("AUDIT")
	item["manifestId"] = str(id)
	item["action"] = str(r.Action)
	item["data"] = str(string(body))
	return item, nil
}

// Decide records a reviewer's decision on assessment seq of manifest version, and moves the
// manifest to the decision's status, in one transaction that fails with ErrStaleAssessment when
// a newer assessment or version exists (a reviewer never decides on something they did not see)
// and with ErrClosed when the manifest is closed. Both are conditions of the write itself, so a
// close landing between the caller's read and this write is still refused.
func (s *Store) Decide(ctx context.Context, id string, version, seq int, decision, reason, by string) error {
	status, ok := paxscreen.Decisions[decision]
	if !ok {
		return fmt.Errorf("decide on manifest %s: unknown decision %q", id, decision)
	}
	audit, err := s.auditItem(id, paxscreen.AuditRecord{Action: paxscreen.AuditDecided, By: by, Version: version, Assessment: seq, Decision: decision, Reason: reason})
	if err != nil {
		return err
	}
	n := func(i int) types.AttributeValue { return &types.AttributeValueMemberN{Value: strconv.Itoa(i)} }
	update := "SET #status = :status, GSI1PK = :gsi1, updatedAt = :now, decision = :decision, decidedBy = :by"
	if decision == "CLEARED" {
		update += ", everCleared = :true"
	}
	values := map[string]types.AttributeValue{
		":status": str(status), ":gsi1": str("STATUS#" + status), ":now": str(s.now().Format(time.RFC3339)),
		":decision": str(decision), ":by": str(by), ":v": n(version), ":seq": n(seq), ":closed": str(paxscreen.StatusClosed),
	}
	if decision == "CLEARED" {
		values[":true"] = &types.AttributeValueMemberBOOL{Value: true}
	}
	// Through commit: a lost answer is sent again under the same token, and when the outcome
	// stays unknown the caller hears ErrOutcomeUnknown rather than a plain failure, so a reviewer
	// is never told "nothing was stored" about a decision that may have landed (the audit entry,
	// written by this transaction alone, is the marker).
	err = s.commit(ctx, []types.TransactWriteItem{
		{Put: &types.Put{TableName: &s.table, Item: audit, ConditionExpression: aws.String("attribute_not_exists(PK)")}},
		{Update: &types.Update{
			TableName: &s.table, Key: keyOf(manifestPK(id), "META"),
			UpdateExpression:          aws.String(update),
			ConditionExpression:       aws.String("version = :v AND assessedVersion = :v AND assessmentSeq = :seq AND #status <> :closed"),
			ExpressionAttributeNames:  map[string]string{"#status": "status"},
			ExpressionAttributeValues: values,
			// The header as the condition found it tells a closed manifest from a stale
			// assessment without a second read.
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		}},
	}, map[string]types.AttributeValue{"PK": audit["PK"], "SK": audit["SK"]})
	if err != nil {
		if failed := cancelled(err); failed != nil && failed[1] {
			if closedHeader(err, 1) {
				return fmt.Errorf("decide on manifest %s: %w", id, paxscreen.ErrClosed)
			}
			return fmt.Errorf("decide on manifest %s: %w", id, paxscreen.ErrStaleAssessment)
		}
		return fmt.Errorf("decide on manifest %s: %w", id, err)
	}
	return nil
}

// closedHeader reports whether item i of the cancelled transaction err failed its condition on a
// header whose status is CLOSED (the item comes back with ReturnValuesOnConditionCheckFailure).
func closedHeader(err error, i int) bool {
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) || i >= len(tce.CancellationReasons) {
		return false
	}
	st, ok := tce.CancellationReasons[i].Item["status"].(*types.AttributeValueMemberS)
	return ok && st.Value == string(paxscreen.StatusClosed)
}

// Audit lists a manifest's trail, oldest first.
func (s *Store) Audit(ctx context.Context, id string) ([]paxscreen.AuditRecord, error) {
	out := []paxscreen.AuditRecord{}
	err := s.eachData(ctx, id, "AUDIT#", func(data []byte) error {
		var r paxscreen.AuditRecord
		if err := json.Unmarshal(data, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read audit trail of %s: %w", id, err)
	}
	return out, nil
}
