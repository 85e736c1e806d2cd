// Package notify publishes reviewers' alerts for new assessments: it decides with package alert,
// claims the alert in the table so that one assessment gives one message, publishes to SNS and
// records the message. It knows no stream and no AWS service: shared/stream/notifystream runs it
// on the notify function's stream records, shared/snspublish is the Publisher that reaches SNS,
// and Store is satisfied by shared/store and the in-memory test store.
package notify

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/paxscreen/paxscreen/shared/alert"
	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// Store is what notify needs of the table.
type Store interface {
	Get(ctx context.Context, id string) (*paxscreen.Record, error)
	GetHeader(ctx context.Context, id string) (*paxscreen.Header, error)
	Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error)
	ClaimAlert(ctx context.Context, id, key string, lease time.Duration) error
	MarkAlertSent(ctx context.Context, id, key string, messageID string) error
	ReleaseAlert(ctx context.Context, id, key string) error
	AlertState(ctx context.Context, id, key string) (paxscreen.AlertState, error)
	MarkAlertNotNeeded(ctx context.Context, id, key string) error
}

// Publisher sends a rendered alert.
type Publisher interface {
	Publish(ctx context.Context, m alert.Message) (messageID string, err error)
}

// Service notifies reviewers.
type Service struct {
	Store     Store
	Publisher Publisher
	Config    alert.Config
	// Lease bounds how long a claimed alert waits for its publisher before another delivery may
	// take over (default one minute).
	Lease time.Duration
}

// Outcome says what Notify did.
type Outcome string

// Outcomes.
const (
	Sent        Outcome = "sent"
	NotNeeded   Outcome = "not-needed"
	AlreadySent Outcome = "already-sent"
)

// Notify handles assessment seq of manifest id.
func (s *Service) Notify(ctx context.Context, id string, seq int) (Outcome, *alert.Decision, error) {
	cur, err := s.Store.Assessment(ctx, id, seq)
	if err != nil {
		return "", nil, err
	}
	var prev *rules.Assessment
	prevVersion := 0
	if seq > 1 {
		p, err := s.Store.Assessment(ctx, id, seq-1)
		if err != nil {
			return "", nil, err
		}
		prev, prevVersion = &p.Assessment, p.ManifestVersion
	}
	h, err := s.Store.GetHeader(ctx, id)
	if err != nil {
		return "", nil, err
	}
	d := alert.Decide(prev, &cur.Assessment, s.Config)
	if alert.Answered(prevVersion, cur.ManifestVersion, h.Decision) {
		// The organiser answered a reviewer's request for information: the reviewers must
		// look again whatever the level did.
		d = alert.AnsweredDecision(prev, &cur.Assessment)
	}
	if !d.Send {
		// Recorded, so that a rescan looking for alerts owed knows this one is not.
		if err := s.Store.MarkAlertNotNeeded(ctx, id, paxscreen.AlertKey(seq)); err != nil {
			return "", nil, err
		}
		return NotNeeded, &d, nil
	}
	// The persons are read only when the e-mail may name a watchlist hit: every other alert
	// needs the header alone.
	var names map[int]string
	if s.Config.IncludeNames && hasWatchlistHit(&cur.Assessment) {
		rec, err := s.Store.Get(ctx, id)
		if err != nil {
			return "", nil, err
		}
		h, names = &rec.Header, watchlistNames(rec.Manifest, &cur.Assessment)
	}
	msg := alert.Render(flight(h), &cur.Assessment, d, s.Config, names)
	out, err := s.publishOnce(ctx, id, paxscreen.AlertKey(seq), msg)
	return out, &d, err
}

// Redrive sends the alert of assessment seq of manifest id if it is owed and was never sent:
// the repair a rescan runs for an alert whose stream record was given up (an outage longer than
// the event source mapping's retries). It reports whether it sent one.
func (s *Service) Redrive(ctx context.Context, id string, seq int) (bool, error) {
	switch st, err := s.Store.AlertState(ctx, id, paxscreen.AlertKey(seq)); {
	case err != nil:
		return false, err
	case st != paxscreen.AlertMissing:
		return false, nil // sent, not needed, or being sent now
	}
	out, _, err := s.Notify(ctx, id, seq)
	if errors.Is(err, paxscreen.ErrAlertBusy) {
		return false, nil // another delivery is sending it now
	}
	return out == Sent, err
}

