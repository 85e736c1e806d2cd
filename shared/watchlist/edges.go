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
	qi, cj uint8
	sim    float32
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
	var buf [64]byte
	// s.qcanon was set by prepareJoins.
	for qi, q := range s.toks {
		qc := s.qcanon[qi]
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
			s.edges = append(s.edges, vedge{v: v, qi: uint8(qi), sim: float32(sim), next: s.vHead[v]})
			s.vHead[v] = int32(len(s.edges) - 1)
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
		w := bestW
		if best == 0 {
			w = ix.maxWeight
		}
		if q.Weak {
			w = float32(math.Min(float64(w), float64(ix.maxWeight))) * weakTokenFactor
		}
		s.qw = append(s.qw, w)
	}
	ix.joinEdges(s)
}

// joinEdges finds the join partners of the query: for each adjacent pair
// of query parts, the listed tokens their concatenation resembles
// (joinedSim); for each query part, the listed names with two adjacent
// parts whose concatenation it resembles.
func (ix *Index) joinEdges(s *scratch) {
	s.jedges = s.jedges[:0]
	s.jnames = s.jnames[:0]
	for i := 0; i+1 < len(s.toks); i++ {
		joined, jkey := s.qjoin[i], s.qjoinKey[i]
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
			if sim := joinedSimCanon(joined, s.qjoinCanon[i], ix.vocab[v], ix.vcanon[v]); sim > 0 {
				s.jedges = append(s.jedges, vedge{v: v, qi: uint8(i), sim: float32(sim)})
			}
		}
		if v, ok := ix.vocabID[joined]; ok {
			add(v)
		}
		if k, ok := ix.keyID[jkey]; ok {
			for _, v := range ix.kvocab[ix.kvocabAt[k]:ix.kvocabAt[k+1]] {
				add(v)
			}
		}
		if asciiLetters(joined) {
			lookup := func(h uint64) { ix.delLookup(h, add) }
			lookup(kindHash(hSqueeze, names.Squeeze(joined)))
			if deletable(joined) {
				delHashes(hText, joined, lookup)
			}
			if c := names.Canon(joined); deletable(c) {
				delHashes(hCanon, c, lookup)
			} else {
				lookup(kindHash(hCanon, c))
			}
		}
	}
	var hs [72]uint64
	// Two query parts against two listed parts (a shifted boundary).
	for i := 0; i+1 < len(s.toks); i++ {
		joined := s.qjoin[i]
		if len(joined) < 5 {
			continue
		}
		start := len(s.jnames)
		for _, h := range joinedHashes(joined, s.qjoinKey[i], hs[:0]) {
			ix.joinLookup(h, func(n uint32, pos uint8) {
				for _, e := range s.jnames[start:] {
					if e.name == n && e.pos == pos {
						return
					}
				}
				nr := &ix.names[n]
				ct := ix.toks[nr.tok : nr.tok+uint32(nr.ntok)]
				a, b := ix.vocab[ct[pos]], ix.vocab[ct[pos+1]]
				if !joinableParts(joined, a, b) {
					return
				}
				sim := joinedSimCanon(joined, s.qjoinCanon[i], a+b, ix.tinfo[nr.tok+uint32(pos)].jcanon)
				if sim == 0 {
					return
				}
				w := ix.vweight[ct[pos]] + ix.vweight[ct[pos+1]]
				s.jnames = append(s.jnames, joinName{qi: uint8(i), name: n, pos: pos, sim: float32(sim), w: w, pair: true})
			})
		}
	}
	for qi, q := range s.toks {
		if len(q.Text) < 5 {
			continue
		}
		start := len(s.jnames)
		for _, h := range joinedHashes(q.Text, q.Key, hs[:0]) {
			ix.joinLookup(h, func(n uint32, pos uint8) {
				for _, e := range s.jnames[start:] {
					if e.name == n && e.pos == pos {
						return
					}
				}
				nr := &ix.names[n]
				ct := ix.toks[nr.tok : nr.tok+uint32(nr.ntok)]
				a, b := ix.vocab[ct[pos]], ix.vocab[ct[pos+1]]
				if a == "" || q.Text[0] != a[0] || abs(len(q.Text)-len(a)-len(b)) > 3 {
					return
				}
				if !joinableParts(q.Text, a, b) {
					return
				}
				sim := joinedSimCanon(q.Text, s.qcanon[qi], a+b, ix.tinfo[nr.tok+uint32(pos)].jcanon)
				if sim == 0 {
					return
				}
				s.jnames = append(s.jnames, joinName{qi: uint8(qi), name: n, pos: pos, sim: float32(sim), w: ix.vweight[ct[pos]] + ix.vweight[ct[pos+1]]})
			})
		}
	}
}

type joinName struct {
	qi     uint8
	pos    uint8
	name   uint32
	sim, w float32 // joinedSim and the weight of the two listed parts
	pair   bool    // query parts qi and qi+1 (a shifted boundary), not qi alone
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
// under a hash of s.hs, each hash once. The directory and table reads of
// all the hashes are issued before any is scanned, so that their cache
// misses overlap instead of following one another.
func (ix *Index) delLookups(s *scratch, fn func(uint32)) {
	hs := s.hs
	slices.Sort(hs)
	hs = slices.Compact(hs)
	s.hlo = s.hlo[:0]
	d := &ix.delDir
	if len(d.at) == 0 {
		for _, h := range hs {
			ix.delLookup(h, fn)
		}
		return
	}
	for _, h := range hs {
		b := h >> d.shift
		s.hlo = append(s.hlo, d.at[b], d.at[b+1])
	}
	a := ix.delHash
	for k, h := range hs {
		i, end := int(s.hlo[2*k]), int(s.hlo[2*k+1])
		for i < end && a[i] < h {
			i++
		}
		s.hlo[2*k] = uint32(i)
	}
	for k, h := range hs {
		for i := int(s.hlo[2*k]); i < len(a) && a[i] == h; i++ {
			fn(ix.delVocab[i])
		}
	}
}

func (ix *Index) delLookup(h uint64, fn func(uint32)) {
	i := ix.delDir.find(ix.delHash, h)
	for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
		fn(ix.delVocab[i])
	}
}
