package watchlist

import (
	"math"
	"sort"
	"strings"
)

// The entity index: every name and alias of every listed entity (UN entities, OFAC records that
// are neither individuals, vessels nor aircraft, JSON entries of kind entity), plus, as relations,
// the operators and "Linked To:" parties of listed aircraft. It is built from the same entries as
// the person index and travels in the same snapshot.

// Entity match thresholds. DefaultEntityThreshold was set from the development seed of the
// entity evaluation (the score that keeps innocent organisation names under one alert per
// thousand) with a margin, and checked on the test seed; see docs/SCREENING.md.
const (
	DefaultEntityThreshold = 0.85
	// StrongEntityThreshold: the name is the listed name once legal form, connectives, script and
	// word order are set aside, or one keying slip away from it. Organisation names carry no date
	// of birth or document to confirm them, so the bar is the name itself.
	StrongEntityThreshold = 0.95
)

// Relations of a name in the entity index to its record.
const (
	RelationListed   = "listed"           // the entity's own name or alias
	RelationOperator = "aircraftOperator" // the operator of a listed aircraft
	RelationLinked   = "aircraftLinkedTo" // a party a listed aircraft is linked to
)

type partyName struct {
	entry    int // index into partyIndex.entries
	relation string
	quality  Quality
	full     string
	norm     orgName
	inits    []string // initialisms of runs of 3+ parts
	weight   float64
	lw       []float64 // the weight of each part
}

// partyIndex holds the entities and aircraft of a snapshot.
type partyIndex struct {
	entries  []Entry // entities and aircraft, in input order
	names    []partyName
	byText   map[string][]uint32 // part text -> names
	byKey    map[string][]string // phonetic key -> part texts
	byCyr    map[string][]string // cyrCanon -> part texts, for names written in Cyrillic
	byDel    map[uint64][]string // one-deletion hashes -> part texts
	byJoin   map[string][]uint32 // two adjacent parts joined -> names
	byInit   map[string][]uint32 // initialism of a run of parts, or acronym of the name -> names
	byFirst  map[byte][]string   // first letter -> part texts of fuzzyable parts, for contractions
	contrAt  map[byte][]string   // first letter -> part texts shaped like a contraction (Intl)
	df       map[string]int      // names holding a part with that key
	n        float64
	maxW     float64
	aircraft aircraftIndex
}

// emptyParties is the index of a snapshot without entities (an older snapshot, a persons-only
// JSON list).
var emptyParties = buildParties(nil)

// party is the entity and aircraft index. A loaded snapshot builds it on first use from the
// entries it decoded (partysnap.go); sync.Once keeps that safe under concurrent screening.
func (ix *Index) party() *partyIndex {
	ix.partyOnce.Do(func() {
		if ix.parties == nil && ix.partyEntries != nil {
			ix.parties = buildParties(ix.partyEntries)
		}
		ix.partyEntries = nil
	})
	if ix.parties == nil {
		return emptyParties
	}
	return ix.parties
}

// Entities is the number of listed entities screened against.
func (ix *Index) Entities() int {
	n := 0
	for _, e := range ix.party().entries {
		if e.Kind == Entity {
			n++
		}
	}
	return n
}

// AircraftCount is the number of listed aircraft.
func (ix *Index) AircraftCount() int {
	return len(ix.party().entries) - ix.Entities()
}

// partyEntries keeps the entries the entity and aircraft indexes are built from.
func partyEntries(entries []Entry) []Entry {
	var out []Entry
	for _, e := range entries {
		if e.Kind == Entity || (e.Kind == Aircraft && e.Aircraft != nil) {
			out = append(out, e)
		}
	}
	return out
}

