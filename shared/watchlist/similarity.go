package watchlist

import (
	"math"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/names"
)

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
	// both sides cost (scoreName, conflictWeight): a part that differs
	// counts against identity once more, as much as it would count for
	// it had it agreed.
	conflictExtra = 1.0
	// distantCap is the most a distant pair (distantSim) is credited:
	// what the containment rule forgives a part left out. So a part
	// garbled beyond a slip ranks its name above one where the part is
	// another name (the conflict it avoids costs more), but never carries
	// a match. It also keeps the retrieval bound cheap: at a threshold of
	// 0.75 the floor is 0.67, and the further the cap lies below it the
	// sooner candidates stops reading common parts' postings (a cap of
	// 0.6 at least doubled the CPU of a query, 0.7 at least tripled it).
	distantCap = containRelief
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
	if ascii && names.SqueezedEqual(q.Text, text) {
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
	if !ascii && runeDeletable(q.Text) && runeDeletable(text) && jw >= minPartial && runeOneDeletion(q.Text, text) {
		// Outside a–z there is no romanisation canon or phonetic key, but
		// a keying slip is still a letter added, dropped, changed or two
		// swapped, which is what the one-deletion neighbourhood holds
		// (נתניהו/נתניחו, मोदी/मोडी, Тоқаев read wrongly). The same credit as
		// a Latin slip, counted in letters rather than bytes.
		l := max(utf8.RuneCountInString(q.Text), utf8.RuneCountInString(text))
		return slipSim(jw, l, runeEdits(q.Text, text), firstRune(q.Text) != firstRune(text)), "fuzzy"
	}
	if len(q.Text) >= 3 && len(text) >= 3 && jw >= minPartial && near(q.Text, qc, q.Key, text, tc, key) {
		l := max(len(q.Text), len(text))
		return slipSim(jw, l, names.EditDistance(q.Text, text), q.Text[0] != text[0]), "fuzzy"
	}
	return 0, ""
}

// slipSim is the credit of two spellings inside a slip neighbourhood, l
// letters long at most, edits apart, their first letters the same or not.
//
// Jaro-Winkler rewards a shared beginning: CASTILLO and CASTRO, MAHIR and
// MAHATHIR score high yet are other names. A keying slip is one or two
// edits, so more edits than that cost half.
func slipSim(jw float64, l, edits int, otherFirst bool) float64 {
	allowed := 1
	switch {
	case l > 10:
		allowed = 3
	case l > 5:
		allowed = 2
	}
	sim := jw
	if jw < minFuzzy {
		// Partial credit that falls to nothing at minPartial, so a
		// distant spelling ranks above an unrelated one but can never
		// carry a match on its own.
		sim = jw * (jw - minPartial) / (minFuzzy - minPartial)
	}
	if edits <= allowed {
		// Within the slips a part of this length allows, the share of
		// its letters left in place is credit enough: Jaro-Winkler
		// punishes two changed letters in a six-letter part (OTAIBI keyed
		// OGAIVI) as if the part were another name.
		sim = max(sim, 1-float64(edits)/float64(l))
	}
	f := 1.0
	if edits > allowed {
		f = 0.5
		if l <= 5 {
			// Two slips in a part of five letters or fewer still leave
			// it sharing a one-deletion variant with its listed form
			// (ABBAS keyed ABBSZ: both hold ABBS), which an unrelated
			// name of that length rarely does; more than a distant long
			// spelling, less than one slip.
			f = 0.75
		}
	}
	if l <= 5 && otherFirst {
		// In a short part another first letter makes another name
		// (KYONG, YONG, MYONG): typists and clerks rarely get the
		// first letter wrong, and a short part has little else.
		f = min(f, 0.5)
	}
	return sim * f
}

// runeEdits is the edit distance, in letters, of two parts that share a
// one-deletion variant (runeOneDeletion): one for a letter added, dropped,
// changed or two neighbours swapped, two for a letter added on each side.
func runeEdits(a, b string) int {
	if a == b {
		return 0
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return 1
	}
	var diff []int
	for i := range ra {
		if ra[i] != rb[i] {
			diff = append(diff, i)
		}
	}
	switch {
	case len(diff) == 1:
		return 1
	case len(diff) == 2 && diff[1] == diff[0]+1 && ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]]:
		return 1
	}
	return 2
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// distantMinLen is the shortest part distantSim compares.
const distantMinLen = 3

