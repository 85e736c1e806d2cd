// Package localapi stands in for API Gateway on a developer's machine: it turns net/http requests
// into HTTP API payload format 2.0 events, matches them to the routes template.yaml declares, and
// calls the same handler code the Lambda functions run.
package localapi

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// Handler is a Lambda handler for HTTP API events.
type Handler func(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error)

// Route is one "METHOD /path" of the template with the function that serves it.
type Route struct {
	Method   string
	Path     string // with {name} parameters, as in the template
	Function string // logical id, for logs
	Handler  Handler
	// Public routes have no authorizer in the template (Auth.Authorizer NONE): they are served
	// without a token, and their events carry no claims.
	Public bool
}

// Server serves routes as API Gateway would, with fixed JWT claims standing in for the authorizer.
type Server struct {
	Routes []Route
	// Verify checks the Authorization header as the JWT authorizer would and returns the claims
	// to put in the request context; a request it refuses answers 401 without reaching a
	// handler. Nil lets every request through without claims.
	Verify func(authorization string) (map[string]string, error)
	// MaxBody mirrors API Gateway's payload limit.
	MaxBody int64
	// Log receives one line per request; nil for none.
	Log func(format string, args ...any)
}

// payloadLimit is HTTP API's own limit on a request body.
const payloadLimit = 10 << 20

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	route, params, allowed := s.match(r.Method, r.URL.Path)
	if route == nil {
		status := http.StatusNotFound
		if len(allowed) > 0 {
			// API Gateway answers an unknown method on a known path with 404 too, but a
			// developer is better served by the truth.
			status = http.StatusMethodNotAllowed
			w.Header().Set("Allow", strings.Join(allowed, ", "))
		}
		gatewayError(w, `{"message":"Not Found"}`, status)
		s.logf("%s %s -> %d (no route)", r.Method, r.URL.Path, status)
		return
	}
	var claims map[string]string
	if s.Verify != nil && !route.Public {
		var err error
		if claims, err = s.Verify(r.Header.Get("Authorization")); err != nil {
			w.Header().Set("WWW-Authenticate", "Bearer")
			gatewayError(w, `{"message":"Unauthorized"}`, http.StatusUnauthorized)
			s.logf("%s %s -> 401 (%v)", r.Method, r.URL.Path, err)
			return
		}
	}
	limit := s.MaxBody
	if limit <= 0 {
		limit = payloadLimit
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		gatewayError(w, `{"message":"could not read body"}`, http.StatusBadRequest)
		return
	}
	if int64(len(body)) > limit {
		gatewayError(w, `{"message":"Request Entity Too Large"}`, http.StatusRequestEntityTooLarge)
		return
	}
	ev := s.event(r, route, params, body, start, claims)
	resp, err := route.Handler(r.Context(), ev)
	if err != nil {
		// Lambda turns a function error into API Gateway's bare 500.
		gatewayError(w, `{"message":"Internal Server Error"}`, http.StatusInternalServerError)
		s.logf("%s %s -> %s error: %v", r.Method, r.URL.Path, route.Function, err)
		return
	}
	for k, v := range resp.Headers {
		w.Header().Set(k, v)
	}
	for k, vs := range resp.MultiValueHeaders {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	out := []byte(resp.Body)
	if resp.IsBase64Encoded {
		if out, err = base64.StdEncoding.DecodeString(resp.Body); err != nil {
			gatewayError(w, `{"message":"Internal Server Error"}`, http.StatusInternalServerError)
			return
		}
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(out)
	s.logf("%s %s -> %s %d (%s)", r.Method, r.URL.Path, route.Function, status, time.Since(start).Round(time.Millisecond))
}

// gatewayError answers as API Gateway does when it refuses a request itself (no route, no valid
// token, a body over its limit, a failed function): a JSON {"message"} document served as
// application/json. http.Error would label that JSON text/plain, which a client choosing its
// parser by Content-Type, as for the functions' problem+json, reads wrong.
func gatewayError(w http.ResponseWriter, body string, status int) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	io.WriteString(w, body)
}

