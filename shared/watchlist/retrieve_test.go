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

// TestSharedDirectoryLookups holds lookups through the directory the two
// tables share to what a scan of each table finds: every entry under every
// hash asked, none other, whatever the tables' sizes (one empty, one much
// larger than the other, hashes crowded in one bucket).
func TestSharedDirectoryLookups(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	table := func(n int, crowd bool) []uint64 {
		a := make([]uint64, n)
		for i := range a {
			a[i] = rng.Uint64()
			if crowd && i%3 == 0 {
				a[i] = 0xabcd<<48 | rng.Uint64()>>40 // one bucket of the top bits
			}
			if i%7 == 0 && i > 0 {
				a[i] = a[i-1] // the same hash for several entries
			}
		}
		slices.Sort(a)
		return a
	}
	for _, tc := range []struct {
		name   string
		na, nb int
		crowd  bool
	}{
		{"both empty", 0, 0, false},
		{"one empty", 0, 500, false},
		{"unequal", 3000, 40, false},
		{"crowded bucket", 2000, 2000, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tabs := [2][]uint64{table(tc.na, tc.crowd), table(tc.nb, tc.crowd)}
			da, db := newHashDirs(tabs[0], tabs[1])
			dirs := [2]*hashDir{&da, &db}
			var hs []uint64
			for _, tab := range tabs {
				for i := 0; i < len(tab); i += 5 {
					hs = append(hs, tab[i], tab[i]+1, tab[i]-1)
				}
			}
			for range 200 {
				hs = append(hs, rng.Uint64())
			}
			for k, tab := range tabs {
				var got []int
				lookups(dirs[k], tab, slices.Clone(hs), nil, func(i int) { got = append(got, i) })
				var want []int
				for _, h := range slices.Compact(slices.Sorted(slices.Values(hs))) {
					for i, x := range tab {
						if x == h {
							want = append(want, i)
						}
					}
				}
				if !slices.Equal(got, want) {
					t.Fatalf("table %d: lookups found %d entries, a scan %d", k, len(got), len(want))
				}
			}
		})
	}
}
