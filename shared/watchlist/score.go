package watchlist

import (
	"math"
	"strings"

	"github.com/paxscreen/paxscreen/shared/names"
)

// scoreName aligns the query parts with the parts of one listed name and
// returns the name score in [0, 1]: the weighted share of both names' parts
// that found a partner, each pair counting its similarity times the weights
// of its two parts. Pairs are taken best first, one to one, in any order;
// then parts left over on both sides may pair as joined neighbours
// (ABDUL RAHMAN with ABDULRAHMAN). When ex is not nil the alignment is
// written into it.
func (ix *Index) scoreName(s *scratch, n uint32, floor float64, ex *Explanation) float64 {
	nr := &ix.nameW[n]
	ti := ix.tinfo[nr.tok : nr.tok+uint32(nr.ntok)]
	if ex == nil && floor > 0 && ix.nameBound(s, n, nr, ti, floor) < floor {
		return 0
	}
	// The name's tokens as tinfo holds them, rather than read from toks:
	// another array, another cache miss a candidate.
	var cta [maxQueryParts]uint32
	for j := range ti {
		cta[j] = ti[j].v
	}
	ct := cta[:len(ti)]
	qb, cb := s.qbin, binAt(ti)
	s.pairs = s.pairs[:0]
	for j, v := range ct {
		if !s.edged(v) {
			continue
		}
		for e := s.vHead[v]; e >= 0; e = s.edges[e].next {
			s.pairs = append(s.pairs, pair{qi: s.edges[e].qi, cj: uint8(j), sim: s.edges[e].sim})
		}
	}
	if len(s.pairs) > 0 && distantCap > 0 {
		// Distant pairs are credited only in a name that some part pair
		// of a neighbourhood already ties to the query (distantSim).
		ix.distantPairs(s, ct, ti)
	}
	ps := s.pairs
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && pairLess(ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	var usedQ, usedC uint32
	var num, wq, wc float64
	for i := range s.toks {
		wq += float64(s.qw[i])
	}
	wc = float64(nr.weight)
	var matchC [16]int8 // listed part paired with each query part, -1 none
	for i := range matchC {
		matchC[i] = -1
	}
	take := func(p pair) {
		usedQ |= 1 << p.qi
		usedC |= 1 << p.cj
		matchC[p.qi] = int8(p.cj)
		w := float64(s.qw[p.qi]) + float64(ix.vweight[ct[p.cj]])
		sim := float64(p.sim)
		if patronymSwap(qb, cb, int(p.qi), int(p.cj)) {
			// MUHAMMAD BIN SALMAN is not SALMAN BIN MUHAMMAD: the part
			// before "bin" is the person, the part after the father.
			sim /= 2
		}
		num += sim * w
		if ex != nil {
			q := s.toks[p.qi]
			v := ct[p.cj]
			_, how := tokenSim(q, names.Canon(q.Text), ix.vocab[v], ix.keys[ix.vkey[v]], ix.vcanon[v])
			if p.distant {
				how = "distant"
			}
			ex.Parts = append(ex.Parts, PartMatch{Query: q.Text, Listed: ix.vocab[v], How: how, Similarity: round4(sim), Weight: w})
		}
	}
	// Close pairs first; distant ones only after joins and initials have
	// had their chance (RAMIMAKHLOUF is RAMI MAKHLOUF, not a poor RAMI).
	// Among close pairs, spellings of one name (exact, squeezed, canon) go before a
	// shifted boundary, which goes before fuzzy pairs (MYONGC HIN is MYONG
	// CHIN, not a misspelt MYONG).
	nq, nc := len(s.toks), len(ct)
	allQ, allC := uint32(1)<<nq-1, uint32(1)<<nc-1
	for _, p := range ps {
		if (p.sim == 1 || p.sim == float32(squeezeSim)) && usedQ&(1<<p.qi) == 0 && usedC&(1<<p.cj) == 0 {
			take(p)
		}
	}
	if usedQ != allQ && usedC != allC && nq > 1 && nc > 1 {
		num += ix.shifts(s, ti, ix.tjcanon[nr.tok:], &usedQ, &usedC, ex)
	}
	for _, p := range ps {
		if p.sim >= closePair && usedQ&(1<<p.qi) == 0 && usedC&(1<<p.cj) == 0 {
			take(p)
		}
	}
	if usedQ != allQ && usedC != allC {
		num += ix.initials(s, ti, &usedQ, &usedC, ex)
	}
	den := wq + wc
	if usedQ != allQ && usedC != allC {
		// Joins can at best pair every part left over; skip them when even
		// that cannot lift the name to floor.
		rest := 0.0
		for i := range s.toks {
			if usedQ&(1<<i) == 0 {
				rest += float64(s.qw[i])
			}
		}
		for j, v := range ct {
			if usedC&(1<<j) == 0 {
				rest += float64(ix.vweight[v])
			}
		}
		if ex != nil || num+rest >= floor*den {
			num += ix.joins(s, ti, ix.tjcanon[nr.tok:], &usedQ, &usedC, ex)
		}
	}
	for _, p := range ps {
		if p.sim < closePair && usedQ&(1<<p.qi) == 0 && usedC&(1<<p.cj) == 0 {
			take(p)
		}
	}
	// Containment: when one name is wholly found in the other, the other's
	// extra parts (a middle name, a patronymic, a second surname) are
	// often just left out of a listing or a passport, so they cost half.
	switch {
	case usedQ != allQ && usedC != allC:
		// Conflict: each side has a part the other lacks. A part that
		// differs (AL-TIKRITI against AL-MOSULI) says more against
		// identity than a part left out, so the smaller side's leftovers
		// count once more, each at the weight of a rare part at least
		// (conflictWeight).
		var uq, uc float64
		for i := range s.toks {
			if usedQ&(1<<i) == 0 {
				uq += ix.conflictWeight(float64(s.qw[i]), names.IsWeak(s.toks[i].Text))
			}
		}
		for j := range ti {
			if usedC&(1<<j) == 0 {
				uc += ix.conflictWeight(float64(ti[j].w), ti[j].weak)
			}
		}
		den += conflictExtra * min(uq, uc)
	case usedQ == allQ && usedC != allC:
		den -= containRelief * unmatchedWeight(ix, ct, usedC)
	case usedC == allC && usedQ != allQ:
		for i := range s.toks {
			if usedQ&(1<<i) == 0 {
				den -= containRelief * float64(s.qw[i])
			}
		}
	}
	if den <= 0 {
		return 0
	}
	sc := num / den
	if ex != nil {
		for i := range s.toks {
			if usedQ&(1<<i) == 0 {
				ex.QueryUnmatched = append(ex.QueryUnmatched, s.toks[i].Text)
			}
		}
		for j, v := range ct {
			if usedC&(1<<j) == 0 {
				ex.ListedUnmatched = append(ex.ListedUnmatched, ix.vocab[v])
			}
		}
		for i := range ex.Parts {
			ex.Parts[i].Weight = round4(ex.Parts[i].Weight / den)
		}
	}
	return sc
}

// nameBound is an upper bound of scoreName that costs one pass over the
// listed name: every part with a possible partner on the other side counts
// its weight times the best similarity any of its partners can give, and
// the parts without one count nothing. The partners are the query's edges
// to the name's parts, its joins (s.jedges: two query parts against one
// listed part; s.jnames of this name: one or two query parts against two
// listed parts) with their similarity, and the initials. Retrieval's
// completeness already rests on those join lists holding every join the
// alignment can make (candidates reads nothing else for them), so the
// bound adds no assumption. Most candidates that share only a common
// part, or only near spellings of their parts, are dropped here. It reads
// the name's parts from tinfo only: the vocabulary's strings lie all over
// memory, and fetching them was most of the cost of a candidate.
//
// Why it is admissible. scoreName's numerator is a sum over paired parts
// of similarity times weight, each part's similarity at most its best
// (bestQ, bestC below; halved across a "bin", never raised). Its
// denominator is the total weight W, raised on conflict, or lowered by
// containRelief times the weight of the unpaired parts of one side when
// the other side is wholly paired; the parts without a partner (miss) are
// unpaired in every alignment, so W - containRelief·max(missQ, missC) is
// the denominator with every possible part paired. Leaving a part
// unpaired removes w·sim from the numerator and at most containRelief·w
// from the denominator: a poor pair (sim below containRelief) left
// unpaired could raise the score, so each part counts max(best,
// containRelief). By the mediant inequality, adding a part of ratio
// max(best, containRelief)/containRelief ≥ 1 to a fraction never takes it
// below min(fraction, 1), so the bound with every possible part paired is
// at least the score of any alignment (a score is at most 1: the numerator
// never exceeds the paired weight, which the denominator always holds).
// Distant pairs (distantPairs) are partners like the others, at their
// distantSim; a name is compared string by string for them only when the
// bound with every part distantSim can compare taken at distantCap (a
// larger similarity, so an upper bound of that) reaches floor.
func (ix *Index) nameBound(s *scratch, n uint32, nr *nameWeights, ti []tokInfo, floor float64) float64 {
	// The best similarity each query part and each listed part can reach
	// with this name, 0 without a partner.
	var bestQ, bestC [maxQueryParts]float32
	for j := range ti {
		v := ti[j].v
		if !s.edged(v) {
			continue
		}
		for e := s.vHead[v]; e >= 0; e = s.edges[e].next {
			qi, sim := s.edges[e].qi, s.edges[e].sim
			bestQ[qi] = max(bestQ[qi], sim)
			bestC[j] = max(bestC[j], sim)
		}
	}
	edged := false
	for _, b := range bestQ[:len(s.toks)] {
		edged = edged || b > 0
	}
	// Two query parts written as one listed part.
	for _, e := range s.jedges {
		for j := range ti {
			if ti[j].v == e.v {
				bestQ[e.qi] = max(bestQ[e.qi], e.sim)
				bestQ[e.qi+1] = max(bestQ[e.qi+1], e.sim)
				bestC[j] = max(bestC[j], e.sim)
			}
		}
	}
	// One query part (or two, a shifted boundary) against two listed parts.
	if s.jnStamp[n] == s.gen {
		for k := s.jnHead[n]; k >= 0; k = s.jnames[k].next {
			e := &s.jnames[k]
			bestQ[e.qi] = max(bestQ[e.qi], e.sim)
			if e.pair {
				bestQ[e.qi+1] = max(bestQ[e.qi+1], e.sim)
			}
			bestC[e.pos] = max(bestC[e.pos], e.sim)
			bestC[e.pos+1] = max(bestC[e.pos+1], e.sim)
		}
	}
	// An initial on either side pairs with a part of its letter; only the
	// query parts of that letter are tried (s.byFirst).
	for j, a := range ti {
		if a.n != 1 && !s.qLetter {
			continue // neither side is an initial
		}
		for k := s.byFirst[a.first]; k >= 0; k = s.firsts[k].next {
			if f := s.firsts[k]; f.qlen == 1 || a.n == 1 {
				bestQ[f.i] = max(bestQ[f.i], initialSim)
				bestC[j] = max(bestC[j], initialSim)
			}
		}
	}
	fold := func(bestQ, bestC *[maxQueryParts]float32) float64 {
		var num, wq, missQ, missC float64
		for i := range s.toks {
			w := float64(s.qw[i])
			wq += w
			if bestQ[i] > 0 {
				num += w * max(float64(bestQ[i]), containRelief)
			} else {
				missQ += w
			}
		}
		for j := range ti {
			if w := float64(ti[j].w); bestC[j] > 0 {
				num += w * max(float64(bestC[j]), containRelief)
			} else {
				missC += w
			}
		}
		// Containment relief lowers the denominator by at most this.
		den := wq + float64(nr.weight) - containRelief*max(missQ, missC)
		if den == 0 {
			return 0
		}
		// Slack for rounding: the join lists hold their similarities as
		// float32 (a relative error below 6e-8) where the alignment
		// computes joins in float64, and it sums in another order; a
		// score is at most 1, so 1e-6 covers both and prunes nothing that
		// matters.
		return num/den + 1e-6
	}
	if !edged || distantCap == 0 {
		return fold(&bestQ, &bestC)
	}
	// A name an edge ties to the query may pair its other parts distantly
	// (distantPairs), at distantCap at most. First every part distantSim
	// can compare (distantPart, tokInfo.distant for a listed part) counts
	// as partnered at that cap, from tinfo alone; only a name that passes
	// is compared string by string.
	capQ, capC := bestQ, bestC
	for i := range s.toks {
		if s.qDistant&(1<<i) != 0 {
			capQ[i] = max(capQ[i], float32(distantCap))
		}
	}
	for j := range ti {
		if ti[j].distant {
			capC[j] = max(capC[j], float32(distantCap))
		}
	}
	if b := fold(&capQ, &capC); b < floor {
		return b
	}
	for j := range ti {
		if !ti[j].distant {
			continue
		}
		v := ti[j].v
		sims := ix.distantSims(s, v)
		for i := range sims {
			if s.qDistant&(1<<i) == 0 || (distantCap <= containRelief && bestQ[i] > 0 && bestC[j] > 0) {
				// fold counts a partnered part at containRelief at
				// least, so a distant pair (at most distantCap) between
				// two partnered parts changes nothing.
				continue
			}
			if sims[i] < 0 {
				sims[i] = float32(distantSim(s.toks[i].Text, ix.vocab[v]))
			}
			if sim := sims[i]; sim > 0 && !(s.edged(v) && hasEdge(s, v, i)) {
				bestQ[i] = max(bestQ[i], sim)
				bestC[j] = max(bestC[j], sim)
			}
		}
	}
	return fold(&bestQ, &bestC)
}

// distantSims is where distantSim of each query part against listed token
// v is kept for the query, -1 until the caller computes it: the candidates
// that reach nameBound's string test mostly came from the postings of a few
// common parts, so they share those parts, and Jaro-Winkler on them was
// the largest cost of a query.
func (ix *Index) distantSims(s *scratch, v uint32) []float32 {
	nq := uint32(len(s.toks))
	if s.dGen != s.gen {
		s.dGen, s.dSim = s.gen, s.dSim[:0]
	}
	if s.dStamp[v] == s.gen {
		at := s.dAt[v]
		return s.dSim[at : at+nq]
	}
	at := uint32(len(s.dSim))
	for range nq {
		s.dSim = append(s.dSim, -1)
	}
	s.dStamp[v], s.dAt[v] = s.gen, at
	return s.dSim[at : at+nq]
}

// firstPart is a query part as nameBound reads it, listed by first letter
// (scratch.byFirst): its position, its length and the length of it joined
// with the next part (0 for the last part).
type firstPart struct {
	i          uint8
	next       int8 // the previous query part of the same first letter, -1 none
	qlen, jlen uint16
}

// tokInfo is a listed part as the alignment's cheap tests read it, stored
// beside each name's run of vocabulary ids (Index.tinfo) so that testing a
// candidate touches one short array instead of the vocabulary's strings.
type tokInfo struct {
	v     uint32  // vocabulary id
	w     float32 // its weight, Index.vweight[v]: the bound reads it for every candidate part
	n     uint16  // length in bytes (names.MaxInput bounds it)
	first byte    // first byte
	bin   bool    // isBin
	weak  bool    // names.IsWeak: a title or a particle
	// distant is distantPart: distantSim gives a part without it nothing,
	// so the bound counts only these as distantly partnered.
	distant bool
}

// newTokInfo is the tokInfo of vocabulary token v, text t, weight w.
func newTokInfo(v uint32, t string, w float32) tokInfo {
	ti := tokInfo{v: v, w: w, n: uint16(min(len(t), math.MaxUint16)), bin: isBin(t), weak: names.IsWeak(t), distant: distantPart(t)}
	if t != "" {
		ti.first = t[0]
	}
	return ti
}

// joinableInfo is joinable(a, the part t).
func joinableInfo(a string, t tokInfo) bool {
	return len(a) >= 5 && t.n >= 5 && a[0] == t.first && abs(len(a)-int(t.n)) <= 3
}

// joinablePartsInfo is joinableParts(x, a, b) on the parts' tokInfo.
func joinablePartsInfo(x string, a, b tokInfo) bool {
	n := int(a.n) + int(b.n)
	if len(x) < 5 || n < 5 || abs(len(x)-n) > 3 {
		return false
	}
	if a.n > 0 {
		return x[0] == a.first
	}
	return x[0] == b.first
}

// binAt is the position of the first "bin" (isBin) of a listed name before
// its last part, -1 when there is none.
func binAt(ti []tokInfo) int {
	for j := range ti[:len(ti)-1] {
		if ti[j].bin {
			return j
		}
	}
	return -1
}

// queryBinAt is binAt for the query's parts.
func queryBinAt(qt []names.Token) int {
	for i, t := range qt[:max(len(qt)-1, 0)] {
		if isBin(t.Text) {
			return i
		}
	}
	return -1
}

// patronymSwap reports whether pairing query part qi with listed part cj
// crosses a "bin" (ibn, ben, bint): one name's own given name against the
// other's father's name. qb and cb are the positions of the first bin of
// the query and of the listed name (queryBinAt, binAt).
func patronymSwap(qb, cb, qi, cj int) bool {
	if qb <= 0 || cb <= 0 {
		return false
	}
	return (qi < qb) != (cj < cb)
}

func isBin(t string) bool {
	switch t {
	case "bin", "ibn", "ben", "bint", "binti", "bn":
		return true
	}
	return false
}

// conflictWeight is what a part left unpaired on both sides of a conflict
// costs once more: its own weight w, but never less than the weight of a
// part no list holds, unless it is a title or a particle (names.IsWeak),
// which a listing or a passport may carry or not without naming anyone
// else.
// The weights are agreement evidence, log(1 + N/df), large for a rare part
// because agreeing on it is unlikely by chance; evidence of disagreement
// hardly depends on how common the part is (in Fellegi and Sunter's record
// linkage, agreement on a value weighs log(m/u) with u its frequency, but
// disagreement log((1-m)/(1-u)), which is nearly the same for every value
// since u is small). So one common given name where the list has another,
// in a name whose other parts agree, is as much against identity as two
// different rare parts; only an omission (containment) is forgiven by how
// common it is.
// An initial is floored too: agreeing on one is weak evidence, but one
// left unpaired here begins no part left on the other side (initials
// would have paired them), so it disagrees as a whole part does.
func (ix *Index) conflictWeight(w float64, weak bool) float64 {
	if weak {
		return w
	}
	return max(w, float64(ix.maxWeight))
}

func unmatchedWeight(ix *Index, ct []uint32, used uint32) float64 {
	var w float64
	for j, v := range ct {
		if used&(1<<j) == 0 {
			w += float64(ix.vweight[v])
		}
	}
	return w
}

// initials pairs a lone letter on one side with a part it can abbreviate
// on the other (V. PUTIN, VLADIMIR PUTIN).
func (ix *Index) initials(s *scratch, ti []tokInfo, usedQ, usedC *uint32, ex *Explanation) float64 {
	var num float64
	for i, q := range s.toks {
		if *usedQ&(1<<i) != 0 || len(q.Text) != 1 {
			continue
		}
		for j, t := range ti {
			if *usedC&(1<<j) == 0 && t.n > 1 && t.first == q.Text[0] {
				*usedQ |= 1 << i
				*usedC |= 1 << j
				w := float64(s.qw[i]) + float64(ix.vweight[t.v])
				num += initialSim * w
				if ex != nil {
					ex.Parts = append(ex.Parts, PartMatch{Query: q.Text, Listed: ix.vocab[t.v], How: "initial", Similarity: initialSim, Weight: w})
				}
				break
			}
		}
	}
	for j, t := range ti {
		if *usedC&(1<<j) != 0 || t.n != 1 {
			continue
		}
		for i, q := range s.toks {
			if *usedQ&(1<<i) == 0 && len(q.Text) > 1 && q.Text[0] == t.first {
				*usedQ |= 1 << i
				*usedC |= 1 << j
				w := float64(s.qw[i]) + float64(ix.vweight[t.v])
				num += initialSim * w
				if ex != nil {
					ex.Parts = append(ex.Parts, PartMatch{Query: q.Text, Listed: ix.vocab[t.v], How: "initial", Similarity: initialSim, Weight: w})
				}
				break
			}
		}
	}
	return num
}

func pairLess(a, b pair) bool {
	if a.sim != b.sim {
		return a.sim > b.sim
	}
	if a.qi != b.qi {
		return a.qi < b.qi
	}
	return a.cj < b.cj
}

// joins pairs two adjacent unmatched parts on one side with one unmatched
// part on the other when their concatenation is spelt alike. The query's
// joined pairs and their keys are prepared once per query (prepareJoins).
func (ix *Index) joins(s *scratch, ti []tokInfo, jc []string, usedQ, usedC *uint32, ex *Explanation) float64 {
	var num float64
	// Two query parts against one listed part.
	for i := 0; i+1 < len(s.toks); i++ {
		if *usedQ&(3<<i) != 0 {
			continue
		}
		joined, jc := s.qjoin[i], s.qjoinCanon[i]
		for j, t := range ti {
			if *usedC&(1<<j) != 0 {
				continue
			}
			if !joinableInfo(joined, t) {
				continue
			}
			v := t.v
			lt := ix.vocab[v]
			if sim := joinedSim(joined, jc, lt, ix.vcanon[v]); sim > 0 {
				*usedQ |= 3 << i
				*usedC |= 1 << j
				w := float64(s.qw[i]) + float64(s.qw[i+1]) + float64(ix.vweight[v])
				num += sim * w
				if ex != nil {
					ex.Parts = append(ex.Parts, PartMatch{Query: s.toks[i].Text + " " + s.toks[i+1].Text, Listed: lt, How: "joined", Similarity: round4(sim), Weight: w})
				}
				break
			}
		}
	}
	// One query part against two listed parts.
	for j := 0; j+1 < len(ti); j++ {
		if *usedC&(3<<j) != 0 {
			continue
		}
		ta, tb := ti[j], ti[j+1]
		for i, q := range s.toks {
			if *usedQ&(1<<i) != 0 || len(q.Text) < 5 || ta.n == 0 || q.Text[0] != ta.first || abs(len(q.Text)-int(ta.n)-int(tb.n)) > 3 {
				continue
			}
			if !joinablePartsInfo(q.Text, ta, tb) {
				continue
			}
			a, b := ix.vocab[ta.v], ix.vocab[tb.v]
			if sim := joinedSim(q.Text, s.qcanon[i], a+b, jc[j]); sim > 0 {
				*usedQ |= 1 << i
				*usedC |= 3 << j
				w := float64(s.qw[i]) + float64(ix.vweight[ta.v]) + float64(ix.vweight[tb.v])
				num += sim * w
				if ex != nil {
					ex.Parts = append(ex.Parts, PartMatch{Query: q.Text, Listed: a + " " + b, How: "joined", Similarity: round4(sim), Weight: w})
				}
				break
			}
		}
	}
	return num
}

// shifts pairs two adjacent query parts with two adjacent listed parts
// whose letters are the same split at another place.
func (ix *Index) shifts(s *scratch, ti []tokInfo, jc []string, usedQ, usedC *uint32, ex *Explanation) float64 {
	var num float64
	// Two query parts against two listed parts, the boundary elsewhere
	// (MYONGC HIN / MYONG CHIN, AREFULLAHA REF / AREFULLAH AREF): the same
	// letters split at another place.
	for i := 0; i+1 < len(s.toks); i++ {
		if *usedQ&(3<<i) != 0 {
			continue
		}
		for j := 0; j+1 < len(ti); j++ {
			if *usedC&(3<<j) != 0 {
				continue
			}
			// The cheap test on lengths first: it needs no string.
			if !joinablePartsInfo(s.qjoin[i], ti[j], ti[j+1]) {
				continue
			}
			a, b := ix.vocab[ti[j].v], ix.vocab[ti[j+1].v]
			if a == s.toks[i].Text || b == s.toks[i+1].Text {
				continue // not a shift: a part pairs as it is
			}
			if sim := joinedSim(s.qjoin[i], s.qjoinCanon[i], a+b, jc[j]); sim > 0 {
				*usedQ |= 3 << i
				*usedC |= 3 << j
				w := float64(s.qw[i]) + float64(s.qw[i+1]) + float64(ix.vweight[ti[j].v]) + float64(ix.vweight[ti[j+1].v])
				num += sim * w
				if ex != nil {
					ex.Parts = append(ex.Parts, PartMatch{Query: s.toks[i].Text + " " + s.toks[i+1].Text, Listed: a + " " + b, How: "joined", Similarity: round4(sim), Weight: w})
				}
				break
			}
		}
	}
	return num
}

// prepareJoins computes the query parts' canons and the query's adjacent
// concatenations with their keys and canons.
func (s *scratch) prepareJoins() {
	s.qbin = queryBinAt(s.toks)
	for i := range s.byFirst {
		s.byFirst[i] = -1
	}
	s.firsts = s.firsts[:0]
	s.qLetter, s.qDistant = false, 0
	for i, q := range s.toks {
		s.qLetter = s.qLetter || len(q.Text) == 1
		if distantPart(q.Text) {
			s.qDistant |= 1 << i
		}
		f := firstPart{i: uint8(i), qlen: uint16(len(q.Text)), next: s.byFirst[q.Text[0]]}
		if i+1 < len(s.toks) {
			f.jlen = uint16(len(q.Text) + len(s.toks[i+1].Text))
		}
		s.byFirst[q.Text[0]] = int8(len(s.firsts))
		s.firsts = append(s.firsts, f)
	}
	s.qcanon = s.qcanon[:0]
	for _, q := range s.toks {
		s.qcanon = append(s.qcanon, names.Canon(q.Text))
	}
	s.qjoin, s.qjoinCanon = s.qjoin[:0], s.qjoinCanon[:0]
	for i := 0; i+1 < len(s.toks); i++ {
		j := s.toks[i].Text + s.toks[i+1].Text
		s.qjoin = append(s.qjoin, j)
		s.qjoinCanon = append(s.qjoinCanon, names.Canon(j))
	}
}

// joinableParts is joinable(x, a+b) without building a+b.
func joinableParts(x, a, b string) bool {
	n := len(a) + len(b)
	if len(x) < 5 || n < 5 || abs(len(x)-n) > 3 {
		return false
	}
	if a != "" {
		return x[0] == a[0]
	}
	return x[0] == b[0]
}

// joinable is the cheap test before joinedSim: same first letter, lengths
// within three.
func joinable(a, b string) bool {
	return len(a) >= 5 && len(b) >= 5 && a[0] == b[0] && abs(len(a)-len(b)) <= 3
}

// joinedSim compares two parts written as one with one part. Like
// tokenSim it credits only what retrieval enumerates: the same text, the
// same romanisation canon, or one deletion apart (retrieve.go's joined
// neighbourhoods). ac and bc are the canons when the caller already has
// them (query parts, vocabulary tokens); an empty canon is computed here,
// and only once the cheaper tests pass, because names.Canon allocates and
// dominated the alignment's cost.
func joinedSim(a, ac, b, bc string) float64 {
	if !joinable(a, b) {
		return 0
	}
	if a == b {
		return 1
	}
	if asciiLetters(a) && asciiLetters(b) {
		if ac == "" {
			ac = names.Canon(a)
		}
		if bc == "" {
			bc = names.Canon(b)
		}
		if ac == bc {
			return squeezeSim
		}
	}
	// Not the phonetic key: across two parts the vowels it drops are most
	// of what tells names apart (RAWHI HINDI and RUHINDA share r-h-n-d).
	if deletable(a) && deletable(b) && oneDeletion(a, b) {
		return joinSim
	}
	return 0
}

// match builds the Match for an entry: the best name's score, then the
// identity evidence, with the explanation.
func (ix *Index) match(s *scratch, e uint32, b entryScore, dob DOB, hasDOB bool, docs []string, nat string) Match {
	ent := &ix.entries[e]
	nr := &ix.names[b.name]
	m := Match{EntryID: ent.id, Source: ent.source, ListedName: ent.listed}
	ex := &m.Explanation
	ex.MatchedName = nr.full
	ex.NameQuality = nr.quality
	ex.Parts = []PartMatch{}
	ix.scoreName(s, b.name, 0, ex)
	ex.NameScore = round4(b.score)
	score := b.score

	// Date of birth: the most favourable listed date counts.
	ev := Evidence{Kind: "dateOfBirth", Outcome: Missing}
	if hasDOB {
		ev.Query = dob.String()
	}
	if hasDOB && len(ent.dobs) > 0 {
		bestRank := 99
		for _, l := range ent.dobs {
			o, eff := dobOutcome(dob, l)
			if r := outcomeRank(o); r < bestRank || (r == bestRank && eff > ev.Effect) {
				bestRank, ev.Outcome, ev.Effect, ev.Listed = r, o, eff, l.String()
			}
		}
	} else if len(ent.dobs) > 0 {
		ev.Listed = ent.dobs[0].String()
	}
	score += ev.Effect
	dobOK := ev.Outcome == Confirms || ev.Outcome == Consistent
	ex.Evidence = append(ex.Evidence, ev)

	// Documents: an identical number confirms, more so with the same
	// issuing country.
	docOK := false
	for _, d := range ent.docs {
		k := normDoc(d.Number)
		for _, qd := range docs {
			if k != qd {
				continue
			}
			ev := Evidence{Kind: "document", Outcome: Confirms, Query: qd, Listed: d.Number, Effect: docConfirms}
			if d.Country != "" && nat != "" && d.Country != nat {
				ev.Outcome, ev.Effect = Consistent, docConfirms/2
				ev.Listed += " (" + d.Country + ")"
			}
			if !docOK {
				score += ev.Effect
				docOK = ev.Outcome == Confirms
			} else {
				ev.Effect = 0
			}
			ex.Evidence = append(ex.Evidence, ev)
		}
	}

	// Nationality is recorded for the reviewer but never weighed on its
	// own: a person's nationality is not evidence of who they are, and must
	// never raise a risk score.
	if nat != "" && len(ent.nats) > 0 {
		ev := Evidence{Kind: "nationality", Outcome: Differs, Query: nat, Listed: strings.Join(ent.nats, " ")}
		for _, n := range ent.nats {
			if n == nat {
				ev.Outcome = Consistent
			}
		}
		ex.Evidence = append(ex.Evidence, ev)
	}
	m.Score = round4(math.Max(0, math.Min(1, score)))
	m.Strong = docOK || (m.Score >= StrongThreshold && dobOK)
	return m
}

// quickScore is the score match computes, without the explanation: an
// upper bound used to skip building explanations that would be dropped.
func (ix *Index) quickScore(e uint32, score float64, dob DOB, hasDOB bool, docs []string, nat string) float64 {
	if hasDOB {
		score += ix.dobBonus(e, dob)
	}
	if len(docs) > 0 {
		score += docConfirms
	}
	return math.Max(0, math.Min(1, score))
}

func round4(f float64) float64 { return math.Round(f*10000) / 10000 }
