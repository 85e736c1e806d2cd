package httpapi_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/httpapi"
)

func TestBodySizeCountsBase64Exactly(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 5, 1<<20 - 1, 1 << 20, 1<<20 + 1} {
		body := strings.Repeat("x", n)
		for _, encoded := range []bool{false, true} {
			req := &httpapi.Request{Body: body}
			if encoded {
				req.Body, req.IsBase64Encoded = base64.StdEncoding.EncodeToString([]byte(body)), true
			}
			if got := httpapi.BodySize(req); got != n {
				t.Errorf("%d bytes (base64 %v): BodySize %d", n, encoded, got)
			}
		}
	}
}

func TestReadJSON(t *testing.T) {
	type decision struct {
		Decision string `json:"decision"`
	}
	tests := []struct {
		contentType, body string
		status            int // 0: accepted
	}{
		{"application/json", `{"decision":"x"}`, 0},
		{"application/json; charset=utf-8", " {\"decision\":\"x\"}\n\t ", 0},
		{"Application/JSON", `{"decision":"x"}`, 0},
		{"application/json", `{"decision":"x"} GARBAGE`, 400},
		{"application/json", `{"decision":"x"}{"decision":"y"}`, 400},
		{"application/json", `{"decision":"x"}]`, 400},
		{"application/json", `{"decision":"x","other":1}`, 400},
		{"application/json", ``, 400},
		{"application/json", `[]`, 400},
		{"text/plain", `{"decision":"x"}`, 415},
		{"", `{"decision":"x"}`, 415},
		{"application/json-patch+json", `{"decision":"x"}`, 415},
		{"application/json", `{"decision":"` + strings.Repeat("x", 100) + `"}`, 413},
	}
	for _, tt := range tests {
		req := &httpapi.Request{Headers: map[string]string{"content-type": tt.contentType}, Body: tt.body}
		var d decision
		got := httpapi.ReadJSON(req, 64, &d)
		switch {
		case tt.status == 0 && got != nil:
			t.Errorf("%q %q: refused %d %s", tt.contentType, tt.body, got.StatusCode, got.Body)
		case tt.status != 0 && (got == nil || got.StatusCode != tt.status):
			t.Errorf("%q %q: got %v, want %d", tt.contentType, tt.body, got, tt.status)
		case got != nil && got.StatusCode >= http.StatusInternalServerError:
			t.Errorf("a 5xx for a client's body")
		}
	}
}

// FuzzDecodeJSONIsOneValue: DecodeJSON accepts a body exactly when json.Unmarshal does: one
// JSON value with nothing after it, that fits the Go value. json.Valid is not the reference: it
// checks syntax alone, and a number beyond float64 (1 followed by 309 zeros) is valid JSON that
// no float64 holds, which both decoders refuse.
func FuzzDecodeJSONIsOneValue(f *testing.F) {
	for _, s := range []string{`{}`, `{} x`, `{}{}`, ` [1] `, `"a"`, `{"a":1}` + "\n", `1 2`, ``, `{"a":}`, "1" + strings.Repeat("0", 309)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var v, w any
		err := httpapi.DecodeJSON(body, &v)
		uerr := json.Unmarshal(body, &w)
		if (err == nil) != (uerr == nil) {
			t.Fatalf("DecodeJSON err %v, json.Unmarshal err %v for %q", err, uerr, body)
		}
		if err == nil && !json.Valid(body) {
			t.Fatalf("DecodeJSON accepted %q, which is not valid JSON", body)
		}
	})
}

// TestReadJSONNamesTheMember: a body that is JSON but misspells a member or gives one the wrong
// type is a 400 whose pointer names the member and whose detail says what it must be, in JSON's
// terms rather than Go's, and quotes no value of the body.
func TestReadJSONNamesTheMember(t *testing.T) {
	type nested struct {
		Seq int `json:"seq"`
	}
	type decision struct {
		Decision   string  `json:"decision"`
		Assessment int     `json:"assessment"`
		Urgent     bool    `json:"urgent"`
		Of         *nested `json:"of"`
	}
	tests := []struct {
		name, body, pointer, detail string
	}{
		{"misspelt member", `{"decison":"CLEARED"}`, "/decison", "is not a known member"},
		{"a number as a string", `{"assessment":"1"}`, "/assessment", "must be a number, got string"},
		{"a string as a number", `{"decision":1}`, "/decision", "must be a string, got number"},
		{"a number beyond the type", `{"assessment":1e400}`, "/assessment", "must be a number, got number"},
		{"a boolean as a string", `{"urgent":"yes"}`, "/urgent", "must be true or false, got string"},
		{"a nested member", `{"of":{"seq":"2"}}`, "/of/seq", "must be a number, got string"},
		{"an object as a string", `{"decision":{"x":1}}`, "/decision", "must be a string, got object"},
	}
	for _, tt := range tests {
		req := &httpapi.Request{Headers: map[string]string{"content-type": "application/json"}, Body: tt.body}
		var d decision
		got := httpapi.ReadJSON(req, 1024, &d)
		if got == nil || got.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: %v, want 400", tt.name, got)
			continue
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(got.Body), &doc); err != nil {
			t.Fatal(err)
		}
		detail, _ := doc["detail"].(string)
		if doc["pointer"] != tt.pointer || !strings.HasSuffix(detail, tt.pointer+" "+tt.detail) {
			t.Errorf("%s: pointer %v, detail %q; want %s and a detail ending %q", tt.name, doc["pointer"], detail, tt.pointer, tt.pointer+" "+tt.detail)
		}
		if strings.Contains(detail, "Go ") || strings.Contains(detail, "struct") || strings.Contains(detail, "1e400") || strings.Contains(detail, "CLEARED") {
			t.Errorf("%s: the detail speaks Go or quotes the body: %q", tt.name, detail)
		}
	}
}
