package watchlist

import (
	"math"

	"github.com/paxscreen/paxscreen/shared/names"
)

// BruteScreen exposes the brute-force reference scorer to the external
// property tests.
func (ix *Index) BruteScreen(q Query, threshold float64) []Match {
	return ix.screen(q, threshold, (*Index).bruteEdges)
}

// bruteEdges is the reference for tokenEdges and candidates: every query
// part against every listed token, and every listed name a candidate. It
// is used by the property tests that hold retrieval complete (Screen finds
// every match this finds); it is far too slow to screen with.
func (ix *Index) bruteEdges(s *scratch) {
	s.edges = s.edges[:0]
	s.qw = s.qw[:0]
	for qi, q := range s.toks {
		best, bestW := 0.0, ix.maxWeight
		qc := names.Canon(q.Text)
		for v := range ix.vocab {
			sim, _ := tokenSim(q, qc, ix.vocab[v], ix.keys[ix.vkey[v]], ix.vcanon[v])
			if sim == 0 {
				continue
			}
			s.addEdge(uint32(v), uint8(qi), float32(sim))
			if sim > best || (sim == best && ix.vweight[v] < bestW) {
				best, bestW = sim, ix.vweight[v]
			}
		}
		w := bestW
		if best == 0 {
			w = ix.maxWeight
		}
		if q.Weak {
			w = float32(math.Min(float64(w), float64(ix.maxWeight))) * weakTokenFactor
		}
		s.qw = append(s.qw, w)
	}
	s.cands = s.cands[:0]
	for n := range ix.names {
		s.nStamp[n] = s.gen
		s.cands = append(s.cands, uint32(n))
	}
}

// BoundViolations screens q's parts against every listed name and returns
// the names whose full alignment scores above nameBound, the upper bound
// that lets Screen skip aligning them: it must return none.
func (ix *Index) BoundViolations(q Query) []string {
	s := ix.getScratch()
	defer ix.pool.Put(s)
	s.gen++
	s.toks = splitInitials(names.AppendNormalize(s.toks[:0], q.name()), ix.vocabID, nil)
	if len(s.toks) == 0 {
		return nil
	}
	s.prepareJoins()
	ix.tokenEdges(s)
	s.markEdged()
	var bad []string
	for n := range ix.names {
		nr := &ix.nameW[n]
		ti := ix.tinfo[nr.tok : nr.tok+uint32(nr.ntok)]
		if b, sc := ix.nameBound(s, uint32(n), nr, ti, 0), ix.scoreName(s, uint32(n), 0, nil); sc > b {
			bad = append(bad, ix.names[n].full)
		}
	}
	return bad
}

// ScreenEnumerated is Screen without the stored edges and joins of the
// listed parts (vocabEdges) and with the memo of query parts empty
// (partMemo): every query part's neighbourhoods are enumerated, as for a
// part no list has. Not safe beside other screening.
func (ix *Index) ScreenEnumerated(q Query, threshold float64) []Match {
	at, jat := ix.vedgeAt, ix.vjoinAt
	ix.vedgeAt, ix.vjoinAt = nil, nil
	ix.memo.reset()
	defer func() { ix.vedgeAt, ix.vjoinAt = at, jat; ix.memo.reset() }()
	return ix.Screen(q, threshold)
}

// PartMemoLen is how many query parts the memo holds.
func (ix *Index) PartMemoLen() int { return ix.memo.len() }

// PartMemoSize is the most parts the memo holds.
const PartMemoSize = partMemoSize
