package api_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

// caller is one kind of token holder in the access matrix.
type caller struct {
	name, roles, org string
}

// callers: every role, both organisations, and every organisation claim that is not an
// organisation id (missing, the unowned marker, reserved words, bad alphabet, too long).
var callers = []caller{
	{"anonymous", "", ""},
	{"guest@org-a", "guest", "org-a"},
	{"submitter@org-a", "submitter", "org-a"},
	{"submitter@org-b", "submitter", "org-b"},
	{"submitter without org", "submitter", ""},
	{"submitter@-", "submitter", "-"},
	{"submitter@all", "submitter", "all"},
	{"submitter@undefined", "submitter", "undefined"},
	{"submitter@'org a'", "submitter", "org a"},
	{"submitter@65 chars", "submitter", strings.Repeat("o", 65)},
	{"reviewer", "reviewer", ""},
	{"reviewer@org-a", "reviewer", "org-a"},
	{"admin", "admin", ""},
	{"admin@-", "admin", "-"},
}

// invalidOrg: callers every route must refuse with 403 whatever it serves.
var invalidOrg = map[string]bool{
	"submitter without org": true, "submitter@-": true, "submitter@all": true, "submitter@undefined": true,
	"submitter@'org a'": true, "submitter@65 chars": true, "admin@-": true,
}

// TestAccessMatrix walks every route with every kind of caller against a manifest of org-a that
// has an assessment, and checks the status each must get. Invalid organisation claims get 403
// on every route (checked for every route, not listed per route).
func TestAccessMatrix(t *testing.T) {
	eachOwnStack(t, "access", func(t *testing.T, s *stack) {
		ctx := context.Background()
		submitAs := func(org string) string {
			resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", org))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
			}
			return decode(t, resp)["id"].(string)
		}
		id := submitAs("org-a")
		s.scoreNow(t, id)
		sample, err := os.ReadFile("../../events/watchlist-sample.json")
		if err != nil {
			t.Fatal(err)
		}

		type route struct {
			router *httpapi.Router
			// request builds a fresh request; PUT amends a fresh manifest of org-a, so that every
			// cell amends version 1.
			request func() httpapi.Request
			want    map[string]int // by caller; absent callers get 403 (401 when anonymous)
		}
		withID := func(name, id string) httpapi.Request {
			req := event(t, name)
			req.PathParameters = map[string]string{"id": id}
			return req
		}
		routes := map[string]route{
			"POST /manifests": {s.ingest, func() httpapi.Request { return submitEvent(t, "application/json", testdata(t, "valid.json")) },
				map[string]int{"submitter@org-a": 201, "submitter@org-b": 201, "admin": 201}},
			"PUT /manifests/{id}": {s.ingest, func() httpapi.Request {
				req := withID("ingest-put-manifest.json", submitAs("org-a"))
				req.Headers = map[string]string{"content-type": "application/json", "if-match": `"1"`}
				req.Body = testdata(t, "valid.json")
				return req
			}, map[string]int{"submitter@org-a": 200, "submitter@org-b": 404, "admin": 200}},
			"GET /manifests/{id}": {s.read, func() httpapi.Request { return withID("manifests-get.json", id) },
				map[string]int{"submitter@org-a": 200, "submitter@org-b": 404, "reviewer": 200, "reviewer@org-a": 200, "admin": 200}},
			"GET /manifests/{id}/assessments": {s.read, func() httpapi.Request { return withID("manifests-get.json", id) },
				map[string]int{"reviewer": 200, "reviewer@org-a": 200, "admin": 200}},
			"GET /manifests": {s.read, func() httpapi.Request { return unfiltered(event(t, "manifests-list.json")) },
				map[string]int{"submitter@org-a": 200, "submitter@org-b": 200, "reviewer": 200, "reviewer@org-a": 200, "admin": 200}},
			"POST /manifests/{id}/decisions": {s.review, func() httpapi.Request {
				req := withID("review-post-decision.json", id)
				req.Body = `{"decision":"NEEDS_INFO","reason":"access matrix","assessment":1}`
				return req
			}, map[string]int{"reviewer": 201, "reviewer@org-a": 201}},
			"GET /manifests/{id}/audit": {s.review, func() httpapi.Request { return withID("review-get-audit.json", id) },
				map[string]int{"reviewer": 200, "reviewer@org-a": 200, "admin": 200}},
			"PUT /watchlists/{source}": {s.watch, func() httpapi.Request {
				req := event(t, "watchlist-put.json")
				req.PathParameters = map[string]string{"source": "SAMPLE"}
				req.Headers = map[string]string{"content-type": "application/json"}
				req.Body = string(sample)
				return req
			}, map[string]int{"admin": 201}},
			"GET /watchlists": {s.watch, func() httpapi.Request { return event(t, "watchlist-list.json") },
				map[string]int{"reviewer": 200, "reviewer@org-a": 200, "admin": 200}},
		}
		cells := 0
		for key, r := range routes {
			for _, c := range callers {
				want, ok := r.want[c.name]
				switch {
				case c.roles == "":
					want = http.StatusUnauthorized
				case invalidOrg[c.name]:
					if ok {
						t.Fatalf("%s: the matrix lets invalid caller %s in", key, c.name)
					}
					want = http.StatusForbidden
				case !ok:
					want = http.StatusForbidden
				}
				cells++
				t.Run(key+" as "+c.name, func(t *testing.T) {
					req := r.request()
					req.RouteKey = key
					if c.roles == "" {
						req.RequestContext.Authorizer = nil
					} else {
						req = as(req, c.roles, c.org)
					}
					resp, err := r.router.Handle(ctx, req)
					if err != nil {
						t.Fatal(err)
					}
					if resp.StatusCode != want {
						t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, want, resp.Body)
					}
				})
			}
		}
		t.Logf("access matrix: %d routes x %d callers = %d cells", len(routes), len(callers), cells)
	})
}

