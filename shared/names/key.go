package names

import (
	"math/bits"
	"unicode/utf8"
)

// Key returns the phonetic key of a normalised token: a consonant skeleton
// that absorbs the romanisation variants of one name. Mohammad, Muhammad,
// Mohamed and the Arabic-script محمد all give "mhmd"; Yusuf and Jusuf give
// "Ysf"; Khalid and Halid give "hld"; Ivanov and Ivanoff give "avnv";
// Moussa and Musa give "ms".
//
// The rules, in order: -off/-eff endings read -ov/-ev; digraphs collapse
// (kh→h, gh→g, ph→f, th→t, dh→d, sh/ch/sch/tch/shch→x, zh/dj/j→Y, q/c/ck→k,
// x→ks); an initial vowel becomes "a" (Omar/Umar, Ibrahim/Ebrahim); a
// later vowel, y or w is dropped, since Latin listings write Arabic long and
// short vowels every way and Arabic script omits the short ones; an initial
// y or w is a consonant (Y, v); a final h is dropped (Abdullah/Abdulla);
// doubled letters collapse.
//
// Tokens in scripts without transliteration are their own key.
func Key(t string) string {
	if t == "" {
		return ""
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c < 'a' || c > 'z' {
			return t
		}
	}
	if len(t) > 4 && t[:3] == "abd" {
		// The canonical abd compound: its d and the name's first letter are
		// not a digraph (ABDHAI is abd + hai, not ab + dh + ai).
		return "abd" + Key(t[3:])
	}
	var buf [64]byte
	out := buf[:0]
	n := len(t)
	off := n > 3 && (t[n-3:] == "off" || t[n-3:] == "eff")
	if off {
		n-- // Ivanoff → ivanof, whose final f reads v below
	}
	emit := func(c byte) {
		if len(out) > 0 && out[len(out)-1] == c {
			return
		}
		if len(out) < cap(out) {
			out = append(out, c)
		}
	}
	for i := 0; i < n; i++ {
		c := t[i]
		next := byte(0)
		if i+1 < n {
			next = t[i+1]
		}
		first := len(out) == 0
		switch {
		case isVowel(c) || c == 'w':
			switch {
			case first && c == 'y':
				emit('Y')
			case first && c == 'w':
				emit('v')
			case first:
				emit('a')
			}
		case c == 'k' && next == 'h', c == 'g' && next == 'h', c == 'p' && next == 'h',
			c == 't' && next == 'h', c == 'd' && next == 'h':
			switch c {
			case 'k':
				emit('h')
			case 'p':
				emit('f')
			default:
				emit(c)
			}
			i++
		case c == 's' && next == 'h', c == 'c' && next == 'h':
			emit('x')
			i++
			if i+2 < n && t[i+1] == 'c' && t[i+2] == 'h' { // shch
				i += 2
			}
		case c == 's' && next == 'c' && i+2 < n && t[i+2] == 'h', c == 't' && next == 'c' && i+2 < n && t[i+2] == 'h':
			emit('x')
			i += 2
		case c == 'z' && next == 'h', c == 'd' && next == 'j':
			emit('Y')
			i++
		case c == 'j':
			emit('Y')
		case c == 'q' || c == 'c':
			emit('k')
		case c == 'x':
			emit('k')
			emit('s')
		case c == 'h' && i == n-1 && i > 0:
			// final h: Abdullah/Abdulla, Shah/Sha
		case c == 'f' && i == n-1 && off:
			emit('v')
		default:
			emit(c)
		}
	}
	if len(out) == 0 {
		return t[:1]
	}
	return string(out)
}

// JaroWinkler returns the Jaro-Winkler similarity of a and b in [0, 1], over
// runes, with the usual prefix scale 0.1 and prefix length up to 4. It does
// not allocate for tokens up to 64 runes.
func JaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	if jw, ok := jaroWinklerLetters(a, b); ok {
		return jw
	}
	return jaroWinklerRunes(a, b)
}

