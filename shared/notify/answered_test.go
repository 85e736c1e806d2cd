package notify_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// memStore is an in-memory notify.Store: one manifest, its assessments, its alerts.
type memStore struct {
	mu          sync.Mutex
	rec         paxscreen.Record
	assessments map[int]paxscreen.AssessmentRecord
	sent        map[string]bool
}

func (m *memStore) Get(ctx context.Context, id string) (*paxscreen.Record, error) {
	if id != m.rec.Header.ID {
		return nil, paxscreen.ErrNotFound
	}
	r := m.rec
	return &r, nil
}

func (m *memStore) GetHeader(ctx context.Context, id string) (*paxscreen.Header, error) {
	r, err := m.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	return &r.Header, nil
}

func (m *memStore) Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error) {
	a, ok := m.assessments[seq]
	if !ok {
		return nil, paxscreen.ErrNotFound
	}
	return &a, nil
}

func (m *memStore) ClaimAlert(ctx context.Context, id, key string, lease time.Duration) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sent[key] {
		return paxscreen.ErrAlertSent
	}
	m.sent[key] = true
	return nil
}

func (m *memStore) MarkAlertSent(ctx context.Context, id, key, messageID string) error { return nil }
func (m *memStore) ReleaseAlert(ctx context.Context, id, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.sent, key)
	return nil
}

func (m *memStore) AlertState(ctx context.Context, id, key string) (paxscreen.AlertState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.sent[key] {
		return paxscreen.AlertSentState, nil
	}
	return paxscreen.AlertMissing, nil
}

func (m *memStore) MarkAlertNotNeeded(ctx context.Context, id, key string) error { return nil }

type capture struct{ msgs []alert.Message }

func (c *capture) Publish(ctx context.Context, m alert.Message) (string, error) {
	c.msgs = append(c.msgs, m)
	return "mid", nil
}

func newMem(decision string) *memStore {
	const id = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	return &memStore{
		rec: paxscreen.Record{Header: paxscreen.Header{ID: id, Version: 2, Decision: decision, FlightNumber: "RQ4401", Registration: "YA-KMN",
			DepartureAirport: "OAKB", ArrivalAirport: "ETAR", ArrivalTime: "2026-12-01T10:40:00Z"},
			Manifest: &manifest.Manifest{Persons: []manifest.Person{{Surname: "Rahmatullah"}}}},
		assessments: map[int]paxscreen.AssessmentRecord{
			1: {Seq: 1, ManifestVersion: 1, Assessment: rules.Assessment{Level: rules.LevelLow, Hits: []rules.Hit{}}},
			2: {Seq: 2, ManifestVersion: 2, Assessment: rules.Assessment{Level: rules.LevelLow, Hits: []rules.Hit{}}},
		},
		sent: map[string]bool{},
	}
}

// TestAmendmentAnsweringNeedsInfoAlertsReviewers: a reviewer asked for more information; the
// organiser's amendment is assessed at the same level, which alone would alert nobody. The
// reviewers hear of it as manifest.answered, at a severity their e-mail subscription receives.
func TestAmendmentAnsweringNeedsInfoAlertsReviewers(t *testing.T) {
	for _, tt := range []struct {
		decision string
		want     bool
	}{{"NEEDS_INFO", true}, {"CLEARED", false}, {"", false}} {
		mem, pub := newMem(tt.decision), &capture{}
		svc := &notify.Service{Store: mem, Publisher: pub}
		out, d, err := svc.Notify(context.Background(), mem.rec.Header.ID, 2)
		if err != nil {
			t.Fatal(err)
		}
		if sent := out == notify.Sent; sent != tt.want {
			t.Fatalf("decision %q: outcome %s, want sent=%v", tt.decision, out, tt.want)
		}
		if !tt.want {
			continue
		}
		if d.Event != alert.EventAnswered || pub.msgs[0].Attributes["event"] != alert.EventAnswered || pub.msgs[0].Attributes["severity"] != rules.LevelMedium {
			t.Fatalf("alert %+v attributes %v", d, pub.msgs[0].Attributes)
		}
		if !strings.Contains(pub.msgs[0].Email, "in answer to NEEDS_INFO") {
			t.Errorf("e-mail does not say what happened:\n%s", pub.msgs[0].Email)
		}
	}
	// The first assessment of the amended version only: a rescan of it is no new answer.
	mem, pub := newMem("NEEDS_INFO"), &capture{}
	mem.assessments[3] = paxscreen.AssessmentRecord{Seq: 3, ManifestVersion: 2, Assessment: rules.Assessment{Level: rules.LevelLow, Hits: []rules.Hit{}}}
	if out, _, _ := (&notify.Service{Store: mem, Publisher: pub}).Notify(context.Background(), mem.rec.Header.ID, 3); out != notify.NotNeeded {
		t.Errorf("rescan of an answered version: %s", out)
	}
}

// TestOneNamePersonHasNoDanglingComma: a person with one name is named by it alone.
func TestOneNamePersonHasNoDanglingComma(t *testing.T) {
	mem, pub := newMem(""), &capture{}
	zero := 0
	mem.assessments[2] = paxscreen.AssessmentRecord{Seq: 2, ManifestVersion: 2, Assessment: rules.Assessment{Level: rules.LevelCritical, Hits: []rules.Hit{
		{Rule: rules.RuleWatchlistStrong, Points: 100, Counted: 100, Path: "/persons/0", PersonIndex: &zero, Message: "strong identity match"}}}}
	svc := &notify.Service{Store: mem, Publisher: pub, Config: alert.Config{IncludeNames: true}}
	if _, _, err := svc.Notify(context.Background(), mem.rec.Header.ID, 2); err != nil {
		t.Fatal(err)
	}
	if e := pub.msgs[0].Email; !strings.Contains(e, `("Rahmatullah")`) || strings.Contains(e, "Rahmatullah,") {
		t.Errorf("e-mail:\n%s", e)
	}
}
