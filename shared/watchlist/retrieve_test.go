package watchlist

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// The neighbourhood hashes continue each prefix's FNV state instead of
// writing each variant out. They must be exactly the hashes of the
// variants written out, in the same order: those are what the tables of
// the snapshots already published hold.
func TestNeighbourhoodHashesAreThoseOfTheVariants(t *testing.T) {
	collect := func(f func(func(uint64))) []uint64 {
		var out []uint64
		f(func(h uint64) { out = append(out, h) })
		return out
	}
	written := func(kind byte, s string, twice bool) []uint64 {
		out := []uint64{kindHash(kind, s)}
		for i := range len(s) {
			out = append(out, kindHash(kind, s[:i]+s[i+1:]))
		}
		if twice {
			for i := range len(s) {
				for j := i + 1; j < len(s); j++ {
					out = append(out, kindHash(kind, s[:i]+s[i+1:j]+s[j+1:]))
				}
			}
		}
		return out
	}
	rng := rand.New(rand.NewPCG(8, 9))
	for range 20000 {
		b := make([]byte, rng.IntN(45))
		if rng.IntN(100) == 0 {
			b = make([]byte, 64+rng.IntN(10)) // longer than any part the index holds
		}
		for i := range b {
			b[i] = byte('a' + rng.IntN(26))
		}
		s := string(b)
		if got, want := collect(func(fn func(uint64)) { delHashes(hText, s, fn) }), written(hText, s, false); !slices.Equal(got, want) {
			t.Fatalf("delHashes(%q) differs from the hashes of its variants", s)
		}
		if deletable(s) {
			got := collect(func(fn func(uint64)) { canonHashes(s, fn) })
			if want := written(hCanon, s, len(s) >= long); !slices.Equal(got, want) {
				t.Fatalf("canonHashes(%q) differs from the hashes of its variants", s)
			}
		}
	}
}
