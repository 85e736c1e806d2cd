// Package store keeps manifests in the single DynamoDB table described in DESIGN.md: a header
// item per manifest, its persons in chunks per version, an index of document numbers by keyed
// HMAC, and idempotency records. It is the only package that knows the table's key layout.
package store

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// Index names as template.yaml declares them.
const (
	IndexByStatus    = "ByStatus"
	IndexByOrganiser = "ByOrganiser"
)

// chunkBytes keeps each persons item well under DynamoDB's 400 KB item limit, key and attribute
// names included.
const chunkBytes = 350_000

// idempotencyTTL is how long a replayed POST returns its first answer.
const idempotencyTTL = 24 * time.Hour

// DB is the part of the DynamoDB client the store uses.
type DB interface {
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
}

// Store reads and writes manifests in one table.
type Store struct {
	db       DB
	table    string
	docKey   []byte
	docKeyID string
	// cursorKey signs list cursors, so that a cursor the store did not issue is refused before
	// it reaches DynamoDB.
	cursorKey []byte
	now       func() time.Time
}

// New returns a store on table. docKey is the secret for document-number HMACs and docKeyID its
// identifier, kept in every derived key so that the key can be rotated.
//
// Cursors are signed with a random key of this process until SetCursorKey sets the configured
// one: safe (a forged cursor is refused either way), but a cursor then works only on the instance
// that issued it, so functions serving lists set the key from their configuration.
func New(db DB, table string, docKey []byte, docKeyID string) *Store {
	return &Store{db: db, table: table, docKey: docKey, docKeyID: docKeyID, cursorKey: []byte(rand.Text() + rand.Text()),
		now: func() time.Time { return time.Now().UTC() }}
}

// SetCursorKey sets the secret list cursors are signed with; every instance serving one API must
// share it.
func (s *Store) SetCursorKey(key []byte) error {
	if len(key) < paxscreen.MinCursorKey {
		return fmt.Errorf("cursor key is %d bytes, at least %d required", len(key), paxscreen.MinCursorKey)
	}
	s.cursorKey = append([]byte(nil), key...)
	return nil
}

// SetClock replaces the clock the store stamps records with (UTC); for tests that must tell one
// second's writes from the next.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// DocumentKey is the keyed HMAC under which a document is indexed: it finds one document on two
// live manifests without storing its number in a key.
func (s *Store) DocumentKey(docType, state, number string) string {
	mac := hmac.New(sha256.New, s.docKey)
	mac.Write([]byte(docType + "|" + state + "|" + number))
	return s.docKeyID + ":" + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:24])
}

func manifestPK(id string) string { return "MANIFEST#" + id }

func personsSK(version, chunk int) string {
	return fmt.Sprintf("PERSONS#%06d#%03d", version, chunk)
}

// str is a string attribute; the domain's named string types (statuses, actions) are stored as their text.
func str[T ~string](v T) types.AttributeValue { return &types.AttributeValueMemberS{Value: string(v)} }

func keyOf(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"PK": str(pk), "SK": str(sk)}
}

// headerItem adds the key and index attributes to the header's own.
func headerItem(h *paxscreen.Header) (map[string]types.AttributeValue, error) {
	item, err := attributevalue.MarshalMap(h)
	if err != nil {
		return nil, fmt.Errorf("marshal header %s: %w", h.ID, err)
	}
	item["PK"] = str(manifestPK(h.ID))
	item["SK"] = str("META")
	item["type"] = str("MANIFEST")
	sortKey := h.ArrivalTime + "#" + h.ID
	item["GSI1PK"] = str("STATUS#" + h.Status)
	item["GSI1SK"] = str(sortKey)
	item["GSI2PK"] = str("ORG#" + h.Organisation)
	item["GSI2SK"] = str(sortKey)
	return item, nil
}

