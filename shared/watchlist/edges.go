package watchlist

import (
	"math"
	"slices"

	"github.com/paxscreen/paxscreen/shared/names"
)

type vedge struct {
	v    uint32
	qi   uint8
	sim  float32
	next int32
}

type pair struct {
	qi, cj  uint8
	sim     float32
	distant bool // outside every neighbourhood (distantSim)
}

// tokenEdges finds, for every query token, every listed token tokenSim
// credits (by enumerating the neighbourhoods of retrieve.go) and their
// similarity, computed once per listed token rather than per name; and,
// for joins, the listed tokens two adjacent query parts written as one
// resemble, and the listed names holding two adjacent parts that one query
// part resembles.
func (ix *Index) tokenEdges(s *scratch) {
	s.edges = s.edges[:0]
	s.qw = s.qw[:0]
	// s.qcanon was set by prepareJoins.
	for qi, q := range s.toks {
		var w float32
		if u, ok := ix.vocabID[q.Text]; ok && ix.vedgeAt != nil {
			// A listed part: its edges were found on Build (vocabEdges).
			w = ix.vqw[u]
			for k := ix.vedgeAt[u]; k < ix.vedgeAt[u+1]; k++ {
				s.addEdge(ix.vedgeV[k], uint8(qi), ix.vedgeSim[k])
			}
		} else if m := ix.memo.get(q.Text); m != nil {
			// A part met before (partMemo): the same edges, in the same
			// order.
			w = m.w
			for _, e := range m.edges {
				s.addEdge(e.v, uint8(qi), e.sim)
			}
		} else {
			start := len(s.edges)
			w = ix.partEdges(s, qi, q, s.qcanon[qi])
			ix.memo.put(q.Text, w, s.edges[start:])
		}
		if q.Weak {
			w = float32(math.Min(float64(w), float64(ix.maxWeight))) * weakTokenFactor
		}
		s.qw = append(s.qw, w)
	}
	ix.joinEdges(s)
}

// addEdge appends the edge of query part qi to listed token v, chained
// after v's other edges (vHead).
func (s *scratch) addEdge(v uint32, qi uint8, sim float32) {
	if s.vStamp[v] != s.gen {
		s.vStamp[v], s.vHead[v] = s.gen, -1
	}
	s.edges = append(s.edges, vedge{v: v, qi: qi, sim: sim, next: s.vHead[v]})
	s.vHead[v] = int32(len(s.edges) - 1)
}

// partEdges appends to s.edges the edges of query part qi (q, its canon
// qc): every listed token tokenSim credits it with, found by enumerating
// the neighbourhoods of retrieve.go. It returns the part's weight before
// the weak-token factor: that of its closest listed token (the rarest
// among equals), or the weight of a part no list has.
//
// Everything here is a function of the part's text (its key and canon are
// functions of the text, and the weak mark only changes the weight applied
// by the caller), which is what lets Build compute it once per listed part
// (vocabEdges).
func (ix *Index) partEdges(s *scratch, qi int, q names.Token, qc string) float32 {
	var buf [64]byte
	best, bestW := 0.0, ix.maxWeight
	add := func(v uint32) {
		// Neighbourhoods overlap: compare each listed token with
		// this part once.
		if s.vSeen[v] == s.gen && s.vSeenQ[v] == uint8(qi) {
			return
		}
		s.vSeen[v], s.vSeenQ[v] = s.gen, uint8(qi)
		if s.vStamp[v] == s.gen {
			if h := s.vHead[v]; h >= 0 && int(s.edges[h].qi) == qi {
				return
			}
		} else {
			s.vStamp[v] = s.gen
			s.vHead[v] = -1
		}
		sim, _ := tokenSim(q, qc, ix.vocab[v], ix.keys[ix.vkey[v]], ix.vcanon[v])
		if sim == 0 {
			return
		}
		s.addEdge(v, uint8(qi), float32(sim))
		if sim > best || (sim == best && ix.vweight[v] < bestW) {
			best, bestW = sim, ix.vweight[v]
		}
	}
	// The neighbourhood's hashes are gathered and looked up together
	// (delLookups): each lookup is a cache miss, and misses issued
	// back to back overlap.
	s.hs = s.hs[:0]
	lookup := func(h uint64) { s.hs = append(s.hs, h) }
	if v, ok := ix.vocabID[q.Text]; ok {
		add(v)
	}
	if len(q.Key) >= 3 || q.Key == q.Text {
		if k, ok := ix.keyID[q.Key]; ok {
			for _, v := range ix.kvocab[ix.kvocabAt[k]:ix.kvocabAt[k+1]] {
				add(v)
			}
		}
	}
	if r := abdRest(q.Text); r != "" {
		if v, ok := ix.vocabID[r]; ok {
			add(v)
		}
	}
	if deletable(q.Text) {
		delHashes(hText, q.Text, lookup)
	} else {
		lookup(kindHash(hText, q.Text)) // the name inside a listed abd compound
		if runeDeletable(q.Text) {
			runeDelHashes(q.Text, lookup) // a slip in another script
		}
	}
	if asciiLetters(q.Text) {
		lookup(kindHash(hSqueeze, names.Squeeze(q.Text)))
		canonHashes(qc, lookup)
		if keyDeletable(q.Key) {
			delHashes(hKey, q.Key, lookup)
		}
		if t := q.Text; len(t) >= 3 && len(t) <= 5 {
			b := buf[:len(t)]
			for i := 0; i+1 < len(t); i++ {
				copy(b, t)
				b[i], b[i+1] = b[i+1], b[i]
				if v, ok := ix.vocabID[string(b)]; ok {
					add(v)
				}
			}
		}
	}
	ix.delLookups(s, add)
	if best == 0 {
		return ix.maxWeight
	}
	return bestW
}

