// Package rescan screens again every manifest still in play when the ruleset or a watchlist
// changes, and closes the ones whose flight is over and on which no review is owed (a FLAGGED,
// NEEDS_INFO or ESCALATED manifest stays open until someone decides). It walks the status index
// (never the table), works within a time budget and carries on where it stopped on the next run.
package rescan

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/scoring"
)

// Store is what rescans need of the table.
type Store interface {
	LivePage(ctx context.Context, status paxscreen.Status, fromArrival, beforeArrival string, start map[string]string, limit int) ([]paxscreen.Header, map[string]string, error)
	LoadRescanState(ctx context.Context) (paxscreen.RescanState, error)
	SaveRescanState(ctx context.Context, st paxscreen.RescanState) error
	Close(ctx context.Context, id string, version int, expiresAt, keepRecords time.Time, by string) error
}

// Scorer scores one manifest version, idempotently.
type Scorer interface {
	Score(ctx context.Context, id string, version int) (scoring.Outcome, *rules.Assessment, error)
}

// Alerter re-sends an assessment's alert when it is owed and its record is missing.
type Alerter interface {
	Redrive(ctx context.Context, id string, seq int) (sent bool, err error)
}

// Watchlists are the live snapshots whose versions make a manifest stale.
type Watchlists interface {
	Refresh(ctx context.Context) error
	Versions() map[string]string
}

// Service runs rescans.
type Service struct {
	Store          Store
	Scorer         Scorer
	RulesetVersion string
	Watchlists     Watchlists // nil: no watchlist loaded
	// Alerts, when set, re-drives the alert of every live manifest's latest assessment whose
	// alert record is missing (its stream record was given up); nil leaves alerts alone.
	Alerts Alerter
	// Window: a manifest is live until its scheduled arrival is this far in the past.
	Window time.Duration
	// Retention: how long a closed manifest and its persons stay before TTL removes them.
	Retention time.Duration
	// RecordsRetention: the same for assessments and the audit trail; 0 keeps them for good.
	RecordsRetention time.Duration
	PageSize         int
	Now              func() time.Time
	Log              *slog.Logger
}

// statuses a rescan walks: every status but CLOSED.
var statuses = []paxscreen.Status{paxscreen.StatusReceived, paxscreen.StatusScreened, paxscreen.StatusFlagged, paxscreen.StatusNeedsInfo,
	paxscreen.StatusEscalated, paxscreen.StatusCleared, paxscreen.StatusDenied}

const (
	phaseRescore = iota
	phaseClose
)

// Report counts what one run did.
type Report struct {
	Scanned  int `json:"scanned"`
	Rescored int `json:"rescored"`
	// Repaired counts, among Rescored, versions that had no assessment at all: work the stream
	// gave up on.
	Repaired int `json:"repaired"`
	// Realerted counts alerts owed and missing, sent now.
	Realerted int `json:"realerted"`
	Current   int `json:"current"`
	Closed    int `json:"closed"`
	// AwaitingDecision counts manifests past the live window left open because a review of
	// them is owed (FLAGGED, NEEDS_INFO, ESCALATED).
	AwaitingDecision int  `json:"awaitingDecision"`
	Failed           int  `json:"failed"`
	Done             bool `json:"done"`
}

func (s *Service) versions(ctx context.Context) (map[string]string, error) {
	if s.Watchlists == nil {
		return map[string]string{}, nil
	}
	if err := s.Watchlists.Refresh(ctx); err != nil {
		return nil, fmt.Errorf("load watchlists: %w", err)
	}
	return s.Watchlists.Versions(), nil
}

func versionKey(ruleset string, wl map[string]string) string {
	keys := slices.Sorted(maps.Keys(wl))
	parts := []string{ruleset}
	for _, k := range keys {
		parts = append(parts, k+"="+wl[k])
	}
	return strings.Join(parts, ";")
}

// errOutOfTime stops a run that must leave the rest to the next one.
var errOutOfTime = errors.New("out of time")

