package api_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/testkit/dynamotest"
)

// badAnswer fails a test when an answer to a client's mistake is anything but a 4xx problem
// document without retryable: a 5xx, or "retry", tells a client to repeat what can never work.
func badAnswer(t *testing.T, name string, resp httpapi.Response, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Errorf("%s: status %d, want %d: %.300s", name, resp.StatusCode, want, resp.Body)
		return
	}
	if resp.Headers["Content-Type"] != "application/problem+json" {
		t.Errorf("%s: Content-Type %q", name, resp.Headers["Content-Type"])
	}
	if strings.Contains(resp.Body, `"retryable"`) {
		t.Errorf("%s: a request error marked retryable: %s", name, resp.Body)
	}
}

// TestControlCharactersAreRefusedAtIntake: a control character in any text field, in any input
// format, is a 400 naming the field; nothing is stored.
func TestControlCharactersAreRefusedAtIntake(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		json := testdata(t, "valid.json")
		csv := testdata(t, "valid.csv")
		tests := []struct {
			name, contentType, body, path string
		}{
			{"organiser name with a forged Review line", "application/json",
				strings.Replace(json, `"name": "Relief Without Borders e.V."`, `"name": "Relief\nReview: https://evil.example/login"`, 1), "/organiser/name"},
			{"NUL in a surname", "application/json", strings.Replace(json, `"surname": "Santos"`, `"surname": "San\u0000tos"`, 1), "/persons/1/surname"},
			{"BEL in given names", "application/json", strings.Replace(json, `"givenNames": "Maria"`, `"givenNames": "Ma\u0007ria"`, 1), "/persons/1/givenNames"},
			{"right-to-left override in the operator", "application/json", strings.Replace(json, `"operator": "Example Charter GmbH"`, `"operator": "Example \u202eHbmG"`, 1), "/flight/operator"},
			{"tab in the contact name", "application/json", strings.Replace(json, `"name": "Operations desk"`, `"name": "Operations\tdesk"`, 1), "/organiser/emergencyContact/name"},
			{"line break in a quoted CSV cell", "text/csv", strings.Replace(csv, "fo,CREW,Santos,", "fo,CREW,\"San\ntos\",", 1), "/persons/1/surname"},
			{"escape in a CSV header field", "text/csv", strings.Replace(csv, "#operator: Example Charter GmbH", "#operator: Example\x1b[2J Charter", 1), "/flight/operator"},
		}
		for _, tt := range tests {
			resp, _ := s.ingest.Handle(context.Background(), submitEvent(t, tt.contentType, tt.body))
			badAnswer(t, tt.name, resp, http.StatusBadRequest)
			found := false
			for _, e := range decodeAny(t, resp)["errors"].([]any) {
				f := e.(map[string]any)
				found = found || f["code"] == "CONTROL_CHARACTER" && f["path"] == tt.path
			}
			if !found {
				t.Errorf("%s: no CONTROL_CHARACTER finding at %s: %s", tt.name, tt.path, resp.Body)
			}
		}
	})
}

