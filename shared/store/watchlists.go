package store

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// snapshotChunk keeps each chunk under the 400 KB item limit.
const snapshotChunk = 350_000

func snapshotPK(source string) string { return "WATCHLIST#" + source }

// PutSnapshot stores a snapshot's chunks, then switches the source's CURRENT pointer to it and
// records the source in the registry. Readers follow CURRENT, so they see the old snapshot or the
// new one, never a part of it; chunks of a version are immutable, so a repeated publish of the
// same version is harmless.
func (s *Store) PutSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta, data []byte) error {
	meta.Bytes = len(data)
	meta.Chunks = (len(data) + snapshotChunk - 1) / snapshotChunk
	meta.PublishedAt = s.now().Format(time.RFC3339)
	var reqs []types.WriteRequest
	for i := 0; i < meta.Chunks; i++ {
		item := keyOf(snapshotPK(meta.Source), fmt.Sprintf("SNAPSHOT#%s#%04d", meta.Version, i))
		item["type"] = str("SNAPSHOT")
		item["data"] = &types.AttributeValueMemberB{Value: data[i*snapshotChunk : min(len(data), (i+1)*snapshotChunk)]}
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
	}
	// BatchWriteItem takes 16 MB a call: two chunks of 350 KB per request stay well inside it.
	for len(reqs) > 0 {
		batch := reqs[:min(10, len(reqs))]
		reqs = reqs[len(batch):]
		for attempt := 0; len(batch) > 0; attempt++ {
			if attempt == 8 {
				return fmt.Errorf("store snapshot %s/%s: writes still unprocessed", meta.Source, meta.Version)
			}
			out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.table: batch}})
			if err != nil {
				return fmt.Errorf("store snapshot %s/%s: %w", meta.Source, meta.Version, err)
			}
			batch = out.UnprocessedItems[s.table]
		}
	}
	cur, err := attributevalue.MarshalMap(meta)
	if err != nil {
		return err
	}
	for k, v := range keyOf(snapshotPK(meta.Source), "CURRENT") {
		cur[k] = v
	}
	cur["type"] = str("SNAPSHOT_CURRENT")
	// Through commit, so that a publish whose answer was lost reports ErrOutcomeUnknown, not a
	// refusal. The pointer and the registry hold no condition: sending them again is harmless.
	err = s.commit(ctx, []types.TransactWriteItem{
		{Put: &types.Put{TableName: &s.table, Item: cur}},
		{Update: &types.Update{TableName: &s.table, Key: keyOf("WATCHLISTS", "SOURCES"),
			UpdateExpression:          aws.String("ADD sources :s"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":s": &types.AttributeValueMemberSS{Value: []string{meta.Source}}}}},
	}, keyOf(snapshotPK(meta.Source), "CURRENT"))
	if err != nil {
		return fmt.Errorf("publish snapshot %s/%s: %w", meta.Source, meta.Version, err)
	}
	return nil
}

// CurrentSnapshots lists the live snapshot of every published source.
func (s *Store) CurrentSnapshots(ctx context.Context) ([]paxscreen.SnapshotMeta, error) {
	reg, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOf("WATCHLISTS", "SOURCES"), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, fmt.Errorf("read watchlist registry: %w", err)
	}
	set, _ := reg.Item["sources"].(*types.AttributeValueMemberSS)
	out := []paxscreen.SnapshotMeta{}
	if set == nil {
		return out, nil
	}
	for _, src := range set.Value {
		cur, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOf(snapshotPK(src), "CURRENT"), ConsistentRead: aws.Bool(true)})
		if err != nil {
			return nil, fmt.Errorf("read watchlist %s: %w", src, err)
		}
		if cur.Item == nil {
			continue
		}
		var m paxscreen.SnapshotMeta
		if err := attributevalue.UnmarshalMap(cur.Item, &m); err != nil {
			return nil, fmt.Errorf("watchlist %s: %w", src, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// LoadSnapshot reads a snapshot's bytes.
func (s *Store) LoadSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta) ([]byte, error) {
	data := make([]byte, 0, meta.Bytes)
	var start map[string]types.AttributeValue
	chunks := 0
	for {
		out, err := s.db.Query(ctx, &dynamodb.QueryInput{
			TableName:                 &s.table,
			KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :p)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(snapshotPK(meta.Source)), ":p": str("SNAPSHOT#" + meta.Version + "#")},
			ConsistentRead:            aws.Bool(true),
			ExclusiveStartKey:         start,
		})
		if err != nil {
			return nil, fmt.Errorf("load snapshot %s/%s: %w", meta.Source, meta.Version, err)
		}
		for _, it := range out.Items {
			b, ok := it["data"].(*types.AttributeValueMemberB)
			if !ok {
				return nil, fmt.Errorf("load snapshot %s/%s: chunk without data", meta.Source, meta.Version)
			}
			data = append(data, b.Value...)
			chunks++
		}
		if out.LastEvaluatedKey == nil {
			break
		}
		start = out.LastEvaluatedKey
	}
	if chunks != meta.Chunks || len(data) != meta.Bytes {
		return nil, fmt.Errorf("load snapshot %s/%s: %d chunks, %d bytes; CURRENT says %d and %d", meta.Source, meta.Version, chunks, len(data), meta.Chunks, meta.Bytes)
	}
	return data, nil
}
