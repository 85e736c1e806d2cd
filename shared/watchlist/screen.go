package watchlist

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paxscreen/paxscreen/shared/names"
)

// Thresholds at which the figures in docs/SCREENING.md were measured.
const (
	// DefaultThreshold is the score from which a match is an alert for a
	// reviewer.
	DefaultThreshold = 0.75
	// StrongThreshold is the score from which a match backed by identity
	// evidence (a document, or a date of birth that confirms or is
	// consistent) is a strong identity match.
	StrongThreshold = 0.90
)

// Query is a person to screen.
type Query struct {
	Surname    string
	GivenNames string
	// FullName is used when the parts are unknown; "SURNAME, Given" is
	// understood. When Surname or GivenNames is set, FullName is ignored.
	FullName string
	// DateOfBirth is YYYY, YYYY-MM or YYYY-MM-DD.
	DateOfBirth string
	// Nationality is an ISO 3166-1 alpha-3 code. It is weighed only as the
	// country of a matching document, never on its own.
	Nationality string
	// Documents are document numbers; an exact match confirms identity.
	Documents []string
}

// Match is one listed individual the query may be.
type Match struct {
	EntryID     string      `json:"entryId"`
	Source      string      `json:"source"`
	ListedName  string      `json:"listedName"`
	Score       float64     `json:"score"`
	Strong      bool        `json:"strong"`
	Explanation Explanation `json:"explanation"`
}

// Explanation says why a match scored what it did.
type Explanation struct {
	// MatchedName is the listed name or alias that matched best, with its
	// list quality (primary, strong, weak).
	MatchedName string  `json:"matchedName"`
	NameQuality Quality `json:"nameQuality"`
	// NameScore is the name similarity in [0, 1] before identity evidence.
	NameScore float64 `json:"nameScore"`
	// Parts are the aligned name parts.
	Parts []PartMatch `json:"parts"`
	// QueryUnmatched and ListedUnmatched are the parts left without a
	// partner, each costing its weight.
	QueryUnmatched  []string `json:"queryUnmatched,omitempty"`
	ListedUnmatched []string `json:"listedUnmatched,omitempty"`
	// Evidence is the identity evidence weighed, in order: date of birth,
	// documents, nationality.
	Evidence []Evidence `json:"evidence"`
}

// PartMatch is one aligned pair of name parts.
type PartMatch struct {
	Query  string `json:"query"`
	Listed string `json:"listed"`
	// How: exact, phonetic (same key), fuzzy (spelling distance) or joined
	// (two parts on one side written as one on the other).
	How        string  `json:"how"`
	Similarity float64 `json:"similarity"`
	// Weight is the pair's share of the name score: rare parts weigh more
	// than common ones, particles and honorifics little.
	Weight float64 `json:"weight"`
}

// Evidence is one piece of identity evidence and its effect on the score.
type Evidence struct {
	Kind    string  `json:"kind"` // dateOfBirth, document, nationality
	Outcome string  `json:"outcome"`
	Query   string  `json:"query,omitempty"`
	Listed  string  `json:"listed,omitempty"`
	Effect  float64 `json:"effect"`
}

// maxQueryDocuments bounds the document numbers of one query.
const maxQueryDocuments = 8

// Pair similarity floors: below them a part pair is no match at all.
const (
	minFuzzy    = 0.85 // Jaro-Winkler between spellings
	minPartial  = 0.75 // below minFuzzy, partial credit down to this
	phoneticSim = 0.88 // same phonetic key, spellings further apart
	joinSim     = 0.90 // joined parts against one part
	squeezeSim  = 0.95 // equal once doubled letters are single
	swapSim     = 0.88 // two adjacent letters swapped in a short part
	weakAlias   = 0.90 // factor on a low-quality alias
	initialSim  = 0.80 // a lone letter against a part it abbreviates
	closePair   = 0.80 // pairs this close are taken before joins and initials
	compoundSim = 0.80 // an abd compound against its name alone
	// containRelief is the share of their weight that the extra parts of
	// a name wholly containing the other are forgiven.
	containRelief = 0.5
	// conflictExtra is the extra share of weight that parts unmatched on
	// both sides cost.
	conflictExtra = 0.5
)

