package screening

import (
	"context"
	"slices"
	"testing"

	"github.com/paxscreen/paxscreen/shared/paxscreen"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

type fakeStore struct {
	metas []paxscreen.SnapshotMeta
	data  map[string][]byte
}

func (f *fakeStore) CurrentSnapshots(context.Context) ([]paxscreen.SnapshotMeta, error) {
	return f.metas, nil
}

func (f *fakeStore) LoadSnapshot(_ context.Context, m paxscreen.SnapshotMeta) ([]byte, error) {
	return f.data[m.Source+"/"+m.Version], nil
}

func snapshot(t *testing.T, source, name string) (string, []byte) {
	t.Helper()
	ix := watchlist.Build([]watchlist.Entry{{ID: "1", Source: source, Kind: watchlist.Individual, Names: []watchlist.Name{{Full: name, Quality: watchlist.Primary}}}})
	b, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return ix.Version(), b
}

// A published snapshot that does not load is reported missing, the others still screen, and
// Refresh does not fail: scoring goes on and fails closed for that list.
func TestLoaderReportsListsThatFailToLoad(t *testing.T) {
	unV, unB := snapshot(t, "UN", "IVAN PETROV")
	ofV, ofB := snapshot(t, "OFAC", "OMAR HASSAN")
	fs := &fakeStore{
		metas: []paxscreen.SnapshotMeta{{Source: "UN", Version: unV}, {Source: "OFAC", Version: ofV}},
		data:  map[string][]byte{"UN/" + unV: unB, "OFAC/" + ofV: ofB[:len(ofB)-3]},
	}
	l := &Loader{Store: fs, Every: 1}
	if err := l.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if got := l.Missing(); !slices.Equal(got, []string{"OFAC"}) {
		t.Errorf("Missing() = %v, want [OFAC]", got)
	}
	if v := l.Versions(); v["UN"] != unV || len(v) != 1 {
		t.Errorf("Versions() = %v, want only UN %s", v, unV)
	}
	// Once the snapshot is fixed, the next refresh loads it.
	fs.data["OFAC/"+ofV] = ofB
	if err := l.Refresh(context.Background()); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	if got := l.Missing(); len(got) != 0 {
		t.Errorf("Missing() = %v after the fix, want none", got)
	}
	if v := l.Versions(); v["OFAC"] != ofV {
		t.Errorf("Versions() = %v, want OFAC %s", v, ofV)
	}
}