// Run rescans until done or until deadline, saving where it stopped.
func (s *Service) Run(ctx context.Context, deadline time.Time) (Report, error) {
	var rep Report
	now := s.Now().UTC()
	edge := now.Add(-s.Window).Format(time.RFC3339)
	wl, err := s.versions(ctx)
	if err != nil {
		return rep, err
	}
	key := versionKey(s.RulesetVersion, wl)
	st, err := s.Store.LoadRescanState(ctx)
	if err != nil {
		return rep, err
	}
	if st.Versions != key {
		// New versions: every live manifest is stale again, so start from the beginning.
		st = paxscreen.RescanState{Versions: key}
	}
	size := s.PageSize
	if size <= 0 {
		size = 100
	}
	for ; st.Phase <= phaseClose; st.Phase, st.Status, st.Key = st.Phase+1, 0, nil {
		for ; st.Status < len(statuses); st.Status, st.Key = st.Status+1, nil {
			for {
				if time.Now().After(deadline) {
					return rep, s.Store.SaveRescanState(ctx, st)
				}
				from, before := edge, ""
				if st.Phase == phaseClose {
					from, before = "", edge
				}
				page, next, err := s.Store.LivePage(ctx, statuses[st.Status], from, before, st.Key, size)
				if err != nil {
					return rep, err
				}
				if err := s.page(ctx, st.Phase, page, wl, deadline, &rep); errors.Is(err, errOutOfTime) {
					// Carry on at this page: what was done in it is current now and is skipped.
					return rep, s.Store.SaveRescanState(ctx, st)
				} else if err != nil {
					return rep, err
				}
				if next == nil {
					break
				}
				st.Key = next
			}
		}
	}
	rep.Done = true
	return rep, s.Store.SaveRescanState(ctx, paxscreen.RescanState{})
}

func (s *Service) page(ctx context.Context, phase int, page []paxscreen.Header, wl map[string]string, deadline time.Time, rep *Report) error {
	for _, h := range page {
		if time.Now().After(deadline) {
			return errOutOfTime
		}
		rep.Scanned++
		unassessed := h.ScoreState != paxscreen.ScoreDone || h.AssessedVersion != h.Version
		if phase == phaseClose {
			switch {
			case reviewOwed(h.Status):
				// The flight is over but a reviewer still owes a decision: closing it would take
				// it out of the review queue undecided, so it stays open until someone decides.
				rep.AwaitingDecision++
				continue
			case h.Status != paxscreen.StatusReceived || !unassessed:
				s.close(ctx, h, rep)
				continue
			}
			// Never assessed (submitted after its flight, or work the stream gave up on): it
			// is assessed first, so that it is closed, or queued for review, on what it holds.
		}
		if !unassessed && h.RulesetVersion == s.RulesetVersion && maps.Equal(h.WatchlistVersions, wl) {
			s.redrive(ctx, h, rep)
			continue
		}
		out, _, err := s.Scorer.Score(ctx, h.ID, h.Version)
		switch {
		case err != nil:
			rep.Failed++
			s.Log.ErrorContext(ctx, "rescore failed", "manifestId", h.ID, "error", err.Error())
		case out == scoring.Scored:
			rep.Rescored++
			if unassessed {
				rep.Repaired++
				s.Log.WarnContext(ctx, "version without an assessment scored", "manifestId", h.ID, "version", h.Version)
			}
		default:
			rep.Current++
			s.redrive(ctx, h, rep)
		}
	}
	return nil
}

// redrive sends the alert of h's latest assessment if it is owed and missing. A new assessment
// written by this rescan is left to its own stream record.
func (s *Service) redrive(ctx context.Context, h paxscreen.Header, rep *Report) {
	if s.Alerts == nil || h.AssessmentSeq < 1 {
		return
	}
	sent, err := s.Alerts.Redrive(ctx, h.ID, h.AssessmentSeq)
	switch {
	case err != nil:
		rep.Failed++
		s.Log.ErrorContext(ctx, "alert re-drive failed", "manifestId", h.ID, "assessment", h.AssessmentSeq, "error", err.Error())
	case sent:
		rep.Realerted++
		s.Log.WarnContext(ctx, "owed alert re-sent", "manifestId", h.ID, "assessment", h.AssessmentSeq)
	}
}

// reviewOwed reports whether a manifest in this status waits for a reviewer's decision.
func reviewOwed(st paxscreen.Status) bool {
	return st == paxscreen.StatusFlagged || st == paxscreen.StatusNeedsInfo || st == paxscreen.StatusEscalated
}

func (s *Service) close(ctx context.Context, h paxscreen.Header, rep *Report) {
	now := s.Now().UTC()
	var keep time.Time
	if s.RecordsRetention > 0 {
		keep = now.Add(s.RecordsRetention)
	}
	err := s.Store.Close(ctx, h.ID, h.Version, now.Add(s.Retention), keep, "rescan")
	switch {
	case errors.Is(err, paxscreen.ErrAlreadyClosed):
	case err != nil:
		rep.Failed++
		s.Log.ErrorContext(ctx, "close failed", "manifestId", h.ID, "error", err.Error())
	default:
		rep.Closed++
	}
}

// String summarises a report for logs and the console.
func (r Report) String() string {
	return fmt.Sprintf("scanned %d, rescored %d (repaired %d), re-alerted %d, already current %d, closed %d, flight over but review owed %d, failed %d, done %v",
		r.Scanned, r.Rescored, r.Repaired, r.Realerted, r.Current, r.Closed, r.AwaitingDecision, r.Failed, r.Done)
}
