package watchlist

import (
	"cmp"
	"errors"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/names"
)

// Retrieval is complete by construction: a pair of name parts has a
// similarity above zero (tokenSim, joinedSim) only when the pair lies in a
// neighbourhood the index can enumerate from the query side, and every
// such neighbourhood is indexed:
//
//   - the same text, the same squeezed text, the same romanisation canon
//     (names.Canon), the same phonetic key: hash or map lookups;
//   - one deletion on each side of the text, of the canon, or of the key
//     (symmetric deletion neighbourhoods: every edit-distance-1 pair and a
//     transposition share a one-deletion variant); a three-letter part and
//     a four-letter part it is one deletion of (the three-letter part's
//     text is indexed whole, and a three-letter query part looks its text
//     up among the four-letter parts' deletions);
//   - an adjacent swap in a short part (lookups of the query's swaps);
//   - an abd compound against its name alone;
//   - in a part written in another script (no canon, no key), one deletion
//     of a letter (a rune) on each side;
//   - two adjacent listed parts written as one query part, and two query
//     parts written as one listed part (joined-pair tables, the same
//     neighbourhoods over the concatenation).
//
// The brute-force scorer in the tests compares every query part with every
// listed part; the property test holds that Screen misses nothing it finds.

// Hash kinds keep the neighbourhoods apart in one sorted table.
const (
	hText    = 1 // text, its one-deletion variants, abd compound rest
	hCanon   = 2 // romanisation canon and its one-deletion variants
	hKey     = 3 // phonetic key and its one-deletion variants
	hSqueeze = 4 // text with doubled letters single
	hRunes   = 5 // a part in another script and its one-letter deletions
)

func kindHash(kind byte, s string) uint64 {
	return fnvMix(fnvBytes(fnvKind(kind), s))
}

const fnvPrime = 1099511628211

// fnvKind is the FNV-1a state after the kind byte.
func fnvKind(kind byte) uint64 { return (14695981039346656037 ^ uint64(kind)) * fnvPrime }

// fnvBytes continues the FNV-1a state h over s.
func fnvBytes(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * fnvPrime
	}
	return h
}