// TestSubmitterListsOnlyItsOwnOrganisation: a valid organisation's list holds its manifests and
// no other's, including the unowned ones administrators submit.
func TestSubmitterListsOnlyItsOwnOrganisation(t *testing.T) {
	eachOwnStack(t, "lists", func(t *testing.T, s *stack) {
		ctx := context.Background()
		ids := map[string]string{}
		for _, c := range []struct{ roles, org string }{{"submitter", "org-a"}, {"submitter", "org-b"}, {"admin", ""}} {
			resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", testdata(t, "valid.json")), c.roles, c.org))
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("submit as %v: %d %s", c, resp.StatusCode, resp.Body)
			}
			ids[c.roles+"@"+c.org] = decode(t, resp)["id"].(string)
		}
		list, _ := s.read.Handle(ctx, as(unfiltered(event(t, "manifests-list.json")), "submitter", "org-a"))
		var got []string
		for _, it := range decode(t, list)["items"].([]any) {
			got = append(got, it.(map[string]any)["id"].(string))
		}
		if len(got) != 1 || got[0] != ids["submitter@org-a"] {
			t.Errorf("org-a lists %v; want only %s (org-b's is %s, the unowned one %s)", got, ids["submitter@org-a"], ids["submitter@org-b"], ids["admin@"])
		}
		// The unowned manifest is nobody's: no token, whatever its organisation claim, reads it.
		for _, org := range []string{"-", "", "org-a", "none"} {
			req := as(event(t, "manifests-get.json"), "submitter", org)
			req.PathParameters = map[string]string{"id": ids["admin@"]}
			if resp, _ := s.read.Handle(ctx, req); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
				t.Errorf("submitter@%q reads the unowned manifest: %d", org, resp.StatusCode)
			}
			amend := as(event(t, "ingest-put-manifest.json"), "submitter", org)
			amend.PathParameters = map[string]string{"id": ids["admin@"]}
			amend.Headers = map[string]string{"content-type": "application/json", "if-match": `"1"`}
			amend.Body = testdata(t, "valid.json")
			if resp, _ := s.ingest.Handle(ctx, amend); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
				t.Errorf("submitter@%q amends the unowned manifest: %d", org, resp.StatusCode)
			}
		}
		got2 := s.get(t, ids["admin@"])
		if org := decode(t, got2)["organisation"]; org != "-" {
			t.Errorf("unowned manifest's organisation %v", org)
		}
	})
}

