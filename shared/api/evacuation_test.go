package api_test

import (
	"context"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/notify"
)

// TestEvacuationFlightIsStoredAndReviewable: the Kabul evacuation sample (an expired passport, a
// tazkira without expiry, a child in the father's passport) is stored with its findings as
// warnings and assessed at the level docs/RISK.md gives; the same people on a charter are refused
// with the errors they always were.
func TestEvacuationFlightIsStoredAndReviewable(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		b, err := os.ReadFile("../../events/manifests/evacuation-kabul.json")
		if err != nil {
			t.Fatal(err)
		}
		body := string(b)
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", body), "submitter", "org-evac"))
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("evacuation flight: %d %s", resp.StatusCode, resp.Body)
		}
		for _, code := range []string{"DOCUMENT_EXPIRED_ACCEPTED", "EXPIRY_MISSING", "ON_HOLDER_DOCUMENT"} {
			if !strings.Contains(resp.Body, code) {
				t.Errorf("receipt lacks the warning %s: %s", code, resp.Body)
			}
		}
		id := decode(t, resp)["id"].(string)
		s.scoreNow(t, id)
		a := decode(t, s.get(t, id))["assessment"].(map[string]any)
		if a["level"] != "MEDIUM" || a["score"] != 43.0 || !strings.Contains(a["levelReason"].(string), "capped at MEDIUM") {
			t.Errorf("assessment level %v score %v (%v)", a["level"], a["score"], a["levelReason"])
		}

		charter := strings.Replace(body, `"regime": "EVACUATION"`, `"regime": "CHARTER"`, 1)
		resp, _ = s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", charter), "submitter", "org-evac"))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(resp.Body, `"DOCUMENT_EXPIRED"`) || strings.Contains(resp.Body, "DUPLICATE_DOCUMENT") {
			t.Errorf("charter: %d %s", resp.StatusCode, resp.Body)
		}
		if strings.Contains(resp.Body, "/persons/10/documents/0/expiry\",\"message\":\"is required") {
			t.Errorf("an identity card without expiry is refused on a charter: %s", resp.Body)
		}
	})
}

type capturePublisher struct{ msgs []alert.Message }

func (c *capturePublisher) Publish(ctx context.Context, m alert.Message) (string, error) {
	c.msgs = append(c.msgs, m)
	return "m", nil
}

// TestAmendmentAnsweringNeedsInfoIsAnnounced: a reviewer asks for information, the organiser
// amends through the API, the amendment is scored: the notify service announces
// manifest.answered from what intake, review and scoring stored, even though the level did not
// change.
func TestAmendmentAnsweringNeedsInfoIsAnnounced(t *testing.T) {
	eachStack(t, func(t *testing.T, s *stack) {
		body := testdata(t, "valid.json")
		resp, _ := s.ingest.Handle(context.Background(), as(submitEvent(t, "application/json", body), "submitter", "org-answer"))
		id := decode(t, resp)["id"].(string)
		s.scoreNow(t, id)
		if got := s.decide(t, id, `{"decision":"NEEDS_INFO","reason":"send the child's birth certificate","assessment":1}`); got.StatusCode != http.StatusCreated {
			t.Fatalf("decision: %d %s", got.StatusCode, got.Body)
		}
		if got := s.amend(t, id, `"1"`, strings.Replace(body, "Operations desk", "Operations desk (night)", 1), "submitter", "org-answer"); got.StatusCode != http.StatusOK {
			t.Fatalf("amend: %d %s", got.StatusCode, got.Body)
		}
		s.scoreNow(t, id)
		pub := &capturePublisher{}
		svc := &notify.Service{Store: s.db, Publisher: pub}
		out, d, err := svc.Notify(context.Background(), id, 2)
		if err != nil || out != notify.Sent || d.Event != alert.EventAnswered || pub.msgs[0].Attributes["severity"] != "MEDIUM" ||
			!strings.Contains(pub.msgs[0].Email, "in answer to NEEDS_INFO") {
			t.Fatalf("outcome %s %+v %v; messages %+v", out, d, err, pub.msgs)
		}
	})
}