// fnvMix finishes a hash: FNV-1a's top bits are poorly mixed for short
// strings, and the directory buckets by them (the murmur3 finalizer).
func fnvMix(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// hashDir is a directory over a sorted hash table: the first entry of each
// bucket of the top bits, so a lookup is two memory reads and a short scan
// instead of a binary search through a table of a million entries, each
// step a cache miss. The deletion and joined-pair tables share one array
// (newHashDirs), the two starts of a bucket side by side: a query looks up
// the same hashes in both (a joined pair's text deletions and canon), and
// the second lookup of a hash then reads the cache line the first one
// brought in rather than missing again in a directory of its own.
type hashDir struct {
	shift uint
	at    []uint32 // at[2b+t]: the first entry of bucket b in table t
	t     int      // which of the two tables this is
}

// newHashDirs makes the directories over sorted tables a and b, sharing
// one array, with buckets of the top bits (as many bits as the larger
// table has entries, up to 24).
func newHashDirs(a, b []uint64) (hashDir, hashDir) {
	bits := uint(1)
	for 1<<bits < max(len(a), len(b)) && bits < 24 {
		bits++
	}
	shift := 64 - bits
	at := make([]uint32, 2*(1<<bits+1))
	for t, tab := range [2][]uint64{a, b} {
		k := 0
		for bk := range 1 << bits {
			for k < len(tab) && tab[k]>>shift < uint64(bk) {
				k++
			}
			at[2*bk+t] = uint32(k)
		}
		at[2*(1<<bits)+t] = uint32(len(tab))
	}
	return hashDir{shift: shift, at: at, t: 0}, hashDir{shift: shift, at: at, t: 1}
}

// bucket is the range of table entries in h's bucket.
func (d *hashDir) bucket(h uint64) (uint32, uint32) {
	b := int(h>>d.shift)*2 + d.t
	return d.at[b], d.at[b+2]
}

// lowerBound is the first index of a sorted slice holding a value >= h.
func lowerBound(a []uint64, h uint64) int {
	lo, hi := 0, len(a)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if a[m] < h {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// delHashes calls fn with the hash of s and of each one-deletion variant.
// FNV-1a is sequential, so the hash of s without its i-th letter is the
// state after s[:i] continued over s[i+1:]: the same hashes as hashing
// each variant written out, without writing it.
func delHashes(kind byte, s string, fn func(uint64)) {
	fn(kindHash(kind, s))
	for i, pre := 0, fnvKind(kind); i < len(s); i++ {
		fn(fnvMix(fnvBytes(pre, s[i+1:])))
		pre = fnvBytes(pre, s[i:i+1])
	}
}

// long is the canon length from which two edits in one part are a slip
// rather than another name: two edits in a six-letter part leave four
// letters, two thirds of it, in place.
const long = 6

// canonHashes calls fn with the hashes of the canon c's neighbourhood: c,
// its one-deletion variants when it has four letters or more, and its
// two-deletion variants when it is long.
func canonHashes(c string, fn func(uint64)) {
	if !deletable(c) {
		fn(kindHash(hCanon, c))
		return
	}
	delHashes(hCanon, c, fn)
	if len(c) < long {
		return
	}
	// As in delHashes: the state after c[:i], then after c[:i]+c[i+1:j].
	for i, pre := 0, fnvKind(hCanon); i < len(c); i++ {
		for j, mid := i+1, pre; j < len(c); j++ {
			fn(fnvMix(fnvBytes(mid, c[j+1:])))
			mid = fnvBytes(mid, c[j:j+1])
		}
		pre = fnvBytes(pre, c[i:i+1])
	}
}

// lcsAtLeast reports whether a and b have a common subsequence of n
// letters or more (tokens of up to 64 bytes).
func lcsAtLeast(a, b string, n int) bool {
	if len(a) > 64 || len(b) > 64 {
		return false
	}
	return names.CommonSubsequence(a, b) >= n
}

// keyDeletable reports whether a phonetic key gets a deletion
// neighbourhood: four or more ASCII characters (keys hold x and Y).
func keyDeletable(k string) bool {
	if len(k) < 4 || len(k) > 40 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if c := k[i]; !(c >= 'a' && c <= 'z' || c == 'Y') {
			return false
		}
	}
	return true
}

func asciiLetters(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return t != ""
}

// tokenHashes calls fn with every hash under which a vocabulary token is
// indexed.
func tokenHashes(t, key string, fn func(uint64)) {
	if r := abdRest(t); r != "" {
		fn(kindHash(hText, r)) // a query HANIF finds the listed ABDUL HANIF
	}
	if !asciiLetters(t) {
		if runeDeletable(t) {
			runeDelHashes(t, fn)
		}
		return
	}
	fn(kindHash(hSqueeze, names.Squeeze(t)))
	if len(t) == 3 {
		// Found by a four-letter query part's deletions (ALII, ALI).
		fn(kindHash(hText, t))
	}
	if deletable(t) {
		delHashes(hText, t, fn)
	}
	c := names.Canon(t)
	canonHashes(c, fn)
	if keyDeletable(key) {
		delHashes(hKey, key, fn)
	}
}

// runeDeletable reports whether a part outside a–z gets the letter
// deletion neighbourhood: four to forty letters, counted as runes, as
// deletable counts bytes for a–z (shorter parts are one letter from too
// many others). Chinese characters and Japanese kana are refused: each is
// a syllable or a morpheme, a whole name part rather than a letter, so one
// changed is another name (高市 and 高石 are two surnames).
func runeDeletable(t string) bool {
	if asciiLetters(t) || len(t) > 160 {
		return false
	}
	n := 0
	for _, r := range t {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) {
			return false
		}
		n++
	}
	return n >= 4 && n <= 40
}

// runeDelHashes calls fn with the hash of t and of each variant with one
// letter (rune) removed.
func runeDelHashes(t string, fn func(uint64)) {
	fn(kindHash(hRunes, t))
	var buf [160]byte
	for i, r := range t {
		b := append(append(buf[:0], t[:i]...), t[i+utf8.RuneLen(r):]...)
		fn(kindHash(hRunes, string(b)))
	}
}

// runeDeletions is t and each variant of it with one rune removed.
func runeDeletions(t string) []string {
	out := []string{t}
	for i, r := range t {
		out = append(out, t[:i]+t[i+utf8.RuneLen(r):])
	}
	return out
}

// runeOneDeletion is oneDeletion counted in letters (runes) rather than
// bytes, for parts outside a–z: whether a and b share a one-deletion
// variant.
func runeOneDeletion(a, b string) bool {
	if a == b {
		return true
	}
	if d := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); d > 1 || d < -1 {
		return false
	}
	da := runeDeletions(a)
	for _, y := range runeDeletions(b) {
		if slices.Contains(da, y) {
			return true
		}
	}
	return false
}

