// Package memstore is an in-memory store with the behaviour of shared/store on DynamoDB:
// the same conditional writes, versions, idempotency records, assessment and decision guards,
// alert claims, organisation-scoped lists with signed cursors and document sightings, behind
// one mutex so that every operation is atomic as a DynamoDB transaction is. The contract suite
// in shared/testkit/storecontract runs against both and is what holds the two together.
//
// It is for tests only; no Lambda binary may import it (imports_test.go holds that).
//
// What it does not model, so what tests on it cannot show:
//   - failures: no throttling, lost answers, ErrOutcomeUnknown or cancelled transactions (only
//     a cancelled context fails an operation); fault tests wrap the real store's DB instead;
//   - time-to-live: idempotency records and closed manifests never expire (DynamoDB removes
//     them in its own time, so no caller may rely on the moment either way);
//   - the table's stream: nothing is delivered; tests build the images the handlers read;
//   - limits: item size (400 KB), the 1 MB page of a Query, and the 100-item transaction limit
//     except in Close; a big manifest's document index is written with it, never after it;
//   - eventual consistency of the secondary indexes: lists see every write at once;
//   - the table's layout: there are no raw items to read, and a list cursor of one store
//     implementation means nothing to the other (each refuses the other's as ErrBadCursor);
//   - ErrBadQuery only for a reversed arrival window, the one invalid query the API can pass;
//   - CurrentSnapshots comes sorted by source, where DynamoDB's string set has no order.
package memstore

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// chunkBytes is shared/store's persons chunk size: Close counts chunks against the transaction
// limit, and a header reports them.
const chunkBytes = 350_000

// maxTransactItems is DynamoDB's limit on one transaction, which Close must fit in.
const maxTransactItems = 100

// snapshotChunk is shared/store's watchlist chunk size.
const snapshotChunk = 350_000

type manifestBody struct {
	Organiser manifest.Organiser `json:"organiser"`
	Flight    manifest.Flight    `json:"flight"`
}

type entry struct {
	header paxscreen.Header
	body   []byte         // manifestBody as JSON, as the header item holds it
	chunks map[int][]byte // persons of each version, as JSON
	// chunkCount of each version, for Close's transaction limit.
	chunkCount  map[int]int
	assessments map[int][]byte // AssessmentRecord as JSON, by seq
	audit       map[string][]byte
	expiresAt   int64
}

type docEntry struct {
	version int
}

type alert struct {
	state      paxscreen.AlertState
	leaseUntil int64 // Unix ms; 0 when none
	messageID  string
}

type idempotency struct {
	hash     string
	response paxscreen.StoredResponse
}

type snapshot struct {
	chunks int
	data   []byte
}

// Store is the in-memory store. The zero value is not usable; call New.
type Store struct {
	mu        sync.Mutex
	docKey    []byte
	docKeyID  string
	cursorKey []byte
	now       func() time.Time

	manifests map[string]*entry
	docs      map[string]map[string]docEntry // document key → manifest id → entry
	idem      map[string]idempotency
	alerts    map[string]alert
	rescan    []byte
	current   map[string]paxscreen.SnapshotMeta
	snapshots map[string]snapshot // source + "\x00" + version
}

// New returns an empty store; docKey and docKeyID are as for store.New.
func New(docKey []byte, docKeyID string) *Store {
	return &Store{
		docKey: append([]byte(nil), docKey...), docKeyID: docKeyID,
		cursorKey: []byte(rand.Text() + rand.Text()),
		now:       func() time.Time { return time.Now().UTC() },
		manifests: map[string]*entry{}, docs: map[string]map[string]docEntry{}, idem: map[string]idempotency{},
		alerts: map[string]alert{}, current: map[string]paxscreen.SnapshotMeta{}, snapshots: map[string]snapshot{},
	}
}

// SetCursorKey sets the secret list cursors are signed with, as store.Store.SetCursorKey.
func (s *Store) SetCursorKey(key []byte) error {
	if len(key) < paxscreen.MinCursorKey {
		return fmt.Errorf("cursor key is %d bytes, at least %d required", len(key), paxscreen.MinCursorKey)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cursorKey = append([]byte(nil), key...)
	return nil
}

// SetClock replaces the clock the store stamps records with.
func (s *Store) SetClock(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.now = now
}

// DocumentKey is store.Store.DocumentKey: the same key and id give the same HMAC.
func (s *Store) DocumentKey(docType, state, number string) string {
	mac := hmac.New(sha256.New, s.docKey)
	mac.Write([]byte(docType + "|" + state + "|" + number))
	return s.docKeyID + ":" + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:24])
}

// copyHeader passes a header through the item encoding the real store uses, so that what comes
// back (nil against empty slices, omitted fields) is what DynamoDB would give back.
func copyHeader(h *paxscreen.Header) (paxscreen.Header, error) {
	item, err := attributevalue.MarshalMap(h)
	if err != nil {
		return paxscreen.Header{}, fmt.Errorf("marshal header %s: %w", h.ID, err)
	}
	var out paxscreen.Header
	if err := attributevalue.UnmarshalMap(item, &out); err != nil {
		return paxscreen.Header{}, fmt.Errorf("unmarshal manifest %s: %w", h.ID, err)
	}
	return out, nil
}

