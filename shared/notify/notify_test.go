package notify_test

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"testing"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/notify"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// TestOneMessagePerAlertAndNoPersonalData is the service's side of the notify function, on an
// in-memory publisher: a failed publish leaves the alert to the retry, a record delivered twice
// at once still gives one message, a decision is announced once without its reason, a cleared
// rescore is announced and an unchanged one is not, and no message carries a name, a document
// number or a date of birth. shared/stream/notifystream runs the same through the stream handler
// and SNS on the emulators, with the template's subscription filters.
func TestOneMessagePerAlertAndNoPersonalData(t *testing.T) {
	stores(t, "notify", func(t *testing.T, db store) {
		ctx := context.Background()
		pub := &recorder{fails: 1}
		svc := &notify.Service{Store: db, Publisher: pub, Config: alert.Config{BaseURL: "https://api.example"}}
		m := &manifest.Manifest{
			Organiser: manifest.Organiser{Name: "Relief"},
			Flight: manifest.Flight{Number: "RWB401", AircraftRegistration: "D-AXYZ", Departure: manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
				Arrival: manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"}},
			Persons: []manifest.Person{{Surname: "Secretname", GivenNames: "Private", DateOfBirth: "1970-01-01", Documents: []manifest.Document{{Number: "SECRET123"}}}},
		}
		id := rand.Text()
		rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: id, Status: paxscreen.StatusReceived, Organisation: "notify-o", FlightNumber: "RWB401",
			Registration: "D-AXYZ", DepartureAirport: "LTAG", ArrivalAirport: "ETAR", DepartureTime: "2026-12-01T06:00:00Z", ArrivalTime: "2026-12-01T10:30:00Z", Warnings: []manifest.Finding{}}}
		if err := db.Create(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		zero := 0
		critical := rules.Assessment{Level: rules.LevelCritical, Score: 160, RulesetVersion: "r", Hits: []rules.Hit{
			{Rule: rules.RuleWatchlistStrong, Points: 100, Severity: rules.LevelCritical, Path: "/persons/0", PersonIndex: &zero, Message: "strong identity match with a watchlist entry"}}}
		cleared := rules.Assessment{Level: rules.LevelLow, RulesetVersion: "r", Hits: []rules.Hit{}}
		if err := db.SaveAssessment(ctx, id, 1, 1, critical, paxscreen.StatusFlagged); err != nil {
			t.Fatal(err)
		}

		if _, _, err := svc.Notify(ctx, id, 1); err == nil {
			t.Fatal("a failed publish reported no error: the stream would not retry the record")
		}
		if out, _, err := svc.Notify(ctx, id, 1); err != nil || out != notify.Sent {
			t.Fatalf("retry after the failed publish: %q, %v; want sent", out, err)
		}
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				if out, _, err := svc.Notify(ctx, id, 1); err != nil || out != notify.AlreadySent {
					t.Errorf("a repeated delivery: %q, %v; want already-sent", out, err)
				}
			})
		}
		wg.Wait()
		sent := pub.messages()
		if len(sent) != 1 {
			t.Fatalf("CRITICAL flag: %d messages, want 1", len(sent))
		}
		attrs := sent[0].Attributes
		if attrs["severity"] != rules.LevelCritical || attrs["event"] != alert.EventFlagged || attrs["destination"] != "ETAR" ||
			attrs[notify.DeduplicationAttribute] != notify.DeduplicationID(id, paxscreen.AlertKey(1)) {
			t.Errorf("attributes %v", attrs)
		}

		if err := db.Decide(ctx, id, 1, 1, "ESCALATED", "Secretname needs a second look", "reviewer-1"); err != nil {
			t.Fatal(err)
		}
		trail, err := db.Audit(ctx, id)
		if err != nil || len(trail) == 0 {
			t.Fatalf("audit trail: %v, %v", trail, err)
		}
		key := "D" + trail[len(trail)-1].At
		for i, want := range []notify.Outcome{notify.Sent, notify.AlreadySent} {
			if out, err := svc.NotifyDecision(ctx, id, key, "ESCALATED"); err != nil || out != want {
				t.Errorf("decision, delivery %d: %q, %v; want %q", i+1, out, err, want)
			}
		}
		if sent = pub.messages(); len(sent) != 2 || sent[1].Attributes["event"] != alert.EventDecided {
			t.Fatalf("after the decision: %d messages, last %+v", len(sent), sent[len(sent)-1].Attributes)
		}

		// The rescore keeps the reviewer's ESCALATED status, as scoring does.
		if err := db.SaveAssessment(ctx, id, 1, 2, cleared, paxscreen.StatusEscalated); err != nil {
			t.Fatal(err)
		}
		if out, _, err := svc.Notify(ctx, id, 2); err != nil || out != notify.Sent {
			t.Errorf("cleared on rescan: %q, %v; want sent", out, err)
		}
		if err := db.SaveAssessment(ctx, id, 1, 3, cleared, paxscreen.StatusEscalated); err != nil {
			t.Fatal(err)
		}
		if out, _, err := svc.Notify(ctx, id, 3); err != nil || out != notify.NotNeeded {
			t.Errorf("unchanged assessment: %q, %v; want not-needed", out, err)
		}
		if sent = pub.messages(); len(sent) != 3 || sent[2].Attributes["event"] != alert.EventCleared {
			t.Fatalf("after the rescores: %d messages, want 3, the last cleared", len(sent))
		}
		for _, msg := range sent {
			for _, secret := range []string{"Secretname", "SECRET123", "1970-01-01"} {
				if strings.Contains(msg.Subject+msg.Email+msg.SMS, secret) {
					t.Errorf("%s message carries personal data %q", msg.Attributes["event"], secret)
				}
			}
		}
	})
}
