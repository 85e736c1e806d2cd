package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// LivePage reads one page of headers of one status from the status index, arrival from
// fromArrival (RFC 3339) onwards, or before beforeArrival when that is set instead. start is the
// previous page's next key (nil to begin); next is nil after the last page.
func (s *Store) LivePage(ctx context.Context, status paxscreen.Status, fromArrival, beforeArrival string, start map[string]string, limit int) ([]paxscreen.Header, map[string]string, error) {
	values := map[string]types.AttributeValue{":pk": str("STATUS#" + status)}
	cond := "GSI1PK = :pk"
	switch {
	case beforeArrival != "":
		cond += " AND GSI1SK < :t"
		values[":t"] = str(beforeArrival)
	case fromArrival != "":
		cond += " AND GSI1SK >= :t"
		values[":t"] = str(fromArrival)
	}
	in := &dynamodb.QueryInput{
		TableName: &s.table, IndexName: aws.String(IndexByStatus),
		KeyConditionExpression: aws.String(cond), ExpressionAttributeValues: values,
		Limit: aws.Int32(int32(limit)),
	}
	if start != nil {
		in.ExclusiveStartKey = map[string]types.AttributeValue{}
		for k, v := range start {
			in.ExclusiveStartKey[k] = str(v)
		}
	}
	out, err := s.db.Query(ctx, in)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s manifests: %w", status, err)
	}
	headers := make([]paxscreen.Header, 0, len(out.Items))
	for _, it := range out.Items {
		var h paxscreen.Header
		if err := attributevalue.UnmarshalMap(it, &h); err != nil {
			return nil, nil, fmt.Errorf("unmarshal manifest header: %w", err)
		}
		headers = append(headers, h)
	}
	var next map[string]string
	if out.LastEvaluatedKey != nil {
		next = map[string]string{}
		for k, v := range out.LastEvaluatedKey {
			if sv, ok := v.(*types.AttributeValueMemberS); ok {
				next[k] = sv.Value
			}
		}
	}
	return headers, next, nil
}

// LoadRescanState reads the saved state, or a zero state.
func (s *Store) LoadRescanState(ctx context.Context) (paxscreen.RescanState, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOf("RESCAN", "STATE"), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return paxscreen.RescanState{}, fmt.Errorf("read rescan state: %w", err)
	}
	var st paxscreen.RescanState
	if v, ok := out.Item["data"].(*types.AttributeValueMemberS); ok {
		if err := json.Unmarshal([]byte(v.Value), &st); err != nil {
			return paxscreen.RescanState{}, fmt.Errorf("decode rescan state: %w", err)
		}
	}
	return st, nil
}

// SaveRescanState records where to carry on.
func (s *Store) SaveRescanState(ctx context.Context, st paxscreen.RescanState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	item := keyOf("RESCAN", "STATE")
	item["type"] = str("RESCAN")
	item["data"] = str(string(b))
	if _, err := s.db.PutItem(ctx, &dynamodb.PutItemInput{TableName: &s.table, Item: item}); err != nil {
		return fmt.Errorf("save rescan state: %w", err)
	}
	return nil
}

// maxCloseItems is DynamoDB's limit on one transaction.
const maxCloseItems = 100

// Close ends a manifest's life: status CLOSED, and the header and every persons chunk (all
// versions) expire at expiresAt through the table's TTL. When keepRecords is zero, assessments and
// the audit trail stay for good; otherwise they expire at keepRecords. All in one transaction, so
// a manifest is never left with persons expiring under a live header.
func (s *Store) Close(ctx context.Context, id string, version int, expiresAt, keepRecords time.Time, by string) error {
	var keys []map[string]types.AttributeValue
	prefixes := []string{"PERSONS#"}
	if !keepRecords.IsZero() {
		prefixes = append(prefixes, "ASSESSMENT#", "AUDIT#")
	}
	for _, p := range prefixes {
		var start map[string]types.AttributeValue
		for {
			out, err := s.db.Query(ctx, &dynamodb.QueryInput{
				TableName: &s.table, KeyConditionExpression: aws.String("PK = :pk AND begins_with(SK, :p)"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(manifestPK(id)), ":p": str(p)},
				ProjectionExpression:      aws.String("PK, SK"), ExclusiveStartKey: start,
			})
			if err != nil {
				return fmt.Errorf("close manifest %s: %w", id, err)
			}
			for _, it := range out.Items {
				it["__prefix"] = str(p)
				keys = append(keys, it)
			}
			if out.LastEvaluatedKey == nil {
				break
			}
			start = out.LastEvaluatedKey
		}
	}
	if len(keys)+2 > maxCloseItems {
		return fmt.Errorf("close manifest %s: %d items exceed one transaction", id, len(keys)+2)
	}
	audit, err := s.auditItem(id, paxscreen.AuditRecord{Action: paxscreen.AuditClosed, By: by, Version: version})
	if err != nil {
		return err
	}
	exp := &types.AttributeValueMemberN{Value: strconv.FormatInt(expiresAt.Unix(), 10)}
	keep := &types.AttributeValueMemberN{Value: strconv.FormatInt(keepRecords.Unix(), 10)}
	if !keepRecords.IsZero() {
		audit["expiresAt"] = keep
	}
	items := []types.TransactWriteItem{
		{Update: &types.Update{
			TableName: &s.table, Key: keyOf(manifestPK(id), "META"),
			UpdateExpression:          aws.String("SET #status = :closed, GSI1PK = :gsi1, expiresAt = :exp, updatedAt = :now"),
			ConditionExpression:       aws.String("version = :v AND #status <> :closed"),
			ExpressionAttributeNames:  map[string]string{"#status": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":closed": str(paxscreen.StatusClosed), ":gsi1": str("STATUS#" + paxscreen.StatusClosed), ":exp": exp, ":now": str(s.now().Format(time.RFC3339)), ":v": &types.AttributeValueMemberN{Value: strconv.Itoa(version)}},
		}},
		{Put: &types.Put{TableName: &s.table, Item: audit}},
	}
	for _, k := range keys {
		v := exp
		if k["__prefix"].(*types.AttributeValueMemberS).Value != "PERSONS#" {
			v = keep
		}
		delete(k, "__prefix")
		items = append(items, types.TransactWriteItem{Update: &types.Update{
			TableName: &s.table, Key: k, UpdateExpression: aws.String("SET expiresAt = :exp"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":exp": v},
		}})
	}
	_, err = s.db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if err != nil {
		if failed := cancelled(err); failed != nil && failed[0] {
			return fmt.Errorf("close manifest %s: %w", id, paxscreen.ErrAlreadyClosed)
		}
		return fmt.Errorf("close manifest %s: %w", id, err)
	}
	return nil
}
