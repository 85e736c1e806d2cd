package api_test

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/paxscreen/paxscreen/shared/api"
	"github.com/paxscreen/paxscreen/shared/httpapi"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

func (s *stack) amend(t *testing.T, id, ifMatch, body, roles, org string) httpapi.Response {
	t.Helper()
	req := as(event(t, "ingest-put-manifest.json"), roles, org)
	req.PathParameters = map[string]string{"id": id}
	req.Headers = map[string]string{"content-type": "application/json"}
	if ifMatch != "" {
		req.Headers["if-match"] = ifMatch
	}
	req.Body = body
	resp, err := s.ingest.Handle(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

func (s *stack) decide(t *testing.T, id, body string) httpapi.Response {
	t.Helper()
	req := as(event(t, "review-post-decision.json"), "reviewer", "")
	req.PathParameters = map[string]string{"id": id}
	req.Body = body
	resp, err := s.review.Handle(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// scoreNow runs the score handler on the manifest's header as the stream would deliver it.
func (s *stack) scoreNow(t *testing.T, id string) {
	t.Helper()
	h, err := s.db.GetHeader(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	img := map[string]events.DynamoDBAttributeValue{"type": events.NewStringAttribute("MANIFEST"), "id": events.NewStringAttribute(id),
		"version": events.NewNumberAttribute(strconv.Itoa(h.Version))}
	resp, _ := s.score.Handle(context.Background(), events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventName: "MODIFY",
		Change: events.DynamoDBStreamRecord{SequenceNumber: "1", NewImage: img}}}})
	if len(resp.BatchItemFailures) > 0 {
		t.Fatalf("scoring failed")
	}
}

func TestAmendmentsNeedTheCurrentVersion(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		body := testdata(t, "valid.json")
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", body), "submitter", "org-amend"))
		id := decode(t, resp)["id"].(string)
		if resp.Headers["ETag"] != `"1"` {
			t.Errorf("receipt ETag %q", resp.Headers["ETag"])
		}
		changed := strings.Replace(body, `"seatCapacity": 180`, `"seatCapacity": 150`, 1)
		tests := []struct {
			name, ifMatch, org string
			status             int
		}{
			{"without If-Match", "", "org-amend", http.StatusPreconditionRequired},
			{"malformed If-Match", `"one"`, "org-amend", http.StatusBadRequest},
			{"another organisation", `"1"`, "org-other", http.StatusNotFound},
			{"the current version", `"1"`, "org-amend", http.StatusOK},
			{"the same version again", `"1"`, "org-amend", http.StatusPreconditionFailed},
			{"the new version", `W/"2"`, "org-amend", http.StatusOK},
		}
		for _, tt := range tests {
			if got := s.amend(t, id, tt.ifMatch, changed, "submitter", tt.org); got.StatusCode != tt.status {
				t.Errorf("%s: status %d, want %d: %.300s", tt.name, got.StatusCode, tt.status, got.Body)
			}
		}
		got := s.get(t, id)
		if got.Headers["ETag"] != `"3"` || decode(t, got)["version"] != 3.0 {
			t.Errorf("after two amendments: ETag %q version %v", got.Headers["ETag"], decode(t, got)["version"])
		}
		// Earlier versions stay stored.
		if v1, err := s.db.Persons(context.Background(), id, 1); err != nil || len(v1) != 5 {
			t.Errorf("version 1 persons: %d, %v", len(v1), err)
		}
	})
}