func buildParties(entries []Entry) *partyIndex {
	p := &partyIndex{entries: entries, byText: map[string][]uint32{}, byKey: map[string][]string{}, byCyr: map[string][]string{},
		byDel: map[uint64][]string{}, byJoin: map[string][]uint32{}, byInit: map[string][]uint32{}, df: map[string]int{},
		byFirst: map[byte][]string{}, contrAt: map[byte][]string{}}
	add := func(entry int, rel string, q Quality, full string) {
		nn := normOrg(full)
		if len(nn.Toks) == 0 {
			return
		}
		if q == Weak && len(nn.Toks) < 2 && (nn.Toks[0].Weak || len(nn.Toks[0].Text) < 4) {
			// A one-word low-quality alias that is an industry word or shorter than four letters
			// would alert on every company sharing it; a distinctive one (a brand, KOMID) is
			// how the organisation is known.
			return
		}
		sig := nn.String()
		for i := len(p.names) - 1; i >= 0 && p.names[i].entry == entry; i-- {
			if p.names[i].norm.String() == sig && p.names[i].relation == rel {
				// The same name with another legal form: its acronyms may take the form's
				// initials (MBBA for MIR BIZNES BANK, AO), so they join the kept spelling's.
				for _, a := range nn.Acronyms {
					p.names[i].norm.Acronyms = appendUnique(p.names[i].norm.Acronyms, a)
				}
				return
			}
		}
		p.names = append(p.names, partyName{entry: entry, relation: rel, quality: q, full: full, norm: nn, inits: initialisms(nn.Toks)})
	}
	for i, e := range entries {
		switch e.Kind {
		case Entity:
			for _, n := range e.Names {
				add(i, RelationListed, n.Quality, n.Full)
				if short := withoutParentheses(n.Full); short != n.Full {
					// "HAQQANI NETWORK (HQN)", "BANK X (SCHWEIZ) AG": the bracketed part is an
					// acronym or a qualifier that submitters leave out.
					add(i, RelationListed, n.Quality, short)
				}
			}
		case Aircraft:
			for _, o := range e.Aircraft.Operators {
				add(i, RelationOperator, Strong, o)
			}
			for _, l := range e.Aircraft.LinkedTo {
				add(i, RelationLinked, Strong, l)
			}
		}
	}
	texts := map[string]string{}
	for ni, nm := range p.names {
		seenKey := map[string]bool{}
		for ti, t := range nm.norm.Toks {
			if l := p.byText[t.Text]; len(l) == 0 || l[len(l)-1] != uint32(ni) {
				p.byText[t.Text] = append(p.byText[t.Text], uint32(ni))
			}
			texts[t.Text] = t.Key
			if t.Orig != "" {
				// A misspelt or abbreviated industry word is also found as written, for the
				// abbreviations that begin it (Come. / Comercial).
				if l := p.byText[t.Orig]; len(l) == 0 || l[len(l)-1] != uint32(ni) {
					p.byText[t.Orig] = append(p.byText[t.Orig], uint32(ni))
				}
				texts[t.Orig] = orgKey(t.Orig)
			}
			if !seenKey[t.Key] {
				seenKey[t.Key] = true
				p.df[t.Key]++
			}
			if ti+1 < len(nm.norm.Toks) {
				j := t.Text + nm.norm.Toks[ti+1].Text
				if l := p.byJoin[j]; len(l) == 0 || l[len(l)-1] != uint32(ni) {
					p.byJoin[j] = append(p.byJoin[j], uint32(ni))
				}
			}
		}
		for _, in := range nm.inits {
			if l := p.byInit[in]; len(l) == 0 || l[len(l)-1] != uint32(ni) {
				p.byInit[in] = append(p.byInit[in], uint32(ni))
			}
		}
		for _, in := range nm.norm.Acronyms {
			if l := p.byInit[in]; len(l) == 0 || l[len(l)-1] != uint32(ni) {
				p.byInit[in] = append(p.byInit[in], uint32(ni))
			}
		}
	}
	sorted := make([]string, 0, len(texts))
	for t := range texts {
		sorted = append(sorted, t)
	}
	sort.Strings(sorted)
	for _, t := range sorted {
		k := texts[t]
		p.byKey[k] = append(p.byKey[k], t)
		p.byCyr[cyrCanon(t)] = append(p.byCyr[cyrCanon(t)], t)
		if contractionShape(t) {
			p.contrAt[t[0]] = append(p.contrAt[t[0]], t)
		}
		if fuzzyable(t) {
			p.byFirst[t[0]] = append(p.byFirst[t[0]], t)
			for _, h := range deletionHashes(t) {
				if l := p.byDel[h]; len(l) == 0 || l[len(l)-1] != t {
					p.byDel[h] = append(p.byDel[h], t)
				}
			}
		}
	}
	p.n = float64(len(p.names))
	p.maxW = math.Log(1 + 2*math.Max(p.n, 1))
	for i := range p.names {
		p.names[i].weight = p.nameWeight(p.names[i].norm.Toks)
		p.names[i].lw = make([]float64, len(p.names[i].norm.Toks))
		for j, t := range p.names[i].norm.Toks {
			p.names[i].lw[j] = p.weight(t)
		}
	}
	p.aircraft = buildAircraft(entries)
	return p
}

