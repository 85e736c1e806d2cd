package watchlist

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/paxscreen/paxscreen/shared/names"
)

// SourceInfo describes one list in an index.
type SourceInfo struct {
	Name        string `json:"name"`
	Entries     int    `json:"entries"`     // all records read, entities included
	Individuals int    `json:"individuals"` // records screened as persons
}

// Index is the screening index over the individuals of one or more lists.
// It is immutable once built and safe for concurrent use.
type Index struct {
	version string
	sources []SourceInfo

	entries []entryRec
	names   []nameRec
	toks    []uint32 // vocabulary ids; each name's run is names[i].tok..+ntok

	vocab   []string  // normalised tokens, sorted
	vkey    []uint32  // key id of each vocabulary token
	vweight []float32 // rarity weight of each token (weak tokens already down-weighted)
	vpost   []uint32  // postings: vocabulary id -> name ids, as vpostAt offsets
	vpostAt []uint32  // len(vocab)+1 offsets into vpost
	// vpostDates[k] is the dates of name vpost[k] (nameDates): read in
	// posting order, where nameW would be read all over memory, for the
	// test that drops most postings of a common part.
	vpostDates []nameDates

	keys     []string // phonetic keys, sorted
	kvocab   []uint32 // key id -> vocabulary ids, as kvocabAt offsets
	kvocabAt []uint32

	delHash  []uint64 // sorted hashes of tokens and their one-deletion variants
	delVocab []uint32 // vocabulary id for each delHash

	maxWeight float32 // weight of a token no list has

	parties *partyIndex // entities and aircraft (entity.go), stored after the persons
	// partyEntries are the decoded entities and aircraft of a loaded
	// snapshot until party() builds parties from them, once.
	partyEntries []Entry
	partyOnce    sync.Once
	joinHash     []uint64 // sorted hashes of adjacent listed parts written as one (retrieve.go)
	joinRef      []uint32 // name<<4 | position of the pair's first part

	// Each listed part's edges and joins as a query part, found once on
	// Build (vocabedges.go) and stored: vocabulary id -> listed tokens and
	// their similarity (vedgeAt offsets into vedgeV, vedgeSim), its weight
	// as a query part before the weak-token factor (vqw), and the names
	// with two adjacent parts it resembles written as one (vjoinAt offsets
	// into vjoinRef, name<<4 | position, and vjoinSim).
	vedgeAt  []uint32
	vedgeV   []uint32
	vedgeSim []float32
	vqw      []float32
	vjoinAt  []uint32
	vjoinRef []uint32
	vjoinSim []float32

	// Derived on Build and Load, not stored (retrieve.go).
	maxVocabW  float32   // largest weight of a listed token
	maxLetterW float32   // largest weight of a one-letter listed token
	vcanon     []string  // romanisation canon of each vocabulary token
	tinfo      []tokInfo // beside toks: what the alignment's cheap tests read of each part
	// tjcanon, beside toks, is names.Canon of a part and the next written
	// as one, for the joins and shifts that compare it (computed once on
	// Build and Load, where the alignment computed it per candidate); ""
	// for a last part or a pair no join compares, which joinedSim
	// computes itself. Apart from tinfo, which it would double: the bound
	// reads tinfo for every candidate, the joins this for a few.
	tjcanon []string
	nameW   []nameWeights // beside names, for candidates (deriveNameWeights)
	// entryDOB[entryDOBAt[e]:entryDOBAt[e+1]] is entry e's dates of birth,
	// for dobBonus, asked of every entry a query's candidates belong to:
	// read from two short arrays rather than through each entry's record
	// and its slice of dates, two cache misses an entry.
	entryDOB   []packedDOB
	entryDOBAt []uint32
	delDir     hashDir // directories over delHash and joinHash
	joinDir    hashDir

	// Built on load, not stored.
	vocabID     map[string]uint32
	keyID       map[string]uint32
	docs        map[string][]uint32 // normalised document number -> entries
	entryNameAt []uint32            // entry -> its first name; names are stored by entry
	pool        sync.Pool
	memo        partMemo // the edges of query parts no list holds, as met
}

type entryRec struct {
	id, source, listed string
	dobs               []DOB
	nats               []string
	docs               []Document
}

type nameRec struct {
	entry   uint32
	tok     uint32
	ntok    uint8
	quality Quality
	full    string
	weight  float32 // sum of the token weights
}

// nameWeights is what the per-name retrieval bound (candidates) and the
// scoring of a candidate read of a name, kept apart from nameRec so that
// the few hundred names a query tests are read from a short array, one
// record each: the name's weight, the sum and the largest of the weights
// of its parts distantSim compares (distantPart), a summary of its entry's
// dates of birth, and nameRec's fields but the written name (copied; of
// the quality, whether it is Weak, all that scoring asks).
type nameWeights struct {
	weight, distW, distMax float32
	entry, tok             uint32
	ntok                   uint8
	weak                   bool // quality Weak
	nameDates
}

