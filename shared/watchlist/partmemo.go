package watchlist

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// partMemo remembers, for query parts no list holds, what partEdges and
// partJoins found: the part's weight, its edges to listed tokens and the
// listed pairs of parts it resembles written as one. Both are functions
// of the part's text and the index alone (its key and canon are functions
// of the text), which is why Build can compute it once for every listed
// part (vocabEdges); the memo does the same for the parts queries bring,
// as they come. Name parts recur from person to person (a family shares a
// surname; given names and surnames are few beside the people who bear
// them), and a function screens manifest after manifest, and a rescan
// every manifest in play, against one list version: each part's
// neighbourhood is enumerated once rather than once per person. The memo
// belongs to one Index, so a new list version starts empty.
type partMemo struct {
	mu    sync.Mutex
	m     map[string]*memoPart
	grown bool // m has held more than memoFirstSize parts since it was made
}

// memoFirstSize is the size a memo's map is made with.
const memoFirstSize = 256

// memoPart is one part's weight (before the weak-token factor) and edges
// (their listed token and similarity), and once joinEdges has looked them
// up, its joins (all but their query part).
type memoPart struct {
	w     float32
	edges []vedge
	joins atomic.Pointer[[]joinName]
}

// partMemoSize bounds the memo: when it holds this many parts it starts
// again empty, so memory stays bounded (a few hundred bytes a part, a few
// megabytes in all) whatever the stream of names.
const partMemoSize = 1 << 14

func (pm *partMemo) get(t string) *memoPart {
	pm.mu.Lock()
	p := pm.m[t]
	pm.mu.Unlock()
	return p
}

// put remembers part t's weight w and edges es (copied).
func (pm *partMemo) put(t string, w float32, es []vedge) {
	p := &memoPart{w: w, edges: slices.Clone(es)}
	pm.mu.Lock()
	if pm.m == nil || len(pm.m) >= partMemoSize {
		pm.m, pm.grown = make(map[string]*memoPart, memoFirstSize), false
	}
	pm.m[strings.Clone(t)] = p
	pm.grown = pm.grown || len(pm.m) > memoFirstSize
	pm.mu.Unlock()
}

// setJoins remembers the joins js (copied) of the part.
func (p *memoPart) setJoins(js []joinName) {
	js = slices.Clone(js)
	p.joins.Store(&js)
}

// ForgetQueryParts empties the memo of query parts no list holds
// (partMemo), so that the next screening of a name costs what the first
// did. It is for measurement: the latency of a query is that of its first
// screening against a list version, whatever was screened before.
func (ix *Index) ForgetQueryParts() { ix.memo.reset() }

// reset empties the memo. A map that never grew past its first size is
// cleared rather than made again: a measurement resets it before every
// query (ForgetQueryParts), and a new map each time was most of what the
// measurement allocated, so the collections it caused ran during the
// queries it timed. A map that grew is made again, so its memory goes.
func (pm *partMemo) reset() {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	switch {
	case pm.m == nil || pm.grown:
		pm.m, pm.grown = make(map[string]*memoPart, memoFirstSize), false
	case len(pm.m) > 0:
		clear(pm.m)
	}
}

func (pm *partMemo) len() int {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	return len(pm.m)
}
