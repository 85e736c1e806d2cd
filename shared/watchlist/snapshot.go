package watchlist

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
)

// Snapshot layout: magic "PXWL", format byte, then the body, then the
// SHA-256 of the body. The index version is the first 12 bytes of that hash
// in hex, so a snapshot names its own content and a corrupted one fails to
// load. The body holds the built index as flat arrays (little-endian fixed
// width, so loading is a copy, not a rebuild).
const (
	snapshotMagic = "PXWL"
	// Format 2: the deletion table also holds the romanisation canon and
	// phonetic key neighbourhoods, and the joined-pair table follows the
	// body (retrieve.go). Format 3: each listed part's edges and joins
	// follow the joined-pair table (vocabedges.go).
	snapshotFormat = 3
	// MaxSnapshot bounds what Load accepts.
	MaxSnapshot = 128 << 20
)

// ErrSnapshot is wrapped by every error Load returns for malformed input.
var ErrSnapshot = errors.New("watchlist: bad snapshot")

// MarshalBinary encodes the index as a snapshot.
func (ix *Index) MarshalBinary() ([]byte, error) {
	body, err := ix.encodeBody()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(body)+len(snapshotMagic)+1+sha256.Size)
	out = append(out, snapshotMagic...)
	out = append(out, snapshotFormat)
	out = append(out, body...)
	sum := sha256.Sum256(body)
	return append(out, sum[:]...), nil
}

type enc struct{ b []byte }

func (e *enc) u32(v uint32)  { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *enc) f32(v float32) { e.u32(math.Float32bits(v)) }
func (e *enc) str(s string)  { e.u32(uint32(len(s))); e.b = append(e.b, s...) }
func (e *enc) u32s(v []uint32) {
	e.u32(uint32(len(v)))
	for _, x := range v {
		e.u32(x)
	}
}
func (e *enc) f32s(v []float32) {
	e.u32(uint32(len(v)))
	for _, x := range v {
		e.f32(x)
	}
}
func (e *enc) strs(v []string) {
	e.u32(uint32(len(v)))
	for _, s := range v {
		e.str(s)
	}
}

func (ix *Index) encodeBody() ([]byte, error) {
	if len(ix.names) > math.MaxUint32/2 || len(ix.entries) > math.MaxUint32/2 {
		return nil, errors.New("watchlist: index too large to encode")
	}
	e := &enc{b: make([]byte, 0, 4<<20)}
	e.u32(uint32(len(ix.sources)))
	for _, s := range ix.sources {
		e.str(s.Name)
		e.u32(uint32(s.Entries))
		e.u32(uint32(s.Individuals))
	}
	e.u32(uint32(len(ix.entries)))
	for _, en := range ix.entries {
		e.str(en.id)
		e.str(en.source)
		e.str(en.listed)
		e.u32(uint32(len(en.dobs)))
		for _, d := range en.dobs {
			circa := uint32(0)
			if d.Circa {
				circa = 1
			}
			e.u32(uint32(d.Year) | uint32(d.Month)<<16 | uint32(d.Day)<<20 | circa<<28)
			e.u32(uint32(d.YearTo))
		}
		e.strs(en.nats)
		e.u32(uint32(len(en.docs)))
		for _, d := range en.docs {
			e.str(d.Type)
			e.str(d.Number)
			e.str(d.Country)
		}
	}
	e.u32(uint32(len(ix.names)))
	for _, n := range ix.names {
		e.u32(n.entry)
		e.u32(n.tok)
		e.u32(uint32(n.ntok))
		e.str(string(n.quality))
		e.str(n.full)
		e.f32(n.weight)
	}
	e.u32s(ix.toks)
	e.strs(ix.vocab)
	e.u32s(ix.vkey)
	e.u32(uint32(len(ix.vweight)))
	for _, w := range ix.vweight {
		e.f32(w)
	}
	e.u32s(ix.vpost)
	e.u32s(ix.vpostAt)
	e.strs(ix.keys)
	e.u32s(ix.kvocab)
	e.u32s(ix.kvocabAt)
	e.u32(uint32(len(ix.delHash)))
	for _, h := range ix.delHash {
		e.b = binary.LittleEndian.AppendUint64(e.b, h)
	}
	e.u32s(ix.delVocab)
	e.f32(ix.maxWeight)
	ix.encodeJoins(e)
	ix.encodeVocabEdges(e)
	ix.party().encode(e)
	return e.b, nil
}