// tokenSim compares a query token with a listed token.
func tokenSim(q names.Token, text, key string) (float64, string) {
	if q.Text == text {
		return 1, "exact"
	}
	if abdRest(q.Text) == text || abdRest(text) == q.Text {
		// ABDUL HANIF for HANIF: "servant of" is added and dropped in
		// the same person's names.
		return compoundSim, "compound"
	}
	if names.Squeeze(q.Text) == names.Squeeze(text) {
		// Doubled letters are the commonest keying slip and romanisation
		// choice (ESSA/ESA, ABDELKADDER/ABDELKADER, YYU/YU).
		return squeezeSim, "phonetic"
	}
	if len(q.Text) >= 3 && len(q.Text) <= 5 && len(q.Text) == len(text) && names.AdjacentSwap(q.Text, text) {
		// Jaro-Winkler cannot see a swap in a short token (SKO/SOK).
		return swapSim, "fuzzy"
	}
	jw := names.JaroWinkler(q.Text, text)
	if q.Key == key && len(key) >= 3 {
		return math.Max(jw, phoneticSim), "phonetic"
	}
	if len(q.Text) >= 3 && len(text) >= 3 && jw >= minPartial {
		// Jaro-Winkler rewards a shared beginning: CASTILLO and CASTRO,
		// MAHIR and MAHATHIR score high yet are other names. A keying slip
		// is one or two edits, so more edits than that cost half.
		l := max(len(q.Text), len(text))
		allowed := 1
		switch {
		case l > 10:
			allowed = 3
		case l > 5:
			allowed = 2
		}
		far := names.EditDistance(q.Text, text) > allowed
		sim := jw
		if jw < minFuzzy {
			// Partial credit that falls to nothing at minPartial, so a
			// distant spelling ranks above an unrelated one but can never
			// carry a match on its own.
			sim = jw * (jw - minPartial) / (minFuzzy - minPartial)
		}
		if far {
			sim /= 2
		}
		return sim, "fuzzy"
	}
	return 0, ""
}

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

// scratch is per-query working memory, pooled so that screening does not
// allocate per candidate.
type scratch struct {
	toks            []names.Token
	qw              []float32
	post            []int // postings per query token
	order           []int
	vStamp          []uint32
	vHead           []int32
	edges           []vedge
	nStamp          []uint32
	gen             uint32
	cands           []uint32
	pairs           []pair
	qjoin, qjoinKey []string
	best            map[uint32]entryScore
}

type entryScore struct {
	score float64
	name  uint32
}

func (ix *Index) getScratch() *scratch {
	if s, ok := ix.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{
		vStamp: make([]uint32, len(ix.vocab)),
		vHead:  make([]int32, len(ix.vocab)),
		nStamp: make([]uint32, len(ix.names)),
		best:   map[uint32]entryScore{},
	}
}

// queryName joins the name parts of q.
func (q Query) name() string {
	if strings.TrimSpace(q.Surname) != "" || strings.TrimSpace(q.GivenNames) != "" {
		return q.GivenNames + " " + q.Surname
	}
	return q.FullName
}

