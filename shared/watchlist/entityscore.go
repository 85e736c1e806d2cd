package watchlist

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paxscreen/paxscreen/shared/names"
)

// EntityMatch is one listed entity, or the listed aircraft of one operator or linked party, an
// organisation name may be.
type EntityMatch struct {
	EntryID    string   `json:"entryId"`
	Source     string   `json:"source"`
	Kind       Kind     `json:"kind"` // entity, or aircraft for a relation
	ListedName string   `json:"listedName"`
	Programs   []string `json:"programs,omitempty"`
	// Relation is RelationListed for the entity's own names, RelationOperator or RelationLinked
	// when the name is the operator of, or a party linked to, listed aircraft.
	Relation    string            `json:"relation"`
	Score       float64           `json:"score"`
	Strong      bool              `json:"strong"`
	Explanation EntityExplanation `json:"explanation"`
}

// EntityExplanation shows how an organisation name met a listed one.
type EntityExplanation struct {
	Query       string       `json:"query"` // the query as normalised
	MatchedName string       `json:"matchedName"`
	NameQuality Quality      `json:"nameQuality"`
	Parts       []EntityPart `json:"parts"`
	// Unmatched parts of either name (omitted when empty).
	UnmatchedQuery  []string `json:"unmatchedQuery,omitempty"`
	UnmatchedListed []string `json:"unmatchedListed,omitempty"`
	// Legal forms set aside on either side; a different one on each costs legalFormDiffers.
	QueryLegalForms  []string `json:"queryLegalForms,omitempty"`
	ListedLegalForms []string `json:"listedLegalForms,omitempty"`
	// Aircraft are the listed aircraft (entry id and registration or MSN) of a relation match.
	Aircraft []string `json:"aircraft,omitempty"`
	Why      string   `json:"why"`
}

// EntityPart is one aligned pair of parts: how is exact, doubled, phonetic, fuzzy, joined or
// initialism.
type EntityPart struct {
	Query      string  `json:"query"`
	Listed     string  `json:"listed"`
	How        string  `json:"how"`
	Similarity float64 `json:"similarity"`
	Weight     float64 `json:"weight"`
}

// legalFormDiffers is the cost of two different stated legal forms: a GmbH and an AG of one name
// are often two companies of one group, but a listed company re-registered under another form is
// the evasion this screening is for, so the cost is small.
const legalFormDiffers = 0.03

// maxRelationAircraft bounds the aircraft named in one relation match's explanation.
const maxRelationAircraft = 12

// ScreenEntity screens an organisation name against the listed entities and the operators and
// linked parties of listed aircraft. Matches scoring at least threshold (DefaultEntityThreshold
// when zero or less) come best first, then by source and entry id; the relations of one party
// to many aircraft come as one match naming the aircraft.
func (ix *Index) ScreenEntity(name string, threshold float64) []EntityMatch {
	if threshold <= 0 {
		threshold = DefaultEntityThreshold
	}
	p := ix.party()
	q := normOrg(name)
	if len(q.Toks) == 0 || len(p.names) == 0 {
		return nil
	}
	qw := make([]float64, len(q.Toks))
	for i, t := range q.Toks {
		qw[i] = p.weight(t)
	}
	best := map[int]scored{}
	relations := map[string][]scored{}
	for _, ni := range p.candidates(q, qw, threshold) {
		nm := &p.names[ni]
		s := p.scoreFrom(q, qw, nm, int(ni), threshold)
		if s.score < threshold {
			continue
		}
		if nm.relation != RelationListed {
			// One party operating or linked to many aircraft is one match naming them.
			k := nm.norm.String()
			relations[k] = append(relations[k], s)
			continue
		}
		if b, ok := best[nm.entry]; !ok || s.score > b.score || (s.score == b.score && int(ni) < b.name) {
			best[nm.entry] = s
		}
	}
	var out []EntityMatch
	for _, s := range best {
		out = append(out, p.match(s, nil))
	}
	for _, ss := range relations {
		// The operator relation first: it says who flies the aircraft. Each aircraft once.
		sort.Slice(ss, func(i, j int) bool {
			ri, rj := p.names[ss[i].name].relation, p.names[ss[j].name].relation
			if ri != rj {
				return ri == RelationOperator
			}
			return ss[i].name < ss[j].name
		})
		var uniq []scored
		seenEntry := map[int]bool{}
		for _, x := range ss {
			if e := p.names[x.name].entry; !seenEntry[e] {
				seenEntry[e] = true
				uniq = append(uniq, x)
			}
		}
		out = append(out, p.match(uniq[0], uniq))
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if (a.Relation == RelationListed) != (b.Relation == RelationListed) {
			return a.Relation == RelationListed // the listing itself before what it operates
		}
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.EntryID != b.EntryID {
			return a.EntryID < b.EntryID
		}
		return a.Relation < b.Relation
	})
	return out
}