// chunkPersons splits persons as shared/store does, so that chunk counts agree.
func chunkPersons(ps []manifest.Person) ([]byte, int, error) {
	b, err := json.Marshal(ps)
	if err != nil {
		return nil, 0, fmt.Errorf("marshal persons: %w", err)
	}
	if ps == nil {
		b = []byte("[]")
	}
	chunks, cur := 0, 1
	for i := range ps {
		pb, err := json.Marshal(&ps[i])
		if err != nil {
			return nil, 0, fmt.Errorf("marshal person %d: %w", i, err)
		}
		if cur > 1 && cur+len(pb)+2 > chunkBytes {
			chunks++
			cur = 1
		}
		if cur > 1 {
			cur++
		}
		cur += len(pb)
	}
	return b, chunks + 1, nil
}

func (s *Store) stamp() string { return s.now().Format(time.RFC3339) }

// auditKey orders the trail as shared/store's sort key does: time, then version, then action.
func (s *Store) audit(e *entry, r paxscreen.AuditRecord) (string, []byte) {
	now := s.now()
	r.At = now.Format(time.RFC3339Nano)
	body, _ := json.Marshal(r)
	return fmt.Sprintf("%s#%06d#%s", now.Format("20060102T150405.000000000Z"), r.Version, r.Action), body
}

// writeVersion fills in what a write of a version computes, and returns the persons and body.
func (s *Store) writeVersion(rec *paxscreen.Record) (persons, body []byte, chunks int, err error) {
	rec.Header.ScoreState = paxscreen.ScorePending
	persons, chunks, err = chunkPersons(rec.Manifest.Persons)
	if err != nil {
		return nil, nil, 0, err
	}
	rec.Header.Chunks = chunks
	rec.Header.PersonCount = len(rec.Manifest.Persons)
	body, err = json.Marshal(manifestBody{Organiser: rec.Manifest.Organiser, Flight: rec.Manifest.Flight})
	if err != nil {
		return nil, nil, 0, fmt.Errorf("marshal manifest %s: %w", rec.Header.ID, err)
	}
	return persons, body, chunks, nil
}

func (s *Store) index(rec *paxscreen.Record) {
	for _, p := range rec.Manifest.Persons {
		for _, d := range p.Documents {
			k := s.DocumentKey(d.Type, d.IssuingState, d.Number)
			if s.docs[k] == nil {
				s.docs[k] = map[string]docEntry{}
			}
			s.docs[k][rec.Header.ID] = docEntry{version: rec.Header.Version}
		}
	}
}

// Create stores a new manifest, as store.Store.Create: a used idempotency key is
// ErrIdempotencyReplay, an existing id ErrVersionConflict, and either way nothing is written.
func (s *Store) Create(ctx context.Context, rec *paxscreen.Record, idem *paxscreen.Idempotency) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("create manifest %s: %w", rec.Header.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.stamp()
	rec.Header.Version = 1
	rec.Header.CreatedAt, rec.Header.UpdatedAt, rec.Header.SubmittedAt = now, now, now
	persons, body, chunks, err := s.writeVersion(rec)
	if err != nil {
		return err
	}
	if idem != nil {
		if _, used := s.idem[idem.Key]; used {
			return paxscreen.ErrIdempotencyReplay
		}
	}
	if _, exists := s.manifests[rec.Header.ID]; exists {
		return fmt.Errorf("create manifest %s: %w", rec.Header.ID, paxscreen.ErrVersionConflict)
	}
	h, err := copyHeader(&rec.Header)
	if err != nil {
		return err
	}
	e := &entry{header: h, body: body, chunks: map[int][]byte{1: persons}, chunkCount: map[int]int{1: chunks},
		assessments: map[int][]byte{}, audit: map[string][]byte{}}
	k, a := s.audit(e, paxscreen.AuditRecord{Action: paxscreen.AuditSubmitted, By: rec.Header.SubmittedBy, Version: 1})
	e.audit[k] = a
	s.manifests[h.ID] = e
	if idem != nil {
		s.idem[idem.Key] = idempotency{hash: idem.RequestHash, response: idem.Response}
	}
	s.index(rec)
	return nil
}