// fuzzyable: parts of four or more ASCII letters get a one-edit neighbourhood; one edit on a
// shorter part makes another word. It is the persons' rule (deletable) on purpose: the reason is
// the same for a company's words as for a person's.
func fuzzyable(t string) bool { return deletable(t) }

func deletionHashes(t string) []uint64 {
	hs := []uint64{hashStr(t)}
	var buf [64]byte
	for i := 0; i < len(t); i++ {
		b := append(append(buf[:0], t[:i]...), t[i+1:]...)
		hs = append(hs, hashBytes(b))
	}
	return hs
}

// initialisms are the first letters (as written) of every run of three or more consecutive parts
// that are words (not numbers): People's Liberation Army gives "pla".
func initialisms(ts []orgTok) []string {
	var out []string
	for i := 0; i < len(ts); i++ {
		var b strings.Builder
		for j := i; j < len(ts) && j-i < 8; j++ {
			if ts[j].Num {
				break
			}
			b.WriteByte(ts[j].Init)
			if j-i >= 2 {
				out = append(out, b.String())
			}
		}
	}
	return out
}

// weight of one part: its rarity over the indexed names, a fifth for weak parts; a part the lists
// do not have weighs as the rarest.
func (p *partyIndex) weight(t orgTok) float64 {
	w := p.maxW
	if df := p.df[t.Key]; df > 0 {
		w = math.Log(1 + p.n/float64(df))
	}
	if t.Weak {
		w *= weakTokenFactor
	}
	return w
}

func (p *partyIndex) nameWeight(ts []orgTok) float64 {
	s := 0.0
	for _, t := range ts {
		s += p.weight(t)
	}
	return s
}

// withoutParentheses drops bracketed parts of a name; the name itself when nothing is left.
func withoutParentheses(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	out := strings.Join(strings.Fields(b.String()), " ")
	if out == "" {
		return s
	}
	return out
}

// ListedEntity is a listed entity's identity and names, for evaluations and exports.
type ListedEntity struct {
	Source, ID string
	Names      []string // Names[0] is the listed name
}

// ListedEntities returns the listed entities of the index in order (aircraft excluded).
func (ix *Index) ListedEntities() []ListedEntity {
	var out []ListedEntity
	for _, e := range ix.party().entries {
		if e.Kind != Entity {
			continue
		}
		le := ListedEntity{Source: e.Source, ID: e.ID}
		for _, n := range e.Names {
			le.Names = append(le.Names, n.Full)
		}
		out = append(out, le)
	}
	return out
}

// hashStr and hashBytes are 64-bit FNV-1a, inlined so that the entity index hashes name parts
// without allocating (hash/fnv needs a hasher and a []byte per part).
func hashStr(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}