// TestBadListQueriesAre400: every malformed list query is the client's, answered 400 before the
// table is asked, and never retryable; forged cursors included, whatever their shape.
func TestBadListQueriesAre400(t *testing.T) {
	client, table := dynamotest.Table(t)
	counted := &countingDB{DB: client}
	s := newStackOn(counted, table)
	ctx := context.Background()
	// A cursor in the shape the store issues, with the right fingerprint: only a signature
	// tells it from a real one.
	// tell it from a real one. (The store fingerprints the query with its scope, "" before the
	// fix and "*" for all organisations since.)
	shape := func(scope string) string {
		fp := sha256.Sum256([]byte(strings.Join([]string{"RECEIVED", scope, "", "", ""}, "\x00")))
		b, _ := json.Marshal(map[string]any{"q": base64.RawURLEncoding.EncodeToString(fp[:8]), "s": 0,
			"k": map[string]string{"PK": "MANIFEST#X", "SK": "META", "GSI1PK": "STATUS#CLEARED", "GSI1SK": "x"}})
		return base64.RawURLEncoding.EncodeToString(b)
	}
	tests := []struct {
		name  string
		roles string
		org   string
		query map[string]string
	}{
		{"from after to", "reviewer", "", map[string]string{"from": "2027-01-02T00:00:00Z", "to": "2027-01-01T00:00:00Z"}},
		{"from after to with a status", "reviewer", "", map[string]string{"status": "RECEIVED", "from": "2027-01-02T00:00:00Z", "to": "2027-01-01T00:00:00Z"}},
		{"from after to for a submitter", "submitter", "org-q", map[string]string{"from": "2027-01-02T00:00:00Z", "to": "2027-01-01T00:00:00Z"}},
		{"forged cursor of a valid shape", "reviewer", "", map[string]string{"status": "RECEIVED", "cursor": shape("")}},
		{"forged cursor with a signature", "reviewer", "", map[string]string{"status": "RECEIVED", "cursor": shape("*") + ".AAAAAAAAAAAAAAAAAAAAAA"}},
		{"cursor of garbage", "submitter", "org-q", map[string]string{"cursor": "%%%"}},
		{"cursor too long", "reviewer", "", map[string]string{"cursor": strings.Repeat("A", 4096)}},
		{"limit zero", "reviewer", "", map[string]string{"limit": "0"}},
		{"limit not a number", "reviewer", "", map[string]string{"limit": "ten"}},
		{"time without zone", "reviewer", "", map[string]string{"from": "2027-01-01T00:00:00"}},
		{"unknown parameter", "reviewer", "", map[string]string{"org": "org-a"}},
		{"status for a submitter", "submitter", "org-q", map[string]string{"status": "FLAGGED"}},
		{"airport not ICAO", "reviewer", "", map[string]string{"arrival": "RAM"}},
	}
	for _, tt := range tests {
		req := as(event(t, "manifests-list.json"), tt.roles, tt.org)
		req.QueryStringParameters = tt.query
		counted.reads.Store(0)
		resp, _ := s.read.Handle(ctx, req)
		badAnswer(t, tt.name, resp, http.StatusBadRequest)
		if n := counted.reads.Load(); n != 0 {
			t.Errorf("%s: reached the table (%d reads) before being refused", tt.name, n)
		}
	}
}

// TestJSONBodiesAreOneValueUnderApplicationJSON: decisions (the JSON-only route) refuse trailing
// data, a second value and other media types; manifests refuse trailing data too.
func TestJSONBodiesAreOneValueUnderApplicationJSON(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		ctx := context.Background()
		resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-json"))
		id := decode(t, resp)["id"].(string)
		s.scoreNow(t, id)
		good := `{"decision":"NEEDS_INFO","reason":"documents missing","assessment":1}`
		decide := func(contentType, body string) httpapi.Response {
			req := as(event(t, "review-post-decision.json"), "reviewer", "")
			req.PathParameters = map[string]string{"id": id}
			req.Headers = map[string]string{"content-type": contentType}
			req.Body = body
			resp, _ := s.review.Handle(ctx, req)
			return resp
		}
		tests := []struct {
			name, contentType, body string
			status                  int
		}{
			{"trailing garbage", "application/json", good + " GARBAGE", 400},
			{"a second object", "application/json", good + good, 400},
			{"a trailing bracket", "application/json", good + "]", 400},
			{"text/plain", "text/plain", good, 415},
			{"no media type", "", good, 415},
			{"form encoding", "application/x-www-form-urlencoded", good, 415},
			{"JSON look-alike media type", "application/jsonx", good, 415},
			{"empty body", "application/json", "", 400},
			{"over 16 KiB", "application/json", `{"decision":"NEEDS_INFO","reason":"` + strings.Repeat("x", 17<<10) + `","assessment":1}`, 413},
			{"unknown member", "application/json", `{"decision":"NEEDS_INFO","reason":"r","assessment":1,"by":"someone else"}`, 400},
			{"NUL in the reason", "application/json", `{"decision":"NEEDS_INFO","reason":"r\u0000","assessment":1}`, 400},
			{"bidi override in the reason", "application/json", `{"decision":"NEEDS_INFO","reason":"r\u202e","assessment":1}`, 400},
		}
		for _, tt := range tests {
			badAnswer(t, "decision: "+tt.name, decide(tt.contentType, tt.body), tt.status)
		}
		if r := decide("application/json", `{"decision":"NEEDS_INFO","reason":"line one\nline two\twith a tab","assessment":1}`); r.StatusCode != http.StatusCreated {
			t.Errorf("a reason over two lines: %d %s", r.StatusCode, r.Body)
		}
		if r := decide("application/json; charset=utf-8", good+"\n"); r.StatusCode != http.StatusCreated {
			t.Errorf("one object with a charset and a final newline: %d %s", r.StatusCode, r.Body)
		}
		for name, body := range map[string]string{"trailing garbage": testdata(t, "valid.json") + " GARBAGE", "a second object": testdata(t, "valid.json") + "{}", "a trailing brace": testdata(t, "valid.json") + "}"} {
			resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", body), "submitter", "org-json"))
			badAnswer(t, "manifest: "+name, resp, http.StatusBadRequest)
		}
	})
}

