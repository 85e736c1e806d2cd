package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/httpapi"
)

// request carries the claims the JWT authorizer verified; nil claims is a request without one.
func request(route string, claims map[string]string) httpapi.Request {
	req := httpapi.Request{RouteKey: route}
	if claims != nil {
		req.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims}}
	}
	return req
}

func problemType(t *testing.T, r httpapi.Response) string {
	t.Helper()
	var doc struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal([]byte(r.Body), &doc); err != nil {
		t.Fatalf("body %q: %v", r.Body, err)
	}
	return strings.TrimPrefix(doc.Type, httpapi.ProblemBase)
}

// TestAllowChecksIdentityOrganisationAndRole: who reaches a handler. No identity is a 401; an
// organisation claim that is not an organisation id, or a submitter with none, is refused on
// every route before the role is looked at; otherwise one of the route's roles lets through.
// Each denial is logged with its reason and never with the caller's subject.
func TestAllowChecksIdentityOrganisationAndRole(t *testing.T) {
	tests := []struct {
		name   string
		claims map[string]string
		roles  []string
		status int    // 0: the handler ran
		reason string // the denial's logged reason
	}{
		{"no authorizer context", nil, []string{httpapi.RoleSubmitter}, http.StatusUnauthorized, "no identity"},
		{"claims without a subject", map[string]string{"org": "acme", "roles": "submitter"}, []string{httpapi.RoleSubmitter}, http.StatusUnauthorized, "no identity"},
		{"submitter of its organisation", map[string]string{"sub": "u1", "org": "acme", "roles": "submitter"}, []string{httpapi.RoleSubmitter}, 0, ""},
		{"Cognito's claims", map[string]string{"sub": "u1", "custom:org": "acme", "cognito:groups": "[submitter reviewer]"}, []string{httpapi.RoleReviewer}, 0, ""},
		{"roles as a comma list", map[string]string{"sub": "u1", "org": "acme", "roles": "[submitter,admin]"}, []string{httpapi.RoleAdmin}, 0, ""},
		{"submitter on a reviewer's route", map[string]string{"sub": "u1", "org": "acme", "roles": "submitter"}, []string{httpapi.RoleReviewer, httpapi.RoleAdmin}, http.StatusForbidden, "role"},
		{"submitter without an organisation", map[string]string{"sub": "u1", "roles": "submitter"}, []string{httpapi.RoleSubmitter}, http.StatusForbidden, "no organisation claim"},
		{"reviewer without an organisation", map[string]string{"sub": "u1", "roles": "reviewer"}, []string{httpapi.RoleReviewer}, 0, ""},
		{"an organisation claim meaning everyone", map[string]string{"sub": "u1", "org": "*", "roles": "admin"}, []string{httpapi.RoleAdmin}, http.StatusForbidden, "invalid organisation claim"},
		{"an organisation claim of a dash", map[string]string{"sub": "u1", "org": "-", "roles": "reviewer"}, []string{httpapi.RoleReviewer}, http.StatusForbidden, "invalid organisation claim"},
		{"no roles at all", map[string]string{"sub": "u1", "org": "acme"}, []string{httpapi.RoleSubmitter}, http.StatusForbidden, "role"},
		{"a role named like another", map[string]string{"sub": "u1", "org": "acme", "roles": "administrator"}, []string{httpapi.RoleAdmin}, http.StatusForbidden, "role"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ran := false
			h := httpapi.Allow(func(context.Context, *httpapi.Request, *slog.Logger) httpapi.Response {
				ran = true
				return httpapi.JSON(http.StatusOK, map[string]string{}, nil)
			}, tt.roles...)
			var logs bytes.Buffer
			req := request("GET /manifests", tt.claims)
			resp := h(context.Background(), &req, slog.New(slog.NewJSONHandler(&logs, nil)))
			if tt.status == 0 {
				if !ran || resp.StatusCode != http.StatusOK {
					t.Errorf("handler ran %v, status %d; want it reached", ran, resp.StatusCode)
				}
				return
			}
			if ran || resp.StatusCode != tt.status {
				t.Fatalf("handler ran %v, status %d; want %d before the handler", ran, resp.StatusCode, tt.status)
			}
			if resp.Headers["Content-Type"] != "application/problem+json" {
				t.Errorf("Content-Type %q", resp.Headers["Content-Type"])
			}
			if !strings.Contains(logs.String(), `"reason":"`+tt.reason+`"`) {
				t.Errorf("log %s; want reason %q", logs.String(), tt.reason)
			}
			if strings.Contains(logs.String(), `"u1"`) {
				t.Errorf("the denial logs the subject: %s", logs.String())
			}
		})
	}
}

