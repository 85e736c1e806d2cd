package mrz

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// icaoLatin holds the transliterations of Doc 9303 Part 3 (section 6, table A) that are more than
// "drop the diacritic", and the letters for which issuers print either of two forms, all of which
// must be accepted: German issuers write MÜLLER as MUELLER, others as MULLER. Older editions of
// the table gave Ø as O and the reversible NXX and UXX, which documents still in circulation use.
// Đ as DJ is national practice in Serbia and Croatia, not ICAO's.
var icaoLatin = map[rune][]string{
	'Ä': {"AE", "A"},
	'Å': {"AA", "A"},
	'Æ': {"AE"},
	'Ð': {"D"},
	'Đ': {"D", "DJ"},
	'Ħ': {"H"},
	'Ĳ': {"IJ"},
	'Ŀ': {"L"},
	'Ł': {"L"},
	'Ñ': {"N", "NXX"},
	'ŉ': {"N"},
	'Ŋ': {"N"},
	'Ö': {"OE", "O"},
	'Ø': {"OE", "O"},
	'Œ': {"OE"},
	'ß': {"SS"},
	'ẞ': {"SS"},
	'Þ': {"TH"},
	'Ŧ': {"T"},
	'Ü': {"UE", "UXX", "U"},
}

// transliterate maps a keyed name into the MRZ alphabet, one entry per letter listing every form
// the MRZ may hold for it. Word separators (spaces, hyphens, '<') and the punctuation that Part 3
// omits (apostrophes, full stops, commas) yield no entry: names are compared without word
// boundaries, because issuers differ on whether a hyphen becomes '<' or nothing. ok is false when
// a letter has no Latin transliteration (Cyrillic, Greek, ...).
// asciiLetters holds the one-spelling alternatives of the letters and digits, shared so that the
// common case of a name already in the MRZ alphabet allocates nothing per letter.
var asciiLetters = func() (t [128][]string) {
	for c := '0'; c <= 'Z'; c++ {
		t[c] = []string{string(c)}
	}
	return t
}()

func transliterate(name string) (letters [][]string, ok bool) {
	// Composed form, so that a U followed by a combining diaeresis is recognised as Ü.
	for _, r := range norm.NFC.String(name) {
		up := unicode.ToUpper(r)
		switch {
		case 'A' <= up && up <= 'Z', '0' <= up && up <= '9':
			letters = append(letters, asciiLetters[up])
		case icaoLatin[up] != nil:
			letters = append(letters, icaoLatin[up])
		case icaoLatin[r] != nil: // ß and ŉ have no single-letter capital
			letters = append(letters, icaoLatin[r])
		case isSeparator(r), unicode.Is(unicode.Mn, r):
		default:
			base, ok := baseLetters(up)
			if !ok {
				return nil, false
			}
			for _, b := range base {
				letters = append(letters, []string{string(b)})
			}
		}
	}
	return letters, true
}

func isSeparator(r rune) bool {
	switch r {
	case '<', '\'', '’', 'ʼ', '‘', '`', '´', '.', ',':
		return true
	}
	return unicode.IsSpace(r) || unicode.Is(unicode.Pd, r)
}

// baseLetters transliterates the letters of the table that are a base letter with diacritics
// (É→E, Č→C, Ş→S, ...) by compatibility decomposition, which also covers the many such letters the
// table does not list and presentation forms such as ligatures and full-width letters.
func baseLetters(r rune) (string, bool) {
	var b strings.Builder
	for _, d := range norm.NFKD.String(string(r)) {
		d = unicode.ToUpper(d)
		switch {
		case 'A' <= d && d <= 'Z':
			b.WriteRune(d)
		case unicode.Is(unicode.Mn, d):
		default:
			return "", false
		}
	}
	return b.String(), b.Len() > 0
}

// matchName reports whether some transliteration of the keyed letters spells mrz, or, when the
// MRZ name was truncated, starts with mrz. mrz holds only A-Z and digits.
func matchName(letters [][]string, mrz string, truncated bool) bool {
	// reach[j] is set when some transliteration of the letters so far spells mrz[:j]. The
	// alternatives differ in length, so several prefixes can be live at once.
	reach := make([]bool, len(mrz)+1)
	next := make([]bool, len(mrz)+1)
	reach[0] = true
	for _, alts := range letters {
		clear(next)
		live := false
		for j, ok := range reach {
			if !ok {
				continue
			}
			rest := mrz[j:]
			for _, a := range alts {
				switch {
				case strings.HasPrefix(rest, a):
					next[j+len(a)] = true
					live = true
				case truncated && strings.HasPrefix(a, rest):
					// The MRZ ends here, within or before this letter: the keyed name
					// continues past the truncation.
					return true
				}
			}
		}
		if !live {
			return false
		}
		reach, next = next, reach
	}
	return reach[len(mrz)]
}

// mrzLetters reduces a name read from an MRZ to its letters, as transliterate does.
func mrzLetters(name string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '<' {
			return -1
		}
		return unicode.ToUpper(r)
	}, name)
}