func decodeAny(t *testing.T, resp httpapi.Response) map[string]any {
	t.Helper()
	v := decode(t, resp)
	if _, ok := v["errors"].([]any); !ok {
		v["errors"] = []any{}
	}
	return v
}

// TestSubmissionQueryParametersAreChecked: the flight fields a CSV or PAXLST body lacks come as
// query parameters, matched regardless of case; a name a submission does not read is a 400
// naming it, on POST and PUT alike, and is never dropped to surface later as a REQUIRED finding.
func TestSubmissionQueryParametersAreChecked(t *testing.T) {
	s := newMemStack()
	ctx := context.Background()
	edi, err := os.ReadFile("../paxlst/testdata/charter.edi")
	if err != nil {
		t.Fatal(err)
	}
	paxlst := string(edi)
	flight := map[string]string{"organiserType": "NGO", "regime": "EVACUATION", "direction": "INBOUND", "aircraftType": "A320", "seatCapacity": "180"}
	with := func(extra map[string]string) map[string]string {
		q := maps.Clone(flight)
		maps.Copy(q, extra)
		return q
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		query       map[string]string
		status      int
		unknown     []string // the parameters the problem must name, in order
	}{
		{"PAXLST with its flight fields", "application/edifact", paxlst, flight, http.StatusCreated, nil},
		{"names in another case", "application/edifact", paxlst, map[string]string{"OrganiserType": "NGO", "REGIME": "EVACUATION", "direction": "INBOUND", "aircrafttype": "A320", "seatCapacity": "180"}, http.StatusCreated, nil},
		{"PAXLST as text/plain with format", "text/plain", paxlst, with(map[string]string{"format": "paxlst"}), http.StatusCreated, nil},
		{"the pilot in command by ref", "application/edifact", paxlst, with(map[string]string{"pic": "1"}), http.StatusCreated, nil},
		{"a misspelt flight field", "application/edifact", paxlst, map[string]string{"organiserType": "NGO", "regime": "EVACUATION", "direction": "INBOUND", "aircraftType": "A320", "seatCapasity": "180"}, http.StatusBadRequest, []string{"seatCapasity"}},
		{"every unknown name at once", "application/edifact", paxlst, with(map[string]string{"utm_source": "mail", "regim": "EVACUATION"}), http.StatusBadRequest, []string{"regim", "utm_source"}},
		{"a misspelt format", "text/plain", paxlst, with(map[string]string{"format": "paxlts"}), http.StatusBadRequest, []string{"format"}},
		{"a format the Content-Type already names", "application/json", testdata(t, "valid.json"), map[string]string{"format": "json"}, http.StatusBadRequest, []string{"format"}},
		{"on a JSON body too", "application/json", testdata(t, "valid.json"), map[string]string{"seats": "180"}, http.StatusBadRequest, []string{"seats"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := as(submitEvent(t, tt.contentType, tt.body), "submitter", "org-params")
			req.QueryStringParameters = tt.query
			resp, _ := s.ingest.Handle(ctx, req)
			if tt.status != http.StatusBadRequest {
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d: %.400s", resp.StatusCode, tt.status, resp.Body)
				}
				return
			}
			badAnswer(t, tt.name, resp, http.StatusBadRequest)
			doc := decodeAny(t, resp)
			if doc["type"] != httpapi.ProblemBase+"invalid-query" {
				t.Errorf("type %v, want invalid-query", doc["type"])
			}
			var named []string
			for _, e := range doc["errors"].([]any) {
				named = append(named, e.(map[string]any)["param"].(string))
			}
			if !slices.Equal(named, tt.unknown) {
				t.Errorf("named %v, want %v: %s", named, tt.unknown, resp.Body)
			}
		})
	}
	// An amendment reads the same parameters.
	resp, _ := s.ingest.Handle(ctx, as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-params"))
	id := decodeAny(t, resp)["id"].(string)
	amend := as(event(t, "ingest-put-manifest.json"), "submitter", "org-params")
	amend.PathParameters = map[string]string{"id": id}
	amend.Headers = map[string]string{"content-type": "application/edifact", "if-match": `"1"`}
	amend.Body = paxlst
	amend.QueryStringParameters = with(map[string]string{"seatcapasity": "180"})
	resp, _ = s.ingest.Handle(ctx, amend)
	badAnswer(t, "amendment with a misspelt parameter", resp, http.StatusBadRequest)
	if !strings.Contains(resp.Body, `"param":"seatcapasity"`) {
		t.Errorf("amendment: the unknown parameter is not named: %s", resp.Body)
	}
}