// chunkPersons splits the persons' JSON so that no item passes chunkBytes.
func chunkPersons(ps []manifest.Person) ([][]byte, error) {
	var chunks [][]byte
	cur := []byte{'['}
	for i := range ps {
		b, err := json.Marshal(&ps[i])
		if err != nil {
			return nil, fmt.Errorf("marshal person %d: %w", i, err)
		}
		if len(cur) > 1 && len(cur)+len(b)+2 > chunkBytes {
			chunks = append(chunks, append(cur, ']'))
			cur = []byte{'['}
		}
		if len(cur) > 1 {
			cur = append(cur, ',')
		}
		cur = append(cur, b...)
	}
	return append(chunks, append(cur, ']')), nil
}

// manifestBody is the manifest without its persons, kept on the header.
type manifestBody struct {
	Organiser manifest.Organiser `json:"organiser"`
	Flight    manifest.Flight    `json:"flight"`
}

// writeItems builds the puts for a manifest version: persons chunks, the audit entry (whose key
// is this write's alone: the marker commit looks for), and, when they fit in one transaction,
// the document index entries, saying whether they did (indexed). The header comes back apart,
// for the caller to add last.
func (s *Store) writeItems(rec *paxscreen.Record) (items []types.TransactWriteItem, head, marker map[string]types.AttributeValue, indexed bool, err error) {
	rec.Header.ScoreState = paxscreen.ScorePending
	chunks, err := chunkPersons(rec.Manifest.Persons)
	if err != nil {
		return nil, nil, nil, false, err
	}
	rec.Header.Chunks = len(chunks)
	rec.Header.PersonCount = len(rec.Manifest.Persons)
	for i, c := range chunks {
		item := keyOf(manifestPK(rec.Header.ID), personsSK(rec.Header.Version, i))
		item["type"] = str("PERSONS")
		item["data"] = str(string(c))
		items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: item}})
	}
	action := paxscreen.AuditSubmitted
	if rec.Header.Version > 1 {
		action = paxscreen.AuditAmended
	}
	audit, err := s.auditItem(rec.Header.ID, paxscreen.AuditRecord{Action: action, By: rec.Header.SubmittedBy, Version: rec.Header.Version})
	if err != nil {
		return nil, nil, nil, false, err
	}
	marker = keyOf(audit["PK"].(*types.AttributeValueMemberS).Value, audit["SK"].(*types.AttributeValueMemberS).Value)
	items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: audit}})
	// Header and idempotency record come on top; a manifest small enough has its document index
	// committed with it, so a sighting never misses it. A bigger one's index follows the commit.
	if docs := s.docIndexItems(rec); len(items)+len(docs)+2 <= maxTransactItems {
		for _, d := range docs {
			items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: &s.table, Item: d}})
		}
		indexed = true
	}
	head, err = headerItem(&rec.Header)
	if err != nil {
		return nil, nil, nil, false, err
	}
	body, err := json.Marshal(manifestBody{Organiser: rec.Manifest.Organiser, Flight: rec.Manifest.Flight})
	if err != nil {
		return nil, nil, nil, false, fmt.Errorf("marshal manifest %s: %w", rec.Header.ID, err)
	}
	head["manifest"] = str(string(body))
	return items, head, marker, indexed, nil
}

