// Package names normalises personal names for watchlist screening: Unicode
// folding, transliteration of Cyrillic and Arabic script to Latin (ICAO Doc
// 9303 Part 3), honorifics and particles as weak tokens, compound names, and a
// phonetic key that absorbs common romanisation variants.
//
// The package is pure and allocation-light: the screening index calls it for
// every query, and the targets are in microseconds.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one normalised name part.
type Token struct {
	// Text is the folded, transliterated form: lower-case ASCII letters for
	// Latin, Cyrillic and Arabic input; lower-case letters of the original
	// script for scripts without a transliteration table.
	Text string
	// Key is the phonetic key of Text (see Key).
	Key string
	// Weak marks honorifics, titles and particles (al-, bin, haji, mullah,
	// van, de...): they may be present or absent in any spelling of the same
	// person, so they count little, but they are kept because "Abu Bakr" and
	// "Bakr" are not quite the same name.
	Weak bool
}

// MaxInput bounds the bytes of a name that are looked at. Real names are far
// shorter; the bound keeps hostile input from costing time.
const MaxInput = 512

// maxTokens bounds the parts of one name for the same reason.
const maxTokens = 16

// weak lists the honorifics, titles and particles that are weak tokens.
var weak = map[string]bool{
	// Arabic and Persian articles, kinship and honorifics.
	// "an" (the article before n, an-Nasr) is left out: An is a common
	// Korean surname (안), and an article is spelt attached far more often.
	"al": true, "el": true, "ul": true, "ur": true, "ud": true, "ad": true, "as": true,
	"bin": true, "ben": true, "ibn": true, "bint": true, "binti": true, "bte": true, "bn": true,
	"abu": true, "abou": true, "abo": true, "bou": true, "umm": true, "um": true, "ould": true, "wad": true,
	"haji": true, "hajji": true, "hadji": true, "alhaji": true, "alhaj": true, "hajj": true,
	"mullah": true, "mulla": true, "mullo": true, "mawlawi": true, "maulvi": true, "maulavi": true, "mavlavi": true,
	"molvi": true, "maulana": true, "mawlana": true, "mufti": true, "qari": true, "hafiz": true, "hafez": true,
	"sheikh": true, "shaikh": true, "shaykh": true, "sheik": true, "shaik": true, "sayed": true, "sayyid": true,
	"sayyed": true, "syed": true, "seyed": true, "sayid": true, "imam": true, "sahib": true,
	// European particles and titles. Particles that are also common
	// surnames are not weak: Le, Do, La and Du are among the commonest
	// Vietnamese surnames (Lê, Đỗ, La), Do and An Korean ones, Di and Du
	// Chinese ones (狄, 杜), and King and Don are English surnames; weighing
	// them a fifth would let a passenger named Le match anyone sharing a
	// given name with a listed Le.
	"de": true, "da": true, "del": true, "della": true, "dos": true,
	"das": true, "van": true, "von": true, "der": true, "den": true, "y": true,
	"e": true, "mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "sir": true, "general": true,
	"gen": true, "colonel": true, "col": true, "captain": true, "president": true, "prasident": true,
	"presidente": true, "monsieur": true, "madame": true, "mme": true, "herr": true, "frau": true,
	"mister": true, "senor": true, "senora": true, "dona": true, "lord": true, "lady": true,
	"prince": true, "princess": true, "queen": true, "minister": true, "capt": true, "jr": true, "sr": true,
}

// IsWeak reports whether a normalised token is an honorific, title or
// particle.
func IsWeak(text string) bool { return weak[text] }

// Normalize splits a name into normalised tokens. "SURNAME, Given" is
// reordered to "Given SURNAME". Apostrophes and ayn/hamza signs join (BA'ASYIR
// is baasyir); hyphens, other punctuation and spaces separate. The "abd"
// compounds are joined and canonicalised (ABDUL RAHMAN, ABDULRAHMAN,
// ABDURRAHMAN and ABD AL-RAHMAN all give abdrahman), and so are the "-din"
// compounds (SALAH EDDINE, SALAHUDDIN, SALAH AL-DIN give salahdin).
func Normalize(s string) []Token {
	return AppendNormalize(nil, s)
}