// TestRefusalDetailCountsTheErrors: the detail of a refused manifest counts its errors in words
// a reader can trust: "1 error", "2 errors".
func TestRefusalDetailCountsTheErrors(t *testing.T) {
	s := newMemStack()
	valid := testdata(t, "valid.json")
	tests := []struct {
		name, body, detail string
	}{
		{"one error", strings.Replace(valid, `"role": "PAX"`, `"role": "PASSENGER"`, 1), "1 error must be corrected; nothing was stored."},
		{"two errors", strings.Replace(strings.Replace(valid, `"role": "PAX"`, `"role": "PASSENGER"`, 1), `"aircraftType": "A320"`, `"aircraftType": "?"`, 1), "2 errors must be corrected; nothing was stored."},
	}
	for _, tt := range tests {
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", tt.body), "submitter", "org-count"))
		badAnswer(t, tt.name, resp, http.StatusBadRequest)
		if got := decodeAny(t, resp)["detail"]; got != tt.detail {
			t.Errorf("%s: detail %q, want %q", tt.name, got, tt.detail)
		}
	}
}

// TestBodiesThatAreNotUTF8AreRefused: a JSON or CSV body in another encoding is a 400 that says
// where its first foreign byte is, not a manifest stored with names turned into U+FFFD (which
// screening would then compare with the lists). PAXLST keeps its documented ISO 8859-1 reading.
func TestBodiesThatAreNotUTF8AreRefused(t *testing.T) {
	s := newMemStack()
	latin1 := func(s string) string { return strings.ReplaceAll(s, "ü", "\xfc") } // ü in ISO 8859-1
	jsonBody, csvBody := testdata(t, "valid.json"), testdata(t, "valid.csv")
	edi, err := os.ReadFile("../paxlst/testdata/charter.edi")
	if err != nil {
		t.Fatal(err)
	}
	paxlst := string(edi)
	if !strings.Contains(jsonBody, "ü") || !strings.Contains(csvBody, "ü") {
		t.Fatal("the samples no longer carry a non-ASCII letter to re-encode")
	}
	flight := map[string]string{"organiserType": "NGO", "regime": "EVACUATION", "direction": "INBOUND", "aircraftType": "A320", "seatCapacity": "180"}
	tests := []struct {
		name, contentType, body string
		query                   map[string]string
		status                  int
	}{
		{"JSON in UTF-8", "application/json", jsonBody, nil, http.StatusCreated},
		{"JSON in ISO 8859-1", "application/json", latin1(jsonBody), nil, http.StatusBadRequest},
		{"JSON in ISO 8859-1 that says so", "application/json; charset=iso-8859-1", latin1(jsonBody), nil, http.StatusBadRequest},
		{"CSV with a UTF-8 byte order mark", "text/csv", "\ufeff" + csvBody, nil, http.StatusCreated},
		{"CSV in Windows-1252", "text/csv", latin1(csvBody), nil, http.StatusBadRequest},
		{"PAXLST in ISO 8859-1", "application/edifact", strings.Replace(paxlst, "NAD+MS+++", "NAD+MS+++Gr\xfcn ", 1), flight, http.StatusCreated},
	}
	for _, tt := range tests {
		req := as(submitEvent(t, tt.contentType, tt.body), "submitter", "org-utf8-"+strings.ReplaceAll(tt.name, " ", "-"))
		req.QueryStringParameters = tt.query
		resp, _ := s.ingest.Handle(context.Background(), req)
		if tt.status != http.StatusBadRequest {
			if resp.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d: %.300s", tt.name, resp.StatusCode, tt.status, resp.Body)
			}
			continue
		}
		badAnswer(t, tt.name, resp, http.StatusBadRequest)
		doc := decodeAny(t, resp)
		off := strings.Index(tt.body, "\xfc")
		line := strings.Count(tt.body[:off], "\n") + 1
		if doc["type"] != httpapi.ProblemBase+"malformed" || doc["offset"] != float64(off) || doc["line"] != float64(line) ||
			!strings.Contains(doc["detail"].(string), "not UTF-8") {
			t.Errorf("%s: %s; want malformed at byte %d, line %d, saying not UTF-8", tt.name, resp.Body, off, line)
		}
	}
}