// Create stores a new manifest, its persons and, when idem is set, its idempotency record in one
// transaction: either all of it is visible or none. A key already used answers
// ErrIdempotencyReplay; the caller then reads the first answer with Replay.
func (s *Store) Create(ctx context.Context, rec *paxscreen.Record, idem *paxscreen.Idempotency) error {
	now := s.now().Format(time.RFC3339)
	rec.Header.Version = 1
	rec.Header.CreatedAt, rec.Header.UpdatedAt, rec.Header.SubmittedAt = now, now, now
	items, head, marker, indexed, err := s.writeItems(rec)
	if err != nil {
		return err
	}
	items = append(items, types.TransactWriteItem{Put: &types.Put{
		TableName: &s.table, Item: head,
		ConditionExpression: aws.String("attribute_not_exists(PK)"),
	}})
	idemAt := -1
	if idem != nil {
		item, err := attributevalue.MarshalMap(idem.Response)
		if err != nil {
			return fmt.Errorf("marshal idempotent response: %w", err)
		}
		for k, v := range keyOf("IDEMPOTENCY#"+idem.Key, "-") {
			item[k] = v
		}
		item["type"] = str("IDEMPOTENCY")
		item["requestHash"] = str(idem.RequestHash)
		item["manifestId"] = str(rec.Header.ID)
		item["expiresAt"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(s.now().Add(idempotencyTTL).Unix(), 10)}
		idemAt = len(items)
		items = append(items, types.TransactWriteItem{Put: &types.Put{
			TableName: &s.table, Item: item,
			ConditionExpression: aws.String("attribute_not_exists(PK)"),
		}})
	}
	if err := s.commit(ctx, items, marker); err != nil {
		if failed := cancelled(err); failed != nil {
			if idemAt >= 0 && failed[idemAt] {
				return paxscreen.ErrIdempotencyReplay
			}
			if failed[len(items)-1-btoi(idemAt >= 0)] {
				return fmt.Errorf("create manifest %s: %w", rec.Header.ID, paxscreen.ErrVersionConflict)
			}
		}
		return fmt.Errorf("create manifest %s: %w", rec.Header.ID, err)
	}
	s.indexAfterCommit(ctx, rec, indexed)
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Replace stores a new version of a manifest when its current version is expected; otherwise
// ErrVersionConflict, so that two concurrent amendments cannot silently overwrite each other.
// The header is updated field by field: only what describes the version changes, never the
// assessment summary, the decision or everCleared, which a score or a reviewer may have written
// since the caller read the header. Earlier versions' persons stay in the table.
func (s *Store) Replace(ctx context.Context, rec *paxscreen.Record, expected int) error {
	rec.Header.Version = expected + 1
	rec.Header.UpdatedAt = s.now().Format(time.RFC3339)
	rec.Header.SubmittedAt = rec.Header.UpdatedAt
	items, head, marker, indexed, err := s.writeItems(rec)
	if err != nil {
		return err
	}
	items = append(items, types.TransactWriteItem{Update: s.amendUpdate(head, expected)})
	if err := s.commit(ctx, items, marker); err != nil {
		if failed := cancelled(err); failed != nil && failed[len(items)-1] {
			return fmt.Errorf("replace manifest %s at version %d: %w", rec.Header.ID, expected, paxscreen.ErrVersionConflict)
		}
		return fmt.Errorf("replace manifest %s: %w", rec.Header.ID, err)
	}
	s.indexAfterCommit(ctx, rec, indexed)
	return nil
}

// indexAfterCommit writes the document index of a manifest too big to have it in its
// transaction. The manifest is stored whatever happens here: the index is derived data that
// scoring rewrites before it reads sightings, so a failure now is repaired there, and the caller
// is never told "nothing was stored" about a manifest that was.
func (s *Store) indexAfterCommit(ctx context.Context, rec *paxscreen.Record, indexed bool) {
	if indexed {
		return
	}
	_ = s.indexDocuments(ctx, rec)
}

// cancelled returns, for a cancelled transaction, which items failed their condition.
func cancelled(err error) map[int]bool {
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		return nil
	}
	failed := map[int]bool{}
	for i, r := range tce.CancellationReasons {
		if aws.ToString(r.Code) == "ConditionalCheckFailed" {
			failed[i] = true
		}
	}
	return failed
}