// Replace stores a new version when the current one is expected, as store.Store.Replace: only
// what describes the version changes; a missing manifest or another version is
// ErrVersionConflict.
func (s *Store) Replace(ctx context.Context, rec *paxscreen.Record, expected int) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("replace manifest %s: %w", rec.Header.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec.Header.Version = expected + 1
	rec.Header.UpdatedAt = s.stamp()
	rec.Header.SubmittedAt = rec.Header.UpdatedAt
	persons, body, chunks, err := s.writeVersion(rec)
	if err != nil {
		return err
	}
	e, ok := s.manifests[rec.Header.ID]
	if !ok || e.header.Version != expected {
		return fmt.Errorf("replace manifest %s at version %d: %w", rec.Header.ID, expected, paxscreen.ErrVersionConflict)
	}
	n, err := copyHeader(&rec.Header)
	if err != nil {
		return err
	}
	h := &e.header
	// The attributes an amendment owns (shared/store's versionOwned); the rest belong to the
	// manifest's life.
	h.Version, h.Status, h.SubmittedBy, h.Format, h.OrganiserName = n.Version, n.Status, n.SubmittedBy, n.Format, n.OrganiserName
	h.FlightNumber, h.Registration, h.DepartureAirport, h.ArrivalAirport = n.FlightNumber, n.Registration, n.DepartureAirport, n.ArrivalAirport
	h.DepartureTime, h.ArrivalTime, h.PersonCount, h.Chunks, h.Warnings = n.DepartureTime, n.ArrivalTime, n.PersonCount, n.Chunks, n.Warnings
	h.UpdatedAt, h.SubmittedAt, h.ScoreState = n.UpdatedAt, n.SubmittedAt, n.ScoreState
	e.body = body
	e.chunks[n.Version] = persons
	e.chunkCount[n.Version] = chunks
	k, a := s.audit(e, paxscreen.AuditRecord{Action: paxscreen.AuditAmended, By: rec.Header.SubmittedBy, Version: n.Version})
	e.audit[k] = a
	s.index(rec)
	return nil
}

// Replay returns the first answer under an idempotency key, or ErrNotFound.
func (s *Store) Replay(ctx context.Context, key string) (paxscreen.StoredResponse, string, error) {
	if err := ctx.Err(); err != nil {
		return paxscreen.StoredResponse{}, "", fmt.Errorf("read idempotency record: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.idem[key]
	if !ok {
		return paxscreen.StoredResponse{}, "", paxscreen.ErrNotFound
	}
	return r.response, r.hash, nil
}

func (s *Store) header(ctx context.Context, id string) (*entry, *paxscreen.Header, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("load manifest %s: %w", id, err)
	}
	e, ok := s.manifests[id]
	if !ok {
		return nil, nil, fmt.Errorf("load manifest %s: %w", id, paxscreen.ErrNotFound)
	}
	h, err := copyHeader(&e.header)
	if err != nil {
		return nil, nil, err
	}
	return e, &h, nil
}

// GetHeader reads a manifest's header.
func (s *Store) GetHeader(ctx context.Context, id string) (*paxscreen.Header, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, h, err := s.header(ctx, id)
	return h, err
}

func (s *Store) record(e *entry, h *paxscreen.Header) (*paxscreen.Record, error) {
	var body manifestBody
	if err := json.Unmarshal(e.body, &body); err != nil {
		return nil, fmt.Errorf("unmarshal manifest %s: %w", h.ID, err)
	}
	m := &manifest.Manifest{Organiser: body.Organiser, Flight: body.Flight, Persons: make([]manifest.Person, 0, h.PersonCount)}
	if err := json.Unmarshal(e.chunks[h.Version], &m.Persons); err != nil {
		return nil, fmt.Errorf("load persons of manifest %s: %w", h.ID, err)
	}
	return &paxscreen.Record{Header: *h, Manifest: m}, nil
}

// Get reads a manifest with its persons at the version its header names.
func (s *Store) Get(ctx context.Context, id string) (*paxscreen.Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, h, err := s.header(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.record(e, h)
}

// GetInOrganisation reads a manifest of org; another organisation's answers ErrNotFound with
// ErrOtherOrganisation, an invalid org ErrNoOrganisation.
func (s *Store) GetInOrganisation(ctx context.Context, id, org string) (*paxscreen.Record, error) {
	if org == organisation.Unowned || organisation.Check(org) != nil {
		return nil, fmt.Errorf("load manifest %s: %w", id, paxscreen.ErrNoOrganisation)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, h, err := s.header(ctx, id)
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(h.Organisation), []byte(org)) != 1 {
		return nil, fmt.Errorf("load manifest %s: %w: %w", id, paxscreen.ErrNotFound, paxscreen.ErrOtherOrganisation)
	}
	return s.record(e, h)
}

// Persons reads the persons of one version; none when the version was never stored.
func (s *Store) Persons(ctx context.Context, id string, version int) ([]manifest.Person, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("load persons of manifest %s version %d: %w", id, version, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.manifests[id]
	if !ok || e.chunks[version] == nil {
		return nil, nil
	}
	var persons []manifest.Person
	if err := json.Unmarshal(e.chunks[version], &persons); err != nil {
		return nil, fmt.Errorf("load persons of manifest %s version %d: %w", id, version, err)
	}
	if len(persons) == 0 {
		// The real store appends chunk by chunk: an empty version reads as nil.
		return nil, nil
	}
	return persons, nil
}
