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

// tokenSim compares a query token with a listed token. It is above zero
// only inside the neighbourhoods retrieval enumerates (retrieve.go), which
// is what makes retrieval complete: a pair this function would credit is
// always found.
//
// qc and tc are the canons (names.Canon) of q and text.
func tokenSim(q names.Token, qc, text, key, tc string) (float64, string) {
	if q.Text == text {
		return 1, "exact"
	}
	if abdRest(q.Text) == text || abdRest(text) == q.Text {
		// ABDUL HANIF for HANIF: "servant of" is added and dropped in
		// the same person's names.
		return compoundSim, "compound"
	}
	ascii := asciiLetters(q.Text) && asciiLetters(text)
	if ascii && names.Squeeze(q.Text) == names.Squeeze(text) {
		// Doubled letters are the commonest keying slip and romanisation
		// choice (ESSA/ESA, ABDELKADDER/ABDELKADER, YYU/YU).
		return squeezeSim, "phonetic"
	}
	if ascii && qc == tc {
		// One sound, two romanisations: vowel length (SALEEM/SALIM,
		// ALEE/ALI), kh/h, w/v, y/i... (names.Canon).
		return squeezeSim, "phonetic"
	}
	if ascii && len(q.Text) >= 3 && len(q.Text) <= 5 && len(q.Text) == len(text) && names.AdjacentSwap(q.Text, text) {
		// Jaro-Winkler cannot see a swap in a short token (SKO/SOK).
		return swapSim, "fuzzy"
	}
	jw := names.JaroWinkler(q.Text, text)
	if q.Key == key && len(key) >= 3 && (!ascii || lcsAtLeast(qc, tc, max(len(qc), len(tc))-2)) {
		// The same consonants, and the vowels differ in at most two
		// places, as romanisations of one name do (Mohammed/Muhammad,
		// Hussein/Hossain). More vowel differences make another name on
		// the same root (Mahmud and Muhammad are both m-h-m-d).
		return math.Max(jw, phoneticSim), "phonetic"
	}
	if qr, tr := abdRest(q.Text), abdRest(text); qr != "" && tr != "" {
		// Two abd compounds: "servant of" is shared, the name after it is
		// the identity (ABD MAWAS is not ABDUL MANAN).
		jw = names.JaroWinkler(qr, tr)
	}
	if len(q.Text) >= 3 && len(text) >= 3 && jw >= minPartial && near(q.Text, qc, q.Key, text, tc, key) {
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
		if far || (l <= 5 && q.Text[0] != text[0]) {
			// In a short part another first letter makes another name
			// (KYONG, YONG, MYONG): typists and clerks rarely get the
			// first letter wrong, and a short part has little else.
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
	vStamp          []uint32
	vHead           []int32
	edges           []vedge
	nStamp          []uint32
	gen             uint32
	cands           []uint32
	pairs           []pair
	qjoin, qjoinKey []string
	qjoinCanon      []string // names.Canon of each qjoin
	best            map[uint32]entryScore
	qcanon          []string // names.Canon of each query part
	vSeen           []uint32 // gen when a listed token was last compared, and with which part
	vSeenQ          []uint8
	poss            []possibility
	readJoin        []bool
	jedges          []vedge    // listed tokens two adjacent query parts (qi, qi+1) resemble
	jnames          []joinName // listed names with two parts one query part resembles
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
		vSeen:  make([]uint32, len(ix.vocab)),
		vSeenQ: make([]uint8, len(ix.vocab)),
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
func (ix *Index) screen(q Query, threshold float64, brute func(*Index, *scratch)) []Match {
	threshold = max(threshold, MinThreshold)
	if ix == nil || len(ix.names) == 0 {
		return nil
	}
	s := ix.getScratch()
	defer ix.pool.Put(s)
	s.gen++
	if s.gen == 0 { // wrapped: stamps from 2^32 queries ago would alias
		clear(s.vStamp)
		clear(s.vSeen)
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
	s.prepareJoins()
	// Evidence can add at most dobConfirms (documents aside), so a name
	// below floor cannot reach threshold.
	// Less a rounding unit: scores are rounded to 4 decimals and compared
	// with the threshold only once rounded.
	floor := threshold - dobConfirms - 1e-4
	if brute != nil {
		brute(ix, s)
		floor = 0
	} else {
		ix.tokenEdges(s)
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
		if sc < threshold-dobConfirms-1e-4 && !docHit {
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
		lookup := func(h uint64) { ix.delLookup(h, add) }
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
			lt := ix.vocab[v]
			if sim := joinedSim(joined, jkey, lt, ix.keys[ix.vkey[v]]); sim > 0 {
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
				sim := joinedSimCanon(joined, s.qjoinCanon[i], a+b, "")
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
				sim := joinedSimCanon(q.Text, s.qcanon[qi], a+b, "")
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

func (ix *Index) delLookup(h uint64, fn func(uint32)) {
	i := ix.delDir.find(ix.delHash, h)
	for ; i < len(ix.delHash) && ix.delHash[i] == h; i++ {
		fn(ix.delVocab[i])
	}
}

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
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].qi != ps[j].qi {
			return ps[i].qi < ps[j].qi
		}
		return ps[i].gain > ps[j].gain
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
			sim, _ := tokenSim(q, names.Canon(q.Text), px.vocab[v], px.keys[px.vkey[v]], px.vcanon[v])
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
