package api_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
	"github.com/paxscreen/paxscreen/shared/store"
	"github.com/paxscreen/paxscreen/shared/stream/scorestream"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
	"github.com/paxscreen/paxscreen/shared/testkit/storecontract"
)

// stack wires the HTTP functions and the score handler to one store as their main.go files do.
type stack struct {
	ingest, read, review, watch *httpapi.Router
	score                       *scorestream.Handler
	db                          storecontract.Store
}

func newStack(t *testing.T) *stack {
	t.Helper()
	client, table := dynamotest.Table(t)
	return newStackOn(client, table)
}

// newStackOn wires the functions to table through db, which may wrap the client (to count reads).
func newStackOn(db store.DB, table string) *stack {
	// A document key of the test's own: the tests share the table and submit the same sample,
	// and a manifest's cross-manifest findings now reassess the manifests they name, so one
	// test's documents must not meet another's.
	return newStackWith(store.New(db, table, []byte("test-key-"+rand.Text()), "t1"))
}

// newStackWith wires the functions to st, the real store or the in-memory one.
func newStackWith(st storecontract.Store) *stack {
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	svc := &intake.Service{Store: st, Now: time.Now, NewID: intake.NewID}
	return &stack{
		ingest: &httpapi.Router{Routes: (&api.Ingest{Service: svc}).Routes(), Log: log},
		read:   &httpapi.Router{Routes: (&api.Manifests{Store: st}).Routes(), Log: log},
		review: &httpapi.Router{Routes: (&api.Review{Store: st}).Routes(), Log: log},
		watch:  &httpapi.Router{Routes: (&api.Watchlists{Store: st}).Routes(), Log: log},
		score:  &scorestream.Handler{Service: &scoring.Service{Store: st, Rules: rules.Default()}, Log: log},
		db:     st,
	}
}

// event loads a sample event from events/, as `sam local invoke -e` would send it.
func event(t *testing.T, name string) httpapi.Request {
	t.Helper()
	b, err := os.ReadFile("../../events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var req httpapi.Request
	if err := json.Unmarshal(b, &req); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return req
}

// as sets the verified claims the authorizer would pass for a caller.
func as(req httpapi.Request, roles, org string) httpapi.Request {
	return asSubject(req, "user-"+roles+"-"+org, roles, org)
}

// asSubject is as with a chosen subject: one person may hold tokens of two organisations.
func asSubject(req httpapi.Request, sub, roles, org string) httpapi.Request {
	claims := map[string]string{"sub": sub, "roles": "[" + roles + "]"}
	if org != "" {
		claims["org"] = org
	}
	req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
		JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}
	return req
}

func submitEvent(t *testing.T, contentType, body string) httpapi.Request {
	req := event(t, "ingest-post-manifest.json")
	req.Headers = map[string]string{"content-type": contentType}
	req.Body = body
	return req
}

func testdata(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../manifest/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decode(t *testing.T, resp httpapi.Response) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &v); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, resp.Body)
	}
	return v
}

func (s *stack) get(t *testing.T, id string) httpapi.Response {
	req := as(event(t, "manifests-get.json"), "reviewer", "")
	req.PathParameters = map[string]string{"id": id}
	req.RawPath = "/manifests/" + id
	resp, err := s.read.Handle(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestSubmitThenReadBack(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		for _, tc := range []struct{ contentType, file string }{
			{"application/json", "valid.json"},
			{"text/csv; charset=utf-8", "valid.csv"},
			{"text/csv", "valid-semicolon-bom.csv"},
		} {
			t.Run(tc.file, func(t *testing.T) {
				resp, err := s.ingest.Handle(context.Background(), submitEvent(t, tc.contentType, testdata(t, tc.file)))
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != http.StatusCreated {
					t.Fatalf("status %d: %s", resp.StatusCode, resp.Body)
				}
				receipt := decode(t, resp)
				id, _ := receipt["id"].(string)
				if resp.Headers["Location"] != "/manifests/"+id || receipt["status"] != string(paxscreen.StatusReceived) || receipt["version"] != 1.0 {
					t.Errorf("receipt %v, Location %q", receipt, resp.Headers["Location"])
				}
				got := s.get(t, id)
				if got.StatusCode != http.StatusOK {
					t.Fatalf("GET status %d: %s", got.StatusCode, got.Body)
				}
				view := decode(t, got)
				persons := view["manifest"].(map[string]any)["persons"].([]any)
				if len(persons) != 5 || view["arrivalAirport"] != "ETAR" || view["format"] == "" {
					t.Errorf("read back %d persons, header %v", len(persons), view)
				}
			})
		}
	})
}

