package watchlist

import (
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/paxscreen/paxscreen/shared/names"
)

// scratch is per-query working memory, pooled so that screening does not
// allocate per candidate.
type scratch struct {
	toks       []names.Token
	qw         []float32
	vStamp     []uint32
	vEdged     []uint64 // bit v: listed token v has an edge (markEdged)
	vHead      []int32
	edges      []vedge
	nStamp     []uint32
	nSlot      []uint32                 // a name's position in cands, while nStamp is gen
	candBits   []uint64                 // bit n: name n is a candidate (sortCands)
	candGain   [][maxQueryParts]float32 // beside cands: each part's best gain credited (candidates)
	gen        uint32
	cands      []uint32
	pairs      []pair
	qjoin      []string
	qjoinCanon []string // names.Canon of each qjoin
	best       map[uint32]entryScore
	qcanon     []string    // names.Canon of each query part
	qbin       int         // queryBinAt of the query's parts
	byFirst    [256]int8   // first letter -> last query part of it in firsts, -1 none
	firsts     []firstPart // the query parts, chained by first letter
	qLetter    bool        // a query part is one letter (an initial)
	qDistant   uint32      // bit i: distantSim compares query part i (distantPart)
	vSeen      []uint32    // gen when a listed token was last compared, and with which part
	vSeenQ     []uint8
	poss       []possibility
	possSorted []possibility // poss by part, best gain first (candidates)
	possKeys   []uint64
	readJoin   []bool
	hs         []uint64 // hashes of one query part's neighbourhood (delLookups)
	hlo        []uint32
	jedges     []vedge    // listed tokens two adjacent query parts (qi, qi+1) resemble
	jnames     []joinName // listed names with two parts one query part resembles
	jnStamp    []uint32   // gen when a listed name last had jnames, by name
	jnHead     []int32    // its last entry in jnames, chained by joinName.next
	jpSeen     []uint32   // jpGen when a listed name's pairs were last met (firstJoinVisit)
	jpMask     []uint16   // which of its pairs, by first position
	jpGen      uint32
	dStamp     []uint32  // gen when distantSims last compared a listed token
	dAt        []uint32  // where in dSim its similarities to the query parts are
	dSim       []float32 // distantSim of each listed token compared and query part
	dGen       uint32    // gen dSim holds

	// The query's date of birth, and whether candidates may drop the
	// names whose entries' dates all rule it out (datesRuleOut): at the
	// thresholds where no name can then reach it.
	dob         DOB
	dropRuleOut bool
}

// markEdged sets the bit of every listed token with an edge. Every
// candidate's parts are tested against it: a bitset of the vocabulary stays
// in the nearest cache where vStamp, eight times larger and read for the
// edges' heads, does not.
func (s *scratch) markEdged() {
	clear(s.vEdged)
	for _, e := range s.edges {
		s.vEdged[e.v/64] |= 1 << (e.v % 64)
	}
}

// sortCands puts s.cands (distinct names) in name order through a bitset
// of the names: a pass over a few hundred words instead of a sort.
func (s *scratch) sortCands() {
	if len(s.cands) < 32 {
		slices.Sort(s.cands)
		return
	}
	clear(s.candBits)
	for _, n := range s.cands {
		s.candBits[n/64] |= 1 << (n % 64)
	}
	s.cands = s.cands[:0]
	for w, b := range s.candBits {
		for b != 0 {
			s.cands = append(s.cands, uint32(w*64+bits.TrailingZeros64(b)))
			b &= b - 1
		}
	}
}

// edged reports whether listed token v has an edge to a query part.
func (s *scratch) edged(v uint32) bool { return s.vEdged[v/64]&(1<<(v%64)) != 0 }

