package names

import "unicode/utf8"

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
	if n > 3 && (t[n-3:] == "off" || t[n-3:] == "eff") {
		n-- // Ivanoff → ivanof, then f after o/e at the end reads v below
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
		case c == 'f' && i == n-1 && i > 0 && (t[i-1] == 'o' || t[i-1] == 'e'):
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
	m := float64(matches)
	jaro := (m/float64(la) + m/float64(lb) + (m-float64(trans)/2)/m) / 3
	prefix := 0
	for prefix < 4 && prefix < la && ra[prefix] == rb[prefix] {
		prefix++
	}
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

// RuneLen is utf8.RuneCountInString, here so callers need not import utf8
// for one call.
func RuneLen(s string) int { return utf8.RuneCountInString(s) }