func TestBase64EncodedBodyIsAccepted(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		req := submitEvent(t, "application/json", base64.StdEncoding.EncodeToString([]byte(testdata(t, "valid.json"))))
		req.IsBase64Encoded = true
		resp, _ := s.ingest.Handle(context.Background(), req)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("status %d: %s", resp.StatusCode, resp.Body)
		}
	})
}

func TestIdempotentRetryReturnsTheFirstAnswer(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		key := rand.Text()
		req := submitEvent(t, "application/json", testdata(t, "valid.json"))
		req.Headers["idempotency-key"] = key
		first, _ := s.ingest.Handle(context.Background(), req)
		second, _ := s.ingest.Handle(context.Background(), req)
		if first.StatusCode != http.StatusCreated || second.StatusCode != http.StatusCreated {
			t.Fatalf("statuses %d, %d: %s", first.StatusCode, second.StatusCode, second.Body)
		}
		if decode(t, first)["id"] != decode(t, second)["id"] || second.Headers["Idempotent-Replayed"] != "true" {
			t.Errorf("retry answered %s, first was %s", second.Body, first.Body)
		}
		// The same key for another body is a client bug, not a replay.
		req.Body = strings.Replace(req.Body, "RWB401", "RWB402", 1)
		third, _ := s.ingest.Handle(context.Background(), req)
		if third.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("reused key with another body: status %d, want 422", third.StatusCode)
		}
	})
}

func TestThousandPersonManifestOverHTTP(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		var m map[string]any
		if err := json.Unmarshal([]byte(testdata(t, "valid.json")), &m); err != nil {
			t.Fatal(err)
		}
		persons := m["persons"].([]any)
		pax := persons[2].(map[string]any)
		m["flight"].(map[string]any)["seatCapacity"] = 1000
		for i := len(persons); i < 1000; i++ {
			p := map[string]any{}
			for k, v := range pax {
				p[k] = v
			}
			p["ref"] = "x" + strconv.Itoa(i)
			p["givenNames"] = "Anna " + strconv.Itoa(i)
			p["documents"] = []any{map[string]any{"type": "P", "number": "N" + strconv.Itoa(100000+i), "issuingState": "SWE", "expiry": "2032-04-15"}}
			persons = append(persons, p)
		}
		m["persons"] = persons
		body, _ := json.Marshal(m)
		resp, _ := s.ingest.Handle(context.Background(), submitEvent(t, "application/json", string(body)))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("status %d: %.500s", resp.StatusCode, resp.Body)
		}
		got := s.get(t, decode(t, resp)["id"].(string))
		if n := len(decode(t, got)["manifest"].(map[string]any)["persons"].([]any)); n != 1000 {
			t.Errorf("read back %d persons, want 1000", n)
		}
	})
}

func TestSubmitErrors(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		tests := []struct {
			name        string
			contentType string
			body        string
			status      int
			problem     string
			check       func(t *testing.T, doc map[string]any)
		}{
			{"invalid manifest lists every error", "application/json",
				strings.NewReplacer(`"nationality": "SWE"`, `"nationality": "UTO"`, `"aircraftType": "A320"`, `"aircraftType": "?"`).Replace(testdata(t, "valid.json")),
				400, "invalid-manifest", func(t *testing.T, doc map[string]any) {
					errs := doc["errors"].([]any)
					if len(errs) < 4 { // three Swedish nationals and the aircraft type
						t.Errorf("want all errors, got %v", errs)
					}
					first := errs[0].(map[string]any)
					for _, k := range []string{"code", "path", "message", "severity"} {
						if first[k] == nil || first[k] == "" {
							t.Errorf("finding lacks %s: %v", k, first)
						}
					}
				}},
			{"malformed JSON says where", "application/json", "{\n  \"flight\": [,]\n}", 400, "malformed", func(t *testing.T, doc map[string]any) {
				if doc["line"] != 2.0 {
					t.Errorf("want line 2, got %v", doc["line"])
				}
			}},
			{"a misspelt member is named by its pointer", "application/json", strings.Replace(testdata(t, "valid.json"), `"surname"`, `"surnme"`, 1),
				400, "malformed", func(t *testing.T, doc map[string]any) {
					if p, _ := doc["pointer"].(string); !strings.HasPrefix(p, "/persons/0/") || !strings.HasSuffix(p, "surnme") {
						t.Errorf("pointer %v, want /persons/0/.../surnme", doc["pointer"])
					}
				}},
			{"malformed CSV says where", "text/csv", "surname,role\n\"Doe,PAX\n", 400, "malformed", nil},
			{"a CSV flight field is named as a field, not a pointer", "text/csv", strings.Replace(testdata(t, "valid.csv"), "#seatCapacity: 180", "#seatCapacity: many", 1),
				400, "malformed", func(t *testing.T, doc map[string]any) {
					if doc["field"] != "seatCapacity" || doc["pointer"] != nil {
						t.Errorf("field %v, pointer %v; want field seatCapacity and no pointer", doc["field"], doc["pointer"])
					}
				}},
			{"other media type", "application/xml", "<manifest/>", 415, "unsupported-media-type", nil},
			{"no media type", "", "{}", 415, "unsupported-media-type", nil},
			{"over 1 MiB", "application/json", strings.Repeat(" ", api.MaxBody+1), 413, "too-large", nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp, err := s.ingest.Handle(context.Background(), submitEvent(t, tt.contentType, tt.body))
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != tt.status || resp.Headers["Content-Type"] != "application/problem+json" {
					t.Fatalf("status %d %s, want %d problem+json: %.300s", resp.StatusCode, resp.Headers["Content-Type"], tt.status, resp.Body)
				}
				doc := decode(t, resp)
				if doc["type"] != httpapi.ProblemBase+tt.problem || doc["status"] != float64(tt.status) || doc["title"] == "" {
					t.Errorf("problem document %v", doc)
				}
				if tt.check != nil {
					tt.check(t, doc)
				}
			})
		}
	})
}