// Screen returns the listed individuals q may be, with a score at or above
// threshold, best first. Equal scores are ordered by source and entry id,
// so the result is deterministic.
func (ix *Index) Screen(q Query, threshold float64) []Match {
	if ix == nil || len(ix.names) == 0 {
		return nil
	}
	s := ix.getScratch()
	defer ix.pool.Put(s)
	s.gen++
	if s.gen == 0 { // wrapped: stamps from 2^32 queries ago would alias
		clear(s.vStamp)
		clear(s.nStamp)
		s.gen = 1
	}
	s.toks = names.AppendNormalize(s.toks[:0], q.name())
	dob, hasDOB := ParseDOB(q.DateOfBirth)
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
	ix.tokenEdges(s)
	s.prepareJoins()
	// Evidence can add at most dobConfirms (documents aside), so a name
	// below floor cannot reach threshold.
	floor := threshold - dobConfirms
	ix.candidates(s, floor)
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
	clear(s.best)
	for _, n := range s.cands {
		nr := &ix.names[n]
		nf := floor
		docHit := slices.Contains(docEntries, uint32(nr.entry))
		if docHit {
			nf = 0 // a document hit is weighed whatever the name scores
		}
		sc := ix.scoreName(s, nr, nf, nil)
		if nr.quality == Weak {
			sc *= weakAlias
		}
		if sc < floor && !docHit {
			continue
		}
		if b, ok := s.best[nr.entry]; !ok || sc > b.score {
			s.best[nr.entry] = entryScore{sc, n}
		}
	}
	var out []Match
	nat := strings.ToUpper(strings.TrimSpace(q.Nationality))
	for e, b := range s.best {
		if ix.quickScore(e, b.score, dob, hasDOB, docs, nat) < threshold-1e-9 {
			continue // explanations are built only for what is returned
		}
		m := ix.match(s, e, b, dob, hasDOB, docs, nat)
		if m.Score >= threshold {
			out = append(out, m)
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

// tokenEdges finds, for every query token, the listed tokens it resembles
// (same text, same phonetic key, or within one deletion of each other) and
// their similarity, computed once per listed token rather than per name.
func (ix *Index) tokenEdges(s *scratch) {
	s.edges = s.edges[:0]
	s.qw = s.qw[:0]
	s.post = s.post[:0]
	var buf [64]byte
	for qi, q := range s.toks {
		best, bestW := 0.0, ix.maxWeight
		post := 0
		add := func(v uint32) {
			if s.vStamp[v] == s.gen {
				if h := s.vHead[v]; h >= 0 && int(s.edges[h].qi) == qi {
					return
				}
			} else {
				s.vStamp[v] = s.gen
				s.vHead[v] = -1
			}
			sim, _ := tokenSim(q, ix.vocab[v], ix.keys[ix.vkey[v]])
			if sim == 0 {
				return
			}
			s.edges = append(s.edges, vedge{v: v, qi: uint8(qi), sim: float32(sim), next: s.vHead[v]})
			s.vHead[v] = int32(len(s.edges) - 1)
			post += int(ix.vpostAt[v+1] - ix.vpostAt[v])
			if sim > best || (sim == best && ix.vweight[v] < bestW) {
				best, bestW = sim, ix.vweight[v]
			}
		}
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
		if sq := names.Squeeze(q.Text); sq != q.Text {
			if v, ok := ix.vocabID[sq]; ok {
				add(v)
			}
		}
		if !deletable(q.Text) {
			// Short parts get no deletion neighbourhood; look up their
			// doubled-letter and swapped-letter spellings instead.
			ix.delLookup(hashStr(names.Squeeze(q.Text)), add)
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
		if r := abdRest(q.Text); r != "" {
			if v, ok := ix.vocabID[r]; ok {
				add(v)
			}
		}
		if deletable(q.Text) {
			ix.delLookup(hashStr(q.Text), add)
			t := q.Text
			for i := 0; i < len(t); i++ {
				b := append(append(buf[:0], t[:i]...), t[i+1:]...)
				ix.delLookup(hashBytes(b), add)
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
		s.post = append(s.post, post)
	}
}

// abdRest is the name inside a canonical abd compound (abdhanif: hanif),
// "" for other tokens.
func abdRest(t string) string {
	if len(t) >= 7 && t[:3] == "abd" {
		return t[3:]
	}
	return ""
}

func (ix *Index) delLookup(h uint64, fn func(uint32)) {
	i := sort.Search(len(ix.delHash), func(i int) bool { return ix.delHash[i] >= h })
	for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
		fn(ix.delVocab[i])
	}
}

// candidates collects the names worth scoring. A name that shares none of
// a set R of query parts can match at most the other parts, so its score is
// at most 2(W-R)/(2W-R) for query weight W; the query parts with the
// shortest postings are taken into R until that bound falls below floor,
// and only their postings are read. Parts no list has cost nothing to
// block on, which is what keeps rare and non-Latin names fast.
func (ix *Index) candidates(s *scratch, floor float64) {
	s.cands = s.cands[:0]
	var total float64
	order := s.order[:0]
	for i := range s.toks {
		total += float64(s.qw[i])
		order = append(order, i)
	}
	// Insertion sort: a handful of parts, and no closure allocation.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && s.post[order[j]] < s.post[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	s.order = order
	need := total
	if floor > 0 && floor < 1 {
		need = total * (2 - 2*floor) / (2 - floor)
	}
	var r float64
	blocker := uint32(0)
	for _, qi := range order {
		if r > need {
			break
		}
		r += float64(s.qw[qi])
		blocker |= 1 << uint(qi)
	}
	for _, e := range s.edges {
		if blocker&(1<<uint(e.qi)) == 0 {
			continue
		}
		for _, n := range ix.vpost[ix.vpostAt[e.v]:ix.vpostAt[e.v+1]] {
			if s.nStamp[n] != s.gen {
				s.nStamp[n] = s.gen
				s.cands = append(s.cands, n)
			}
		}
	}
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
	nr := &px.names[0]
	nr.weight = 0
	for _, v := range px.toks[nr.tok : nr.tok+uint32(nr.ntok)] {
		nr.weight += px.vweight[v]
	}
	s := px.getScratch()
	s.gen = 1
	s.toks = names.AppendNormalize(s.toks[:0], a)
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
			sim, _ := tokenSim(q, px.vocab[v], px.keys[px.vkey[v]])
			if sim == 0 {
				continue
			}
			if s.vStamp[v] != s.gen {
				s.vStamp[v], s.vHead[v] = s.gen, -1
			}
			s.edges = append(s.edges, vedge{v: uint32(v), qi: uint8(qi), sim: float32(sim), next: s.vHead[v]})
			s.vHead[v] = int32(len(s.edges) - 1)
		}
		w := weight(q.Text, own)
		if ix != nil && len(ix.vocab) > 0 && q.Weak {
			w = min(w, ix.maxWeight*weakTokenFactor)
		}
		s.qw = append(s.qw, w)
	}
	s.prepareJoins()
	return round4(px.scoreName(s, nr, 0, nil))
}