// joinEdges finds the join partners of the query: for each adjacent pair
// of query parts, the listed tokens their concatenation resembles
// (joinedSim); for each query part, the listed names with two adjacent
// parts whose concatenation it resembles.
func (ix *Index) joinEdges(s *scratch) {
	s.jedges = s.jedges[:0]
	s.jnames = s.jnames[:0]
	for i := 0; i+1 < len(s.toks); i++ {
		joined := s.qjoin[i]
		if len(joined) < 5 {
			continue
		}
		start := len(s.jedges)
		add := func(v uint32) {
			for _, e := range s.jedges[start:] {
				if e.v == v {
					return
				}
			}
			// joinedSim, with the canons at hand rather than computed.
			if sim := joinedSim(joined, s.qjoinCanon[i], ix.vocab[v], ix.vcanon[v]); sim > 0 {
				s.jedges = append(s.jedges, vedge{v: v, qi: uint8(i), sim: float32(sim)})
			}
		}
		// Only what joinedSim credits: the same text, the same canon, or
		// one deletion apart in text (never the key, the squeezed text or
		// a canon deletion, which it does not credit; each was a lookup,
		// a cache miss, and the key's tokens each a joinedSim call).
		if v, ok := ix.vocabID[joined]; ok {
			add(v)
		}
		if asciiLetters(joined) {
			s.hs = s.hs[:0]
			lookup := func(h uint64) { s.hs = append(s.hs, h) }
			if deletable(joined) {
				delHashes(hText, joined, lookup)
			}
			lookup(kindHash(hCanon, s.qjoinCanon[i]))
			ix.delLookups(s, add)
		}
	}
	var hs [72]uint64
	// Two query parts against two listed parts (a shifted boundary).
	for i := 0; i+1 < len(s.toks); i++ {
		if joined := s.qjoin[i]; len(joined) >= 5 {
			ix.joinedPairs(s, joined, s.qjoinCanon[i], &hs, func(n uint32, pos uint8, sim, w float32) {
				s.jnames = append(s.jnames, joinName{qi: uint8(i), name: n, pos: pos, sim: sim, w: w, pair: true})
			})
		}
	}
	for qi, q := range s.toks {
		if len(q.Text) < 5 {
			continue
		}
		if u, ok := ix.vocabID[q.Text]; ok && ix.vjoinAt != nil {
			// A listed part: its joins were found on Build (vocabEdges).
			for k := ix.vjoinAt[u]; k < ix.vjoinAt[u+1]; k++ {
				n, pos := ix.vjoinRef[k]>>4, ix.vjoinRef[k]&15
				t := ix.names[n].tok + pos
				s.jnames = append(s.jnames, joinName{qi: uint8(qi), name: n, pos: uint8(pos), sim: ix.vjoinSim[k], w: ix.vweight[ix.toks[t]] + ix.vweight[ix.toks[t+1]]})
			}
			continue
		}
		// A part no list holds: its joins as found the first time it was
		// met (partMemo), or found now and remembered.
		m := ix.memo.get(q.Text)
		if m == nil {
			ix.partJoins(s, qi, q, s.qcanon[qi], &hs)
			continue
		}
		if js := m.joins.Load(); js != nil {
			for _, j := range *js {
				j.qi = uint8(qi)
				s.jnames = append(s.jnames, j)
			}
			continue
		}
		start := len(s.jnames)
		ix.partJoins(s, qi, q, s.qcanon[qi], &hs)
		m.setJoins(s.jnames[start:])
	}
	// Chained by name for nameBound, which reads a candidate's joins.
	for k := range s.jnames {
		n := s.jnames[k].name
		if s.jnStamp[n] != s.gen {
			s.jnStamp[n], s.jnHead[n] = s.gen, -1
		}
		s.jnames[k].next = s.jnHead[n]
		s.jnHead[n] = int32(k)
	}
}

// partJoins appends to s.jnames the listed names with two adjacent parts
// whose concatenation query part qi (q, its canon qc) resembles. Like
// partEdges it depends on the part's text alone.
func (ix *Index) partJoins(s *scratch, qi int, q names.Token, qc string, hs *[72]uint64) {
	ix.joinedPairs(s, q.Text, qc, hs, func(n uint32, pos uint8, sim, w float32) {
		s.jnames = append(s.jnames, joinName{qi: uint8(qi), name: n, pos: pos, sim: sim, w: w})
	})
}