func TestDecisionsAndTheAuditTrail(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		body := testdata(t, "valid.json")
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", body), "submitter", "org-decide"))
		id := decode(t, resp)["id"].(string)

		if got := s.decide(t, id, `{"decision":"CLEARED","reason":"documents checked","assessment":1}`); got.StatusCode != http.StatusUnprocessableEntity ||
			!strings.Contains(got.Body, "no assessment yet") {
			t.Errorf("decision before any assessment: status %d, want 422: %s", got.StatusCode, got.Body)
		}
		s.scoreNow(t, id)
		for body, want := range map[string]int{
			`{"decision":"MAYBE","reason":"x","assessment":1}`:          http.StatusBadRequest,
			`{"decision":"CLEARED","reason":"","assessment":1}`:         http.StatusBadRequest,
			`{"decision":"CLEARED","reason":"ok"}`:                      http.StatusBadRequest,
			`{"decision":"CLEARED","reason":"ok","assessment":1,"x":1}`: http.StatusBadRequest,
			`{"decision":"CLEARED","reason":"ok","assessment":2}`:       http.StatusUnprocessableEntity,
		} {
			if got := s.decide(t, id, body); got.StatusCode != want {
				t.Errorf("%s: status %d, want %d: %s", body, got.StatusCode, want, got.Body)
			}
		}
		if got := s.decide(t, id, `{"decision":"CLEARED","reason":"documents checked against the originals","assessment":1}`); got.StatusCode != http.StatusCreated {
			t.Fatalf("decision: %d %s", got.StatusCode, got.Body)
		}
		h, _ := s.db.GetHeader(context.Background(), id)
		if h.Status != paxscreen.StatusCleared || !h.EverCleared || h.Decision != "CLEARED" {
			t.Errorf("header after clearance: %+v", h)
		}
		// An amendment makes the decided assessment outdated.
		if got := s.amend(t, id, `"1"`, strings.Replace(body, "RWB401", "RWB409", 1), "submitter", "org-decide"); got.StatusCode != http.StatusOK {
			t.Fatalf("amend: %d %s", got.StatusCode, got.Body)
		}
		if got := s.decide(t, id, `{"decision":"DENIED","reason":"late change","assessment":1}`); got.StatusCode != http.StatusConflict ||
			!strings.Contains(got.Body, "version 2 has been submitted since") {
			t.Errorf("decision on version 1's assessment after amendment: %d, want 409: %s", got.StatusCode, got.Body)
		}
		s.scoreNow(t, id)
		list, _ := s.db.Assessments(context.Background(), id)
		if len(list) != 2 {
			t.Fatalf("want 2 assessments, got %d", len(list))
		}
		if got := s.decide(t, id, `{"decision":"DENIED","reason":"late change","assessment":1}`); got.StatusCode != http.StatusConflict ||
			!strings.Contains(got.Body, "assessment 2 is the latest") {
			t.Errorf("decision on an older assessment: %d, want 409: %s", got.StatusCode, got.Body)
		}
		amended := false
		for _, hit := range list[1].Hits {
			amended = amended || hit.Rule == "AMENDED_AFTER_CLEARANCE"
		}
		if !amended {
			t.Errorf("the amendment after clearance is not among the hits: %+v", list[1].Hits)
		}

		req := as(event(t, "review-get-audit.json"), "reviewer", "")
		req.PathParameters = map[string]string{"id": id}
		audit, _ := s.review.Handle(context.Background(), req)
		items := decode(t, audit)["items"].([]any)
		var actions []string
		for _, it := range items {
			actions = append(actions, it.(map[string]any)["action"].(string))
		}
		if strings.Join(actions, ",") != "SUBMITTED,DECIDED,AMENDED" {
			t.Errorf("audit trail %v", actions)
		}
		decided := items[1].(map[string]any)
		if decided["by"] == "" || decided["reason"] != "documents checked against the originals" || decided["decision"] != "CLEARED" {
			t.Errorf("decision record %v", decided)
		}
		// Submitters neither decide nor read the trail.
		if got, _ := s.review.Handle(context.Background(), as(req, "submitter", "org-decide")); got.StatusCode != http.StatusForbidden {
			t.Errorf("submitter reading the audit trail: %d", got.StatusCode)
		}
	})
}

// staleHeaders answers GetHeader from a copy taken before the manifest was closed, as a header
// read just before the rescan's close would: the store's own refusal is what is left.
type staleHeaders struct {
	api.ReviewStore
	header paxscreen.Header
}

func (s staleHeaders) GetHeader(context.Context, string) (*paxscreen.Header, error) {
	h := s.header
	return &h, nil
}

// TestDecisionsOnAClosedManifest: once the rescan has closed a manifest, a decision on it is a
// 409 that names the state, whether the handler sees the close or the store's condition meets
// it, and it changes nothing.
func TestDecisionsOnAClosedManifest(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", testdata(t, "valid.json")), "submitter", "org-closed"))
		id := decode(t, resp)["id"].(string)
		s.scoreNow(t, id)
		open, err := s.db.GetHeader(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.db.Close(context.Background(), id, 1, time.Now().Add(time.Hour), time.Time{}, "rescan"); err != nil {
			t.Fatal(err)
		}
		raced := &httpapi.Router{Routes: (&api.Review{Store: staleHeaders{s.db, *open}}).Routes(), Log: slog.New(slog.DiscardHandler)}
		for name, review := range map[string]*httpapi.Router{"closed before the read": s.review, "closed after the read": raced} {
			t.Run(name, func(t *testing.T) {
				req := as(event(t, "review-post-decision.json"), "reviewer", "")
				req.PathParameters = map[string]string{"id": id}
				req.Body = `{"decision":"CLEARED","reason":"documents checked","assessment":1}`
				got, err := review.Handle(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				doc := decode(t, got)
				if got.StatusCode != http.StatusConflict || doc["type"] != httpapi.ProblemBase+"manifest-closed" || doc["status"] != float64(http.StatusConflict) ||
					doc["manifestStatus"] != "CLOSED" || !strings.Contains(doc["detail"].(string), "CLOSED") {
					t.Errorf("decision on a closed manifest: %d %s, want 409 manifest-closed naming CLOSED", got.StatusCode, got.Body)
				}
			})
		}
		h, _ := s.db.GetHeader(context.Background(), id)
		if h.Status != paxscreen.StatusClosed || h.Decision != "" {
			t.Errorf("header after refused decisions: status %s, decision %q", h.Status, h.Decision)
		}
	})
}
