package screening

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// countingStore counts the reads of the CURRENT pointers and of snapshots, and fails the
// pointer read with err.
type countingStore struct {
	fakeStore
	pointers, loads int
	err             error
}

func (c *countingStore) CurrentSnapshots(ctx context.Context) ([]paxscreen.SnapshotMeta, error) {
	c.pointers++
	if c.err != nil {
		return nil, c.err
	}
	return c.fakeStore.CurrentSnapshots(ctx)
}

func (c *countingStore) LoadSnapshot(ctx context.Context, m paxscreen.SnapshotMeta) ([]byte, error) {
	c.loads++
	return c.fakeStore.LoadSnapshot(ctx, m)
}

// TestRefreshReadsPointersAtMostOncePerInterval: a warm function asks the table for CURRENT at
// most once per Every and loads a snapshot only when its version changed, so scoring a batch
// costs no snapshot reads; a failing pointer read is returned for the caller to retry.
func TestRefreshReadsPointersAtMostOncePerInterval(t *testing.T) {
	v1, b1 := snapshot(t, "UN", "IVAN PETROV")
	cs := &countingStore{fakeStore: fakeStore{
		metas: []paxscreen.SnapshotMeta{{Source: "UN", Version: v1}},
		data:  map[string][]byte{"UN/" + v1: b1},
	}}
	l := &Loader{Store: cs, Every: time.Hour}
	ctx := context.Background()
	for range 3 {
		if err := l.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if cs.pointers != 1 || cs.loads != 1 {
		t.Errorf("three refreshes within the interval: %d pointer reads, %d loads; want 1 and 1", cs.pointers, cs.loads)
	}
	// Past the interval the pointers are read again; the unchanged version is not reloaded.
	l.checked = time.Now().Add(-2 * time.Hour)
	if err := l.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if cs.pointers != 2 || cs.loads != 1 {
		t.Errorf("after the interval: %d pointer reads, %d loads; want 2 and 1", cs.pointers, cs.loads)
	}
	// A new version replaces the old one.
	v2, b2 := snapshot(t, "UN", "OMAR HASSAN")
	cs.metas, cs.data["UN/"+v2] = []paxscreen.SnapshotMeta{{Source: "UN", Version: v2}}, b2
	l.checked = time.Time{}
	if err := l.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if l.Versions()["UN"] != v2 || cs.loads != 2 {
		t.Errorf("new version: Versions %v after %d loads, want UN %s", l.Versions(), cs.loads, v2)
	}
	// A table that does not answer is the caller's to retry; what was loaded still screens.
	cs.err = errors.New("throttled")
	l.checked = time.Time{}
	if err := l.Refresh(ctx); !errors.Is(err, cs.err) {
		t.Errorf("Refresh with the pointers unreadable: %v, want the read's error", err)
	}
	if l.Versions()["UN"] != v2 {
		t.Errorf("a failed refresh dropped the loaded list: %v", l.Versions())
	}
}

// TestABrokenNewVersionKeepsTheOneBefore: a newly published snapshot that does not load leaves
// the version before screening, and the source is not reported missing, since it is screened.
func TestABrokenNewVersionKeepsTheOneBefore(t *testing.T) {
	v1, b1 := snapshot(t, "UN", "IVAN PETROV")
	v2, b2 := snapshot(t, "UN", "OMAR HASSAN")
	fs := &fakeStore{metas: []paxscreen.SnapshotMeta{{Source: "UN", Version: v1}}, data: map[string][]byte{"UN/" + v1: b1, "UN/" + v2: b2[:len(b2)/2]}}
	l := &Loader{Store: fs, Every: 1}
	ctx := context.Background()
	if err := l.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	fs.metas = []paxscreen.SnapshotMeta{{Source: "UN", Version: v2}}
	if err := l.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if l.Versions()["UN"] != v1 || len(l.Missing()) != 0 {
		t.Errorf("Versions %v, Missing %v; want UN still at %s and nothing missing", l.Versions(), l.Missing(), v1)
	}
	matches, err := l.Screen(ctx, []manifest.Person{{Surname: "PETROV", GivenNames: "IVAN"}, {Surname: "HASSAN", GivenNames: "OMAR"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(matches) != 1 || matches[0].PersonIndex != 0 {
		t.Errorf("matches %+v, want the person listed in the version still loaded", matches)
	}
}