// CompareOrganisations scores two organisation names against each other with the index's part
// weights, as ScreenEntity would score them: for labelled pairs.
func (ix *Index) CompareOrganisations(a, b string) float64 {
	p := ix.party()
	q, l := normOrg(a), normOrg(b)
	if len(q.Toks) == 0 || len(l.Toks) == 0 {
		return 0
	}
	qw := make([]float64, len(q.Toks))
	for i, t := range q.Toks {
		qw[i] = p.weight(t)
	}
	nm := &partyName{norm: l, inits: initialisms(l.Toks), weight: p.nameWeight(l.Toks), quality: Primary}
	return p.score(q, qw, nm, -1).score
}

type scored struct {
	name  int
	score float64
	expl  EntityExplanation
}

func (p *partyIndex) match(s scored, group []scored) EntityMatch {
	nm := &p.names[s.name]
	e := &p.entries[nm.entry]
	m := EntityMatch{EntryID: e.ID, Source: e.Source, Kind: e.Kind, ListedName: e.ListedName(), Programs: e.Programs,
		Relation: nm.relation, Score: s.score, Strong: s.score >= StrongEntityThreshold, Explanation: s.expl}
	switch nm.relation {
	case RelationListed:
		m.Explanation.Why = "the name matches a listed entity"
		if nm.quality != Primary {
			m.Explanation.Why = "the name matches an alias of a listed entity"
		}
	default:
		m.ListedName = nm.full
		what := "the operator"
		if nm.relation == RelationLinked {
			what = "a party linked to"
		}
		// The entry's programs are shared by every screen: the relation's union is built on a
		// copy, or one screen's append would write into another's result.
		m.Programs = slices.Clone(e.Programs)
		n := 0
		for _, g := range group {
			ge := &p.entries[p.names[g.name].entry]
			if n < maxRelationAircraft {
				m.Explanation.Aircraft = append(m.Explanation.Aircraft, ge.ID+" "+ge.ListedName())
			}
			n++
			for _, prog := range ge.Programs {
				m.Programs = appendUnique(m.Programs, prog)
			}
		}
		m.Explanation.Why = "the name matches " + what + " of " + plural(n, "listed aircraft", "listed aircraft")
	}
	return m
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// candidates are the names sharing a similar part with the query, found through the postings:
// the same text, the same phonetic key, one edit apart (one-deletion hashes), two adjacent parts
// joined on either side, or an initialism on either side. Every name with a part pair that
// orgSim scores above zero is among them; weak parts are looked up only when the query's weak
// parts alone could reach the floor.
func (p *partyIndex) candidates(q orgName, qw []float64, threshold float64) []uint32 {
	strongW, weakW := 0.0, 0.0
	for i, t := range q.Toks {
		if t.Weak {
			weakW += qw[i]
		} else {
			strongW += qw[i]
		}
	}
	// A name matching only weak query parts scores at most 2w/(2w + s/2) (the query's strong
	// parts unmatched at half cost when the listed name is wholly matched).
	useWeak := strongW == 0 || 2*weakW/(2*weakW+strongW/2) >= threshold-legalFormDiffers
	seen := map[uint32]bool{}
	var out []uint32
	skipWeak := false // set while looking up a weak query part that alone cannot reach the floor
	addText := func(tx string) {
		if skipWeak && weakText(tx) {
			// Weak against weak (air / airways) is bounded above; a weak query part meeting a
			// listed part that is not weak (Trading / TDG) is looked up like any other.
			return
		}
		for _, id := range p.byText[tx] {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	addNames := func(ids []uint32) {
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	for i, t := range q.Toks {
		skipWeak = false
		if i+1 < len(q.Toks) {
			// Joined parts count in full whatever their weight: AL HARAMAYN / ALHARAMAYN.
			addText(t.Text + q.Toks[i+1].Text)
		}
		skipWeak = t.Weak && !useWeak
		addText(t.Text)
		if !t.Num {
			for _, tx := range p.byKey[t.Key] {
				addText(tx)
			}
			// Transcribed either way (a Latin query, a listed name in Cyrillic, or the reverse).
			for _, tx := range p.byCyr[cyrCanon(t.Text)] {
				addText(tx)
			}
			if fuzzyable(t.Text) {
				for _, h := range deletionHashes(t.Text) {
					for _, tx := range p.byDel[h] {
						addText(tx)
					}
				}
			}
			if !skipWeak {
				addNames(p.byJoin[t.Text])
				addNames(p.byInit[t.Text])
			}
			for _, x := range []string{t.Text, t.Orig} {
				if x == "" || !(contractionShape(x) || fuzzyable(x)) {
					continue
				}
				// Abbreviations either way: scan the parts with the same first letter.
				for _, list := range [][]string{p.byFirst[x[0]], p.contrAt[x[0]]} {
					for _, tx := range list {
						if abbreviation(x, tx) || abbreviation(tx, x) {
							addText(tx)
						}
					}
				}
			}
		}
	}
	skipWeak = false
	for _, in := range initialisms(q.Toks) {
		addText(in)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// weakText reports whether a part text is an industry class or an article: the weak parts.
func weakText(t string) bool {
	if t == "al" || t == "el" {
		return true
	}
	_, ok := weakClasses[t]
	return ok
}

var weakClasses = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range industryClass {
		m[c] = true
	}
	return m
}()

// orgSim is the similarity of two parts, with how they agree: identical; equal once doubled
// letters are single; the same phonetic key (romanisation variants); one edit or one adjacent
// swap apart in parts of four letters or more (one keying slip). Numbers agree only when equal.
func orgSim(q, l orgTok) (float64, string) {
	switch {
	case q.Text == l.Text:
		return 1, "exact"
	case q.Num || l.Num:
		return 0, ""
	case (q.Cyr || l.Cyr) && q.Cyr != l.Cyr && len(q.Text) >= 2 && len(l.Text) >= 2 && cyrCanon(q.Text) == cyrCanon(l.Text):
		// The same Latin word written in Cyrillic and romanised back (Crown / Кровн).
		return 0.97, "transliterated"
	case names.SqueezedEqual(q.Text, l.Text):
		return 0.95, "doubled"
	case q.Key == l.Key && len(q.Text) >= 3 && len(l.Text) >= 3 && hasVowel(q.Text) && hasVowel(l.Text) &&
		(len(q.Key) >= 3 || names.JaroWinkler(q.Text, l.Text) >= 0.88):
		// A skeleton of two consonants is shared by too many words (Moreau, Meamar) to count
		// without the spelling agreeing too; a part without vowels is an acronym, not a
		// pronounced word, and phonetics say nothing about it (Costa, KCST). Company names are
		// mostly registered in Latin letters, so a shared skeleton counts for less than in
		// personal names: the spelling's own similarity, at least 0.80 (Pharma is not Farm).
		return math.Max(names.JaroWinkler(q.Text, l.Text), 0.80), "phonetic"
	case fuzzyable(q.Text) && fuzzyable(l.Text) && (len(q.Text) >= 6 || q.Text[0] == l.Text[0]) &&
		abs(len(q.Text)-len(l.Text)) <= 1 && (names.AdjacentSwap(q.Text, l.Text) || names.EditDistance(q.Text, l.Text) == 1):
		// Keying slips rarely touch the first letter of a short word (Amal is not Ramal).
		return math.Min(math.Max(names.JaroWinkler(q.Text, l.Text), 0.82), 0.94), "fuzzy"
	case q.Abbrev && cut(q.written(), l.written()):
		return cutSim(len(q.written())), "abbreviated"
	case l.Abbrev && cut(l.written(), q.written()):
		return cutSim(len(l.written())), "abbreviated"
	case contraction(q.Text, l.Text):
		return contractionSim(len(q.Text)), "abbreviated"
	case contraction(l.Text, q.Text):
		return contractionSim(len(l.Text)), "abbreviated"
	}
	return 0, ""
}

// written is the part as written: the abbreviation itself when it was read as an industry word.
func (t orgTok) written() string {
	if t.Orig != "" {
		return t.Orig
	}
	return t.Text
}

// cutSim is the similarity of a word cut with a full stop to the word it begins, by the letters
// kept: the writer declares the cut, and the longer it is the fewer words it can begin (company
// names share three-letter beginnings by the thousand, six-letter ones rarely).
func cutSim(kept int) float64 {
	switch {
	case kept <= 4:
		return 0.85
	case kept == 5:
		return 0.88
	}
	return 0.9
}

// contractionSim is the similarity of a contraction to its word: three consonants are as
// unspecific as a three-letter acronym (DHL, CNN and MSF each contract some listed word), so
// they count as one (acronymSim); four letters or more, 0.85.
func contractionSim(n int) float64 { return math.Min(acronymSim(n), 0.85) }

// contraction reports whether a is the usual English contraction of b: the first and the last
// letter kept, consonants in between in order, at most one vowel (none in three letters), at
// least two letters shorter (Natl for National, Mgmt for Management, Mfg for Manufacturing).
func contraction(a, b string) bool {
	if len(b) < len(a)+2 || !contractionShape(a) || a[0] != b[0] || a[len(a)-1] != b[len(b)-1] || !fuzzyable(b) {
		return false
	}
	if len(a) == 3 && strings.ContainsAny(a, "aeiou") {
		return false
	}
	j := 0
	for i := 0; i < len(b) && j < len(a); i++ {
		if b[i] == a[j] {
			j++
		}
	}
	return j == len(a)
}

// cut reports whether a, written with a full stop, is the beginning of b: three letters or
// more of a word at least two letters longer (Gen. General, Manuf. Manufacturing).
func cut(a, b string) bool {
	return len(a) >= 3 && len(b) >= len(a)+2 && strings.HasPrefix(b, a) && fuzzyable(b)
}

// abbreviation: a cut or a contraction, for retrieval (which does not know how a was written).
func abbreviation(a, b string) bool { return cut(a, b) || contraction(a, b) }

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

// contractionShape: three or more ASCII letters with at most one vowel.
func contractionShape(a string) bool {
	if len(a) < 3 || len(a) > 8 {
		return false
	}
	vowels := 0
	for i := 0; i < len(a); i++ {
		switch a[i] {
		case 'a', 'e', 'i', 'o', 'u':
			vowels++
		}
		if a[i] < 'a' || a[i] > 'z' {
			return false
		}
	}
	return vowels <= 1
}

// initialismSim: an acronym is worth more the longer it is: three letters name thousands of
// organisations (26^3 combinations), five almost one.
func initialismSim(n int) float64 {
	switch {
	case n <= 3:
		return 0.7
	case n == 4:
		return 0.8
	}
	return 0.9
}

// pairing is a candidate alignment of query parts qi..qi+qn-1 with listed parts lj..lj+ln-1.
type pairing struct {
	qi, qn, lj, ln int
	sim            float64
	how            string
}

// score aligns the two names one to one in any order, best pairs first, and returns the share
// of both names' weight that the aligned pairs explain. When one name is wholly matched, the
// other's extra parts cost half: organisations are often written with or without a
// qualifier (Deutsche Bank / Deutsche Bank (Schweiz)).
func (p *partyIndex) score(q orgName, qw []float64, nm *partyName, ni int) scored {
	return p.scoreFrom(q, qw, nm, ni, 0)
}

// scoreFrom is score, with the explanation written only when the score reaches floor.
func (p *partyIndex) scoreFrom(q orgName, qw []float64, nm *partyName, ni int, floor float64) scored {
	l := nm.norm
	lw := nm.lw
	if lw == nil {
		lw = make([]float64, len(l.Toks))
		for j, t := range l.Toks {
			lw[j] = p.weight(t)
		}
	}
	// A listed name with one distinctive part (the rest industry words, articles or legal forms)
	// is identified by that part alone. A near spelling of it (one edit, a shared phonetic
	// skeleton) is then much weaker evidence than in a long name, where the other parts agree:
	// a short distinctive word has many near neighbours among company names (Aman / Amani /
	// Amal). The same holds for the part carrying most of the name's distinctive weight (Noor in
	// NOOR ENERGY: Energy is shared by many companies). The shortfall of such a pair from 1
	// counts double.
	distinct, distinctW := 0, 0.0
	for j, t := range l.Toks {
		if !t.Weak {
			distinct++
			distinctW += lw[j]
		}
	}
	var ps []pairing
	for i, qt := range q.Toks {
		for j, lt := range l.Toks {
			if s, how := orgSim(qt, lt); s > 0 {
				if !lt.Weak && (distinct == 1 || lw[j] > distinctW/2) && (how == "phonetic" || how == "fuzzy") {
					s = math.Max(0.01, 1-2*(1-s))
				}
				ps = append(ps, pairing{i, 1, j, 1, s, how})
			}
		}
	}
	// Joins: MAHANAIR / Mahan Air, ALQAIDA / al-Qaida.
	for i := 0; i+1 < len(q.Toks); i++ {
		j2 := q.Toks[i].Text + q.Toks[i+1].Text
		for j, lt := range l.Toks {
			if lt.Text == j2 {
				ps = append(ps, pairing{i, 2, j, 1, 0.95, "joined"})
			}
		}
	}
	for j := 0; j+1 < len(l.Toks); j++ {
		j2 := l.Toks[j].Text + l.Toks[j+1].Text
		for i, qt := range q.Toks {
			if qt.Text == j2 {
				ps = append(ps, pairing{i, 1, j, 2, 0.95, "joined"})
			}
		}
	}
	// Initialisms: IRGC / Islamic Revolutionary Guard Corps.
	initRuns := func(ts []orgTok, fn func(at, n int, s string)) {
		for a := 0; a < len(ts); a++ {
			var b strings.Builder
			for k := a; k < len(ts) && k-a < 8 && !ts[k].Num; k++ {
				b.WriteByte(ts[k].Init)
				if k-a >= 2 {
					fn(a, k-a+1, b.String())
				}
			}
		}
	}
	initRuns(l.Toks, func(at, n int, s string) {
		for i, qt := range q.Toks {
			if qt.Text == s {
				ps = append(ps, pairing{i, 1, at, n, initialismSim(n), "initialism"})
			}
		}
	})
	initRuns(q.Toks, func(at, n int, s string) {
		for j, lt := range l.Toks {
			if lt.Text == s {
				ps = append(ps, pairing{at, n, j, 1, initialismSim(n), "initialism"})
			}
		}
	})
	// A query part that is an acronym of the whole listed name: SEMT / Saksouk Exchange and
	// Money Transfer Company. The reverse (a name written out against a listed acronym, HQN) is
	// left to the initialisms of runs above and scores less: a listed acronym is a name of its
	// own (STEP A.S., NATA), and the many acronyms of an innocent name written out would spell
	// some of them (Silver Trust Energy PLC, STEP) though the organisation says no such thing.
	for _, a := range l.Acronyms {
		for i, qt := range q.Toks {
			if qt.Text == a {
				ps = append(ps, pairing{i, 1, 0, len(l.Toks), acronymSim(len(a)), "acronym"})
			}
		}
	}
	sum := func(w []float64, at, n int) float64 {
		s := 0.0
		for k := at; k < at+n; k++ {
			s += w[k]
		}
		return s
	}
	sort.SliceStable(ps, func(a, b int) bool {
		x, y := ps[a], ps[b]
		if x.sim != y.sim {
			return x.sim > y.sim
		}
		wx, wy := sum(qw, x.qi, x.qn)+sum(lw, x.lj, x.ln), sum(qw, y.qi, y.qn)+sum(lw, y.lj, y.ln)
		if wx != wy {
			return wx > wy
		}
		if x.qi != y.qi {
			return x.qi < y.qi
		}
		return x.lj < y.lj
	})
	usedQ := make([]bool, len(q.Toks))
	usedL := make([]bool, len(l.Toks))
	free := func(used []bool, at, n int) bool {
		for k := at; k < at+n; k++ {
			if used[k] {
				return false
			}
		}
		return true
	}
	var num, den float64
	var chosen []pairing
	for _, pr := range ps {
		if !free(usedQ, pr.qi, pr.qn) || !free(usedL, pr.lj, pr.ln) {
			continue
		}
		for k := pr.qi; k < pr.qi+pr.qn; k++ {
			usedQ[k] = true
		}
		for k := pr.lj; k < pr.lj+pr.ln; k++ {
			usedL[k] = true
		}
		w := sum(qw, pr.qi, pr.qn) + sum(lw, pr.lj, pr.ln)
		num += pr.sim * w
		den += w
		chosen = append(chosen, pr)
	}
	var restQ, restL, weakQ, weakL float64
	for i, u := range usedQ {
		if !u {
			restQ += qw[i]
			if q.Toks[i].Weak {
				weakQ += qw[i]
			}
		}
	}
	for j, u := range usedL {
		if !u {
			restL += lw[j]
			if l.Toks[j].Weak {
				weakL += lw[j]
			}
		}
	}
	if weakQ > 0 && weakL > 0 {
		// Industry words are weak because they are added and dropped; two different ones, one
		// on each side (Cargo / Logistics), state different businesses: a contradiction costs
		// what an ordinary part costs.
		restQ += weakQ * (1/weakTokenFactor - 1)
		restL += weakL * (1/weakTokenFactor - 1)
	}
	switch {
	case restQ == 0:
		restL /= 2
	case restL == 0:
		restQ /= 2
	}
	total := den + restQ + restL
	s := 0.0
	if total > 0 {
		s = num / total
	}
	if len(q.Legal) > 0 && len(l.Legal) > 0 && !sameLegal(q.Legal, l.Legal) {
		s -= legalFormDiffers
	}
	if nm.quality == Weak {
		s *= 0.9
	}
	out := scored{name: ni, score: round4(math.Max(0, math.Min(1, s)))}
	if out.score < floor {
		return out // not shown: the explanation is not written
	}
	ex := EntityExplanation{Query: q.String(), MatchedName: nm.full, NameQuality: nm.quality,
		QueryLegalForms: q.Legal, ListedLegalForms: l.Legal}
	for _, pr := range chosen {
		w := sum(qw, pr.qi, pr.qn) + sum(lw, pr.lj, pr.ln)
		ex.Parts = append(ex.Parts, EntityPart{Query: joinTexts(q.Toks[pr.qi : pr.qi+pr.qn]), Listed: joinTexts(l.Toks[pr.lj : pr.lj+pr.ln]),
			How: pr.how, Similarity: round4(pr.sim), Weight: round4(w / total)})
	}
	for i, u := range usedQ {
		if !u {
			ex.UnmatchedQuery = append(ex.UnmatchedQuery, q.Toks[i].Text)
		}
	}
	for j, u := range usedL {
		if !u {
			ex.UnmatchedListed = append(ex.UnmatchedListed, l.Toks[j].Text)
		}
	}
	out.expl = ex
	return out
}

func joinTexts(ts []orgTok) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// sameLegal: legal forms that mean the same (OAO and Open Joint Stock Company) are not a
// difference. Forms are compared by their family.
func sameLegal(a, b []string) bool {
	fa, fb := map[string]bool{}, map[string]bool{}
	for _, x := range a {
		fa[legalFamily(x)] = true
	}
	for _, x := range b {
		if fa[legalFamily(x)] {
			return true
		}
		fb[legalFamily(x)] = true
	}
	return false
}

// legalFamily groups legal forms that are translations or abbreviations of one another.
func legalFamily(f string) string {
	switch f {
	case "llc", "limited liability company", "ooo", "obshchestvo s ogranichennoi otvetstvennostiu", "tov", "too", "gmbh",
		"gesellschaft mit beschrankter haftung", "sarl", "srl", "sl", "ltda", "fz llc", "fzllc", "wll":
		return "llc"
	case "ltd", "limited", "limited company", "company limited", "private limited", "pvt", "pte", "pty", "co", "inc",
		"incorporated", "corp", "corporation", "bv", "sdn bhd", "bhd":
		return "ltd"
	case "jsc", "ojsc", "cjsc", "pjsc", "oao", "zao", "pao", "ao", "jsco", "ojsco", "joint stock company",
		"open joint stock company", "closed joint stock company", "public joint stock company", "aktsionernoe obshchestvo",
		"otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo", "publichnoe aktsionernoe obshchestvo",
		"ag", "aktiengesellschaft", "sa", "societe anonyme", "sociedad anonima", "spa", "societa per azioni", "nv", "as",
		"plc", "public limited company", "tbk", "pt", "asa", "oyj", "ab":
		return "stock"
	case "fze", "fzco", "fzc":
		return "fze"
	}
	return f
}
