// Package console serves the reviewers' web console: static HTML, CSS and JavaScript modules
// embedded in the binary, and the small runtime configuration the page needs to sign in. The
// assets are public (the routes have no authorizer); every API call the page makes carries the
// signed-in user's bearer token and is authorised by the API as any other client's.
package console

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/intake"
)

//go:embed assets
var assets embed.FS

// Config is what the page learns at start from config.json.
type Config struct {
	// Auth is "oidc" (authorization code flow with PKCE against AuthorizeURL and TokenURL) or
	// "local" (the local stack: pick one of Identities).
	Auth         string `json:"auth"`
	ClientID     string `json:"clientId,omitempty"`
	AuthorizeURL string `json:"authorizeUrl,omitempty"`
	TokenURL     string `json:"tokenUrl,omitempty"`
	LogoutURL    string `json:"logoutUrl,omitempty"`
	Scopes       string `json:"scopes,omitempty"`
	// Identities are the local stack's ready-made sign-ins; never set in a deployed function.
	Identities []Identity `json:"identities,omitempty"`
	// PollSeconds is how often the queue looks for new manifests.
	PollSeconds int `json:"pollSeconds"`
}

// Identity is one local sign-in: a label, what it may do, and its token.
type Identity struct {
	Label string `json:"label"`
	Token string `json:"token"`
}

// Validate checks that the sign-in endpoints, when given, are absolute https URLs (http only for
// a local issuer), and that a client id comes with them.
func (c Config) Validate() error {
	for name, u := range map[string]string{"authorize URL": c.AuthorizeURL, "token URL": c.TokenURL, "logout URL": c.LogoutURL} {
		if u == "" {
			continue
		}
		p, err := url.Parse(u)
		if err != nil || p.Host == "" || !(p.Scheme == "https" || p.Scheme == "http" && localHost(p.Hostname())) {
			return fmt.Errorf("console %s %q: must be an absolute https URL", name, u)
		}
	}
	if c.Auth == AuthOIDC && (c.AuthorizeURL != "") != (c.TokenURL != "") {
		return errors.New("console sign-in needs both an authorize and a token URL, or neither")
	}
	if c.Auth == AuthOIDC && c.AuthorizeURL != "" && c.ClientID == "" {
		return errors.New("console sign-in needs a client id with its authorize URL")
	}
	return nil
}

func localHost(h string) bool { return h == "localhost" || h == "127.0.0.1" || h == "::1" }

// Auth modes.
const (
	AuthOIDC  = "oidc"
	AuthLocal = "local"
)

// Handler serves the console's routes.
type Handler struct {
	Config Config
}

// Routes of the console function. GET /console redirects to the page so that every asset URL
// the page uses can be relative, which keeps the console working under any stage prefix.
func (h *Handler) Routes() httpapi.Routes {
	return httpapi.Routes{
		"GET /console":          h.root,
		"GET /console/{proxy+}": h.asset,
	}
}

func (h *Handler) root(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	return redirect("console/index.html")
}

// redirect answers 302 with a relative Location (RFC 9110 allows it), resolved by the browser
// against the request URL, so the stage prefix is kept.
func redirect(to string) httpapi.Response {
	return httpapi.Response{StatusCode: http.StatusFound, Headers: map[string]string{"Location": to, "Cache-Control": "no-store"}}
}

func (h *Handler) asset(ctx context.Context, req *httpapi.Request, log *slog.Logger) httpapi.Response {
	name := req.PathParameters["proxy"]
	// m/<id> is the short link alerts carry (an SMS has 140 bytes): it opens the manifest view.
	if id, ok := strings.CutPrefix(name, "m/"); ok {
		if !intake.ValidID(id) {
			return notFound()
		}
		return redirect("../index.html#/manifests/" + id)
	}
	if name == "config.json" {
		b, err := json.Marshal(h.Config)
		if err != nil {
			return httpapi.Problem(http.StatusInternalServerError, "internal-error", "Internal error", "The console configuration could not be encoded.", nil)
		}
		return h.answer("application/json", b)
	}
	clean := path.Clean("/" + name)[1:]
	if clean != name || clean == "" {
		return notFound()
	}
	b, err := fs.ReadFile(assets, "assets/"+clean)
	if err != nil {
		return notFound()
	}
	ctype := mime.TypeByExtension(path.Ext(clean))
	switch path.Ext(clean) {
	case ".js":
		// Some systems' MIME tables lack .js or map it to text/plain; module scripts need this.
		ctype = "text/javascript; charset=utf-8"
	case ".html":
		ctype = "text/html; charset=utf-8"
	case ".css":
		ctype = "text/css; charset=utf-8"
	case ".svg":
		ctype = "image/svg+xml"
	}
	if ctype == "" {
		return notFound()
	}
	return h.answer(ctype, b)
}

func notFound() httpapi.Response {
	r := httpapi.Problem(http.StatusNotFound, "not-found", "Not found", "", nil)
	for k, v := range securityHeaders("") {
		r.Headers[k] = v
	}
	return r
}

func (h *Handler) answer(ctype string, body []byte) httpapi.Response {
	headers := securityHeaders(origin(h.Config.TokenURL))
	headers["Content-Type"] = ctype
	// Small files, and a deployment must reach every open console at once: revalidate always.
	headers["Cache-Control"] = "no-cache"
	return httpapi.Response{StatusCode: http.StatusOK, Headers: headers, Body: string(body)}
}

// CSP is the Content-Security-Policy of every console answer: only the console's own scripts
// and styles (no inline code, no eval, no CDN), API calls to this origin and the token endpoint,
// no framing, no plugins, and forms that post nowhere.
func CSP(tokenOrigin string) string {
	connect := "'self'"
	if tokenOrigin != "" {
		connect += " " + tokenOrigin
	}
	return strings.Join([]string{
		"default-src 'none'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src " + connect,
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
		"object-src 'none'",
	}, "; ")
}

func securityHeaders(tokenOrigin string) map[string]string {
	return map[string]string{
		"Content-Security-Policy": CSP(tokenOrigin),
		"X-Content-Type-Options":  "nosniff",
		// The page's URL carries manifest ids and, briefly, the authorization code.
		"Referrer-Policy":              "no-referrer",
		"Strict-Transport-Security":    "max-age=31536000",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Resource-Policy": "same-origin",
		"Permissions-Policy":           "camera=(), microphone=(), geolocation=()",
	}
}

// origin is scheme://host of u, or "" when u is not an absolute https (or local http) URL.
func origin(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "https" && p.Scheme != "http") {
		return ""
	}
	return p.Scheme + "://" + p.Host
}