// oneDeletion reports whether a and b share a one-deletion variant (each
// may also be taken whole): every pair at edit distance one, an adjacent
// transposition, and an insertion on each side at different places.
func oneDeletion(a, b string) bool {
	if a == b {
		return true
	}
	la, lb := len(a), len(b)
	if la < lb {
		a, b, la, lb = b, a, lb, la
	}
	if la-lb > 1 {
		return false
	}
	p := 0
	for p < lb && a[p] == b[p] {
		p++
	}
	s := 0
	for s < lb-p && a[la-1-s] == b[lb-1-s] {
		s++
	}
	if la != lb {
		// b must be a with one letter removed from the differing window.
		return p+s >= lb
	}
	if p+s >= la-1 {
		return true // one substitution
	}
	// a without its i-th letter equals b without its j-th (i != j): the
	// letters before the first removed one agree, so it is at most p, and
	// the letters after the last removed one agree, so that is at least
	// la-1-s.
	for i := 0; i <= p && i < la; i++ {
		for j := max(0, la-1-s); j < la; j++ {
			if i != j && (delEq(a, i, b, j) || delEq(a, j, b, i)) {
				return true
			}
		}
	}
	return false
}

// delEq reports whether a without its i-th byte equals b without its j-th.
func delEq(a string, i int, b string, j int) bool {
	ia, ib := 0, 0
	for ia < len(a) || ib < len(b) {
		if ia == i {
			ia++
			continue
		}
		if ib == j {
			ib++
			continue
		}
		if ia >= len(a) || ib >= len(b) || a[ia] != b[ib] {
			return false
		}
		ia++
		ib++
	}
	return true
}

// near reports whether two parts lie in one of the indexed edit
// neighbourhoods: one deletion apart in text (a three-letter part
// included when the other has four), in romanisation canon or in phonetic
// key, or, for long parts, two deletions apart in canon.
func near(a, ac, akey, b, bc, bkey string) bool {
	if deletable(a) && deletable(b) && oneDeletion(a, b) {
		return true
	}
	if (len(a) == 3 && deletable(b) || len(b) == 3 && deletable(a)) && asciiLetters(a) && asciiLetters(b) && oneDeletion(a, b) {
		// A letter dropped from a four-letter part (JOSE keyed JSE,
		// IVAN as IVA): the three left are all the short part has, in
		// order, so it lies in the longer one's deletion neighbourhood.
		return true
	}
	if max(len(ac), len(bc)) >= long && deletable(ac) && deletable(bc) && lcsAtLeast(ac, bc, max(len(ac), len(bc))-2) {
		// Two slips in a long part, one of which may be the letter
		// dropped that makes it shorter (KUZMIN keyed KUJIN): slipSim
		// allows two edits from six letters on. Retrieval holds every
		// such pair: their common subsequence of L-2 letters (L the
		// longer canon) is a two-deletion variant of the longer and the
		// shorter itself, or one of its one-deletion variants, or (same
		// length, so long too) one of its two-deletion variants, all
		// hashed under hCanon (canonHashes).
		return true
	}
	if deletable(ac) && deletable(bc) && oneDeletion(ac, bc) {
		return true
	}
	return keyDeletable(akey) && keyDeletable(bkey) && oneDeletion(akey, bkey)
}

// joinEntry is one adjacent pair of parts of a listed name, written as one.
type joinEntry struct {
	h    uint64
	name uint32
	pos  uint8 // first part of the pair
}

// buildJoins indexes every adjacent pair of parts of every listed name by
// its concatenation (text, its deletions, canon, key), so that a query part
// written as one (OMARHASSAN) finds OMAR HASSAN. Build makes it; snapshots
// store it.
func (ix *Index) buildJoins() {
	js := make([]joinEntry, 0, 16*len(ix.names))
	for n := range ix.names {
		nr := &ix.names[n]
		ct := ix.toks[nr.tok : nr.tok+uint32(nr.ntok)]
		for j := 0; j+1 < len(ct); j++ {
			a, b := ix.vocab[ct[j]], ix.vocab[ct[j+1]]
			if len(a)+len(b) < 5 {
				continue // joinable needs five letters
			}
			joined := a + b
			add := func(h uint64) { js = append(js, joinEntry{h, uint32(n), uint8(j)}) }
			for _, h := range joinedHashes(joined, names.Key(joined), nil) {
				add(h)
			}
		}
	}
	slices.SortFunc(js, func(a, b joinEntry) int {
		if c := cmp.Compare(a.h, b.h); c != 0 {
			return c
		}
		if c := cmp.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.pos, b.pos)
	})
	out := js[:0]
	for i, e := range js {
		if i > 0 && e == js[i-1] {
			continue
		}
		out = append(out, e)
	}
	ix.joinHash = make([]uint64, len(out))
	ix.joinRef = make([]uint32, len(out))
	for i, e := range out {
		ix.joinHash[i] = e.h
		ix.joinRef[i] = e.name<<4 | uint32(e.pos)
	}
}