type dec struct {
	s   string // the body, as one string: decoded strings are substrings of it
	off int
	err error
}

func (d *dec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s at byte %d", ErrSnapshot, what, d.off)
	}
}

func (d *dec) u32() uint32 {
	if d.err != nil || d.off+4 > len(d.s) {
		d.fail("truncated")
		return 0
	}
	v := uint32(d.s[d.off]) | uint32(d.s[d.off+1])<<8 | uint32(d.s[d.off+2])<<16 | uint32(d.s[d.off+3])<<24
	d.off += 4
	return v
}

func (d *dec) f32() float32 {
	f := math.Float32frombits(d.u32())
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) || f < 0 {
		d.fail("bad weight")
		return 0
	}
	return f
}

// count reads a length and checks that at least size bytes per element
// remain, so a corrupted length cannot make Load allocate gigabytes.
func (d *dec) count(size int) int {
	n := int(d.u32())
	if d.err == nil && n*size > len(d.s)-d.off {
		d.fail("length beyond end")
		return 0
	}
	return n
}

func (d *dec) str() string {
	n := d.count(1)
	if d.err != nil {
		return ""
	}
	s := d.s[d.off : d.off+n]
	d.off += n
	return s
}

func (d *dec) u32s(max int) []uint32 {
	n := d.count(4)
	v := make([]uint32, n)
	for i := range v {
		v[i] = d.u32()
		if max >= 0 && int(v[i]) >= max {
			d.fail("id out of range")
			return nil
		}
	}
	return v
}

func (d *dec) f32s() []float32 {
	n := d.count(4)
	v := make([]float32, n)
	for i := range v {
		v[i] = d.f32()
	}
	return v
}

func (d *dec) strs() []string {
	n := d.count(4)
	v := make([]string, n)
	for i := range v {
		v[i] = d.str()
	}
	return v
}