func TestReadErrors(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		for _, id := range []string{rand.Text(), "not-an-id", strings.Repeat("A", 300)} {
			if resp := s.get(t, id); resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %q: status %d, want 404", id, resp.StatusCode)
			}
		}
		req := as(event(t, "manifests-list.json"), "reviewer", "")
		req.QueryStringParameters = map[string]string{"status": "LOST", "from": "yesterday", "limit": "1000", "colour": "red"}
		resp, _ := s.read.Handle(context.Background(), req)
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("status %d, want 400", resp.StatusCode)
		}
		if errs := decode(t, resp)["errors"].([]any); len(errs) != 4 {
			t.Errorf("want 4 parameter errors at once, got %v", errs)
		}
	})
}

func TestListShowsSubmittedManifests(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		// An arrival minute no other test uses: every test shares the status index.
		arrival := time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC).Add(time.Duration(time.Now().UnixNano()%1440) * time.Minute).Format(time.RFC3339)
		body := strings.ReplaceAll(testdata(t, "valid.json"), "2026-12-01T10:30:00Z", arrival)
		resp, _ := s.ingest.Handle(context.Background(), submitEvent(t, "application/json", body))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
		}
		id := decode(t, resp)["id"]
		req := as(event(t, "manifests-list.json"), "reviewer", "")
		req.QueryStringParameters = map[string]string{"status": "RECEIVED", "arrival": "ETAR", "from": arrival, "to": arrival}
		list, _ := s.read.Handle(context.Background(), req)
		if list.StatusCode != http.StatusOK {
			t.Fatalf("list: %d %s", list.StatusCode, list.Body)
		}
		found := false
		for _, it := range decode(t, list)["items"].([]any) {
			if it.(map[string]any)["id"] == id {
				found = true
			}
		}
		if !found {
			t.Errorf("submitted manifest %v not listed: %s", id, list.Body)
		}
	})
}

func TestSubmitPAXLST(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		b, err := os.ReadFile("../paxlst/testdata/charter.edi")
		if err != nil {
			t.Fatal(err)
		}
		params := map[string]string{"organiserType": "NGO", "regime": "EVACUATION", "direction": "INBOUND", "aircraftType": "A320", "seatCapacity": "180"}
		for _, tc := range []struct{ contentType, format string }{{"application/edifact", ""}, {"text/plain; charset=utf-8", "paxlst"}} {
			req := submitEvent(t, tc.contentType, string(b))
			req.QueryStringParameters = maps.Clone(params)
			if tc.format != "" {
				req.QueryStringParameters["format"] = tc.format
			}
			resp, _ := s.ingest.Handle(context.Background(), req)
			if resp.StatusCode != http.StatusCreated {
				t.Fatalf("%s: status %d: %s", tc.contentType, resp.StatusCode, resp.Body)
			}
		}
		// A count that disagrees with the content is refused with the segment named.
		bad, err := os.ReadFile("../paxlst/testdata/count-mismatch.edi")
		if err != nil {
			t.Fatal(err)
		}
		req := submitEvent(t, "application/edifact", string(bad))
		req.QueryStringParameters = params
		resp, _ := s.ingest.Handle(context.Background(), req)
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(resp.Body, "PAXLST_COUNT_MISMATCH") {
			t.Errorf("count mismatch: status %d: %.400s", resp.StatusCode, resp.Body)
		}
		// text/plain without ?format=paxlst is not a manifest format.
		resp, _ = s.ingest.Handle(context.Background(), submitEvent(t, "text/plain", string(b)))
		if resp.StatusCode != http.StatusUnsupportedMediaType {
			t.Errorf("text/plain without format: status %d", resp.StatusCode)
		}
	})
}