// indexDocuments writes the document index after the manifest itself: the index is derived data,
// rewritten idempotently, so a crash between the two steps loses nothing that scoring cannot
// rebuild from the manifest.
func (s *Store) indexDocuments(ctx context.Context, rec *paxscreen.Record) error {
	var reqs []types.WriteRequest
	for _, item := range s.docIndexItems(rec) {
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: item}})
	}
	for len(reqs) > 0 {
		n := min(25, len(reqs))
		batch := reqs[:n]
		reqs = reqs[n:]
		for attempt := 0; len(batch) > 0; attempt++ {
			if attempt == 8 {
				return fmt.Errorf("index documents of manifest %s: %d writes still unprocessed", rec.Header.ID, len(batch))
			}
			if attempt > 0 {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(time.Duration(1<<attempt) * 10 * time.Millisecond):
				}
			}
			out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{s.table: batch}})
			if err != nil {
				return fmt.Errorf("index documents of manifest %s: %w", rec.Header.ID, err)
			}
			batch = out.UnprocessedItems[s.table]
		}
	}
	return nil
}

// docIndexItems are the document index entries of a manifest version, one per distinct document.
func (s *Store) docIndexItems(rec *paxscreen.Record) []map[string]types.AttributeValue {
	var items []map[string]types.AttributeValue
	seen := map[string]bool{}
	for _, p := range rec.Manifest.Persons {
		for _, d := range p.Documents {
			k := s.DocumentKey(d.Type, d.IssuingState, d.Number)
			if seen[k] {
				continue
			}
			seen[k] = true
			item := keyOf("DOC#"+k, manifestPK(rec.Header.ID))
			item["type"] = str("DOCINDEX")
			item["manifestId"] = str(rec.Header.ID)
			item["version"] = &types.AttributeValueMemberN{Value: strconv.Itoa(rec.Header.Version)}
			item["arrivalTime"] = str(rec.Header.ArrivalTime)
			item["departureTime"] = str(rec.Header.DepartureTime)
			items = append(items, item)
		}
	}
	return items
}

// Replay returns the first answer given under an idempotency key, and the hash of the request
// that produced it.
func (s *Store) Replay(ctx context.Context, key string) (paxscreen.StoredResponse, string, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOf("IDEMPOTENCY#"+key, "-"), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return paxscreen.StoredResponse{}, "", fmt.Errorf("read idempotency record: %w", err)
	}
	if out.Item == nil {
		return paxscreen.StoredResponse{}, "", paxscreen.ErrNotFound
	}
	var r paxscreen.StoredResponse
	if err := attributevalue.UnmarshalMap(out.Item, &r); err != nil {
		return paxscreen.StoredResponse{}, "", fmt.Errorf("unmarshal idempotency record: %w", err)
	}
	var hash string
	if v, ok := out.Item["requestHash"].(*types.AttributeValueMemberS); ok {
		hash = v.Value
	}
	return r, hash, nil
}

// GetHeader reads a manifest's header.
func (s *Store) GetHeader(ctx context.Context, id string) (*paxscreen.Header, error) {
	h, _, err := s.getHeader(ctx, id)
	return h, err
}

func (s *Store) getHeader(ctx context.Context, id string) (*paxscreen.Header, *manifestBody, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{TableName: &s.table, Key: keyOf(manifestPK(id), "META"), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return nil, nil, fmt.Errorf("load manifest %s: %w", id, err)
	}
	if out.Item == nil {
		return nil, nil, fmt.Errorf("load manifest %s: %w", id, paxscreen.ErrNotFound)
	}
	var h paxscreen.Header
	if err := attributevalue.UnmarshalMap(out.Item, &h); err != nil {
		return nil, nil, fmt.Errorf("unmarshal manifest %s: %w", id, err)
	}
	var body manifestBody
	if v, ok := out.Item["manifest"].(*types.AttributeValueMemberS); ok {
		if err := json.Unmarshal([]byte(v.Value), &body); err != nil {
			return nil, nil, fmt.Errorf("unmarshal manifest %s: %w", id, err)
		}
	}
	return &h, &body, nil
}