// AppendNormalize is Normalize appending to dst, for callers that reuse a
// buffer.
func AppendNormalize(dst []Token, s string) []Token {
	if len(s) > MaxInput {
		n := MaxInput
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	if i := strings.IndexByte(s, ','); i >= 0 && strings.IndexByte(s[i+1:], ',') < 0 {
		// One comma is the listing convention "SURNAME, Given names"; more
		// than one is a list or noise, left in order.
		s = s[i+1:] + " " + s[:i]
	}
	texts := fold(s)
	texts = compounds(texts)
	for _, t := range texts {
		if len(dst) >= maxTokens {
			break
		}
		// A lone letter is an initial: it says little on its own.
		dst = append(dst, Token{Text: t, Key: Key(t), Weak: weak[t] || len(t) == 1})
	}
	return dst
}

// Fold returns the folded, transliterated tokens of s joined by single
// spaces, without compounds or keys: the form shown in explanations.
func Fold(s string) string {
	return strings.Join(fold(s), " ")
}

// fold lower-cases, decomposes, strips marks, transliterates and splits.
func fold(s string) []string {
	s = unreverseRuns(s)
	if !isASCIILetters(s) {
		// Hangul before NFKD, which would split syllables into jamo.
		s = norm.NFKD.String(romaniseKana(romaniseHangul(s)))
	}
	var out []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 && len(out) < 4*maxTokens {
			out = append(out, b.String())
		}
		b.Reset()
	}
	prevLower := false
	for i, r := range s {
		lower := false
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'a' && r <= 'z':
				b.WriteByte(byte(r))
				lower = true
			case r >= 'A' && r <= 'Z':
				if prevLower {
					// RamiMakhlouf: a capital after a small letter starts a
					// new part.
					flush()
				}
				b.WriteByte(byte(r) + 'a' - 'A')
			case r >= '0' && r <= '9' && leet[r-'0'] != 0 && (b.Len() > 0 || (i+1 < len(s) && isASCIILetter(s[i+1]))):
				// Digits inside a word are keying or OCR slips: Ig0r Sech1n.
				b.WriteByte(leet[r-'0'])
			case r == '\'' || r == '`':
				// joins: O'NEIL, BA'ASYIR, CHO'NG
			default:
				flush()
			}
		case unicode.Is(unicode.Mc, r):
			// spacing vowel signs (Devanagari, Bengali...) are part of the
			// syllable, not a separator
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
			// combining marks (diacritics, Arabic harakat) and format
			// characters (zero-width joiners, bidi marks) are dropped
		case r == '‘' || r == '’' || r == 'ʼ' || r == 'ʻ' || r == 'ʿ' || r == 'ʾ' || r == '´' || r == 'ʹ' || r == 'ـ':
			// transliterated ayn and hamza, typographic apostrophes, tatweel
		default:
			lower = unicode.IsLower(r)
			lr := unicode.ToLower(r)
			if t, ok := Transliterate(lr); ok {
				b.WriteString(t)
			} else if t, ok := scriptTable(lr); ok {
				b.WriteString(t)
			} else if t, ok := latinSpecial[lr]; ok {
				b.WriteString(t)
			} else if unicode.IsLetter(lr) {
				b.WriteRune(lr)
			} else {
				flush()
			}
		}
		prevLower = lower
	}
	flush()
	return out
}

// leet maps digits met inside words to the letters they are mistaken for.
var leet = [10]byte{'o', 'i', 'z', 'e', 'a', 's', 'b', 't', 'b', 'g'}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isASCIILetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// abdForms are the spellings of "abd" ("servant of") that start a compound
// with the following name.
var abdForms = map[string]bool{
	"abd": true, "abdul": true, "abdel": true, "abdal": true, "abdol": true, "abdu": true,
	"abdoul": true, "abdur": true, "abdus": true, "abdoel": true, "abdil": true,
}

// abdCanon maps the romanisation canon of each abd form to the form.
var abdCanon = func() map[string]string {
	m := map[string]string{}
	for _, f := range abdFormList {
		if _, ok := m[Canon(f)]; !ok {
			m[Canon(f)] = f
		}
	}
	return m
}()

// abdFormList is abdForms in a fixed order, so abdSwap is deterministic.
var abdFormList = []string{"abd", "abdal", "abdel", "abdil", "abdoel", "abdol", "abdoul", "abdu", "abdul", "abdur", "abdus"}

// abdSwap returns the abd form that t is one adjacent transposition of
// (ADBUL, ABDLU: the commonest keying slip, two neighbouring keys struck in
// the wrong order), or "". Only a neighbour swap: a looser anagram rule
// would read BADAL or BADRU as the particle. The swap must keep the leading
// a: the first letter of a word is the one a typist least often slips on,
// and a swap that moves it makes a word of another initial (Badal, Badru
// are given names of their own).
func abdSwap(t string) string {
	if t == "" || t[0] != 'a' {
		return ""
	}
	for _, f := range abdFormList {
		if len(f) == len(t) && AdjacentSwap(t, f) {
			return f
		}
	}
	return ""
}