// joinedPairs calls fn with every pair of adjacent parts of a listed name
// (the name, the first part's position) whose concatenation x (its canon
// xc) resembles, with joinedSim and the two parts' weight, each pair once.
func (ix *Index) joinedPairs(s *scratch, x, xc string, hs *[72]uint64, fn func(n uint32, pos uint8, sim, w float32)) {
	s.newJoinPass()
	s.hs = append(s.hs[:0], joinedQueryHashes(x, xc, hs[:0])...)
	ix.joinLookups(s, func(n uint32, pos uint8) {
		if !s.firstJoinVisit(n, pos) {
			return
		}
		t := ix.names[n].tok + uint32(pos)
		ta, tb := ix.tinfo[t], ix.tinfo[t+1]
		if !joinablePartsInfo(x, ta, tb) {
			return
		}
		if sim := joinedSim(x, xc, ix.vocab[ta.v]+ix.vocab[tb.v], ix.tjcanon[t]); sim > 0 {
			fn(n, pos, float32(sim), ta.w+tb.w)
		}
	})
}

// newJoinPass starts a pass of joined-pair lookups, in which each listed
// pair (a name and a position) is considered once (firstJoinVisit).
func (s *scratch) newJoinPass() {
	s.jpGen++
	if s.jpGen == 0 {
		clear(s.jpSeen)
		s.jpGen = 1
	}
}

// firstJoinVisit reports whether the pair of name n's parts pos and pos+1
// is met for the first time in this pass: the neighbourhood's hashes
// overlap, and a pair common in the lists (AL TIKRITI) is met thousands of
// times, so a scan of what the pass found was quadratic. The outcome for a
// pair depends on the pair alone, so the first visit decides it.
func (s *scratch) firstJoinVisit(n uint32, pos uint8) bool {
	if s.jpSeen[n] != s.jpGen {
		s.jpSeen[n], s.jpMask[n] = s.jpGen, 0
	}
	if s.jpMask[n]&(1<<pos) != 0 {
		return false
	}
	s.jpMask[n] |= 1 << pos
	return true
}

type joinName struct {
	qi     uint8
	pos    uint8
	name   uint32
	sim, w float32 // joinedSim and the weight of the two listed parts
	pair   bool    // query parts qi and qi+1 (a shifted boundary), not qi alone
	next   int32   // the previous entry of the same name (scratch.jnHead), -1 none
}

// abdRest is the name inside a canonical abd compound (abdhanif: hanif),
// "" for other tokens.
func abdRest(t string) string {
	if len(t) >= 7 && t[:3] == "abd" {
		return t[3:]
	}
	return ""
}

// delLookups calls fn with the vocabulary id of every deletion-table entry
// under a hash of s.hs, each hash once.
func (ix *Index) delLookups(s *scratch, fn func(uint32)) {
	s.hlo = lookups(&ix.delDir, ix.delHash, s.hs, s.hlo, func(i int) { fn(ix.delVocab[i]) })
}

// joinLookups is delLookups over the joined-pair table.
func (ix *Index) joinLookups(s *scratch, fn func(name uint32, pos uint8)) {
	s.hlo = lookups(&ix.joinDir, ix.joinHash, s.hs, s.hlo, func(i int) { fn(ix.joinRef[i]>>4, uint8(ix.joinRef[i]&15)) })
}

// lookups calls fn with the index in the sorted table a of every entry
// under a hash of hs (sorted and deduplicated in place), using lo as
// working memory. The directory and table reads of all the hashes are
// issued before any entry is visited, so that their cache misses overlap
// instead of following one another: each is a miss, and they were the
// largest single cost of retrieval.
func lookups(d *hashDir, a []uint64, hs []uint64, lo []uint32, fn func(i int)) []uint32 {
	slices.Sort(hs)
	hs = slices.Compact(hs)
	lo = lo[:0]
	if len(d.at) == 0 {
		for _, h := range hs {
			for i := lowerBound(a, h); i < len(a) && a[i] == h; i++ {
				fn(i)
			}
		}
		return lo
	}
	for _, h := range hs {
		i, end := d.bucket(h)
		lo = append(lo, i, end)
	}
	for k, h := range hs {
		i, end := int(lo[2*k]), int(lo[2*k+1])
		for i < end && a[i] < h {
			i++
		}
		lo[2*k] = uint32(i)
	}
	// A hash's entries all lie in its bucket: once the scan reached the
	// bucket's end there are none, and reading on would be a cache miss in
	// the next bucket for every hash the table lacks.
	for k, h := range hs {
		for i, end := int(lo[2*k]), int(lo[2*k+1]); i < end && a[i] == h; i++ {
			fn(i)
		}
	}
	return lo
}