// NotifyDecision tells reviewers of a decision recorded on a manifest (event manifest.decided).
// key names the decision's alert (its audit entry), so a decision is announced once.
func (s *Service) NotifyDecision(ctx context.Context, id, key, decision string) (Outcome, error) {
	h, err := s.Store.GetHeader(ctx, id)
	if err != nil {
		return "", err
	}
	return s.publishOnce(ctx, id, key, alert.RenderDecision(flight(h), h.Level, decision, s.Config))
}

// DeduplicationAttribute is the message attribute that names an alert: two messages with the
// same value are the same alert sent twice.
const DeduplicationAttribute = "deduplicationId"

// DeduplicationID names the alert key of manifest id: "<manifest>#<assessment seq>" for an
// assessment's alert, "<manifest>#D<audit time>" for a decision's.
func DeduplicationID(id, key string) string { return id + "#" + key }

// publishOnce claims the alert, publishes it and records it: one message per key even when the
// stream delivers a record twice at once; a failed publish releases the claim for the retry.
func (s *Service) publishOnce(ctx context.Context, id, key string, msg alert.Message) (Outcome, error) {
	lease := s.Lease
	if lease <= 0 {
		lease = time.Minute
	}
	// Publishing stays at-least-once (a publish whose answer is lost is sent again); the id lets
	// subscribers drop the repeat. One per alert: the manifest and the assessment (or decision).
	msg.Attributes = maps.Clone(msg.Attributes)
	if msg.Attributes == nil {
		msg.Attributes = map[string]string{}
	}
	msg.Attributes[DeduplicationAttribute] = DeduplicationID(id, key)
	switch err := s.Store.ClaimAlert(ctx, id, key, lease); {
	case errors.Is(err, paxscreen.ErrAlertSent):
		return AlreadySent, nil
	case err != nil:
		return "", err // ErrAlertBusy included: the record is retried after the other delivery
	}
	mid, err := s.Publisher.Publish(ctx, msg)
	if err != nil {
		if rerr := s.Store.ReleaseAlert(context.WithoutCancel(ctx), id, key); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return "", fmt.Errorf("publish alert %s of %s: %w", key, id, err)
	}
	if err := s.Store.MarkAlertSent(ctx, id, key, mid); err != nil {
		// Published but not recorded: the lease keeps a retry from publishing again until it
		// runs out; the message itself is out.
		return "", err
	}
	return Sent, nil
}

func hasWatchlistHit(a *rules.Assessment) bool {
	for _, h := range a.Hits {
		if h.Rule == rules.RuleWatchlistStrong || h.Rule == rules.RuleWatchlistPossible {
			return true
		}
	}
	return false
}

func flight(h *paxscreen.Header) alert.Flight {
	arr, _ := manifest.ParseTime(h.ArrivalTime)
	return alert.Flight{
		ManifestID: h.ID, Number: h.FlightNumber, Registration: h.Registration,
		Departure: h.DepartureAirport, Arrival: h.ArrivalAirport, ArrivalTime: arr,
		OrganiserName: h.OrganiserName, Persons: h.PersonCount,
	}
}

// watchlistNames names only the persons with watchlist hits; Render uses them only when the
// configuration allows.
func watchlistNames(m *manifest.Manifest, a *rules.Assessment) map[int]string {
	names := map[int]string{}
	for _, h := range a.Hits {
		if h.PersonIndex == nil || (h.Rule != rules.RuleWatchlistStrong && h.Rule != rules.RuleWatchlistPossible) {
			continue
		}
		if i := *h.PersonIndex; i >= 0 && i < len(m.Persons) {
			names[i] = displayName(m.Persons[i])
		}
	}
	return names
}

// displayName is "SURNAME, Given Names", or the one name of a person who has only one.
func displayName(p manifest.Person) string {
	if p.GivenNames == "" {
		return p.Surname
	}
	return p.Surname + ", " + p.GivenNames
}