// TestIdempotencyKeysAreScopedByOrganisation: one subject holding tokens of two organisations
// (or two organisations whose subjects collide) cannot replay the other's request or learn that a
// key is in use: under the other scope the key is a new request.
func TestIdempotencyKeysAreScopedByOrganisation(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		ctx := context.Background()
		key := rand.Text()
		post := func(org, body string) httpapi.Response {
			req := asSubject(submitEvent(t, "application/json", body), "same-subject", "submitter", org)
			req.Headers["idempotency-key"] = key
			resp, err := s.ingest.Handle(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			return resp
		}
		body := testdata(t, "valid.json")
		x := post("org-x", body)
		y := post("org-y", body)
		if x.StatusCode != http.StatusCreated || y.StatusCode != http.StatusCreated {
			t.Fatalf("statuses %d, %d: %s", x.StatusCode, y.StatusCode, y.Body)
		}
		xid, yid := decode(t, x)["id"], decode(t, y)["id"]
		if xid == yid || y.Headers["Idempotent-Replayed"] != "" {
			t.Fatalf("org-y got org-x's answer (%v, replayed %q)", yid, y.Headers["Idempotent-Replayed"])
		}
		req := as(event(t, "manifests-get.json"), "submitter", "org-y")
		req = asSubject(req, "same-subject", "submitter", "org-y")
		req.PathParameters = map[string]string{"id": yid.(string)}
		if got, _ := s.read.Handle(ctx, req); got.StatusCode != http.StatusOK {
			t.Errorf("org-y's manifest was not stored: %d", got.StatusCode)
		}
		// Another body under the key org-x used: a new request for org-z, not a 422 revealing the key.
		if z := post("org-z", strings.Replace(body, "RWB401", "RWB402", 1)); z.StatusCode != http.StatusCreated {
			t.Errorf("another organisation's key with another body: %d %s", z.StatusCode, z.Body)
		}
		// Within one scope the key still replays.
		if again := post("org-x", body); again.Headers["Idempotent-Replayed"] != "true" || decode(t, again)["id"] != xid {
			t.Errorf("replay within the scope: %d %s", again.StatusCode, again.Body)
		}
	})
}

// TestNoTippingOffThroughTimesOrETags: from the submitter's side nothing changes when a reviewer
// escalates: the view, the list item and the ETag are byte-identical before and after.
func TestNoTippingOffThroughTimesOrETags(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		ctx := context.Background()
		clock := newTestClock()
		s.db.SetClock(clock.now)
		resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-tip"))
		id := decode(t, resp)["id"].(string)
		clock.advance()
		s.scoreNow(t, id)
		view := func() (httpapi.Response, string) {
			req := as(event(t, "manifests-get.json"), "submitter", "org-tip")
			req.PathParameters = map[string]string{"id": id}
			got, _ := s.read.Handle(ctx, req)
			list, _ := s.read.Handle(ctx, as(unfiltered(event(t, "manifests-list.json")), "submitter", "org-tip"))
			return got, list.Body
		}
		before, beforeList := view()
		clock.advance()
		if d := s.decide(t, id, `{"decision":"ESCALATED","reason":"second look","assessment":1}`); d.StatusCode != http.StatusCreated {
			t.Fatalf("escalate: %d %s", d.StatusCode, d.Body)
		}
		if h, _ := s.db.GetHeader(ctx, id); h.Status != paxscreen.StatusEscalated {
			t.Fatalf("the escalation was not recorded: %+v", h)
		}
		after, afterList := view()
		if before.Body != after.Body || before.Headers["ETag"] != after.Headers["ETag"] {
			t.Errorf("the submitter's view changed with the escalation:\nbefore %s %s\nafter  %s %s", before.Headers["ETag"], before.Body, after.Headers["ETag"], after.Body)
		}
		if beforeList != afterList {
			t.Errorf("the submitter's list changed with the escalation:\nbefore %s\nafter  %s", beforeList, afterList)
		}
		if !strings.Contains(after.Body, `"IN_REVIEW"`) {
			t.Errorf("status not IN_REVIEW: %s", after.Body)
		}
	})
}

