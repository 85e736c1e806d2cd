package console

import (
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/httpapi"
)

func get(t *testing.T, h *Handler, routeKey, proxy string) httpapi.Response {
	t.Helper()
	req := &httpapi.Request{RouteKey: routeKey}
	if proxy != "" {
		req.PathParameters = map[string]string{"proxy": proxy}
	}
	r := &httpapi.Router{Routes: h.Routes(), Log: slog.New(slog.DiscardHandler)}
	resp, err := r.Handle(context.Background(), *req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func TestAssetsAndRedirects(t *testing.T) {
	h := &Handler{Config: Config{Auth: AuthOIDC, ClientID: "c1", AuthorizeURL: "https://idp.example/oauth2/authorize", TokenURL: "https://idp.example/oauth2/token", PollSeconds: 15}}
	tests := []struct {
		name, route, proxy string
		status             int
		ctype, location    string
	}{
		{"root redirects into the folder, relative to keep the stage", "GET /console", "", 302, "", "console/index.html"},
		{"page", "GET /console/{proxy+}", "index.html", 200, "text/html; charset=utf-8", ""},
		{"module script", "GET /console/{proxy+}", "js/app.js", 200, "text/javascript; charset=utf-8", ""},
		{"style sheet", "GET /console/{proxy+}", "style.css", 200, "text/css; charset=utf-8", ""},
		{"configuration", "GET /console/{proxy+}", "config.json", 200, "application/json", ""},
		{"alert short link", "GET /console/{proxy+}", "m/ABCDEFGHIJKLMNOPQRSTUVWXYZ", 302, "", "../index.html#/manifests/ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
		{"short link with a bad id", "GET /console/{proxy+}", "m/abc", 404, "", ""},
		{"short link that would inject a fragment", "GET /console/{proxy+}", "m/ABCDEFGHIJKLMNOPQRSTUVWX#Z", 404, "", ""},
		{"unknown file", "GET /console/{proxy+}", "nope.html", 404, "", ""},
		{"parent directory", "GET /console/{proxy+}", "../console.go", 404, "", ""},
		{"dot segments inside", "GET /console/{proxy+}", "js/../index.html", 404, "", ""},
		{"the Go source is not an asset", "GET /console/{proxy+}", "console.go", 404, "", ""},
		{"a folder", "GET /console/{proxy+}", "js", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.route, tt.proxy)
			if r.StatusCode != tt.status {
				t.Fatalf("status %d, want %d (%s)", r.StatusCode, tt.status, r.Body)
			}
			if tt.ctype != "" && r.Headers["Content-Type"] != tt.ctype {
				t.Errorf("Content-Type %q, want %q", r.Headers["Content-Type"], tt.ctype)
			}
			if r.Headers["Location"] != tt.location {
				t.Errorf("Location %q, want %q", r.Headers["Location"], tt.location)
			}
			if r.StatusCode == 200 && r.Headers["Content-Security-Policy"] == "" {
				t.Error("no Content-Security-Policy")
			}
		})
	}
}

// TestContentSecurityPolicyIsStrict: scripts and styles only from the console itself, nothing
// inline, no eval, no framing; the only other origin reachable is the token endpoint.
func TestContentSecurityPolicyIsStrict(t *testing.T) {
	h := &Handler{Config: Config{Auth: AuthOIDC, ClientID: "c1", AuthorizeURL: "https://idp.example/oauth2/authorize", TokenURL: "https://idp.example/oauth2/token"}}
	r := get(t, h, "GET /console/{proxy+}", "index.html")
	csp := r.Headers["Content-Security-Policy"]
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self' https://idp.example", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "unsafe-hashes", " * ", " http: ", " https: "} {
		if strings.Contains(csp+" ", bad) {
			t.Errorf("CSP %q allows %q", csp, bad)
		}
	}
	if r.Headers["X-Content-Type-Options"] != "nosniff" || r.Headers["Referrer-Policy"] != "no-referrer" {
		t.Errorf("headers %v", r.Headers)
	}
}

