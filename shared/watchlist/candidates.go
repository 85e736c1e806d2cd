package watchlist

import (
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
	s.candGain = s.candGain[:0]
	f := floor
	s.poss = s.poss[:0]
	nq := len(s.toks)
	// Possibilities: kind 0 an edge (postings of a listed token), 1 a join
	// of two query parts (postings of a listed token, credited to both
	// parts), 2 a join of two listed parts (one name).
	for i, e := range s.edges {
		qi := int(e.qi)
		s.poss = append(s.poss, possibility{qi: e.qi, gain: float32((float64(e.sim) - f) * (float64(s.qw[qi]) + float64(ix.vweight[e.v]))),
			held: heldGain(e.sim, f, s.qw[qi], ix.vweight[e.v], false), ref: uint32(i)})
	}
	for i, e := range s.jedges {
		for _, p := range [2]uint8{e.qi, e.qi + 1} {
			s.poss = append(s.poss, possibility{qi: p, kind: 1, gain: s.joinGain(ix, e, p, f), held: heldGain(e.sim, f, s.qw[p], ix.vweight[e.v], true), ref: uint32(i)})
		}
	}
	for i, e := range s.jnames {
		if !e.pair {
			s.poss = append(s.poss, possibility{qi: e.qi, kind: 2, gain: float32((float64(e.sim) - f) * (float64(s.qw[e.qi]) + float64(e.w))),
				held: heldGain(e.sim, f, s.qw[e.qi], e.w, false), ref: uint32(i)})
			continue
		}
		// Like a join of two query parts: each part is credited the listed
		// weight when the pair gains, its own weight only when it loses.
		for _, p := range [2]int{int(e.qi), int(e.qi) + 1} {
			g := (float64(e.sim) - f) * float64(s.qw[p])
			if g > 0 {
				g += (float64(e.sim) - f) * float64(e.w)
			}
			s.poss = append(s.poss, possibility{qi: uint8(p), kind: 2, gain: float32(g), held: heldGain(e.sim, f, s.qw[p], e.w, true), ref: uint32(i)})
		}
	}
	for i, q := range s.toks {
		if len(q.Text) == 1 {
			// A lone letter pairs with any listed part of that initial:
			// that cannot be read from postings, so it is never taken.
			s.poss = append(s.poss, possibility{qi: uint8(i), kind: 3, gain: float32((initialSim - f) * (float64(s.qw[i]) + float64(ix.maxVocabW))),
				held: heldGain(initialSim, f, s.qw[i], ix.maxVocabW, false)})
		} else if v, ok := ix.vocabID[q.Text[:1]]; ok {
			// A listed initial this part may fill.
			s.poss = append(s.poss, possibility{qi: uint8(i), kind: 4, gain: float32((initialSim - f) * (float64(s.qw[i]) + float64(ix.vweight[v]))),
				held: heldGain(initialSim, f, s.qw[i], ix.vweight[v], false), ref: v})
		}
	}
	// By part, best gain first. Sorted as packed integers (part, gain,
	// position): a comparison function was a few percent of a query.
	// Which of two partners of equal gain is read first does not change
	// the candidates' scores.
	keys := s.possKeys[:0]
	for k, p := range s.poss {
		keys = append(keys, uint64(p.qi)<<60|uint64(^orderedBits(p.gain))<<28|uint64(k))
	}
	slices.Sort(keys)
	ps := s.possSorted[:0]
	for _, k := range keys {
		ps = append(ps, s.poss[k&(1<<28-1)])
	}
	s.possKeys, s.possSorted = keys, ps
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
	// rest[i]: what part i may still gain from a partner not read.
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
					if p := ps[k]; p.kind == 0 {
						ix.addPostings(s, s.edges[p.ref].v, p.qi, p.held, p.qi, p.held)
					}
				}
			}
			distant = false
			continue
		}
		p := ps[bestK]
		switch p.kind {
		case 0:
			ix.addPostings(s, s.edges[p.ref].v, p.qi, p.held, p.qi, p.held)
		case 1:
			read[p.ref] = true
			// Both parts of the join are credited.
			e := s.jedges[p.ref]
			ix.addPostings(s, e.v, e.qi, heldGain(e.sim, f, s.qw[e.qi], ix.vweight[e.v], true), e.qi+1, heldGain(e.sim, f, s.qw[e.qi+1], ix.vweight[e.v], true))
		case 2:
			k := s.candidate(s.jnames[p.ref].name)
			s.candGain[k][p.qi] = max(s.candGain[k][p.qi], p.held)
		case 4:
			ix.addPostings(s, p.ref, p.qi, p.held, p.qi, p.held)
		}
		next[bestI] = bestK + 1
	}
	if !all {
		// A name read is a candidate only if it can still reach f. Per
		// name the listed side is known too: every listed part left
		// unpaired costs at least f·w/2 (half of it forgiven at most, when
		// the query is wholly found), so N - f·D is at most -f·W/2 (W the
		// name's weight) plus, for each query part, the best held gain
		// (heldGain, which adds back f·w/2 for the listed parts it pairs)
		// among the partners read that the name holds, or among those not
		// read (rest), or -f·w_q/2 unpaired. Float32 gains summed in
		// another order: the margin keeps every name the exact arithmetic
		// keeps.
		// A name an edge ties to the query may also pair its parts
		// distantly (distantSim, at distantCap at most), each with a
		// listed part of its own that distantSim compares: such a pair
		// gains at most (distantCap - f)·w_q on the query side and
		// c·w_l on the listed side (c below, the listed side's held
		// share). Per name two bounds of that hold: every part's listed
		// side at the name's heaviest such part (distMax), or the query
		// sides alone plus c times the weight those listed parts can
		// give together (distinct parts: at most distW, and at most
		// distMax for each query part that can pair distantly; nameW). Only a
		// name that reaches f on neither bound without distant pairs is
		// tested for an edge.
		c := max(distantCap-f*unpairedCost, 0)
		var rest, far [maxQueryParts]float64
		nd := 0
		for i, q := range s.toks {
			rest[i] = -f * unpairedCost * float64(s.qw[i])
			far[i] = math.Inf(-1)
			if distantCap > 0 && distantPart(q.Text) {
				far[i] = (distantCap - f) * float64(s.qw[i])
				nd++
			}
			for k := max(next[i], 0); k >= 0 && k < end[i]; k++ {
				if p := ps[k]; !(p.kind == 1 && read[p.ref]) {
					rest[i] = max(rest[i], float64(p.held))
				}
			}
		}
		kept := s.cands[:0]
		for k, n := range s.cands {
			nr := &ix.nameW[n]
			if s.dropRuleOut && datesRuleOut(s.dob, &nr.nameDates) {
				s.nStamp[n] = 0 // not a candidate: a document hit may add it
				continue
			}
			base := -f * unpairedCost * float64(nr.weight)
			sum, sumMax, sumSides := base, base, base
			for i := range nq {
				r := max(rest[i], float64(s.candGain[k][i]))
				sum += r
				sumMax += max(r, far[i]+c*float64(nr.distMax))
				sumSides += max(r, far[i])
			}
			if sum < -boundMargin {
				sumSides += c * min(float64(nr.distW), float64(nd)*float64(nr.distMax))
				if nd == 0 || nr.distMax == 0 || min(sumMax, sumSides) < -boundMargin || !ix.edgedName(s, nr) {
					s.nStamp[n] = 0 // not a candidate: a document hit may add it
					continue
				}
			}
			kept = append(kept, n)
		}
		s.cands = kept
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

// edgedName reports whether a part of the name has an edge to the query
// (scratch.markEdged), the condition of any distant pair (scoreName).
func (ix *Index) edgedName(s *scratch, nr *nameWeights) bool {
	for _, t := range ix.tinfo[nr.tok : nr.tok+uint32(nr.ntok)] {
		if s.edged(t.v) {
			return true
		}
	}
	return false
}

// datesRuleOut reports whether every listed date of the name's entry rules
// out a query born q (dobOutcome), so that at a threshold above
// 1 + dobRulesOut no name of the entry can reach it (Screen's per-entry
// floor) unless a document is shared.
// It reads only nw: on a query made of common parts it is asked of
// thousands of names, whose entries' records lie all over memory.
func datesRuleOut(q DOB, nw *nameDates) bool {
	if !nw.dated || (int(nw.ylo) <= q.Year && q.Year <= int(nw.yhi)) {
		return false
	}
	// Outside every window only the same day with a one-digit typo in the
	// year is not ruled out.
	return q.Month == 0 || q.Day == 0 || (nw.md != mdMany && nw.md != uint16(q.Month<<5|q.Day))
}

// deriveNameWeights computes ix.nameW, ix.vpostDates and ix.entryDOB
// (Build and Load).
func (ix *Index) deriveNameWeights() {
	ix.nameW = make([]nameWeights, len(ix.names))
	for i := range ix.names {
		nr, nw := &ix.names[i], &ix.nameW[i]
		nw.weight, nw.entry, nw.tok, nw.ntok, nw.weak = nr.weight, nr.entry, nr.tok, nr.ntok, nr.quality == Weak
		nw.ylo, nw.yhi = math.MaxInt16, math.MinInt16
		for _, d := range ix.entries[nr.entry].dobs {
			lo, hi := d.Year, max(d.Year, d.YearTo)
			if d.Circa {
				lo, hi = lo-CircaYears, hi+CircaYears
			}
			nw.dated = true
			nw.ylo = int16(max(min(int(nw.ylo), lo-1), math.MinInt16))
			nw.yhi = int16(min(max(int(nw.yhi), hi+1), math.MaxInt16))
			if d.Month > 0 && d.Day > 0 {
				switch md := uint16(d.Month<<5 | d.Day); {
				case d.Month > 12 || d.Day > 31:
					nw.md = mdMany // not a day of the year: never a reason to rule out
				case nw.md == 0:
					nw.md = md
				case nw.md != md:
					nw.md = mdMany
				}
			}
		}
		for _, v := range ix.toks[nr.tok : nr.tok+uint32(nr.ntok)] {
			if distantPart(ix.vocab[v]) {
				w := ix.vweight[v]
				nw.distW += w
				nw.distMax = max(nw.distMax, w)
			}
		}
	}
	ix.entryDOB, ix.entryDOBAt = ix.entryDOB[:0], make([]uint32, len(ix.entries)+1)
	for e := range ix.entries {
		for _, d := range ix.entries[e].dobs {
			ix.entryDOB = append(ix.entryDOB, packDOB(d))
		}
		ix.entryDOBAt[e+1] = uint32(len(ix.entryDOB))
	}
	ix.vpostDates = make([]nameDates, len(ix.vpost))
	for k, n := range ix.vpost {
		ix.vpostDates[k] = ix.nameW[n].nameDates
	}
}

// maxQueryParts is the most parts a normalised name has (names.Normalize).
const maxQueryParts = 16

type possibility struct {
	qi   uint8
	kind uint8
	gain float32
	held float32 // heldGain: the bound of a name known to hold the partner
	ref  uint32
}

// orderedBits maps a float32 to a uint32 of the same order.
func orderedBits(f float32) uint32 {
	b := math.Float32bits(f)
	if b>>31 == 1 {
		return ^b
	}
	return b | 1<<31
}

// heldGain is what pairing a query part of weight wq with listed parts of
// weight wl at similarity sim adds to N - f·D over the name's baseline of
// every listed part unpaired at half cost (-f·wl/2): (sim-f)·wq +
// (sim-f/2)·wl. A join credits both query parts (shared) with the listed
// side's share, only when it is positive, which overcounts and so keeps
// the bound.
func heldGain(sim float32, f float64, wq, wl float32, shared bool) float32 {
	l := (float64(sim) - f*unpairedCost) * float64(wl)
	if shared {
		l = max(l, 0)
	}
	return float32((float64(sim)-f)*float64(wq) + l)
}

// unpairedCost is the least share of its weight an unpaired part adds to
// the denominator: all of it, less the containment relief when the other
// name is wholly paired (the per-name bound charges it on both sides).
const unpairedCost = 1 - containRelief

// boundMargin is the slack of the per-name retrieval bound for rounding:
// gains are float32 (a relative error below 6e-8) on sums of at most 16
// parts of weight at most ln(1 + 2·names), far below it.
const boundMargin = 1e-4

// addPostings makes every name holding listed token v a candidate,
// crediting query parts qa and qb (the same part, or the two parts of a
// join) with gains ga and gb.
func (ix *Index) addPostings(s *scratch, v uint32, qa uint8, ga float32, qb uint8, gb float32) {
	for k := ix.vpostAt[v]; k < ix.vpostAt[v+1]; k++ {
		n := ix.vpost[k]
		if s.dropRuleOut && datesRuleOut(s.dob, &ix.vpostDates[k]) && s.nStamp[n] != s.gen {
			// Never a candidate (the per-name filter below says why),
			// and not worth a slot: on a common part most names are so.
			continue
		}
		k := s.candidate(n)
		g := &s.candGain[k]
		g[qa] = max(g[qa], ga)
		g[qb] = max(g[qb], gb)
	}
}

// candidate returns the position of name n in s.cands, adding it with no
// gain credited when it is not there.
func (s *scratch) candidate(n uint32) uint32 {
	if s.nStamp[n] != s.gen {
		s.nStamp[n] = s.gen
		s.nSlot[n] = uint32(len(s.cands))
		s.cands = append(s.cands, n)
		s.candGain = append(s.candGain, noGain)
	}
	return s.nSlot[n]
}

// noGain is a candidate's credit before any partner: every part at -Inf.
var noGain = func() (g [maxQueryParts]float32) {
	for i := range g {
		g[i] = float32(math.Inf(-1))
	}
	return g
}()

// joinGain is the gain of jedge e for query part p (qi or qi+1), as the
// possibilities of candidates compute it.
func (s *scratch) joinGain(ix *Index, e vedge, p uint8, f float64) float32 {
	g := (float64(e.sim) - f) * float64(s.qw[p])
	if g > 0 {
		g += (float64(e.sim) - f) * float64(ix.vweight[e.v])
	}
	return float32(g)
}