// TestSubmitterOnly: only a caller with neither the reviewer nor the admin role is scoped to its
// own organisation.
func TestSubmitterOnly(t *testing.T) {
	tests := []struct {
		roles string
		want  bool
	}{
		{"submitter", true},
		{"", true},
		{"submitter reviewer", false},
		{"admin", false},
	}
	for _, tt := range tests {
		req := request("GET /manifests", map[string]string{"sub": "u", "roles": tt.roles})
		if got := httpapi.CallerOf(&req).SubmitterOnly(); got != tt.want {
			t.Errorf("roles %q: SubmitterOnly %v, want %v", tt.roles, got, tt.want)
		}
	}
}

// TestRouterAnswersUnknownRoutesAndPanics: a route not in the table is a 404 problem, and a
// handler that panics is a 500 problem with the stack in the log, never a dropped connection.
func TestRouterAnswersUnknownRoutesAndPanics(t *testing.T) {
	var logs bytes.Buffer
	r := &httpapi.Router{Log: slog.New(slog.NewJSONHandler(&logs, nil)), Routes: httpapi.Routes{
		"GET /ok": func(context.Context, *httpapi.Request, *slog.Logger) httpapi.Response {
			return httpapi.JSON(http.StatusOK, "ok", nil)
		},
		"GET /panic": func(context.Context, *httpapi.Request, *slog.Logger) httpapi.Response { panic("bug") },
	}}
	tests := []struct {
		route  string
		status int
		kind   string
	}{
		{"GET /ok", http.StatusOK, ""},
		{"GET /nowhere", http.StatusNotFound, "not-found"},
		{"GET /panic", http.StatusInternalServerError, "internal-error"},
	}
	for _, tt := range tests {
		resp, err := r.Handle(context.Background(), request(tt.route, nil))
		if err != nil || resp.StatusCode != tt.status {
			t.Errorf("%s: %d, %v; want %d", tt.route, resp.StatusCode, err, tt.status)
			continue
		}
		if tt.kind != "" && problemType(t, resp) != tt.kind {
			t.Errorf("%s: problem %s, want %s", tt.route, problemType(t, resp), tt.kind)
		}
	}
	if !strings.Contains(logs.String(), "handler panicked") || !strings.Contains(logs.String(), `"route":"GET /panic"`) {
		t.Errorf("the panic is not logged with its route: %s", logs.String())
	}
	if keys := r.Routes.Keys(); !slices.Equal(slices.Sorted(slices.Values(keys)), []string{"GET /ok", "GET /panic"}) {
		t.Errorf("Keys = %v, want both routes", keys)
	}
}

// An extra member named like a standard one would let a caller's detail rewrite the HTTP status a
// client reads from the body, so the standard members always win.
func TestProblemExtraMembersNeverReplaceStandardOnes(t *testing.T) {
	resp := httpapi.Problem(409, "manifest-closed", "Manifest closed", "it is closed",
		map[string]any{"status": "CLOSED", "type": "x", "title": "y", "detail": "z", "instance": "w", "manifestStatus": "CLOSED"})
	var doc map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"type": httpapi.ProblemBase + "manifest-closed", "title": "Manifest closed", "status": float64(409), "detail": "it is closed", "manifestStatus": "CLOSED"}
	if len(doc) != len(want) {
		t.Errorf("members %v, want %v", doc, want)
	}
	for k, v := range want {
		if doc[k] != v {
			t.Errorf("%s = %v, want %v", k, doc[k], v)
		}
	}
}