// encodeJoins appends the joined-pair table to a snapshot body: built once
// by Build, so loading copies it instead of sorting it again.
func (ix *Index) encodeJoins(e *enc) {
	e.u32(uint32(len(ix.joinHash)))
	for _, h := range ix.joinHash {
		e.u32(uint32(h))
		e.u32(uint32(h >> 32))
	}
	e.u32s(ix.joinRef)
}

func (ix *Index) decodeJoins(d *dec) {
	n := d.count(8)
	ix.joinHash = make([]uint64, n)
	for i := range ix.joinHash {
		if d.err != nil {
			return
		}
		ix.joinHash[i] = uint64(d.u32()) | uint64(d.u32())<<32
	}
	ix.joinRef = d.u32s(-1)
}

// checkJoins verifies the joined-pair table of a loaded snapshot: sorted,
// and every reference a pair of parts of an indexed name.
func (ix *Index) checkJoins() error {
	if len(ix.joinHash) != len(ix.joinRef) {
		return errors.New("joined-pair arrays disagree")
	}
	for i, r := range ix.joinRef {
		if i > 0 && ix.joinHash[i-1] > ix.joinHash[i] {
			return errors.New("joined-pair table not sorted")
		}
		n, pos := r>>4, r&15
		if int(n) >= len(ix.names) || pos+1 >= uint32(ix.names[n].ntok) {
			return errors.New("joined pair out of range")
		}
	}
	return nil
}

// joinedHashes appends the hashes of the neighbourhoods joinedSim accepts:
// the text and its deletions, the canon, the key.
func joinedHashes(t, key string, dst []uint64) []uint64 {
	if deletable(t) {
		delHashes(hText, t, func(h uint64) { dst = append(dst, h) })
	} else {
		dst = append(dst, kindHash(hText, t))
	}
	if asciiLetters(t) {
		dst = append(dst, kindHash(hCanon, names.Canon(t)), kindHash(hKey, key))
	}
	return dst
}

// joinedQueryHashes appends the hashes under which the joined-pair table
// holds every listed pair joinedSim can credit against t (c its canon):
// the same text or one deletion apart (the text's deletions), or the same
// canon. The table's key hash (joinedHashes) finds pairs joinedSim never
// credits by the key alone, so a query does not look it up.
func joinedQueryHashes(t, c string, dst []uint64) []uint64 {
	if deletable(t) {
		delHashes(hText, t, func(h uint64) { dst = append(dst, h) })
	} else {
		dst = append(dst, kindHash(hText, t))
	}
	if asciiLetters(t) {
		dst = append(dst, kindHash(hCanon, c))
	}
	return dst
}

// derive computes what Build and Load derive from the stored index: each
// token's romanisation canon, the parts of each name laid out for the
// alignment (tokInfo, tjcanon), and the largest weight of any token and of
// any one-letter token (for the retrieval bound).
func (ix *Index) derive() {
	ix.delDir, ix.joinDir = newHashDirs(ix.delHash, ix.joinHash)
	ix.vcanon = make([]string, len(ix.vocab))
	for v, t := range ix.vocab {
		ix.vcanon[v] = names.Canon(t)
	}
	ix.tinfo = make([]tokInfo, len(ix.toks))
	ix.tjcanon = make([]string, len(ix.toks))
	for i, v := range ix.toks {
		ix.tinfo[i] = newTokInfo(v, ix.vocab[v], ix.vweight[v])
	}
	for i := range ix.names {
		nr := &ix.names[i]
		ti := ix.tinfo[nr.tok : nr.tok+uint32(nr.ntok)]
		for j := 0; j+1 < len(ti); j++ {
			a, b := ix.vocab[ti[j].v], ix.vocab[ti[j+1].v]
			if len(a)+len(b) >= 5 && asciiLetters(a) && asciiLetters(b) {
				ix.tjcanon[nr.tok+uint32(j)] = names.Canon(a + b) // joinedSim compares no other
			}
		}
	}
	ix.maxVocabW, ix.maxLetterW = 0, 0
	for v, w := range ix.vweight {
		ix.maxVocabW = max(ix.maxVocabW, w)
		if len(ix.vocab[v]) == 1 {
			ix.maxLetterW = max(ix.maxLetterW, w)
		}
	}
}