// Get reads a manifest with its persons at the version its header names.
func (s *Store) Get(ctx context.Context, id string) (*paxscreen.Record, error) {
	h, body, err := s.getHeader(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.withPersons(ctx, h, body)
}

func (s *Store) withPersons(ctx context.Context, h *paxscreen.Header, body *manifestBody) (*paxscreen.Record, error) {
	id := h.ID
	m := &manifest.Manifest{Organiser: body.Organiser, Flight: body.Flight, Persons: make([]manifest.Person, 0, h.PersonCount)}
	chunks := 0
	err := s.eachData(ctx, id, fmt.Sprintf("PERSONS#%06d#", h.Version), func(data []byte) error {
		var ps []manifest.Person
		if err := json.Unmarshal(data, &ps); err != nil {
			return err
		}
		m.Persons = append(m.Persons, ps...)
		chunks++
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load persons of manifest %s: %w", id, err)
	}
	if chunks != h.Chunks || len(m.Persons) != h.PersonCount {
		return nil, fmt.Errorf("load manifest %s: found %d chunks and %d persons, header says %d and %d", id, chunks, len(m.Persons), h.Chunks, h.PersonCount)
	}
	return &paxscreen.Record{Header: *h, Manifest: m}, nil
}

// GetInOrganisation reads a manifest of organisation org: one of another organisation answers
// ErrNotFound after the same single header read as a missing one, before any person is loaded,
// so neither the answer nor the work done tells the two apart.
func (s *Store) GetInOrganisation(ctx context.Context, id, org string) (*paxscreen.Record, error) {
	if org == organisation.Unowned || organisation.Check(org) != nil {
		return nil, fmt.Errorf("load manifest %s: %w", id, paxscreen.ErrNoOrganisation)
	}
	h, body, err := s.getHeader(ctx, id)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(h.Organisation), []byte(org)) != 1 {
		return nil, fmt.Errorf("load manifest %s: %w: %w", id, paxscreen.ErrNotFound, paxscreen.ErrOtherOrganisation)
	}
	return s.withPersons(ctx, h, body)
}

type cursor = paxscreen.ListCursor

func (s *Store) signCursor(c cursor) string { return paxscreen.CursorCodec{Key: s.cursorKey}.Sign(c) }

func (s *Store) readCursor(text, fingerprint string, statuses int) (cursor, error) {
	return paxscreen.CursorCodec{Key: s.cursorKey}.Read(text, fingerprint, statuses)
}

// List returns one organisation's headers, ordered by scheduled arrival, from the organiser
// index. An empty or invalid organisation id is ErrNoOrganisation, never "all organisations".
func (s *Store) List(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error) {
	if org == organisation.Unowned || organisation.Check(org) != nil {
		return paxscreen.Page{}, fmt.Errorf("list manifests of organisation %q: %w", org, paxscreen.ErrNoOrganisation)
	}
	return s.list(ctx, org, q)
}

// ListAll returns every organisation's headers ordered by status (in Statuses order when none is
// given), then by scheduled arrival, from the status index. Only reviewers' and administrators'
// paths call it.
func (s *Store) ListAll(ctx context.Context, q paxscreen.ListQuery) (paxscreen.Page, error) {
	return s.list(ctx, "", q)
}

func (s *Store) list(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error) {
	st, err := paxscreen.CursorCodec{Key: s.cursorKey}.Start(q, org)
	if err != nil {
		return paxscreen.Page{}, err
	}
	q.Limit = st.Limit
	statuses, scope, c, byOrg := st.Statuses, st.Scope, st.Cursor, org != ""
	page := paxscreen.Page{Items: []paxscreen.Header{}}
	for si := c.Status; si < len(statuses); si++ {
		var start map[string]types.AttributeValue
		if si == c.Status && c.Key != nil {
			start = map[string]types.AttributeValue{}
			for k, v := range c.Key {
				start[k] = str(v)
			}
		}
		for {
			in := s.listInput(q, org, statuses[si])
			in.ExclusiveStartKey = start
			in.Limit = aws.Int32(int32(q.Limit - len(page.Items)))
			out, err := s.db.Query(ctx, in)
			var apiErr smithy.APIError
			if errors.As(err, &apiErr) && apiErr.ErrorCode() == "ValidationException" {
				return paxscreen.Page{}, fmt.Errorf("list manifests: %w: %v", paxscreen.ErrBadQuery, err)
			}
			if err != nil {
				return paxscreen.Page{}, fmt.Errorf("list manifests: %w", err)
			}
			for _, it := range out.Items {
				var h paxscreen.Header
				if err := attributevalue.UnmarshalMap(it, &h); err != nil {
					return paxscreen.Page{}, fmt.Errorf("unmarshal manifest header: %w", err)
				}
				page.Items = append(page.Items, h)
			}
			start = out.LastEvaluatedKey
			if len(page.Items) >= q.Limit {
				next := cursor{Query: q.Fingerprint(scope), Status: si}
				if start == nil {
					if si+1 >= len(statuses) || byOrg {
						return page, nil
					}
					next.Status = si + 1
				} else {
					next.Key = map[string]string{}
					for k, v := range start {
						if sv, ok := v.(*types.AttributeValueMemberS); ok {
							next.Key[k] = sv.Value
						}
					}
				}
				page.Cursor = s.signCursor(next)
				return page, nil
			}
			if start == nil {
				break
			}
		}
		if byOrg {
			// The organiser index already holds every status; one pass covers them all.
			break
		}
	}
	return page, nil
}

func (s *Store) listInput(q paxscreen.ListQuery, org string, status paxscreen.Status) *dynamodb.QueryInput {
	byOrg := org != ""
	names := map[string]string{"#pk": "GSI1PK", "#sk": "GSI1SK"}
	values := map[string]types.AttributeValue{":pk": str("STATUS#" + status)}
	index := IndexByStatus
	var filters []string
	if byOrg {
		index = IndexByOrganiser
		names["#pk"], names["#sk"] = "GSI2PK", "GSI2SK"
		values[":pk"] = str("ORG#" + org)
		if q.Status != "" {
			names["#status"] = "status"
			values[":status"] = str(q.Status)
			filters = append(filters, "#status = :status")
		}
	}
	cond := "#pk = :pk"
	if q.From == "" && q.To == "" {
		delete(names, "#sk") // DynamoDB refuses names an expression does not use
	}
	switch {
	case q.From != "" && q.To != "":
		cond += " AND #sk BETWEEN :from AND :to"
		values[":from"], values[":to"] = str(q.From), str(q.To+"#\uffff")
	case q.From != "":
		cond += " AND #sk >= :from"
		values[":from"] = str(q.From)
	case q.To != "":
		cond += " AND #sk <= :to"
		values[":to"] = str(q.To + "#\uffff")
	}
	if q.Arrival != "" {
		names["#arr"] = "arrivalAirport"
		values[":arr"] = str(q.Arrival)
		filters = append(filters, "#arr = :arr")
	}
	in := &dynamodb.QueryInput{
		TableName:                 &s.table,
		IndexName:                 aws.String(index),
		KeyConditionExpression:    aws.String(cond),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
	}
	if len(filters) > 0 {
		in.FilterExpression = aws.String(strings.Join(filters, " AND "))
	}
	return in
}

// eachData calls fn with the data attribute of every item of manifest id whose sort key starts
// with prefix, in key order, page by page.
func (s *Store) eachData(ctx context.Context, id, prefix string, fn func(data []byte) error) error {
	var start map[string]types.AttributeValue
	for {
		out, err := s.db.Query(ctx, &dynamodb.QueryInput{
			TableName:                 &s.table,
			KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :p)"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(manifestPK(id)), ":p": str(prefix)},
			ConsistentRead:            aws.Bool(true),
			ExclusiveStartKey:         start,
		})
		if err != nil {
			return err
		}
		for _, it := range out.Items {
			v, ok := it["data"].(*types.AttributeValueMemberS)
			if !ok {
				return fmt.Errorf("item %s without data", prefix)
			}
			if err := fn([]byte(v.Value)); err != nil {
				return err
			}
		}
		if out.LastEvaluatedKey == nil {
			return nil
		}
		start = out.LastEvaluatedKey
	}
}