// TestAssetsHaveNoInlineCodeOrExternalReferences reads every embedded file: the CSP would block
// inline scripts, inline styles and handlers, and the console loads nothing from elsewhere.
func TestAssetsHaveNoInlineCodeOrExternalReferences(t *testing.T) {
	inline := []*regexp.Regexp{
		regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`),          // a script element with content
		regexp.MustCompile(`<style`),                                 // a style element
		regexp.MustCompile(`\s(?:on[a-z]+|style)\s*=\s*["']`),        // handler or style attributes
		regexp.MustCompile(`(?:src|href)\s*=\s*["']?(?:https?:)?//`), // another origin
		regexp.MustCompile(`\b(?:eval|new Function)\s*\(`),
		regexp.MustCompile(`\.innerHTML\s*=|insertAdjacentHTML|document\.write`),
		regexp.MustCompile(`localStorage\s*[.\[]`), // tokens live in memory only
	}
	n := 0
	err := fs.WalkDir(assets, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, _ := fs.ReadFile(assets, p)
		for _, re := range inline {
			if loc := re.FindIndex(b); loc != nil {
				t.Errorf("%s: %q matches %s", p, b[loc[0]:min(loc[1]+20, len(b))], re)
			}
		}
		return nil
	})
	if err != nil || n < 5 {
		t.Fatalf("walked %d assets: %v", n, err)
	}
}

func TestConfigCarriesNoSecrets(t *testing.T) {
	h := &Handler{Config: Config{Auth: AuthOIDC, ClientID: "c1", AuthorizeURL: "https://idp.example/a", TokenURL: "https://idp.example/t", PollSeconds: 15}}
	r := get(t, h, "GET /console/{proxy+}", "config.json")
	var got map[string]any
	if err := json.Unmarshal([]byte(r.Body), &got); err != nil {
		t.Fatal(err)
	}
	if _, ok := got["identities"]; ok {
		t.Errorf("a deployed console lists identities: %v", got)
	}
	if got["auth"] != "oidc" || got["clientId"] != "c1" || got["pollSeconds"] != float64(15) {
		t.Errorf("config %v", got)
	}
	if r.Headers["Cache-Control"] != "no-cache" {
		t.Errorf("Cache-Control %q", r.Headers["Cache-Control"])
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"unconfigured sign-in", Config{Auth: AuthOIDC}, true},
		{"Cognito hosted UI", Config{Auth: AuthOIDC, ClientID: "c", AuthorizeURL: "https://x.auth.eu-west-1.amazoncognito.com/oauth2/authorize", TokenURL: "https://x.auth.eu-west-1.amazoncognito.com/oauth2/token"}, true},
		{"plain http issuer", Config{Auth: AuthOIDC, ClientID: "c", AuthorizeURL: "http://idp.example/a", TokenURL: "http://idp.example/t"}, false},
		{"local http issuer", Config{Auth: AuthOIDC, ClientID: "c", AuthorizeURL: "http://localhost:8080/a", TokenURL: "http://localhost:8080/t"}, true},
		{"relative URL", Config{Auth: AuthOIDC, ClientID: "c", AuthorizeURL: "/a", TokenURL: "/t"}, false},
		{"authorize without token", Config{Auth: AuthOIDC, ClientID: "c", AuthorizeURL: "https://idp.example/a"}, false},
		{"no client id", Config{Auth: AuthOIDC, AuthorizeURL: "https://idp.example/a", TokenURL: "https://idp.example/t"}, false},
	}
	for _, tt := range tests {
		if err := tt.cfg.Validate(); (err == nil) != tt.ok {
			t.Errorf("%s: Validate() = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
}

func TestNotFoundIsAProblem(t *testing.T) {
	r := get(t, &Handler{}, "GET /console/{proxy+}", "missing.js")
	if r.StatusCode != http.StatusNotFound || r.Headers["Content-Type"] != "application/problem+json" {
		t.Errorf("%d %v", r.StatusCode, r.Headers)
	}
}
