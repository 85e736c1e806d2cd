package watchlist_test

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// The memo of query parts (partMemo) changes nothing: a query screened
// with every part's edges remembered from earlier queries, or remembered
// by another goroutine screening beside it, gets what it gets with the
// memo empty, explanations included.
func TestPartMemoChangesNothing(t *testing.T) {
	for _, c := range []struct {
		name string
		ix   func(t *testing.T) *watchlist.Index
	}{
		{"UN and OFAC", propIndex},
		{"synthetic", func(*testing.T) *watchlist.Index { return syntheticIndex(13, 2000) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			ix := c.ix(t)
			qs := propertyQueries(ix, 40, 400)
			thresholds := []float64{0.6, watchlist.DefaultThreshold}
			cold := make([][]watchlist.Match, 0, len(qs)*len(thresholds))
			for _, q := range qs {
				for _, th := range thresholds {
					ix.ForgetQueryParts()
					cold = append(cold, ix.Screen(q, th))
				}
			}
			check := func(how string, k int, got []watchlist.Match) error {
				if !reflect.DeepEqual(got, cold[k]) {
					q, th := qs[k/len(thresholds)], thresholds[k%len(thresholds)]
					return fmt.Errorf("%s: %q at %.2f: %v, with the memo empty %v", how, q.FullName, th, summary(got), summary(cold[k]))
				}
				return nil
			}
			// Warm: every query again, each part now remembered.
			ix.ForgetQueryParts()
			for pass := range 2 {
				for k := range cold {
					if err := check(fmt.Sprintf("pass %d", pass+1), k, ix.Screen(qs[k/len(thresholds)], thresholds[k%len(thresholds)])); err != nil {
						t.Fatal(err)
					}
				}
			}
			if ix.PartMemoLen() == 0 {
				t.Fatal("nothing was remembered: the test did not exercise the memo")
			}
			// Beside each other: four goroutines in different orders fill
			// and read one memo.
			ix.ForgetQueryParts()
			var wg sync.WaitGroup
			errs := make(chan error, 4)
			for g := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					order := make([]int, len(cold))
					for k := range order {
						order[k] = k
					}
					if g%2 == 1 {
						slices.Reverse(order)
					}
					for _, k := range order[g*len(order)/8:] {
						if err := check(fmt.Sprintf("goroutine %d", g), k, ix.Screen(qs[k/len(thresholds)], thresholds[k%len(thresholds)])); err != nil {
							errs <- err
							return
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

// The memo stays bounded whatever stream of new parts it is fed.
func TestPartMemoBounded(t *testing.T) {
	ix := syntheticIndex(14, 300)
	letters := "bcdfgklmnprstvz"
	for i := 0; i < watchlist.PartMemoSize+500; i++ {
		b := []byte("qx")
		for n := i; n > 0 || len(b) < 6; n /= len(letters) {
			b = append(b, letters[n%len(letters)])
		}
		ix.Screen(watchlist.Query{FullName: string(b)}, watchlist.DefaultThreshold)
		if n := ix.PartMemoLen(); n > watchlist.PartMemoSize {
			t.Fatalf("after %d new parts the memo holds %d, more than %d", i+1, n, watchlist.PartMemoSize)
		}
	}
	if n := ix.PartMemoLen(); n == 0 || n > 500 {
		t.Errorf("after %d new parts the memo holds %d: it should have started again once", watchlist.PartMemoSize+500, n)
	}
}
