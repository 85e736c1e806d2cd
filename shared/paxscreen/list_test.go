package paxscreen

import (
	"errors"
	"strings"
	"testing"
)

// TestCursorCodec: a cursor reads back only under the key, query and status count that made it.
func TestCursorCodec(t *testing.T) {
	k := CursorCodec{Key: []byte(strings.Repeat("k", MinCursorKey))}
	q := ListQuery{Status: StatusFlagged, Arrival: "LHR"}
	fp := q.Fingerprint("org-a")
	good := k.Sign(ListCursor{Query: fp, Status: 0, Key: map[string]string{"PK": "MANIFEST#A"}})
	tests := []struct {
		name        string
		codec       CursorCodec
		text, query string
		statuses    int
		ok          bool
	}{
		{"as issued", k, good, fp, 1, true},
		{"another key", CursorCodec{Key: []byte(strings.Repeat("x", MinCursorKey))}, good, fp, 1, false},
		{"another organisation", k, good, q.Fingerprint("org-b"), 1, false},
		{"another filter", k, good, ListQuery{Status: StatusFlagged, Arrival: "CDG"}.Fingerprint("org-a"), 1, false},
		{"status out of range", k, good, fp, 0, false},
		{"signature cut", k, good[:len(good)-1], fp, 1, false},
		{"no signature", k, strings.Split(good, ".")[0], fp, 1, false},
		{"too long", k, good + strings.Repeat("A", 4096), fp, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.codec.Read(tt.text, tt.query, tt.statuses)
			if tt.ok && (err != nil || c.Key["PK"] != "MANIFEST#A") {
				t.Errorf("Read = %+v, %v; want the issued cursor", c, err)
			}
			if !tt.ok && !errors.Is(err, ErrBadCursor) {
				t.Errorf("Read = %+v, %v; want ErrBadCursor", c, err)
			}
		})
	}
}

// TestCursorStart: the page size is bounded, one status is walked alone, and ListAll's scope
// is one no organisation id can take.
func TestCursorStart(t *testing.T) {
	k := CursorCodec{Key: []byte(strings.Repeat("k", MinCursorKey))}
	tests := []struct {
		name      string
		q         ListQuery
		org       string
		limit     int
		statuses  int
		wantScope string
	}{
		{"defaults", ListQuery{}, "org-a", 50, len(Statuses), "org-a"},
		{"over the bound", ListQuery{Limit: 1000}, "org-a", 50, len(Statuses), "org-a"},
		{"one status", ListQuery{Status: StatusDenied, Limit: 7}, "org-a", 7, 1, "org-a"},
		{"every organisation", ListQuery{}, "", 50, len(Statuses), AllOrganisations},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := k.Start(tt.q, tt.org)
			if err != nil || st.Limit != tt.limit || len(st.Statuses) != tt.statuses || st.Scope != tt.wantScope {
				t.Errorf("Start = %+v, %v; want limit %d, %d statuses, scope %q", st, err, tt.limit, tt.statuses, tt.wantScope)
			}
		})
	}
	if _, err := k.Start(ListQuery{Cursor: "forged.cursor"}, "org-a"); !errors.Is(err, ErrBadCursor) {
		t.Errorf("a forged cursor: %v, want ErrBadCursor", err)
	}
}

// TestIdempotencyKeyScopes: one client key under another organisation or subject is another
// record, and parts cannot run together into another scope.
func TestIdempotencyKeyScopes(t *testing.T) {
	base := IdempotencyKey("org-a", "alice", "k1")
	others := map[string]string{
		"another organisation": IdempotencyKey("org-b", "alice", "k1"),
		"another subject":      IdempotencyKey("org-a", "bob", "k1"),
		"another key":          IdempotencyKey("org-a", "alice", "k2"),
		"parts shifted":        IdempotencyKey("org-aa", "lice", "k1"),
		"parts shifted back":   IdempotencyKey("org-a", "alicek", "1"),
		"no organisation":      IdempotencyKey("", "alice", "k1"),
		"empty client key":     IdempotencyKey("org-a", "alicek1", ""),
	}
	for name, k := range others {
		if k == base {
			t.Errorf("%s gives the same key %q", name, k)
		}
	}
	if again := IdempotencyKey("org-a", "alice", "k1"); again != base {
		t.Errorf("the same scope gives %q then %q", base, again)
	}
}
