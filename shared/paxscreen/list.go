package paxscreen

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// ListQuery selects manifest headers. Which organisations it covers is not part of the query: it
// is the call, List for one organisation or ListAll for every one.
type ListQuery struct {
	Status   Status // one of Statuses, or "" for all
	Arrival  string // arrival airport, or ""
	From, To string // scheduled arrival range (RFC 3339, UTC), inclusive; "" for open
	Limit    int
	Cursor   string
}

// Page is one page of headers; Cursor is empty on the last page.
type Page struct {
	Items  []Header `json:"items"`
	Cursor string   `json:"cursor,omitempty"`
}

// MinCursorKey is the shortest cursor key a store accepts: 32 bytes, the HMAC-SHA256 block
// half, beyond which a longer key adds nothing.
const MinCursorKey = 32

// ListCursor is where a List or ListAll page stopped: the query it belongs to (Fingerprint), the
// index of the status being walked, and the last evaluated key.
type ListCursor struct {
	Query  string            `json:"q"`
	Status int               `json:"s"`
	Key    map[string]string `json:"k,omitempty"`
}

// AllOrganisations stands for ListAll's scope in cursor fingerprints; organisation.Check refuses
// it, so no organisation's cursor can pass for one of ListAll's.
const AllOrganisations = "*"

// Fingerprint binds a cursor to the query and scope that made it: a cursor reused with other
// filters would skip or repeat items without anyone noticing.
func (q ListQuery) Fingerprint(scope string) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{string(q.Status), scope, q.Arrival, q.From, q.To}, "\x00")))
	return base64.RawURLEncoding.EncodeToString(sum[:8])
}

// maxCursor bounds what List decodes; its own cursors are about 300 bytes.
const maxCursor = 2048

// CursorCodec signs and reads list cursors under one key. The table store and any other
// implementation of its list contract (the in-memory store of the tests) make and check cursors
// through it, so a cursor means the same thing to both.
type CursorCodec struct {
	Key []byte
}

// Sign returns payload.mac, base64url: the HMAC covers the whole payload, so a cursor that is not
// byte for byte one the store issued is refused before it reaches DynamoDB, where a forged start
// key would be a ValidationException rather than a client's mistake.
func (k CursorCodec) Sign(c ListCursor) string {
	raw, _ := json.Marshal(c)
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return payload + "." + base64.RawURLEncoding.EncodeToString(k.mac(payload))
}

func (k CursorCodec) mac(payload string) []byte {
	mac := hmac.New(sha256.New, k.Key)
	mac.Write([]byte("paxscreen list cursor\x00"))
	mac.Write([]byte(payload))
	return mac.Sum(nil)[:16]
}

// Read checks text's signature and that it belongs to the query with fingerprint and walks one
// of statuses statuses; anything else is ErrBadCursor.
func (k CursorCodec) Read(text, fingerprint string, statuses int) (ListCursor, error) {
	var c ListCursor
	payload, sig, ok := strings.Cut(text, ".")
	if len(text) > maxCursor || !ok {
		return c, ErrBadCursor
	}
	// Strict: one cursor has one spelling, so that no other text passes for an issued one.
	got, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	if err != nil || !hmac.Equal(got, k.mac(payload)) {
		return c, ErrBadCursor
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(payload)
	if err != nil || json.Unmarshal(raw, &c) != nil || c.Query != fingerprint || c.Status < 0 || c.Status >= statuses {
		return ListCursor{}, ErrBadCursor
	}
	return c, nil
}

// ListStart is where a list query begins: its page size, the statuses it walks in order, the
// scope its cursors are bound to, and the cursor it resumes from (zero for the first page).
type ListStart struct {
	Limit    int
	Statuses []Status
	Scope    string
	Cursor   ListCursor
}

// Start reads q for org ("" lists every organisation): the default and bounded page size, the
// statuses (q.Status alone, else every status in Statuses order) and the checked cursor. The
// table store and the in-memory store both begin here, so a query pages the same on both.
func (k CursorCodec) Start(q ListQuery, org string) (ListStart, error) {
	st := ListStart{Limit: q.Limit, Statuses: Statuses, Scope: org}
	if st.Limit <= 0 || st.Limit > 100 {
		st.Limit = 50
	}
	if q.Status != "" {
		st.Statuses = []Status{q.Status}
	}
	if org == "" {
		st.Scope = AllOrganisations
	}
	if q.Cursor != "" {
		c, err := k.Read(q.Cursor, q.Fingerprint(st.Scope), len(st.Statuses))
		if err != nil {
			return ListStart{}, err
		}
		st.Cursor = c
	}
	return st, nil
}