// packedDOB is a listed DOB in 8 bytes rather than 40 (entryDOB). Every
// listed date is valid (the parsers and Load refuse others), so its year
// and month and day fit exactly.
type packedDOB struct {
	year, yearTo int16
	month, day   uint8
	circa        bool
}

func packDOB(d DOB) packedDOB {
	return packedDOB{int16(d.Year), int16(d.YearTo), uint8(d.Month), uint8(d.Day), d.Circa}
}

func (p packedDOB) dob() DOB {
	return DOB{Year: int(p.year), Month: int(p.month), Day: int(p.day), YearTo: int(p.yearTo), Circa: p.circa}
}

// nameDates sums up the entry's listed dates of birth, for the test
// candidates makes before anything else (datesRuleOut): the years outside
// which each rules a query's date out but for a typo of the year (widened
// by one year for near, by a range and by circa), and the month and day of
// its full dates (0 none, mdMany more than one).
type nameDates struct {
	ylo, yhi int16 // listed years are valid (DOB.valid): far inside
	md       uint16
	dated    bool
}

// mdMany in nameWeights.md: the entry lists full dates on more than one
// day of the year.
const mdMany = math.MaxUint16

// weakTokenFactor down-weights honorifics and particles: present, but
// worth a fifth of an ordinary name part.
const weakTokenFactor = 0.2

// Build indexes the individuals of entries (entities, vessels and aircraft
// are counted per source but not indexed: only persons are screened). The
// result is deterministic: the same entries give the same Version.
func Build(entries []Entry) *Index {
	ix := &Index{}
	srcIdx := map[string]int{}
	type pending struct {
		entry   uint32
		quality Quality
		full    string
		toks    []names.Token
	}
	var pend []pending
	for _, e := range entries {
		si, ok := srcIdx[e.Source]
		if !ok {
			si = len(ix.sources)
			srcIdx[e.Source] = si
			ix.sources = append(ix.sources, SourceInfo{Name: e.Source})
		}
		ix.sources[si].Entries++
		if e.Kind != Individual {
			continue
		}
		ix.sources[si].Individuals++
		eid := uint32(len(ix.entries))
		rec := entryRec{id: e.ID, source: e.Source, listed: e.ListedName(), dobs: e.DatesOfBirth, nats: e.Nationalities, docs: e.Documents}
		ix.entries = append(ix.entries, rec)
		seen := map[string]bool{}
		for _, n := range e.Names {
			toks := names.Normalize(n.Full)
			if len(toks) == 0 {
				continue
			}
			if n.Quality == Weak && len(toks) < 2 {
				// A one-word low-quality alias (a nickname, a call sign) would
				// alert on every passenger who shares the word.
				continue
			}
			sig := tokenSig(toks)
			if seen[sig] {
				continue
			}
			seen[sig] = true
			pend = append(pend, pending{entry: eid, quality: n.Quality, full: n.Full, toks: toks})
		}
	}
	sort.SliceStable(ix.sources, func(i, j int) bool { return ix.sources[i].Name < ix.sources[j].Name })

	// Vocabulary and keys.
	vocabSet := map[string]string{}
	for _, p := range pend {
		for _, t := range p.toks {
			vocabSet[t.Text] = t.Key
		}
	}
	ix.vocab = make([]string, 0, len(vocabSet))
	for t := range vocabSet {
		ix.vocab = append(ix.vocab, t)
	}
	sort.Strings(ix.vocab)
	keySet := map[string]bool{}
	for _, k := range vocabSet {
		keySet[k] = true
	}
	ix.keys = make([]string, 0, len(keySet))
	for k := range keySet {
		ix.keys = append(ix.keys, k)
	}
	sort.Strings(ix.keys)
	ix.buildMaps()
	ix.vkey = make([]uint32, len(ix.vocab))
	for i, t := range ix.vocab {
		ix.vkey[i] = ix.keyID[vocabSet[t]]
	}

	// Names, postings and document frequencies (per key, so that all the
	// spellings of Muhammad count as one common name).
	vpost := make([][]uint32, len(ix.vocab))
	keyDF := make([]int, len(ix.keys))
	for ni, p := range pend {
		nr := nameRec{entry: p.entry, tok: uint32(len(ix.toks)), ntok: uint8(len(p.toks)), quality: p.quality, full: p.full}
		seenKey := map[uint32]bool{}
		for _, t := range p.toks {
			v := ix.vocabID[t.Text]
			ix.toks = append(ix.toks, v)
			if l := vpost[v]; len(l) == 0 || l[len(l)-1] != uint32(ni) {
				vpost[v] = append(vpost[v], uint32(ni))
			}
			if k := ix.vkey[v]; !seenKey[k] {
				seenKey[k] = true
				keyDF[k]++
			}
		}
		ix.names = append(ix.names, nr)
	}
	n := float64(len(ix.names))
	ix.maxWeight = float32(math.Log(1 + 2*n))
	ix.vweight = make([]float32, len(ix.vocab))
	for v, t := range ix.vocab {
		w := float32(math.Log(1 + n/float64(keyDF[ix.vkey[v]])))
		if names.IsWeak(t) {
			w *= weakTokenFactor
		}
		ix.vweight[v] = w
	}
	for i := range ix.names {
		nr := &ix.names[i]
		for _, v := range ix.toks[nr.tok : nr.tok+uint32(nr.ntok)] {
			nr.weight += ix.vweight[v]
		}
	}
	ix.vpostAt = make([]uint32, 0, len(vpost)+1)
	for _, l := range vpost {
		ix.vpostAt = append(ix.vpostAt, uint32(len(ix.vpost)))
		ix.vpost = append(ix.vpost, l...)
	}
	ix.vpostAt = append(ix.vpostAt, uint32(len(ix.vpost)))

	kv := make([][]uint32, len(ix.keys))
	for v := range ix.vocab {
		kv[ix.vkey[v]] = append(kv[ix.vkey[v]], uint32(v))
	}
	for _, l := range kv {
		ix.kvocabAt = append(ix.kvocabAt, uint32(len(ix.kvocab)))
		ix.kvocab = append(ix.kvocab, l...)
	}
	ix.kvocabAt = append(ix.kvocabAt, uint32(len(ix.kvocab)))

	// One-deletion neighbourhood of every token long enough for it to
	// mean something: a query token within one edit (or one transposition)
	// of a listed token shares a hash with it.
	type dv struct {
		h uint64
		v uint32
	}
	var dels []dv
	for v, t := range ix.vocab {
		tokenHashes(t, ix.keys[ix.vkey[v]], func(h uint64) { dels = append(dels, dv{h, uint32(v)}) })
	}
	sort.Slice(dels, func(i, j int) bool {
		if dels[i].h != dels[j].h {
			return dels[i].h < dels[j].h
		}
		return dels[i].v < dels[j].v
	})
	for i, d := range dels {
		if i > 0 && d == dels[i-1] {
			continue
		}
		ix.delHash = append(ix.delHash, d.h)
		ix.delVocab = append(ix.delVocab, d.v)
	}
	ix.buildDocs()
	ix.parties = buildParties(partyEntries(entries))
	ix.buildJoins()
	ix.derive()
	ix.deriveNameWeights()
	ix.vocabEdges()
	ix.version = ix.contentHash()
	return ix
}

