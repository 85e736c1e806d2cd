package memstore

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/paxscreen/paxscreen/shared/organisation"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// A list cursor as shared/store's: the query's fingerprint, the status being walked and the
// last key evaluated, signed.
type cursor = paxscreen.ListCursor

func fingerprint(q paxscreen.ListQuery, scope string) string { return q.Fingerprint(scope) }

// Cursors are made and checked as the table store makes them.
func (s *Store) signCursor(c cursor) string { return paxscreen.CursorCodec{Key: s.cursorKey}.Sign(c) }

func (s *Store) readCursor(text, fp string, statuses int) (cursor, error) {
	return paxscreen.CursorCodec{Key: s.cursorKey}.Read(text, fp, statuses)
}

// indexRow is one manifest as a secondary index holds it: partition and sort key.
type indexRow struct {
	pk, sk string
	id     string
}

// query walks one partition of an index as DynamoDB's Query does: rows in sort-key order after
// start, at most limit of them evaluated (before the filter, as DynamoDB counts), and the last
// evaluated key when the limit stopped the walk.
func (s *Store) query(pk string, byOrg bool, keep func(*paxscreen.Header) bool, skOK func(string) bool, start string, limit int) ([]paxscreen.Header, string, error) {
	var rows []indexRow
	for id, e := range s.manifests {
		h := &e.header
		r := indexRow{sk: h.ArrivalTime + "#" + h.ID, id: id}
		if byOrg {
			r.pk = "ORG#" + h.Organisation
		} else {
			r.pk = "STATUS#" + string(h.Status)
		}
		if r.pk == pk && skOK(r.sk) && (start == "" || r.sk > start) {
			rows = append(rows, r)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].sk < rows[j].sk })
	var out []paxscreen.Header
	for i, r := range rows {
		if limit > 0 && i == limit {
			return out, rows[i-1].sk, nil
		}
		h, err := copyHeader(&s.manifests[r.id].header)
		if err != nil {
			return nil, "", err
		}
		if keep(&h) {
			out = append(out, h)
		}
	}
	if limit > 0 && len(rows) == limit {
		// DynamoDB stops at the limit and hands back a key without looking whether more follow.
		return out, rows[len(rows)-1].sk, nil
	}
	return out, "", nil
}

// List returns one organisation's headers by scheduled arrival; an invalid organisation is
// ErrNoOrganisation.
func (s *Store) List(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error) {
	if org == organisation.Unowned || organisation.Check(org) != nil {
		return paxscreen.Page{}, fmt.Errorf("list manifests of organisation %q: %w", org, paxscreen.ErrNoOrganisation)
	}
	return s.list(ctx, org, q)
}

// ListAll returns every organisation's headers by status, then scheduled arrival.
func (s *Store) ListAll(ctx context.Context, q paxscreen.ListQuery) (paxscreen.Page, error) {
	return s.list(ctx, "", q)
}

func (s *Store) list(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error) {
	if err := ctx.Err(); err != nil {
		return paxscreen.Page{}, fmt.Errorf("list manifests: %w", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := paxscreen.CursorCodec{Key: s.cursorKey}.Start(q, org)
	if err != nil {
		return paxscreen.Page{}, err
	}
	q.Limit = st.Limit
	statuses, scope, c, byOrg := st.Statuses, st.Scope, st.Cursor, org != ""
	// The key condition on the index sort key, as shared/store builds it.
	lo, hi := q.From, ""
	if q.To != "" {
		hi = q.To + "#\uffff"
	}
	if q.From != "" && q.To != "" && lo > hi {
		// DynamoDB refuses a BETWEEN whose bounds are reversed.
		return paxscreen.Page{}, fmt.Errorf("list manifests: %w: BETWEEN bounds reversed", paxscreen.ErrBadQuery)
	}
	skOK := func(sk string) bool { return (lo == "" || sk >= lo) && (hi == "" || sk <= hi) }
	keep := func(h *paxscreen.Header) bool {
		return (!byOrg || q.Status == "" || h.Status == q.Status) && (q.Arrival == "" || h.ArrivalAirport == q.Arrival)
	}
	page := paxscreen.Page{Items: []paxscreen.Header{}}
	for si := c.Status; si < len(statuses); si++ {
		start := ""
		if si == c.Status && c.Key != nil {
			start = c.Key["sk"]
			if start == "" {
				return paxscreen.Page{}, paxscreen.ErrBadCursor
			}
		}
		pk := "STATUS#" + string(statuses[si])
		if byOrg {
			pk = "ORG#" + org
		}
		for {
			items, next, err := s.query(pk, byOrg, keep, skOK, start, q.Limit-len(page.Items))
			if err != nil {
				return paxscreen.Page{}, err
			}
			page.Items = append(page.Items, items...)
			start = next
			if len(page.Items) >= q.Limit {
				nc := cursor{Query: fingerprint(q, scope), Status: si}
				if start == "" {
					if si+1 >= len(statuses) || byOrg {
						return page, nil
					}
					nc.Status = si + 1
				} else {
					nc.Key = map[string]string{"sk": start}
				}
				page.Cursor = s.signCursor(nc)
				return page, nil
			}
			if start == "" {
				break
			}
		}
		if byOrg {
			break
		}
	}
	return page, nil
}

// LivePage reads one page of one status's headers from arrival fromArrival on, or before
// beforeArrival when that is set instead, as store.Store.LivePage.
func (s *Store) LivePage(ctx context.Context, status paxscreen.Status, fromArrival, beforeArrival string, start map[string]string, limit int) ([]paxscreen.Header, map[string]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s manifests: %w", status, err)
	}
	if limit <= 0 {
		return nil, nil, fmt.Errorf("read %s manifests: %w", status, errors.New("limit must be at least 1"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	skOK := func(sk string) bool {
		switch {
		case beforeArrival != "":
			return sk < beforeArrival
		case fromArrival != "":
			return sk >= fromArrival
		}
		return true
	}
	from := ""
	if start != nil {
		from = start["sk"]
	}
	headers, next, err := s.query("STATUS#"+string(status), false, func(*paxscreen.Header) bool { return true }, skOK, from, limit)
	if err != nil {
		return nil, nil, err
	}
	if headers == nil {
		headers = []paxscreen.Header{}
	}
	if next == "" {
		return headers, nil, nil
	}
	return headers, map[string]string{"sk": next}, nil
}
