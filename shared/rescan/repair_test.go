package rescan_test

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// alerter records which alerts a rescan re-drives.
type alerter struct {
	mu    sync.Mutex
	calls map[string]int
}

func (a *alerter) Redrive(_ context.Context, id string, seq int) (bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls[id] = seq
	return true, nil
}

// TestRescanRepairsWhatTheStreamGaveUp: a version the stream never scored is scored by the next
// rescan, and the alert of every assessed live manifest is handed to the re-drive (which sends it
// only when it is owed and missing; see notify.Service.Redrive).
func TestRescanRepairsWhatTheStreamGaveUp(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		ctx := context.Background()
		a := &alerter{calls: map[string]int{}}
		f.svc.Alerts = a
		m := one(7, time.Now().Add(6*time.Hour))
		rec := &paxscreen.Record{Manifest: m, Header: paxscreen.Header{ID: rand.Text(), Status: paxscreen.StatusReceived, Organisation: "o",
			DepartureTime: m.Flight.Departure.Scheduled, ArrivalTime: m.Flight.Arrival.Scheduled, Warnings: []manifest.Finding{}}}
		if err := f.db.Create(ctx, rec, nil); err != nil {
			t.Fatal(err)
		}
		rep, err := f.svc.Run(ctx, time.Now().Add(time.Minute))
		if err != nil || rep.Repaired != 1 || rep.Rescored != 1 {
			t.Fatalf("first run: %v, %v; want the unscored version repaired", rep, err)
		}
		rep, err = f.svc.Run(ctx, time.Now().Add(time.Minute))
		if err != nil || rep.Repaired != 0 || rep.Realerted != 1 {
			t.Fatalf("second run: %v, %v; want nothing to repair and the alert of assessment 1 re-driven", rep, err)
		}
		if a.calls[rec.Header.ID] != 1 {
			t.Errorf("re-drove %v, want assessment 1 of %s", a.calls, rec.Header.ID)
		}
	})
}