// jaroWinklerLetters is JaroWinkler when the longer token is a–z letters
// and the shorter ASCII, up to 64 bytes, where a byte is a rune: the same
// steps over the bytes, the matched positions held in words and the first
// unmatched position of a letter inside the window read from its mask.
// Retrieval calls Jaro-Winkler on every listed part a query part's
// neighbourhood reaches, and the rune copies and flag arrays were most of
// its cost (docs/SCREENING.md, issue 12k). ok is false for other tokens.
func jaroWinklerLetters(a, b string) (jw float64, ok bool) {
	if len(a) > len(b) {
		a, b = b, a
	}
	var pm [26]uint64
	if !letterMasks(b, &pm) || !isASCII(a) {
		return 0, false
	}
	la, lb := len(a), len(b)
	if la == 0 {
		return 0, true
	}
	window := max(lb/2-1, 0)
	var ma, mb uint64
	matches := 0
	for i := 0; i < la; i++ {
		lo, hi := max(i-window, 0), min(i+window+1, lb)
		if m := maskOf(&pm, a[i]) &^ mb & (1<<hi - 1) &^ (1<<lo - 1); m != 0 {
			ma |= 1 << i
			mb |= m & -m
			matches++
		}
	}
	if matches == 0 {
		return 0, true
	}
	trans := 0
	for x, y := ma, mb; x != 0; x, y = x&(x-1), y&(y-1) {
		if a[bits.TrailingZeros64(x)] != b[bits.TrailingZeros64(y)] {
			trans++
		}
	}
	prefix := 0
	for prefix < 4 && prefix < la && a[prefix] == b[prefix] {
		prefix++
	}
	return jaroWinklerOf(matches, trans, la, lb, prefix), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// jaroWinklerRunes is JaroWinkler over runes (the first 64 of each).
func jaroWinklerRunes(a, b string) float64 {
	var ab, bb [64]rune
	ra, rb := toRunes(a, ab[:0]), toRunes(b, bb[:0])
	la, lb := len(ra), len(rb)
	if la == 0 || lb == 0 {
		return 0
	}
	if la > lb {
		ra, rb, la, lb = rb, ra, lb, la
	}
	window := lb/2 - 1
	if window < 0 {
		window = 0
	}
	var ma, mb [64]bool
	matches := 0
	for i := 0; i < la; i++ {
		lo, hi := i-window, i+window+1
		if lo < 0 {
			lo = 0
		}
		if hi > lb {
			hi = lb
		}
		for j := lo; j < hi; j++ {
			if !mb[j] && ra[i] == rb[j] {
				ma[i], mb[j] = true, true
				matches++
				break
			}
		}
	}
	if matches == 0 {
		return 0
	}
	trans, k := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if ra[i] != rb[k] {
			trans++
		}
		k++
	}
	prefix := 0
	for prefix < 4 && prefix < la && ra[prefix] == rb[prefix] {
		prefix++
	}
	return jaroWinklerOf(matches, trans, la, lb, prefix)
}

// jaroWinklerOf is the Jaro-Winkler similarity of tokens of la and lb
// letters with matches matching letters, trans of them out of order, and a
// common prefix of prefix letters (at most 4).
func jaroWinklerOf(matches, trans, la, lb, prefix int) float64 {
	m := float64(matches)
	jaro := (m/float64(la) + m/float64(lb) + (m-float64(trans)/2)/m) / 3
	return jaro + float64(prefix)*0.1*(1-jaro)
}

// toRunes decodes at most 64 runes of s into buf.
func toRunes(s string, buf []rune) []rune {
	for _, r := range s {
		if len(buf) == cap(buf) {
			break
		}
		buf = append(buf, r)
	}
	return buf
}

// Squeeze returns t with runs of one letter reduced to one: "essa" is
// "esa", "abdelkadder" is "abdelkader".
func Squeeze(t string) string {
	for i := 1; i < len(t); i++ {
		if t[i] == t[i-1] {
			b := make([]byte, 0, len(t))
			for j := 0; j < len(t); j++ {
				if j == 0 || t[j] != t[j-1] {
					b = append(b, t[j])
				}
			}
			return string(b)
		}
	}
	return t
}

// SqueezedEqual reports whether Squeeze(a) == Squeeze(b), without making
// either.
func SqueezedEqual(a, b string) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] != b[j] {
			return false
		}
		c := a[i]
		for i < len(a) && a[i] == c {
			i++
		}
		for j < len(b) && b[j] == c {
			j++
		}
	}
	return i == len(a) && j == len(b)
}

// AdjacentSwap reports whether a and b, of equal length, differ by one swap
// of two adjacent bytes.
func AdjacentSwap(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
}

// EditDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions), over
// bytes, for tokens of up to 64 bytes; longer input is compared on its
// first 64 bytes.
func EditDistance(a, b string) int {
	if len(a) > 64 {
		a = a[:64]
	}
	if len(b) > 64 {
		b = b[:64]
	}
	if len(a) == 0 || len(b) == 0 {
		return len(a) + len(b)
	}
	var pm [26]uint64
	if letterMasks(a, &pm) {
		return osaBits(&pm, len(a), b)
	}
	return osaTable(a, b)
}

// osaTable is EditDistance by the dynamic-programming table, for tokens of
// up to 64 bytes.
func osaTable(a, b string) int {
	// Distances are at most 64: bytes keep the rows in two cache lines
	// each.
	var rows [3][65]uint8
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = uint8(j)
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = uint8(i)
		for j := 1; j <= len(b); j++ {
			cost := uint8(1)
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[len(b)])
}