// tokenSig identifies a name by its normalised tokens, so that spellings
// that normalise alike are indexed once.
func tokenSig(toks []names.Token) string {
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.Text)
		b.WriteByte(' ')
	}
	return b.String()
}

// deletable reports whether a token gets a deletion neighbourhood: ASCII
// and at least four letters, since one edit on a shorter token makes a
// different name.
func deletable(t string) bool {
	if len(t) < 4 || len(t) > 40 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return true
}

// buildMaps builds the lookup maps from the sorted vocabulary and keys.
func (ix *Index) buildMaps() {
	ix.vocabID = make(map[string]uint32, len(ix.vocab))
	for i, t := range ix.vocab {
		ix.vocabID[t] = uint32(i)
	}
	ix.keyID = make(map[string]uint32, len(ix.keys))
	for i, k := range ix.keys {
		ix.keyID[k] = uint32(i)
	}
}

func (ix *Index) buildDocs() {
	ix.entryNameAt = make([]uint32, len(ix.entries)+1)
	for i := range ix.names {
		ix.entryNameAt[ix.names[i].entry+1] = uint32(i + 1)
	}
	for e := 1; e <= len(ix.entries); e++ {
		if ix.entryNameAt[e] < ix.entryNameAt[e-1] {
			ix.entryNameAt[e] = ix.entryNameAt[e-1] // an entry without names
		}
	}
	ix.docs = map[string][]uint32{}
	for i, e := range ix.entries {
		for _, d := range e.docs {
			if k := normDoc(d.Number); len(k) >= 5 {
				ix.docs[k] = append(ix.docs[k], uint32(i))
			}
		}
	}
}

// normDoc reduces a document number to upper-case letters and digits:
// lists and passengers write "OB 0243318", "OB-0243318" and "ob0243318".
func normDoc(s string) string {
	var b [64]byte
	out := b[:0]
	for i := 0; i < len(s) && len(out) < len(b); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
			out = append(out, c)
		case c >= 'a' && c <= 'z':
			out = append(out, c-'a'+'A')
		}
	}
	return string(out)
}

// Version identifies the index content: a hash of everything screening
// depends on. Equal versions screen identically.
func (ix *Index) Version() string { return ix.version }

// Sources lists the lists in the index with their record counts, by name.
func (ix *Index) Sources() []SourceInfo { return append([]SourceInfo(nil), ix.sources...) }

// Len is the number of individuals screened against.
func (ix *Index) Len() int { return len(ix.entries) }

// Names is the number of indexed names (listed names and aliases).
func (ix *Index) Names() int { return len(ix.names) }

func (ix *Index) contentHash() string {
	b, err := ix.encodeBody()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
