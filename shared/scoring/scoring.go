// Package scoring assesses stored manifests: it gathers what the rules need from the table (the
// manifest, its first version, other manifests sharing a document, watchlist matches), runs the
// rules and stores the assessment. It knows no stream and no table: shared/stream/scorestream
// runs it on the score function's stream records, rescans call it directly, and it reaches the
// table through Store, which shared/store and the in-memory test store satisfy.
package scoring

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
)

// Store is what scoring needs of the table.
type Store interface {
	Get(ctx context.Context, id string) (*paxscreen.Record, error)
	GetHeader(ctx context.Context, id string) (*paxscreen.Header, error)
	List(ctx context.Context, org string, q paxscreen.ListQuery) (paxscreen.Page, error)
	Assessment(ctx context.Context, id string, seq int) (*paxscreen.AssessmentRecord, error)
	Persons(ctx context.Context, id string, version int) ([]manifest.Person, error)
	IndexDocuments(ctx context.Context, rec *paxscreen.Record) error
	Sightings(ctx context.Context, rec *paxscreen.Record) ([]rules.Sighting, error)
	SaveAssessment(ctx context.Context, id string, version, seq int, a rules.Assessment, status paxscreen.Status) error
}

// Screener screens persons against the watchlists loaded now. Refresh picks up newly published
// snapshots before Versions and Screen are asked.
type Screener interface {
	Refresh(ctx context.Context) error
	Screen(ctx context.Context, persons []manifest.Person) ([]rules.WatchlistMatch, error)
	Versions() map[string]string
}

// PartyScreener is a Screener that also screens who organised the flight and whose aircraft it
// is (the organiser, operator, contact and aircraft) against the lists' entities and aircraft.
type PartyScreener interface {
	ScreenParties(ctx context.Context, m *manifest.Manifest) ([]rules.PartyMatch, error)
}

// Service scores manifests.
type Service struct {
	Store    Store
	Rules    *rules.Ruleset
	Screener Screener // nil: no watchlist is loaded
}

// Outcome says what Score did.
type Outcome string

// Outcomes.
const (
	Scored  Outcome = "scored"
	Current Outcome = "current" // the latest assessment already covers this version, ruleset and lists
	Stale   Outcome = "stale"   // a newer version exists; its own record will be scored
)

// Score assesses version of manifest id unless an assessment of it with the same ruleset and
// watchlist versions exists. Safe to call twice for the same version, concurrently included.
//
// The assessment is saved only if the header is still at the version, the assessment and the
// status read (see store.SaveAssessment). When any of them moved meanwhile (an amendment, a
// racing delivery or rescan, a reviewer's decision) Score reads the header again and decides
// afresh: Stale for a newer version, Current when another writer covered this one, or a new
// attempt. It never takes a lost race for "current" without reading what won it.
func (s *Service) Score(ctx context.Context, id string, version int) (Outcome, *rules.Assessment, error) {
	out, a, err := s.score(ctx, id, version, false)
	if err != nil || out == Stale {
		return out, a, err
	}
	// A cross-manifest finding concerns both manifests: the other one is assessed again at once
	// (not at the next rescan) when its latest assessment does not name this one yet. On a
	// redelivery (Current) the stored assessment is the one to follow, so that a failure to
	// reassess after the save is retried with the record.
	named := a
	if named == nil {
		if named, err = s.latest(ctx, id); err != nil || named == nil {
			return out, a, err
		}
	}
	if err := s.reassessNamed(ctx, id, named); err != nil {
		return out, a, err
	}
	return out, a, nil
}

// latest is the manifest's latest assessment, nil when it has none.
func (s *Service) latest(ctx context.Context, id string) (*rules.Assessment, error) {
	h, err := s.Store.GetHeader(ctx, id)
	if err != nil || h.AssessmentSeq == 0 {
		return nil, err
	}
	rec, err := s.Store.Assessment(ctx, id, h.AssessmentSeq)
	if err != nil {
		return nil, err
	}
	return &rec.Assessment, nil
}

// score assesses the manifest's current version; force skips the check that an assessment with
// the same ruleset and watchlists already covers it. A save that lost a race is not taken for
// "current": the header is read again and the decision made afresh.
func (s *Service) score(ctx context.Context, id string, version int, force bool) (Outcome, *rules.Assessment, error) {
	for attempt := 0; attempt < maxAttempts; attempt++ {
		out, a, err := s.attempt(ctx, id, version, force)
		if !errors.Is(err, paxscreen.ErrAssessed) {
			return out, a, err
		}
	}
	return "", nil, fmt.Errorf("score manifest %s version %d: header kept changing for %d attempts: %w", id, version, maxAttempts, paxscreen.ErrAssessed)
}