// distantPart reports whether distantSim compares a query part.
func distantPart(t string) bool { return len(t) >= distantMinLen && asciiLetters(t) }

// distantPairs adds to s.pairs the distant pairs (distantSim) of the listed
// name's parts ct: every query part and listed part with no edge between
// them that distantSim credits.
func (ix *Index) distantPairs(s *scratch, ct []uint32, ti []tokInfo) {
	for j, v := range ct {
		if !ti[j].distant {
			continue
		}
		t := ""
		for qi, q := range s.toks {
			if !distantPart(q.Text) || (s.edged(v) && hasEdge(s, v, qi)) {
				continue
			}
			if t == "" {
				t = ix.vocab[v]
			}
			if sim := distantSim(q.Text, t); sim > 0 {
				s.pairs = append(s.pairs, pair{qi: uint8(qi), cj: uint8(j), sim: float32(sim), distant: true})
			}
		}
	}
}

// hasEdge reports whether query part qi has an edge to listed token v.
func hasEdge(s *scratch, v uint32, qi int) bool {
	for e := s.vHead[v]; e >= 0; e = s.edges[e].next {
		if int(s.edges[e].qi) == qi {
			return true
		}
	}
	return false
}

// distantSim is the credit of two a-z parts of three letters or more
// outside every neighbourhood retrieval enumerates: the Jaro-Winkler
// partial credit the slips get (slipSim), capped at distantCap. Two
// keying slips in a short part (SILVA keyed SLIA, UTHMAN as UTHN) or
// three in a long one leave no shared deletion variant, and romanisations
// of one name can differ by more than a slip (SECHEV/SECHIN, a vowel
// cluster written two ways); scored 0 such a part made its name a
// conflict, as if it were another name. The pair is credited only in a
// name that a neighbourhood pair of other parts already ties to the query
// (scoreName), so it never retrieves a name, and retrieval stays complete:
// candidates and nameBound count every such part as partnered at
// distantCap.
func distantSim(q, t string) float64 {
	if !distantPart(q) || !distantPart(t) {
		return 0
	}
	if jaroWinklerBelow(q, t, minPartial) {
		return 0
	}
	jw := names.JaroWinkler(q, t)
	if jw < minPartial {
		return 0
	}
	l := max(len(q), len(t))
	return min(distantCap, slipSim(jw, l, names.EditDistance(q, t), q[0] != t[0]))
}

// jaroWinklerBelow reports whether names.JaroWinkler(q, t) of two a-z parts
// is certainly below lim, from their letter counts and shared prefix alone:
// nearly every pair distantSim is asked about is two unrelated names, and
// this costs one pass over each where Jaro-Winkler decodes both and scans
// a window per letter. It never rejects a pair Jaro-Winkler would take.
//
// Why. Jaro-Winkler's m matching letters pair equal letters one to one,
// so m is at most M, the letters the two parts share counted with
// repetition; its Jaro term (m/|a| + m/|b| + (m-t/2)/m)/3 grows with m and
// its last share is at most 1 (t, the transpositions, is never negative),
// so Jaro is at most (M/|a| + M/|b| + 1)/3. The Winkler boost j + 0.1·p·(1-j),
// with p the shared prefix of at most four letters exactly as
// JaroWinkler counts it, grows with j. The 1e-9 slack covers rounding
// (Jaro-Winkler sums the same terms, M against m). JaroWinkler reads at
// most 64 letters, so longer parts are left to it.
func jaroWinklerBelow(q, t string, lim float64) bool {
	if len(q) > 64 || len(t) > 64 {
		return false
	}
	var cnt [26]int8
	for i := 0; i < len(q); i++ {
		cnt[q[i]-'a']++
	}
	m := 0
	for i := 0; i < len(t); i++ {
		if c := t[i] - 'a'; cnt[c] > 0 {
			cnt[c]--
			m++
		}
	}
	if m == 0 {
		return true // JaroWinkler is 0 (q != t: they share no letter)
	}
	la, lb := min(len(q), len(t)), max(len(q), len(t))
	mf := float64(m)
	jaro := (mf/float64(la) + mf/float64(lb) + 1) / 3
	p := 0
	for p < 4 && p < la && q[p] == t[p] {
		p++
	}
	return jaro+float64(p)*0.1*(1-jaro) < lim-1e-9
}