type entryScore struct {
	score float64
	name  uint32
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{
		vStamp:   make([]uint32, len(ix.vocab)),
		vEdged:   make([]uint64, (len(ix.vocab)+63)/64),
		vSeen:    make([]uint32, len(ix.vocab)),
		vSeenQ:   make([]uint8, len(ix.vocab)),
		dStamp:   make([]uint32, len(ix.vocab)),
		dAt:      make([]uint32, len(ix.vocab)),
		vHead:    make([]int32, len(ix.vocab)),
		nStamp:   make([]uint32, len(ix.names)),
		nSlot:    make([]uint32, len(ix.names)),
		candBits: make([]uint64, (len(ix.names)+63)/64),
		jnStamp:  make([]uint32, len(ix.names)),
		jnHead:   make([]int32, len(ix.names)),
		jpSeen:   make([]uint32, len(ix.names)),
		jpMask:   make([]uint16, len(ix.names)),
		best:     map[uint32]entryScore{},
	}
}

// Screen returns the listed individuals q may be, with a score at or above
// threshold, best first. Equal scores are ordered by source and entry id,
// so the result is deterministic.
//
// The result is monotone in threshold: Screen(q, t2) is Screen(q, t1)
// without the matches scoring below t2, for any t1 < t2; thresholds below
// MinThreshold are read as MinThreshold.
func (ix *Index) Screen(q Query, threshold float64) []Match {
	return ix.screen(q, threshold, nil)
}

// MinThreshold is the lowest threshold Screen honours: below it nearly
// every listed person would be returned.
const MinThreshold = 0.3

