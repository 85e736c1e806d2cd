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
