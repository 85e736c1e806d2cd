package watchlist

import (
	"errors"

	"github.com/paxscreen/paxscreen/shared/names"
)

// Most query parts are listed parts: an innocent's name is made of parts
// other listed people carry, and most parts of a damaged listed name are
// undamaged. A query part's edges (the listed tokens tokenSim credits it
// with) and its joins (the listed pairs of parts it resembles written as
// one) depend on its text alone, so for a listed part they are the same in
// every query. Build finds them once per vocabulary token, by running the
// query path itself (partEdges, partJoins) over each token as a one-part
// query, and the snapshot stores them; a query then copies a listed part's
// edges instead of enumerating its neighbourhoods, and enumerates only
// the parts no list has. Because the stored lists are what the query path
// computes, a query screens exactly as it would without them; a change
// to tokenSim, joinedSim or the neighbourhoods takes effect when the
// snapshot is rebuilt, like the neighbourhood tables themselves.

// vocabEdges computes the stored edges and joins of every vocabulary
// token. It needs what derive computes.
func (ix *Index) vocabEdges() {
	ix.vedgeAt, ix.vedgeV, ix.vedgeSim, ix.vqw = nil, nil, nil, nil
	ix.vjoinAt, ix.vjoinRef, ix.vjoinSim = nil, nil, nil
	nv := len(ix.vocab)
	edgeAt := make([]uint32, 0, nv+1)
	joinAt := make([]uint32, 0, nv+1)
	var edgeV, joinRef []uint32
	var edgeSim, joinSim, qw []float32
	// Not returned to the pool: its stamps are of this loop's generations
	// (PairScore counts on a fresh scratch).
	s := ix.getScratch()
	var hs [72]uint64
	for _, t := range ix.vocab {
		s.gen++
		// The query path's token: the key is a function of the text.
		q := names.Token{Text: t, Key: names.Key(t)}
		qc := names.Canon(t)
		s.edges, s.jnames = s.edges[:0], s.jnames[:0]
		edgeAt = append(edgeAt, uint32(len(edgeV)))
		qw = append(qw, ix.partEdges(s, 0, q, qc))
		for _, e := range s.edges {
			edgeV = append(edgeV, e.v)
			edgeSim = append(edgeSim, e.sim)
		}
		joinAt = append(joinAt, uint32(len(joinRef)))
		if len(t) >= 5 {
			ix.partJoins(s, 0, q, qc, &hs)
		}
		for _, j := range s.jnames {
			joinRef = append(joinRef, j.name<<4|uint32(j.pos))
			joinSim = append(joinSim, j.sim)
		}
	}
	edgeAt = append(edgeAt, uint32(len(edgeV)))
	joinAt = append(joinAt, uint32(len(joinRef)))
	ix.vedgeAt, ix.vedgeV, ix.vedgeSim, ix.vqw = edgeAt, edgeV, edgeSim, qw
	ix.vjoinAt, ix.vjoinRef, ix.vjoinSim = joinAt, joinRef, joinSim
}

func (ix *Index) encodeVocabEdges(e *enc) {
	e.u32s(ix.vedgeAt)
	e.u32s(ix.vedgeV)
	e.f32s(ix.vedgeSim)
	e.f32s(ix.vqw)
	e.u32s(ix.vjoinAt)
	e.u32s(ix.vjoinRef)
	e.f32s(ix.vjoinSim)
}

func (ix *Index) decodeVocabEdges(d *dec) {
	nv := len(ix.vocab)
	ix.vedgeAt = d.u32s(-1)
	ix.vedgeV = d.u32s(nv)
	ix.vedgeSim = d.f32s()
	ix.vqw = d.f32s()
	ix.vjoinAt = d.u32s(-1)
	ix.vjoinRef = d.u32s(-1)
	ix.vjoinSim = d.f32s()
}

// checkVocabEdges verifies the stored edges and joins of a loaded
// snapshot: one list per vocabulary token, offsets monotone, every
// reference in range.
func (ix *Index) checkVocabEdges() error {
	nv := len(ix.vocab)
	if len(ix.vedgeAt) != nv+1 || len(ix.vjoinAt) != nv+1 || len(ix.vqw) != nv {
		return errors.New("stored edge arrays disagree with the vocabulary")
	}
	if len(ix.vedgeV) != len(ix.vedgeSim) || len(ix.vjoinRef) != len(ix.vjoinSim) {
		return errors.New("stored edge arrays disagree")
	}
	if !monotone(ix.vedgeAt, len(ix.vedgeV)) || !monotone(ix.vjoinAt, len(ix.vjoinRef)) {
		return errors.New("stored edge offsets")
	}
	for _, r := range ix.vjoinRef {
		n, pos := r>>4, r&15
		if int(n) >= len(ix.names) || pos+1 >= uint32(ix.names[n].ntok) {
			return errors.New("stored join out of range")
		}
	}
	return nil
}