// screen is Screen. A non-nil brute (the tests' reference scorer) replaces
// retrieval: it sets the part pairs and the candidates itself, and every
// candidate is scored in full, without bounds.
//
// A name written in Wade–Giles is screened as written and in each of its
// Hanyu Pinyin renderings (names.PinyinFromWadeGiles), and each entry keeps
// its best match: the two systems spell one Mandarin syllable with letters
// no spelling rule relates (HSI/XI, TSE/ZE, TUNG/DONG), and a person is
// listed in whichever the listing authority had. Each form is screened in
// full, so the result stays complete and monotone in the threshold (a
// maximum of monotone results is monotone); names that are not Wade–Giles
// cost nothing more.
func (ix *Index) screen(q Query, threshold float64, brute func(*Index, *scratch)) []Match {
	threshold = max(threshold, MinThreshold)
	if ix == nil || len(ix.names) == 0 {
		return nil
	}
	name := q.name()
	out := ix.screenForm(q, name, "", threshold, brute)
	if alts := names.PinyinFromWadeGiles(name); len(alts) > 0 {
		at := make(map[string]int, len(out))
		for i, m := range out {
			at[m.Source+"\x00"+m.EntryID] = i
		}
		for _, a := range alts {
			for _, m := range ix.screenForm(q, a, a, threshold, brute) {
				k := m.Source + "\x00" + m.EntryID
				// Ties keep the earlier form (the name as written first),
				// whatever the threshold, so the result stays monotone.
				if i, ok := at[k]; !ok {
					at[k] = len(out)
					out = append(out, m)
				} else if m.Score > out[i].Score {
					out[i] = m
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].EntryID < out[j].EntryID
	})
	return out
}

// screenForm screens q under one written form of its name, unordered;
// form is set in the explanations when it is not the name as given.
func (ix *Index) screenForm(q Query, name, form string, threshold float64, brute func(*Index, *scratch)) []Match {
	s := ix.getScratch()
	defer ix.pool.Put(s)
	s.gen++
	if s.gen == 0 { // wrapped: stamps from 2^32 queries ago would alias
		clear(s.vStamp)
		clear(s.vSeen)
		clear(s.nStamp)
		clear(s.jnStamp)
		clear(s.dStamp)
		s.gen = 1
	}
	s.toks = splitInitials(names.AppendNormalize(s.toks[:0], name), ix.vocabID, nil)
	dob, hasDOB := ParseDOB(q.DateOfBirth)
	s.dob, s.dropRuleOut = dob, hasDOB && threshold-1e-4-dobRulesOut > 1
	docs := make([]string, 0, len(q.Documents))
	for _, d := range q.Documents {
		if len(docs) == maxQueryDocuments {
			break // a person carries a handful; more is noise or abuse
		}
		if k := normDoc(d); len(k) >= 5 {
			docs = append(docs, k)
		}
	}
	if len(s.toks) == 0 && len(docs) == 0 {
		return nil
	}
	s.prepareJoins()
	// Evidence can add at most dobConfirms (documents aside), so a name
	// below floor cannot reach threshold; without a date of birth it adds
	// nothing. Less a rounding unit: scores are rounded to 4 decimals and
	// compared with the threshold only once rounded.
	floor := threshold - 1e-4
	if hasDOB {
		floor -= dobConfirms
	}
	if brute != nil {
		brute(ix, s)
		floor = 0
		s.markEdged()
	} else {
		ix.tokenEdges(s)
		s.markEdged() // candidates' per-name bound reads it
		ix.candidates(s, floor)
	}
	// Entries whose document numbers the query carries: only their names are weighed whatever
	// they score. Every passenger carries a document, so letting documents lift the floor for all
	// candidates would score every blocked name in full.
	var docEntries []uint32
	for _, d := range docs {
		for _, e := range ix.docs[d] {
			docEntries = append(docEntries, uint32(e))
			for n := ix.entryNameAt[e]; n < ix.entryNameAt[e+1]; n++ {
				if s.nStamp[n] != s.gen {
					s.nStamp[n] = s.gen
					s.cands = append(s.cands, n)
				}
			}
		}
	}
	// In name order, the candidates' records and parts are read front to
	// back, and neighbours share cache lines; the result does not depend on
	// the order (ties go to the lower name id below).
	s.sortCands()
	clear(s.best)
	lastEntry, entryFloor := uint32(math.MaxUint32), floor
	for _, n := range s.cands {
		nr := &ix.nameW[n]
		if nr.entry != lastEntry {
			// Each entry's own date evidence sets its floor: an entry
			// whose dates rule the query's out (-0.40) cannot reach the
			// threshold with any name, one whose dates are near needs
			// more, and only one whose date confirms gets floor.
			lastEntry, entryFloor = nr.entry, floor
			if hasDOB && brute == nil {
				entryFloor = threshold - 1e-4 - ix.dobBonus(nr.entry, dob)
			}
		}
		nf := entryFloor
		docHit := slices.Contains(docEntries, uint32(nr.entry))
		if docHit {
			nf = 0 // a document hit is weighed whatever the name scores
		} else if nf > 1 {
			continue // a name scores 1 at most
		}
		sc := ix.scoreName(s, n, nf, nil)
		if nr.weak {
			sc *= weakAlias
		}
		if sc < nf {
			continue
		}
		// Ties go to the lower name id, so the name explained does not
		// depend on the order retrieval found the names in.
		if b, ok := s.best[nr.entry]; !ok || sc > b.score || (sc == b.score && n < b.name) {
			s.best[nr.entry] = entryScore{sc, n}
		}
	}
	var out []Match
	nat := strings.ToUpper(strings.TrimSpace(q.Nationality))
	for e, b := range s.best {
		if round4(ix.quickScore(e, b.score, dob, hasDOB, docs, nat)) < threshold {
			continue // explanations are built only for what is returned
		}
		m := ix.match(s, e, b, dob, hasDOB, docs, nat)
		m.Explanation.QueryForm = form
		if m.Score >= threshold {
			out = append(out, m)
		}
	}
	return out
}

// dobBonus is the most the dates of birth of entry e can add to a name
// score for a query born dob: the best effect among its listed dates (as
// quickScore and match take it), 0 when it lists none.
func (ix *Index) dobBonus(e uint32, dob DOB) float64 {
	ds := ix.entryDOB[ix.entryDOBAt[e]:ix.entryDOBAt[e+1]]
	if len(ds) == 0 {
		return 0
	}
	best := math.Inf(-1)
	for _, l := range ds {
		_, eff := dobOutcome(dob, l.dob())
		best = max(best, eff)
	}
	return best
}

// NameSimilarity scores two names against each other with the screening
// rules (alignment, joins, initials, phonetic keys) and no list statistics:
// every part weighs the same, particles and honorifics less.
func NameSimilarity(a, b string) float64 {
	return (*Index)(nil).PairScore(a, b)
}

// PairScore scores name a against name b with the screening rules, taking
// the weight of each part from the index's lists: a part the lists share
// with many names (Muhammad, Kim) counts less than a rare one. Parts the
// lists do not have weigh as the rarest. A nil index weighs all parts
// alike. It serves evaluation on labelled name pairs and one-off
// comparisons; screening uses Screen.
func (ix *Index) PairScore(a, b string) float64 {
	best := ix.pairScore(a, b)
	// As Screen does, a Wade–Giles name is also scored in pinyin.
	for _, alt := range names.PinyinFromWadeGiles(a) {
		best = max(best, ix.pairScore(alt, b))
	}
	return best
}

// pairScore is PairScore for one written form of a.
func (ix *Index) pairScore(a, b string) float64 {
	px := Build([]Entry{{ID: "b", Source: "pair", Kind: Individual, Names: []Name{{Full: b, Quality: Primary}}}})
	if len(px.names) == 0 {
		return 0
	}
	weight := func(t string, own float32) float32 {
		if ix == nil || len(ix.vocab) == 0 {
			return own
		}
		w := ix.maxWeight
		if v, ok := ix.vocabID[t]; ok {
			return ix.vweight[v]
		}
		if names.IsWeak(t) || len(t) == 1 {
			w *= weakTokenFactor
		}
		return w
	}
	for v, t := range px.vocab {
		px.vweight[v] = weight(t, px.vweight[v])
	}
	if ix != nil && len(ix.vocab) > 0 {
		// The weight of a part no list holds is the lists' too: the
		// conflict rule (conflictWeight) reads it, and one name alone
		// would make it the weight of the commonest part.
		px.maxWeight = ix.maxWeight
	}
	nr := &px.names[0]
	nr.weight = 0
	for _, v := range px.toks[nr.tok : nr.tok+uint32(nr.ntok)] {
		nr.weight += px.vweight[v]
	}
	px.deriveNameWeights() // scoreName reads the name's weight there
	s := px.getScratch()
	s.gen = 1
	var known map[string]uint32
	if ix != nil {
		known = ix.vocabID
	}
	s.toks = splitInitials(names.AppendNormalize(s.toks[:0], a), known, px.vocabID)
	if len(s.toks) == 0 {
		return 0
	}
	// Every part of a against every part of b: no blocking for one pair.
	for qi, q := range s.toks {
		own := px.maxWeight
		if q.Weak {
			own *= weakTokenFactor
		}
		for v := range px.vocab {
			sim, _ := tokenSim(q, names.Canon(q.Text), px.vocab[v], px.keys[px.vkey[v]], px.vcanon[v])
			if sim == 0 {
				continue
			}
			s.addEdge(uint32(v), uint8(qi), float32(sim))
		}
		w := weight(q.Text, own)
		if ix != nil && len(ix.vocab) > 0 && q.Weak {
			w = min(w, ix.maxWeight*weakTokenFactor)
		}
		s.qw = append(s.qw, w)
	}
	s.prepareJoins()
	s.markEdged()
	return round4(px.scoreName(s, 0, 0, nil))
}

// splitInitials reads each query part that is initials written together
// (names.RunTogetherInitials: JC for Jean-Claude) as its initials, unless
// a list (known, or also) holds it as a part. Only query parts are read
// so: the lists hold a listed name as its authority wrote it, and a part
// they hold is a name. It returns toks itself when no part qualifies.
func splitInitials(toks []names.Token, known, also map[string]uint32) []names.Token {
	split := false
	for _, t := range toks {
		if isInitials(t.Text, known, also) {
			split = true
			break
		}
	}
	if !split {
		return toks
	}
	out := make([]names.Token, 0, len(toks)+4)
	for _, t := range toks {
		if isInitials(t.Text, known, also) && len(out)+len(t.Text) <= maxQueryParts {
			out = names.AppendInitials(out, t.Text)
		} else if len(out) < maxQueryParts {
			out = append(out, t)
		}
	}
	return append(toks[:0], out...)
}

func isInitials(t string, known, also map[string]uint32) bool {
	if !names.RunTogetherInitials(t) {
		return false
	}
	_, k := known[t]
	_, a := also[t]
	return !k && !a
}