// dinForms are the spellings of "al-din" ("of the faith") that end a
// compound with the preceding name.
var dinForms = map[string]bool{
	"din": true, "deen": true, "dine": true, "eddine": true, "eddin": true, "uddin": true,
	"uddeen": true, "addin": true, "aldin": true, "udin": true, "edin": true,
}

// compounds joins and canonicalises the "abd ..." and "... al-din" compounds
// so that every common spelling of them gives one token.
func compounds(ts []string) []string {
	out := ts[:0:0]
	for i := 0; i < len(ts); i++ {
		t := ts[i]
		if !abdForms[t] && i+1 < len(ts) && len(t) >= 4 && len(t) <= 7 && t[:3] == "abd" {
			// ABDOOR, ABDOOL: the particle in another romanisation of its
			// vowel (names.Canon: oo/u).
			if f, ok := abdCanon[Canon(t)]; ok {
				t = f
			}
		}
		if !abdForms[t] && len(t) >= 4 && len(t) <= 6 && t != "abdi" && i+1 < len(ts) {
			// ADBUL, ABUDL: a transposition typo in the particle, only
			// when a name follows it.
			if f := abdSwap(t); f != "" {
				t = f
			}
		}
		if abdForms[t] && i+1 < len(ts) {
			j := i + 1
			// ABD AL-RAHMAN: the article between belongs to the compound.
			if (ts[j] == "al" || ts[j] == "el" || ts[j] == "ul" || ts[j] == "ur" || ts[j] == "ar" || ts[j] == "as" || ts[j] == "ad") && j+1 < len(ts) {
				j++
			}
			if !weak[ts[j]] {
				t = "abd" + ts[j]
				i = j
			}
		}
		if strings.HasPrefix(t, "abd") && len(t) > 3 {
			t = canonAbd(t)
		}
		if dinForms[t] && len(out) > 0 {
			prev := out[len(out)-1]
			if weak[prev] && len(out) > 1 {
				// SAIF AL DIN: drop the article, join to the name before.
				out = out[:len(out)-1]
				prev = out[len(out)-1]
			}
			if !weak[prev] {
				out[len(out)-1] = canonDin(prev + "din")
				continue
			}
		}
		if len(t) > 6 {
			t = canonDin(t)
		}
		out = append(out, t)
	}
	return out
}

// canonAbd reduces abd + article + name to abd + name: the article (al, el,
// ul, u...) and the doubled sun letter it assimilates to (ABDURRAHMAN,
// ABDUSSALAM) are spelling, not identity.
func canonAbd(t string) string {
	rest := t[3:]
	for _, art := range [...]string{"oul", "ul", "el", "al", "ol", "il", "u", "o", "a", "e", "i"} {
		if strings.HasPrefix(rest, art) && len(rest)-len(art) >= 3 {
			rest = rest[len(art):]
			break
		}
	}
	if len(rest) >= 4 && rest[0] == rest[1] && !isVowel(rest[0]) {
		rest = rest[1:]
	}
	return "abd" + rest
}

// canonDin gives name + "din" compounds one ending: SALAHUDDIN, SALAHEDDINE,
// SALAHADDIN all become salahdin.
func canonDin(t string) string {
	for _, suf := range [...]string{"uddeen", "uddine", "eddine", "uddin", "eddin", "addin", "aldin", "uldin", "udin", "edin", "dine", "deen"} {
		if strings.HasSuffix(t, suf) && len(t)-len(suf) >= 3 {
			return t[:len(t)-len(suf)] + "din"
		}
	}
	return t
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// unreverseRuns puts back in order each Latin word written backwards: a
// run of three or more ASCII letters whose only capital is its last
// (nituP). A Latin name inside right-to-left text (an Arabic or Hebrew
// form, a visual-order system) comes out with its letters reversed when
// the text is stored in display order instead of logical order (Unicode
// Standard Annex #9); a capitalised name then ends in its capital, which no
// name does. Read as written, the capital would split it (RamiMakhlouf)
// into a stray part and an initial.
func unreverseRuns(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		if !isASCIILetter(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		// A run beside a letter outside ASCII is part of a longer word.
		if j-i >= 3 && reversedWord(s[i:j]) && (j == len(s) || s[j] < utf8.RuneSelf) && (i == 0 || s[i-1] < utf8.RuneSelf) {
			if b == nil {
				b = []byte(s)
			}
			for l, r := i, j-1; l < r; l, r = l+1, r-1 {
				b[l], b[r] = b[r], b[l]
			}
		}
		i = j
	}
	if b == nil {
		return s
	}
	return string(b)
}

// reversedWord reports whether w (ASCII letters) has one capital, its last.
func reversedWord(w string) bool {
	if c := w[len(w)-1]; c < 'A' || c > 'Z' {
		return false
	}
	for i := 0; i < len(w)-1; i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}
