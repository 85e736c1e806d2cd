package store_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/store"
)

// TestListNeverReadsAnEmptyOrganisationAsAll: every id a token cannot legitimately carry is
// refused by List, and only ListAll crosses organisations.
func TestListNeverReadsAnEmptyOrganisationAsAll(t *testing.T) {
	s, _, _ := newStore(t)
	ctx := context.Background()
	for _, org := range []string{"org-a-" + rand.Text(), "org-b-" + rand.Text()} {
		if err := s.Create(ctx, record(sample(1, time.Now()), org), nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Create(ctx, record(sample(1, time.Now()), organisation.Unowned), nil); err != nil {
		t.Fatal(err)
	}
	for _, org := range []string{"", organisation.Unowned, "all", "*", "org#x", " "} {
		page, err := s.List(ctx, org, paxscreen.ListQuery{})
		if !errors.Is(err, paxscreen.ErrNoOrganisation) || len(page.Items) != 0 {
			t.Errorf("List(%q) = %d items, %v; want paxscreen.ErrNoOrganisation", org, len(page.Items), err)
		}
	}
	all, err := s.ListAll(ctx, paxscreen.ListQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	orgs := map[string]bool{}
	for _, h := range all.Items {
		orgs[h.Organisation] = true
	}
	if len(orgs) < 2 {
		t.Errorf("ListAll saw organisations %v, want several", orgs)
	}
}

// TestForgedCursorsAreRefused: a cursor is only ever one the store signed for this query and
// scope; a modified, unsigned, re-signed or foreign one is ErrBadCursor without a table query.
func TestForgedCursorsAreRefused(t *testing.T) {
	s, client, table := newStore(t)
	ctx := context.Background()
	org := "org-" + rand.Text()
	for range 3 {
		if err := s.Create(ctx, record(sample(1, time.Now()), org), nil); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 1})
	if err != nil || page.Cursor == "" {
		t.Fatalf("first page: %v, cursor %q", err, page.Cursor)
	}
	if _, err := s.List(ctx, org, paxscreen.ListQuery{Limit: 1, Cursor: page.Cursor}); err != nil {
		t.Fatalf("the store's own cursor: %v", err)
	}
	payload, sig, _ := strings.Cut(page.Cursor, ".")
	raw, _ := base64.RawURLEncoding.DecodeString(payload)
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("cursor payload: %v", err)
	}
	key := c["k"].(map[string]any)
	key["GSI2SK"] = "9999-12-31T00:00:00Z#" + rand.Text() // a start key of the right shape
	forged, _ := json.Marshal(c)
	forgedPayload := base64.RawURLEncoding.EncodeToString(forged)

	other := store.New(client, table, nil, "")
	if err := other.SetCursorKey([]byte(strings.Repeat("k", 32))); err != nil {
		t.Fatal(err)
	}
	theirs, err := other.List(ctx, org, paxscreen.ListQuery{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	counted := &countingDB{DB: client}
	probe := store.New(counted, table, nil, "")
	if err := probe.SetCursorKey([]byte(strings.Repeat("k", 32))); err != nil {
		t.Fatal(err)
	}
	for name, cursor := range map[string]string{
		"modified start key, old signature": forgedPayload + "." + sig,
		"unsigned (the old format)":         forgedPayload,
		"signature of another payload":      forgedPayload + "." + base64.RawURLEncoding.EncodeToString(make([]byte, 16)),
		"signed with another key":           page.Cursor,
		"empty signature":                   payload + ".",
		"two dots":                          page.Cursor + "." + sig,
		"very long":                         strings.Repeat("A", 5000) + "." + sig,
	} {
		if _, err := probe.List(ctx, org, paxscreen.ListQuery{Limit: 1, Cursor: cursor}); !errors.Is(err, paxscreen.ErrBadCursor) {
			t.Errorf("%s: want paxscreen.ErrBadCursor, got %v", name, err)
		}
	}
	if n := counted.queries.Load(); n != 0 {
		t.Errorf("forged cursors reached the table %d times", n)
	}
	// A cursor signed with the right key is still bound to its scope.
	if _, err := other.ListAll(ctx, paxscreen.ListQuery{Limit: 1, Cursor: theirs.Cursor}); !errors.Is(err, paxscreen.ErrBadCursor) {
		t.Errorf("one organisation's cursor used for all organisations: %v", err)
	}
	if _, err := other.List(ctx, "org-other", paxscreen.ListQuery{Limit: 1, Cursor: theirs.Cursor}); !errors.Is(err, paxscreen.ErrBadCursor) {
		t.Errorf("one organisation's cursor used for another: %v", err)
	}
	if err := other.SetCursorKey([]byte("short")); err == nil {
		t.Error("a 5-byte cursor key was accepted")
	}
}

// TestAnotherOrganisationsManifestCostsWhatAMissingOneDoes: GetInOrganisation answers
// ErrNotFound for both after exactly one read, so neither the answer nor its timing tells them
// apart.
func TestAnotherOrganisationsManifestCostsWhatAMissingOneDoes(t *testing.T) {
	_, client, table := newStore(t)
	counted := &countingDB{DB: client}
	s := store.New(counted, table, []byte("test-key-test-key-test-key-test-key"), "t1")
	ctx := context.Background()
	rec := record(sample(3, time.Now()), "org-x")
	if err := s.Create(ctx, rec, nil); err != nil {
		t.Fatal(err)
	}
	reads := func(id, org string) (int64, error) {
		counted.gets.Store(0)
		counted.queries.Store(0)
		_, err := s.GetInOrganisation(ctx, id, org)
		return counted.gets.Load() + counted.queries.Load(), err
	}
	missing, errMissing := reads(rand.Text(), "org-y")
	foreign, errForeign := reads(rec.Header.ID, "org-y")
	if !errors.Is(errMissing, paxscreen.ErrNotFound) || !errors.Is(errForeign, paxscreen.ErrNotFound) {
		t.Fatalf("missing: %v, foreign: %v; want paxscreen.ErrNotFound for both", errMissing, errForeign)
	}
	if missing != 1 || foreign != 1 {
		t.Errorf("reads: missing %d, another organisation's %d; want 1 and 1", missing, foreign)
	}
	if _, err := reads(rec.Header.ID, organisation.Unowned); !errors.Is(err, paxscreen.ErrNoOrganisation) {
		t.Errorf("the unowned organisation: %v", err)
	}
	own, err := s.GetInOrganisation(ctx, rec.Header.ID, "org-x")
	if err != nil || len(own.Manifest.Persons) != 3 {
		t.Errorf("own organisation: %v", err)
	}
}

// countingDB counts the reads a store makes.
type countingDB struct {
	store.DB
	gets, queries atomic.Int64
}

func (c *countingDB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.gets.Add(1)
	return c.DB.GetItem(ctx, in, opts...)
}

func (c *countingDB) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.queries.Add(1)
	return c.DB.Query(ctx, in, opts...)
}