// Load decodes a snapshot written by MarshalBinary. It checks the hash and
// every internal reference, so a truncated or corrupted snapshot is an
// error, never a panic or a wrong answer.
func Load(b []byte) (*Index, error) {
	if len(b) > MaxSnapshot {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrSnapshot, MaxSnapshot)
	}
	if len(b) < len(snapshotMagic)+1+sha256.Size || !bytes.HasPrefix(b, []byte(snapshotMagic)) {
		return nil, fmt.Errorf("%w: not a paxscreen watchlist snapshot", ErrSnapshot)
	}
	if f := b[len(snapshotMagic)]; f != snapshotFormat {
		return nil, fmt.Errorf("%w: format %d, this build reads %d", ErrSnapshot, f, snapshotFormat)
	}
	body := b[len(snapshotMagic)+1 : len(b)-sha256.Size]
	sum := sha256.Sum256(body)
	if !bytes.Equal(sum[:], b[len(b)-sha256.Size:]) {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrSnapshot)
	}
	// One copy of the body backs every string of the index.
	d := &dec{s: string(body)}
	ix := &Index{version: hex.EncodeToString(sum[:12])}
	ns := d.count(12)
	for i := 0; i < ns; i++ {
		ix.sources = append(ix.sources, SourceInfo{Name: d.str(), Entries: int(d.u32()), Individuals: int(d.u32())})
	}
	ne := d.count(16)
	ix.entries = make([]entryRec, ne)
	for i := range ix.entries {
		en := &ix.entries[i]
		en.id, en.source, en.listed = d.str(), d.str(), d.str()
		nd := d.count(8)
		for j := 0; j < nd; j++ {
			p, to := d.u32(), d.u32()
			dob := DOB{Year: int(p & 0xffff), Month: int(p >> 16 & 0xf), Day: int(p >> 20 & 0x1f), Circa: p>>28&1 == 1, YearTo: int(to)}
			if !dob.valid() {
				d.fail("bad date of birth")
			}
			en.dobs = append(en.dobs, dob)
		}
		en.nats = d.strs()
		nd = d.count(12)
		for j := 0; j < nd; j++ {
			en.docs = append(en.docs, Document{Type: d.str(), Number: d.str(), Country: d.str()})
		}
		if d.err != nil {
			return nil, d.err
		}
	}
	nn := d.count(20)
	ix.names = make([]nameRec, nn)
	for i := range ix.names {
		n := &ix.names[i]
		n.entry, n.tok = d.u32(), d.u32()
		ntok := d.u32()
		n.quality, n.full, n.weight = Quality(d.str()), d.str(), d.f32()
		if ntok == 0 || ntok > 16 || int(n.entry) >= ne || (i > 0 && n.entry < ix.names[i-1].entry) {
			d.fail("bad name record")
		}
		n.ntok = uint8(ntok)
		if d.err != nil {
			return nil, d.err
		}
	}
	ix.toks = d.u32s(-1)
	ix.vocab = d.strs()
	nv := len(ix.vocab)
	for _, t := range ix.toks {
		if int(t) >= nv {
			d.fail("token out of range")
			break
		}
	}
	for i := range ix.names {
		if uint64(ix.names[i].tok)+uint64(ix.names[i].ntok) > uint64(len(ix.toks)) {
			d.fail("name tokens out of range")
			break
		}
	}
	ix.vkey = d.u32s(-1)
	nw := d.count(4)
	ix.vweight = make([]float32, nw)
	for i := range ix.vweight {
		ix.vweight[i] = d.f32()
	}
	ix.vpost = d.u32s(nn)
	ix.vpostAt = d.u32s(len(ix.vpost) + 1)
	ix.keys = d.strs()
	ix.kvocab = d.u32s(nv)
	ix.kvocabAt = d.u32s(len(ix.kvocab) + 1)
	nh := d.count(8)
	ix.delHash = make([]uint64, nh)
	for i := range ix.delHash {
		if d.err != nil {
			break
		}
		ix.delHash[i] = uint64(d.u32()) | uint64(d.u32())<<32
	}
	ix.delVocab = d.u32s(nv)
	ix.maxWeight = d.f32()
	ix.decodeJoins(d)
	ix.decodeVocabEdges(d)
	ix.partyEntries = decodeParties(d)
	if d.err != nil {
		return nil, d.err
	}
	if d.off != len(d.s) {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrSnapshot, len(d.s)-d.off)
	}
	if err := ix.check(); err != nil {
		return nil, err
	}
	ix.buildMaps()
	ix.buildDocs()
	ix.derive()
	ix.deriveNameWeights()
	return ix, nil
}

// check verifies the cross-references Load has not checked while reading.
func (ix *Index) check() error {
	bad := func(what string) error { return fmt.Errorf("%w: %s", ErrSnapshot, what) }
	nv := len(ix.vocab)
	if len(ix.vkey) != nv || len(ix.vweight) != nv || len(ix.vpostAt) != nv+1 {
		return bad("vocabulary arrays disagree")
	}
	if len(ix.kvocabAt) != len(ix.keys)+1 || len(ix.delHash) != len(ix.delVocab) {
		return bad("key arrays disagree")
	}
	for _, k := range ix.vkey {
		if int(k) >= len(ix.keys) {
			return bad("key out of range")
		}
	}
	if !monotone(ix.vpostAt, len(ix.vpost)) || !monotone(ix.kvocabAt, len(ix.kvocab)) {
		return bad("postings offsets")
	}
	for i := 1; i < nv; i++ {
		if ix.vocab[i-1] >= ix.vocab[i] {
			return bad("vocabulary not sorted")
		}
	}
	for i := 1; i < len(ix.keys); i++ {
		if ix.keys[i-1] >= ix.keys[i] {
			return bad("keys not sorted")
		}
	}
	for i := 1; i < len(ix.delHash); i++ {
		if ix.delHash[i-1] > ix.delHash[i] {
			return bad("deletion table not sorted")
		}
	}
	if err := ix.checkJoins(); err != nil {
		return bad(err.Error())
	}
	if err := ix.checkVocabEdges(); err != nil {
		return bad(err.Error())
	}
	return nil
}

func monotone(at []uint32, n int) bool {
	if len(at) == 0 || at[0] != 0 || int(at[len(at)-1]) != n {
		return false
	}
	for i := 1; i < len(at); i++ {
		if at[i] < at[i-1] {
			return false
		}
	}
	return true
}
