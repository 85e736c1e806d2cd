package localapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/devstack/devauth"
)

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, path string
		params        map[string]string
		ok            bool
	}{
		{"/manifests", "/manifests", nil, true},
		{"/manifests", "/manifests/", nil, true},
		{"/manifests/{id}", "/manifests/ABC", map[string]string{"id": "ABC"}, true},
		{"/manifests/{id}", "/manifests", nil, false},
		{"/manifests/{id}", "/manifests/ABC/assessments", nil, false},
		{"/manifests/{id}/assessments", "/manifests/ABC/assessments", map[string]string{"id": "ABC"}, true},
		{"/files/{proxy+}", "/files/a/b/c", map[string]string{"proxy": "a/b/c"}, true},
		{"/manifests", "/watchlists", nil, false},
	}
	for _, tt := range tests {
		params, ok := matchPath(tt.pattern, tt.path)
		if ok != tt.ok || !reflect.DeepEqual(params, tt.params) {
			t.Errorf("matchPath(%q, %q) = %v, %v; want %v, %v", tt.pattern, tt.path, params, ok, tt.params, tt.ok)
		}
	}
}

func TestServerActsAsAPIGateway(t *testing.T) {
	a, err := devauth.New()
	if err != nil {
		t.Fatal(err)
	}
	var got events.APIGatewayV2HTTPRequest
	srv := &Server{Verify: a.Verify, Routes: []Route{{Method: "POST", Path: "/manifests/{id}", Function: "F",
		Handler: func(_ context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
			got = req
			return events.APIGatewayV2HTTPResponse{StatusCode: 201, Headers: map[string]string{"Location": "/x"}, Body: "ok"}, nil
		}}}}
	tok, _ := a.Mint("alice", "org-a", []string{"submitter"}, time.Hour)

	do := func(method, path, auth string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader("{}"))
		req.Header.Set("Content-Type", "application/json")
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		return w
	}
	if w := do("POST", "/manifests/ABC?x=1&x=2", ""); w.Code != http.StatusUnauthorized {
		t.Errorf("no token: %d, want 401", w.Code)
	}
	if w := do("POST", "/manifests/ABC", "Bearer nonsense"); w.Code != http.StatusUnauthorized {
		t.Errorf("bad token: %d, want 401", w.Code)
	}
	if w := do("GET", "/manifests/ABC", "Bearer "+tok); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("wrong method: %d, want 405", w.Code)
	}
	w := do("POST", "/manifests/ABC?x=1&x=2", "Bearer "+tok)
	if w.Code != 201 || w.Header().Get("Location") != "/x" || w.Body.String() != "ok" {
		t.Fatalf("answer %d %v %q", w.Code, w.Header(), w.Body.String())
	}
	if got.RouteKey != "POST /manifests/{id}" || got.PathParameters["id"] != "ABC" || got.QueryStringParameters["x"] != "1,2" ||
		got.Headers["content-type"] != "application/json" || got.Body != "{}" || got.Version != "2.0" {
		t.Errorf("event %+v", got)
	}
	if c := got.RequestContext.Authorizer.JWT.Claims; c["sub"] != "alice" || c["org"] != "org-a" || c["roles"] != "[submitter]" {
		t.Errorf("claims %v", c)
	}
}

// TestPublicRoutesNeedNoTokenAndGetNoClaims: a route without an authorizer is served to anyone,
// and its handler sees no identity even when a token is sent, as API Gateway does; the other
// routes still refuse a request without a token.
func TestPublicRoutesNeedNoTokenAndGetNoClaims(t *testing.T) {
	a, err := devauth.New()
	if err != nil {
		t.Fatal(err)
	}
	var got events.APIGatewayV2HTTPRequest
	handler := func(_ context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		got = req
		return events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: "page"}, nil
	}
	srv := &Server{Verify: a.Verify, Routes: []Route{
		{Method: "GET", Path: "/console/{proxy+}", Function: "C", Handler: handler, Public: true},
		{Method: "GET", Path: "/manifests", Function: "M", Handler: handler},
	}}
	tok, _ := a.Mint("alice", "org-a", []string{"submitter"}, time.Hour)
	for _, auth := range []string{"", "Bearer " + tok} {
		req := httptest.NewRequest("GET", "/console/js/app.js", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		if w.Code != 200 || got.PathParameters["proxy"] != "js/app.js" || got.RequestContext.Authorizer != nil {
			t.Errorf("auth %q: %d, event %+v", auth, w.Code, got.RequestContext.Authorizer)
		}
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, httptest.NewRequest("GET", "/manifests", nil))
	if w.Code != http.StatusUnauthorized {
		t.Errorf("a route with an authorizer answered %d without a token", w.Code)
	}
}

// TestGatewayRefusalsAreJSON: what the gateway answers itself, before or instead of a function,
// is API Gateway's {"message"} document labelled application/json, as deployed, so that a client
// reading the local stack parses it as it would in production.
func TestGatewayRefusalsAreJSON(t *testing.T) {
	a, err := devauth.New()
	if err != nil {
		t.Fatal(err)
	}
	failing := func(context.Context, events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		return events.APIGatewayV2HTTPResponse{}, errors.New("the function failed")
	}
	srv := &Server{Verify: a.Verify, MaxBody: 8, Routes: []Route{{Method: "POST", Path: "/manifests", Function: "F", Handler: failing}}}
	tok, _ := a.Mint("alice", "org-a", []string{"submitter"}, time.Hour)
	tests := []struct {
		name, method, path, auth, body string
		status                         int
		message                        string
	}{
		{"unknown route", "GET", "/nothing", "", "", http.StatusNotFound, "Not Found"},
		{"known path, other method", "DELETE", "/manifests", "Bearer " + tok, "", http.StatusMethodNotAllowed, "Not Found"},
		{"no token", "POST", "/manifests", "", "{}", http.StatusUnauthorized, "Unauthorized"},
		{"a token that does not verify", "POST", "/manifests", "Bearer nonsense", "{}", http.StatusUnauthorized, "Unauthorized"},
		{"body over the gateway's limit", "POST", "/manifests", "Bearer " + tok, "0123456789", http.StatusRequestEntityTooLarge, "Request Entity Too Large"},
		{"the function fails", "POST", "/manifests", "Bearer " + tok, "{}", http.StatusInternalServerError, "Internal Server Error"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
		if tt.auth != "" {
			req.Header.Set("Authorization", tt.auth)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		var doc struct{ Message string }
		if w.Code != tt.status || w.Header().Get("Content-Type") != "application/json" ||
			json.Unmarshal(w.Body.Bytes(), &doc) != nil || doc.Message != tt.message {
			t.Errorf("%s: %d %q %q, want %d application/json {\"message\":%q}", tt.name, w.Code, w.Header().Get("Content-Type"), w.Body.String(), tt.status, tt.message)
		}
	}
}
