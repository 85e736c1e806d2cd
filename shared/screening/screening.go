// Package screening keeps the live watchlist snapshots of a function: loaded from the table once
// per cold start, reloaded only when a source's CURRENT version changes, and checked for changes
// at most once per interval so that scoring a batch costs no extra reads.
package screening

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/rules"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// Store is where snapshots live.
type Store interface {
	CurrentSnapshots(ctx context.Context) ([]paxscreen.SnapshotMeta, error)
	LoadSnapshot(ctx context.Context, meta paxscreen.SnapshotMeta) ([]byte, error)
}

// Loader is a scoring.Screener backed by the table's snapshots.
type Loader struct {
	Store Store
	// Threshold and StrongThreshold come from the ruleset (zero: the engine's defaults).
	Threshold, StrongThreshold float64
	// Every bounds how often CURRENT is read (default 30 s).
	Every time.Duration

	mu      sync.RWMutex
	set     watchlist.Set
	failed  map[string]error // published sources whose snapshot does not load, none loaded
	checked time.Time
}

// Refresh reads the CURRENT pointers (at most once per Every) and loads the snapshots whose
// version changed. A snapshot that cannot be read or does not load is not an error of Refresh
// (screening goes on against the other lists, failing closed for this one): the source keeps
// the version loaded before, if any, or is reported by Missing, and is tried again next time.
// An error reading the pointers is returned, for the caller to retry.
func (l *Loader) Refresh(ctx context.Context) error {
	every := l.Every
	if every <= 0 {
		every = 30 * time.Second
	}
	l.mu.RLock()
	fresh := !l.checked.IsZero() && time.Since(l.checked) < every
	l.mu.RUnlock()
	if fresh {
		return nil
	}
	metas, err := l.Store.CurrentSnapshots(ctx)
	if err != nil {
		return err
	}
	l.mu.RLock()
	loaded := map[string]watchlist.Named{}
	for _, n := range l.set.Snapshots {
		loaded[n.Name] = n
	}
	l.mu.RUnlock()
	next := make([]watchlist.Named, 0, len(metas))
	failed := map[string]error{}
	for _, m := range metas {
		if n, ok := loaded[m.Source]; ok && n.Index.Version() == m.Version {
			next = append(next, n)
			continue
		}
		ix, err := l.load(ctx, m)
		if err != nil {
			if n, ok := loaded[m.Source]; ok {
				next = append(next, n) // the version before still screens
			} else {
				failed[m.Source] = err
			}
			continue
		}
		next = append(next, watchlist.Named{Name: m.Source, Index: ix})
	}
	l.mu.Lock()
	l.failed = failed
	l.set = watchlist.Set{Snapshots: next, Threshold: l.Threshold, StrongThreshold: l.StrongThreshold}
	l.checked = time.Now()
	l.mu.Unlock()
	return nil
}

func (l *Loader) load(ctx context.Context, m paxscreen.SnapshotMeta) (*watchlist.Index, error) {
	data, err := l.Store.LoadSnapshot(ctx, m)
	if err != nil {
		return nil, fmt.Errorf("watchlist %s version %s: %w", m.Source, m.Version, err)
	}
	ix, err := watchlist.Load(data)
	if err != nil {
		return nil, fmt.Errorf("watchlist %s version %s: %w", m.Source, m.Version, err)
	}
	return ix, nil
}

// Missing names the published sources that no loaded snapshot screens: their snapshot failed
// to load and no earlier version of them is loaded.
func (l *Loader) Missing() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	out := make([]string, 0, len(l.failed))
	for src := range l.failed {
		out = append(out, src)
	}
	slices.Sort(out)
	return out
}

// Versions maps each loaded source to its snapshot version.
func (l *Loader) Versions() map[string]string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.set.Versions()
}

// Screen screens persons against the loaded snapshots.
func (l *Loader) Screen(_ context.Context, persons []manifest.Person) ([]rules.WatchlistMatch, error) {
	l.mu.RLock()
	set := l.set
	l.mu.RUnlock()
	return set.ScreenPersons(persons), nil
}

// ScreenParties screens the organiser, operator, contact and aircraft against the loaded
// snapshots' entities and aircraft.
func (l *Loader) ScreenParties(_ context.Context, m *manifest.Manifest) ([]rules.PartyMatch, error) {
	l.mu.RLock()
	set := l.set
	l.mu.RUnlock()
	return set.ScreenParties(m), nil
}

// Static is a screener over fixed snapshots, for the command line.
type Static struct{ Set watchlist.Set }

// Refresh does nothing: the snapshots are fixed.
func (s *Static) Refresh(context.Context) error { return nil }

// Versions maps each snapshot to its version.
func (s *Static) Versions() map[string]string { return s.Set.Versions() }

// Screen screens persons against the snapshots.
func (s *Static) Screen(_ context.Context, persons []manifest.Person) ([]rules.WatchlistMatch, error) {
	return s.Set.ScreenPersons(persons), nil
}

// ScreenParties screens the organiser, operator, contact and aircraft against the snapshots.
func (s *Static) ScreenParties(_ context.Context, m *manifest.Manifest) ([]rules.PartyMatch, error) {
	return s.Set.ScreenParties(m), nil
}