// TestAnotherOrganisationsIDReadsLikeAMissingOne: the same answer after the same number of table
// reads, so timing does not tell an existing manifest of another organisation from none.
func TestAnotherOrganisationsIDReadsLikeAMissingOne(t *testing.T) {
	client, table := dynamotest.Table(t)
	counted := &countingDB{DB: client}
	s := newStackOn(counted, table)
	ctx := context.Background()
	resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-own"))
	id := decode(t, resp)["id"].(string)
	get := func(id string) (httpapi.Response, int64) {
		counted.reads.Store(0)
		req := as(event(t, "manifests-get.json"), "submitter", "org-other")
		req.PathParameters = map[string]string{"id": id}
		resp, _ := s.read.Handle(ctx, req)
		return resp, counted.reads.Load()
	}
	foreign, foreignReads := get(id)
	missing, missingReads := get(rand.Text())
	if foreign.StatusCode != http.StatusNotFound || foreign.Body != missing.Body {
		t.Errorf("another organisation's: %d %s; missing: %d %s", foreign.StatusCode, foreign.Body, missing.StatusCode, missing.Body)
	}
	if foreignReads != missingReads {
		t.Errorf("another organisation's manifest took %d reads, a missing one %d", foreignReads, missingReads)
	}
}

// TestBodyOfExactlyTheLimitIsAccepted: 1,048,576 bytes pass whether or not API Gateway encoded
// them in base64 (whose padding DecodedLen counts); one more byte is 413.
func TestBodyOfExactlyTheLimitIsAccepted(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		body := testdata(t, "valid.json")
		for _, tc := range []struct {
			size   int
			status int
		}{{1 << 20, http.StatusCreated}, {1<<20 + 1, http.StatusRequestEntityTooLarge}, {1<<20 - 1, http.StatusCreated}} {
			padded := body + strings.Repeat(" ", tc.size-len(body))
			for _, encoded := range []bool{false, true} {
				req := submitEvent(t, "application/json", padded)
				if encoded {
					req.Body, req.IsBase64Encoded = base64.StdEncoding.EncodeToString([]byte(padded)), true
				}
				resp, _ := s.ingest.Handle(context.Background(), req)
				if resp.StatusCode != tc.status {
					t.Errorf("%d bytes (base64 %v): status %d, want %d: %.200s", tc.size, encoded, resp.StatusCode, tc.status, resp.Body)
				}
			}
		}
	})
}

type testClock struct{ t atomic.Int64 }

func newTestClock() *testClock {
	c := &testClock{}
	c.t.Store(1_800_000_000)
	return c
}

func (c *testClock) now() time.Time { return time.Unix(c.t.Load(), 0).UTC() }
func (c *testClock) advance()       { c.t.Add(61) }

// countingDB counts the table reads of a stack.
type countingDB struct {
	store.DB
	reads atomic.Int64
}

func (c *countingDB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.reads.Add(1)
	return c.DB.GetItem(ctx, in, opts...)
}

func (c *countingDB) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.reads.Add(1)
	return c.DB.Query(ctx, in, opts...)
}