// maxAttempts bounds how often score reads again after losing a race; a stream retry or the
// next rescan carries on after that.
const maxAttempts = 6

func (s *Service) attempt(ctx context.Context, id string, version int, force bool) (Outcome, *rules.Assessment, error) {
	rec, err := s.Store.Get(ctx, id)
	if err != nil {
		return "", nil, fmt.Errorf("score manifest %s: %w", id, err)
	}
	h := &rec.Header
	if h.Version > version {
		return Stale, nil, nil
	}
	wl := map[string]string{}
	var missing []string
	if s.Screener != nil {
		if err := s.Screener.Refresh(ctx); err != nil {
			return "", nil, fmt.Errorf("load watchlists: %w", err)
		}
		wl = s.Screener.Versions()
		missing = s.missingLists(wl)
	}
	if !force && h.AssessedVersion == h.Version && h.ScoreState == paxscreen.ScoreDone && h.RulesetVersion == s.Rules.Version && maps.Equal(h.WatchlistVersions, wl) {
		return Current, nil, nil
	}
	// The index write may have followed the manifest write; repeating it here makes the pair
	// crash-safe.
	if err := s.Store.IndexDocuments(ctx, rec); err != nil {
		return "", nil, err
	}
	in := rules.Input{Manifest: rec.Manifest, Version: h.Version, ClearedBefore: h.EverCleared, WatchlistVersions: wl, Organisation: h.Organisation}
	if s.Screener != nil && (len(wl) == 0 || len(missing) > 0) {
		// Fail closed: the assessment says it was made without (some) lists. Its versions differ
		// from those of any later publish, so the next rescan rescreens it.
		in.NotScreened, in.MissingWatchlists = true, missing
	}
	if t, ok := manifest.ParseTime(h.SubmittedAt); ok {
		in.SubmittedAt = t
	}
	if h.Version > 1 {
		if in.FirstPersons, err = s.Store.Persons(ctx, id, 1); err != nil {
			return "", nil, err
		}
	}
	if in.Sightings, err = s.Store.Sightings(ctx, rec); err != nil {
		return "", nil, err
	}
	if in.Others, err = s.sameSchedule(ctx, h); err != nil {
		return "", nil, err
	}
	if s.Screener != nil {
		if in.Watchlist, err = s.Screener.Screen(ctx, rec.Manifest.Persons); err != nil {
			return "", nil, fmt.Errorf("screen manifest %s: %w", id, err)
		}
		if ps, ok := s.Screener.(PartyScreener); ok {
			if in.Parties, err = ps.ScreenParties(ctx, rec.Manifest); err != nil {
				return "", nil, fmt.Errorf("screen parties of manifest %s: %w", id, err)
			}
		}
	}
	a := rules.Assess(in, s.Rules)
	if err := s.Store.SaveAssessment(ctx, id, h.Version, h.AssessmentSeq+1, a, nextStatus(h.Status, a.Level)); err != nil {
		return "", nil, err
	}
	return Scored, &a, nil
}

// MissingReporter is a Screener that can name the lists it should have and has not loaded
// (published but failing to load).
type MissingReporter interface {
	Missing() []string
}

// missingLists names the lists not loaded: those the screener reports failing and those the
// ruleset requires.
func (s *Service) missingLists(loaded map[string]string) []string {
	var missing []string
	if mr, ok := s.Screener.(MissingReporter); ok {
		missing = append(missing, mr.Missing()...)
	}
	for _, r := range s.Rules.Watchlist.Required {
		if _, ok := loaded[r]; !ok && !slices.Contains(missing, r) {
			missing = append(missing, r)
		}
	}
	slices.Sort(missing)
	return missing
}

// nextStatus moves a manifest that no reviewer has decided on to SCREENED or FLAGGED; a
// reviewer's decision stands until a reviewer changes it.
func nextStatus(status paxscreen.Status, level string) paxscreen.Status {
	switch status {
	case paxscreen.StatusReceived, paxscreen.StatusScreened, paxscreen.StatusFlagged:
		if rules.LevelRank(level) >= rules.LevelRank(rules.LevelMedium) {
			return paxscreen.StatusFlagged
		}
		return paxscreen.StatusScreened
	}
	return status
}
