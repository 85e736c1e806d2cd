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
// postings) until it is. A name with an edge may also pair any part
// distantly (distantSim) at distantCap at most, a gain of at most
// (distantCap - f)(w_q + w_l): below f that is at most (distantCap - f)·w_q
// whatever the listed part, above it at most with the heaviest listed
// part; so until every edge partner is read, each part contributes at
// least that. Once they are, the names left have no edge and no distant
// pair. The bound is exact arithmetic over what each part can pair with,
// so the names it leaves out score below f at any threshold: the result
// is monotone in the threshold.
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
	// A part distantSim can compare may pair distantly, at distantCap at
	// most, with any part of a name an edge ties to the query: its gain
	// (distantCap - f)(w_q + w_l) is at most this whatever w_l is.
	var far [maxQueryParts]float64
	for i, q := range s.toks {
		far[i] = math.Inf(-1)
		if distantCap > 0 && distantPart(q.Text) {
			far[i] = (distantCap - f) * float64(s.qw[i])
			if distantCap > f {
				far[i] += (distantCap - f) * float64(ix.maxVocabW)
			}
		}
	}
	// While distant is set the bound counts distant pairs, which only a
	// name with an edge gets; once every edge partner is read, the names
	// left have none, and the bound without them holds.
	distant := true
	// contrib is part i's contribution to the bound and its best partner
	// not read yet (-1 none) with that partner's gain, and whether
	// reading it lowers the contribution.
	contrib := func(i int) (float64, int, float64, bool) {
		un := -f * float64(s.qw[i]) / 2
		if distant {
			un = max(un, far[i])
		}
		for k := next[i]; k >= 0 && k < end[i]; k++ {
			p := ps[k]
			if p.kind == 1 && read[p.ref] {
				continue
			}
			next[i] = k
			g := float64(p.gain)
			return max(g, un), k, g, g > un
		}
		next[i] = end[i]
		return un, -1, 0, false
	}
	all := f <= 0
	for !all {
		sum, bestI, bestK, bestG, bestUseful := 0.0, -1, -1, math.Inf(-1), false
		for i := range nq {
			c, k, g, useful := contrib(i)
			sum += c
			if k < 0 || ps[k].kind == 3 || (!useful && !distant) {
				continue
			}
			// A partner that lowers the bound first, then the best gain.
			if bestK < 0 || (useful && !bestUseful) || (useful == bestUseful && g > bestG) {
				bestI, bestK, bestG, bestUseful = i, k, g, useful
			}
		}
		if sum < 0 {
			break
		}
		if bestK < 0 {
			// Nothing left to read lowers the bound.
			if !distant {
				all = true
				break
			}
			// Every edge partner but those behind a lone letter's
			// initial (never read) is read; read those too, so every
			// name with an edge is a candidate, and go on without
			// distant pairs.
			for i := range nq {
				for k := max(next[i], 0); k < end[i]; k++ {
					if ps[k].kind == 0 {
						ix.addPostings(s, s.edges[ps[k].ref].v)
					}
				}
			}
			distant = false
			continue
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
