package watchlist

import (
	"cmp"
	"math"
	"slices"
)

// candidates collects the names worth scoring, for a name score of at
// least floor f. A name's score is N/D: each pair adds sim·(w_q + w_l) to
// N and w_q + w_l to D, each unmatched part its weight to D (half of it
// forgiven for the query's extra parts when the listed name is wholly
// found, more added on conflict). So N - f·D is at most the sum over the
// pairs of (sim - f)(w_q + w_l), minus f·w_q/2 for each query part left
// unmatched. Each query part has a list of possible partners (edges to
// listed tokens, joins, listed initials), each with that gain and a
// posting list. A name that holds none of the partners read contributes,
// for each part, at most the best gain among the partners not read, or
// -f·w_q/2 unmatched; when that sum is below zero it cannot reach f.
// Partners are read best gain first (rare listed parts: high gain, short
// postings) until it is. The bound is exact arithmetic over what each part
// can pair with, so the names it leaves out score below f at any
// threshold: the result is monotone in the threshold.
func (ix *Index) candidates(s *scratch, floor float64) {
	s.cands = s.cands[:0]
	f := floor
	s.poss = s.poss[:0]
	nq := len(s.toks)
	// Possibilities: kind 0 an edge (postings of a listed token), 1 a join
	// of two query parts (postings of a listed token, credited to both
	// parts), 2 a join of two listed parts (one name).
	for i, e := range s.edges {
		qi := int(e.qi)
		s.poss = append(s.poss, possibility{qi: e.qi, gain: float32((float64(e.sim) - f) * (float64(s.qw[qi]) + float64(ix.vweight[e.v]))), ref: uint32(i)})
	}
	for i, e := range s.jedges {
		qi := int(e.qi)
		for _, p := range [2]int{qi, qi + 1} {
			g := (float64(e.sim) - f) * float64(s.qw[p])
			if g > 0 {
				g += (float64(e.sim) - f) * float64(ix.vweight[e.v])
			}
			s.poss = append(s.poss, possibility{qi: uint8(p), kind: 1, gain: float32(g), ref: uint32(i)})
		}
	}
	for i, e := range s.jnames {
		if !e.pair {
			s.poss = append(s.poss, possibility{qi: e.qi, kind: 2, gain: float32((float64(e.sim) - f) * (float64(s.qw[e.qi]) + float64(e.w))), ref: uint32(i)})
			continue
		}
		// Like a join of two query parts: each part is credited the listed
		// weight when the pair gains, its own weight only when it loses.
		for _, p := range [2]int{int(e.qi), int(e.qi) + 1} {
			g := (float64(e.sim) - f) * float64(s.qw[p])
			if g > 0 {
				g += (float64(e.sim) - f) * float64(e.w)
			}
			s.poss = append(s.poss, possibility{qi: uint8(p), kind: 2, gain: float32(g), ref: uint32(i)})
		}
	}
	for i, q := range s.toks {
		if len(q.Text) == 1 {
			// A lone letter pairs with any listed part of that initial:
			// that cannot be read from postings, so it is never taken.
			s.poss = append(s.poss, possibility{qi: uint8(i), kind: 3, gain: float32((initialSim - f) * (float64(s.qw[i]) + float64(ix.maxVocabW)))})
		} else if v, ok := ix.vocabID[q.Text[:1]]; ok {
			// A listed initial this part may fill.
			s.poss = append(s.poss, possibility{qi: uint8(i), kind: 4, gain: float32((initialSim - f) * (float64(s.qw[i]) + float64(ix.vweight[v]))), ref: v})
		}
	}
	ps := s.poss
	// slices.SortFunc, not sort.Slice: the reflection-based swaps of
	// sort.Slice were a few percent of a query. Which of two partners of
	// equal gain is read first does not change the candidates' scores.
	slices.SortFunc(ps, func(a, b possibility) int {
		if c := cmp.Compare(a.qi, b.qi); c != 0 {
			return c
		}
		return cmp.Compare(b.gain, a.gain)
	})
	// next[i]: index in ps of part i's best partner not read yet.
	var next, end [maxQueryParts]int
	for i := range nq {
		next[i], end[i] = -1, -1
	}
	for k, p := range ps {
		if next[p.qi] < 0 {
			next[p.qi] = k
		}
		end[p.qi] = k + 1
	}
	read := s.readJoin[:0]
	for range s.jedges {
		read = append(read, false)
	}
	s.readJoin = read
	contrib := func(i int) (float64, int) {
		un := -f * float64(s.qw[i]) / 2
		for k := next[i]; k >= 0 && k < end[i]; k++ {
			p := ps[k]
			if p.kind == 1 && read[p.ref] {
				continue
			}
			next[i] = k
			if g := float64(p.gain); g > un {
				return g, k
			}
			return un, -1
		}
		next[i] = end[i]
		return un, -1
	}
	all := f <= 0
	for !all {
		sum, bestI, bestK, bestC := 0.0, -1, -1, math.Inf(-1)
		for i := range nq {
			c, k := contrib(i)
			sum += c
			if k >= 0 && ps[k].kind != 3 && c > bestC {
				bestI, bestK, bestC = i, k, c
			}
		}
		if sum < 0 {
			break
		}
		if bestK < 0 {
			all = true // nothing left to read lowers the bound
			break
		}
		p := ps[bestK]
		switch p.kind {
		case 0:
			ix.addPostings(s, s.edges[p.ref].v)
		case 1:
			read[p.ref] = true
			ix.addPostings(s, s.jedges[p.ref].v)
		case 2:
			if n := s.jnames[p.ref].name; s.nStamp[n] != s.gen {
				s.nStamp[n] = s.gen
				s.cands = append(s.cands, n)
			}
		case 4:
			ix.addPostings(s, p.ref)
		}
		next[bestI] = bestK + 1
	}
	if all {
		for n := range ix.names {
			if s.nStamp[n] != s.gen {
				s.nStamp[n] = s.gen
				s.cands = append(s.cands, uint32(n))
			}
		}
	}
}

// maxQueryParts is the most parts a normalised name has (names.Normalize).
const maxQueryParts = 16

type possibility struct {
	qi   uint8
	kind uint8
	gain float32
	ref  uint32
}

func (ix *Index) addPostings(s *scratch, v uint32) {
	for _, n := range ix.vpost[ix.vpostAt[v]:ix.vpostAt[v+1]] {
		if s.nStamp[n] != s.gen {
			s.nStamp[n] = s.gen
			s.cands = append(s.cands, n)
		}
	}
}
