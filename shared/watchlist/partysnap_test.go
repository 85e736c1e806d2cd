package watchlist

import (
	"bytes"
	"reflect"
	"sync"
	"testing"
)

// A loaded snapshot builds its entity and aircraft index on first use.
// Screens that race to be first all see the one index, and it answers as
// the index Build made; encoding the loaded index again gives the same
// snapshot.
func TestLoadedPartyIndexIsBuiltOnceOnFirstUse(t *testing.T) {
	built := Build(orgEntries())
	snap, err := built.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(snap)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"Mahan Air", "IRGC", "Газпром", "Pouya Air", "HAQQANI NETWORK"}
	var wg sync.WaitGroup
	got := make([][]EntityMatch, 8*len(queries))
	for i := range got {
		wg.Go(func() { got[i] = loaded.ScreenEntity(queries[i%len(queries)], 0.5) })
	}
	wg.Wait()
	for i, g := range got {
		if want := built.ScreenEntity(queries[i%len(queries)], 0.5); !reflect.DeepEqual(g, want) {
			t.Errorf("%q on the loaded index: %+v, want %+v", queries[i%len(queries)], g, want)
		}
	}
	again, err := loaded.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, snap) {
		t.Error("a loaded index encodes to another snapshot")
	}
}
