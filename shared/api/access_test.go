package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/httpapi"
)

// TestAccessByRoleAndOrganisation walks every route with every kind of caller.
func TestAccessByRoleAndOrganisation(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		submit := as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-a")
		resp, _ := s.ingest.Handle(context.Background(), submit)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
		}
		id := decode(t, resp)["id"].(string)

		get := func(req httpapi.Request) httpapi.Request {
			req.PathParameters = map[string]string{"id": id}
			return req
		}
		routes := map[string]struct {
			router *httpapi.Router
			req    httpapi.Request
		}{
			"POST /manifests":                 {s.ingest, submitEvent(t, "application/json", testdata(t, "valid.json"))},
			"GET /manifests/{id}":             {s.read, get(event(t, "manifests-get.json"))},
			"GET /manifests/{id}/assessments": {s.read, get(event(t, "manifests-get.json"))},
			"GET /manifests":                  {s.read, unfiltered(event(t, "manifests-list.json"))},
		}
		tests := []struct {
			route, roles, org string
			status            int
		}{
			{"POST /manifests", "", "", 401},
			{"POST /manifests", "reviewer", "org-a", 403},
			{"POST /manifests", "submitter", "", 403},
			{"POST /manifests", "submitter", "org-a", 201},
			{"GET /manifests/{id}", "", "", 401},
			{"GET /manifests/{id}", "guest", "org-a", 403},
			{"GET /manifests/{id}", "submitter", "org-b", 404},
			{"GET /manifests/{id}", "submitter", "org-a", 200},
			{"GET /manifests/{id}", "reviewer", "", 200},
			{"GET /manifests/{id}/assessments", "submitter", "org-a", 403},
			{"GET /manifests/{id}/assessments", "reviewer", "", 200},
			{"GET /manifests/{id}/assessments", "admin", "", 200},
			{"GET /manifests", "", "", 401},
			{"GET /manifests", "submitter", "org-a", 200},
			{"GET /manifests", "submitter", "", 403},
			{"GET /manifests", "submitter", "-", 403},
			{"GET /manifests/{id}", "submitter", "", 403},
			{"GET /manifests", "reviewer", "", 200},
		}
		for _, tt := range tests {
			t.Run(tt.route+" as "+tt.roles+"@"+tt.org, func(t *testing.T) {
				r := routes[tt.route]
				req := r.req
				req.RouteKey = tt.route
				if tt.roles == "" {
					req.RequestContext.Authorizer = nil
				} else {
					req = as(req, tt.roles, tt.org)
				}
				resp, err := r.router.Handle(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d: %.300s", resp.StatusCode, tt.status, resp.Body)
				}
			})
		}
	})
}

// TestSubmittersNeverSeeRisk: no score, level, hits, ruleset or watchlist detail, and no status
// that reveals a flag.
func TestSubmittersNeverSeeRisk(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-c"))
		id := decode(t, resp)["id"].(string)
		req := as(event(t, "manifests-get.json"), "submitter", "org-c")
		req.PathParameters = map[string]string{"id": id}
		got, _ := s.read.Handle(context.Background(), req)
		list, _ := s.read.Handle(context.Background(), as(unfiltered(event(t, "manifests-list.json")), "submitter", "org-c"))
		for name, r := range map[string]httpapi.Response{"get": got, "list": list} {
			if r.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %s", name, r.StatusCode, r.Body)
			}
			for _, field := range []string{`"level"`, `"score"`, `"assessment"`, `"hits"`, `"rulesetVersion"`, `"watchlistVersions"`, `"assessmentSeq"`, "FLAGGED", "SCREENED", `"organisation"`} {
				if strings.Contains(r.Body, field) {
					t.Errorf("%s: submitter response contains %s: %.300s", name, field, r.Body)
				}
			}
		}
	})
}

func unfiltered(req httpapi.Request) httpapi.Request {
	req.QueryStringParameters = nil
	req.RawQueryString = ""
	return req
}
