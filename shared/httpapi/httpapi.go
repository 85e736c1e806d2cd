// Package httpapi is the glue between API Gateway HTTP API (payload format 2.0) events and
// handler functions: routing on the route key, bodies, caller identity from JWT claims, JSON and
// application/problem+json answers.
package httpapi

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/organisation"
)

// Request and Response are the HTTP API's payload format 2.0.
type (
	Request  = events.APIGatewayV2HTTPRequest
	Response = events.APIGatewayV2HTTPResponse
)

// HandlerFunc answers one route. Failures are answers too (problem documents), so it returns no
// error: a Lambda error would reach the client as a bare 500.
type HandlerFunc func(ctx context.Context, req *Request, log *slog.Logger) Response

// Routes maps route keys as API Gateway writes them ("GET /manifests/{id}") to handlers.
type Routes map[string]HandlerFunc

// Keys lists the route keys, for comparing with template.yaml.
func (rs Routes) Keys() []string {
	keys := make([]string, 0, len(rs))
	for k := range rs {
		keys = append(keys, k)
	}
	return keys
}

// Router dispatches requests to routes and logs each with its request id.
type Router struct {
	Routes Routes
	Log    *slog.Logger
}

// Handle is the Lambda entry point.
func (r *Router) Handle(ctx context.Context, req Request) (resp Response, err error) {
	log := r.Log.With("apiRequestId", req.RequestContext.RequestID, "route", req.RouteKey)
	defer func() {
		// A panic is a bug; the client still gets a problem document rather than a dropped
		// connection, and the stack goes to the log without the request body.
		if p := recover(); p != nil {
			log.ErrorContext(ctx, "handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			resp, err = Problem(http.StatusInternalServerError, "internal-error", "Internal error", "The request could not be completed; it has been logged.", nil), nil
		}
	}()
	h, ok := r.Routes[req.RouteKey]
	if !ok {
		resp = Problem(http.StatusNotFound, "not-found", "Not found", "No such route: "+req.RouteKey, nil)
	} else {
		resp = h(ctx, &req, log)
	}
	log.InfoContext(ctx, "request", "status", resp.StatusCode)
	return resp, nil
}

// Body returns the request body, decoding base64 when API Gateway encoded it.
func Body(req *Request) ([]byte, error) {
	if !req.IsBase64Encoded {
		return []byte(req.Body), nil
	}
	b, err := base64.StdEncoding.DecodeString(req.Body)
	if err != nil {
		return nil, fmt.Errorf("decode base64 body: %w", err)
	}
	return b, nil
}

// BodySize is the decoded size of the body without decoding it. DecodedLen alone counts the
// padding as data (a 1,048,576-byte body would measure 1,048,578), so the '=' are taken off.
func BodySize(req *Request) int {
	if !req.IsBase64Encoded {
		return len(req.Body)
	}
	b := req.Body
	n := base64.StdEncoding.DecodedLen(len(b))
	for i := 0; i < 2 && len(b) > 0 && b[len(b)-1] == '='; i++ {
		b = b[:len(b)-1]
		n--
	}
	return n
}

// Header reads a request header; API Gateway lowercases names, local callers may not.
func Header(req *Request, name string) string {
	if v, ok := req.Headers[strings.ToLower(name)]; ok {
		return v
	}
	for k, v := range req.Headers {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// JSON answers status with v encoded as JSON.
func JSON(status int, v any, headers map[string]string) Response {
	b, err := json.Marshal(v)
	if err != nil {
		return Problem(http.StatusInternalServerError, "internal-error", "Internal error", "The answer could not be encoded.", nil)
	}
	h := map[string]string{"Content-Type": "application/json", "Cache-Control": "no-store"}
	for k, v := range headers {
		h[k] = v
	}
	return Response{StatusCode: status, Headers: h, Body: string(b)}
}

// ProblemBase prefixes the type URI of every problem document: clients switch on it.
const ProblemBase = "https://paxscreen.dev/problems/"

// Problem answers with an RFC 9457 problem document. kind becomes the type URI's last segment;
// extra members (such as "errors") are added beside the standard ones; an extra member never
// replaces a standard one, because clients read "status" and "type" as RFC 9457 defines them.
func Problem(status int, kind, title, detail string, extra map[string]any) Response {
	doc := map[string]any{"type": ProblemBase + kind, "title": title, "status": status}
	if detail != "" {
		doc["detail"] = detail
	}
	for k, v := range extra {
		if _, standard := doc[k]; standard || k == "detail" || k == "instance" {
			continue
		}
		doc[k] = v
	}
	b, _ := json.Marshal(doc)
	return Response{StatusCode: status, Headers: map[string]string{"Content-Type": "application/problem+json", "Cache-Control": "no-store"}, Body: string(b)}
}

// Caller is who sent a request, as the JWT authorizer vouched for it. Identity comes only from
// the authorizer's claims, never from a header the client controls.
type Caller struct {
	Subject      string
	Organisation string
	Roles        []string
}

// CallerOf reads the verified claims API Gateway put in the request context. Organisation comes
// from "org" or Cognito's "custom:org"; roles from "roles" or "cognito:groups", which API Gateway
// passes as a space-separated string or a bracketed list.
func CallerOf(req *Request) Caller {
	var c Caller
	if req.RequestContext.Authorizer == nil || req.RequestContext.Authorizer.JWT == nil {
		return c
	}
	claims := req.RequestContext.Authorizer.JWT.Claims
	c.Subject = claims["sub"]
	c.Organisation = claims["org"]
	if c.Organisation == "" {
		c.Organisation = claims["custom:org"]
	}
	roles := claims["roles"]
	if roles == "" {
		roles = claims["cognito:groups"]
	}
	c.Roles = strings.FieldsFunc(strings.Trim(roles, "[]"), func(r rune) bool { return r == ' ' || r == ',' })
	return c
}

// HasRole reports whether the caller holds role.
func (c Caller) HasRole(role string) bool {
	for _, r := range c.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// SubmitterOnly reports whether the caller's access is scoped to its own organisation: it
// submits, and neither reviews nor administers.
func (c Caller) SubmitterOnly() bool {
	return !c.HasRole(RoleReviewer) && !c.HasRole(RoleAdmin)
}

// Roles a caller may hold, from the token's roles or cognito:groups claim.
const (
	RoleSubmitter = "submitter"
	RoleReviewer  = "reviewer"
	RoleAdmin     = "admin"
)

// Allow wraps a handler so that only callers holding one of roles reach it: 401 without an
// identity (the authorizer should have refused it already), 403 with the wrong role. Denials are
// logged with the route and roles, never with personal data.
func Allow(h HandlerFunc, roles ...string) HandlerFunc {
	return func(ctx context.Context, req *Request, log *slog.Logger) Response {
		c := CallerOf(req)
		if c.Subject == "" {
			log.WarnContext(ctx, "access denied", "reason", "no identity")
			return Problem(http.StatusUnauthorized, "unauthorized", "Unauthorized", "A valid bearer token is required.", nil)
		}
		// The organisation decides what a submitter sees, so a token whose org claim is not an
		// organisation id ("-", "all", "") is refused on every route before any handler runs:
		// no code path can then read such a claim as "every organisation" or "nobody's".
		if c.Organisation != "" {
			if err := organisation.Check(c.Organisation); err != nil {
				log.WarnContext(ctx, "access denied", "reason", "invalid organisation claim", "problem", err.Error())
				return Problem(http.StatusForbidden, "forbidden", "Forbidden", "Your token's organisation claim (org) is not a valid organisation id.", nil)
			}
		} else if c.SubmitterOnly() {
			log.WarnContext(ctx, "access denied", "reason", "no organisation claim")
			return Problem(http.StatusForbidden, "forbidden", "Forbidden", "Your token names no organisation (claim org).", nil)
		}
		for _, r := range roles {
			if c.HasRole(r) {
				return h(ctx, req, log)
			}
		}
		log.WarnContext(ctx, "access denied", "reason", "role", "callerRoles", strings.Join(c.Roles, " "), "allowed", strings.Join(roles, " "))
		return Problem(http.StatusForbidden, "forbidden", "Forbidden", "Your role does not allow this.", nil)
	}
}