func (s *Server) logf(format string, args ...any) {
	if s.Log != nil {
		s.Log(format, args...)
	}
}

// match finds the route for a request path; allowed lists the methods of a path that matched
// without its method.
func (s *Server) match(method, path string) (*Route, map[string]string, []string) {
	var allowed []string
	for i := range s.Routes {
		rt := &s.Routes[i]
		params, ok := matchPath(rt.Path, path)
		if !ok {
			continue
		}
		if rt.Method == method || rt.Method == "ANY" {
			return rt, params, nil
		}
		allowed = append(allowed, rt.Method)
	}
	sort.Strings(allowed)
	return nil, nil, allowed
}

// matchPath matches "/manifests/{id}" against "/manifests/ABC"; a greedy "{proxy+}" takes the
// rest of the path.
func matchPath(pattern, path string) (map[string]string, bool) {
	ps := strings.Split(strings.Trim(pattern, "/"), "/")
	xs := strings.Split(strings.Trim(path, "/"), "/")
	params := map[string]string{}
	for i, p := range ps {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "+}") {
			if i >= len(xs) {
				return nil, false
			}
			params[p[1:len(p)-2]] = strings.Join(xs[i:], "/")
			return params, true
		}
		if i >= len(xs) {
			return nil, false
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if xs[i] == "" {
				return nil, false
			}
			params[p[1:len(p)-1]] = xs[i]
			continue
		}
		if p != xs[i] {
			return nil, false
		}
	}
	if len(xs) != len(ps) {
		return nil, false
	}
	if len(params) == 0 {
		params = nil
	}
	return params, true
}

// event builds the payload format 2.0 event API Gateway would send.
func (s *Server) event(r *http.Request, rt *Route, params map[string]string, body []byte, at time.Time, claims map[string]string) events.APIGatewayV2HTTPRequest {
	headers := map[string]string{}
	for k, vs := range r.Header {
		headers[strings.ToLower(k)] = strings.Join(vs, ",")
	}
	var query map[string]string
	for k, vs := range r.URL.Query() {
		if query == nil {
			query = map[string]string{}
		}
		query[k] = strings.Join(vs, ",")
	}
	routeKey := rt.Method + " " + rt.Path
	ev := events.APIGatewayV2HTTPRequest{
		Version:               "2.0",
		RouteKey:              routeKey,
		RawPath:               r.URL.Path,
		RawQueryString:        r.URL.RawQuery,
		Headers:               headers,
		QueryStringParameters: query,
		PathParameters:        params,
		RequestContext: events.APIGatewayV2HTTPRequestContext{
			AccountID:  "000000000000",
			APIID:      "local",
			Stage:      "$default",
			RequestID:  strconv.FormatInt(at.UnixNano(), 36),
			RouteKey:   routeKey,
			Time:       at.UTC().Format("02/Jan/2006:15:04:05 -0700"),
			TimeEpoch:  at.UnixMilli(),
			DomainName: r.Host,
			HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{
				Method: r.Method, Path: r.URL.Path, Protocol: r.Proto, SourceIP: sourceIP(r.RemoteAddr), UserAgent: r.UserAgent(),
			},
		},
	}
	if claims != nil {
		ev.RequestContext.Authorizer = &events.APIGatewayV2HTTPRequestContextAuthorizerDescription{
			JWT: &events.APIGatewayV2HTTPRequestContextAuthorizerJWTDescription{Claims: claims},
		}
	}
	// API Gateway base64-encodes bodies that are not text.
	if utf8.Valid(body) {
		ev.Body = string(body)
	} else {
		ev.Body = base64.StdEncoding.EncodeToString(body)
		ev.IsBase64Encoded = true
	}
	return ev
}

func sourceIP(remote string) string {
	if i := strings.LastIndexByte(remote, ':'); i > 0 {
		return strings.Trim(remote[:i], "[]")
	}
	return remote
}

// String describes a route for the startup banner.
func (rt Route) String() string {
	return fmt.Sprintf("%-6s %-24s -> %s", rt.Method, rt.Path, rt.Function)
}
