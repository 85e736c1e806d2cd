package names

import "strings"

// Hangul syllables (U+AC00..U+D7A3) are composed arithmetically from their
// jamo: syllable = 0xAC00 + (initial*21 + vowel)*28 + final (Unicode §3.12,
// "Conjoining Jamo Behavior"). So romanising them needs no dictionary: each
// jamo has one Latin form. The forms are the McCune–Reischauer values
// without diacritics as the DPRK's official romanisation writes them, which
// is what the UN and OFAC listings of Korean names use (Kim Jong Un, Choe
// Ryong Hae, Jang Song Thaek): word-initial plosives unvoiced (k, t, p),
// ㅈ j, ㅊ ch, aspirates kh/th/ph, ㅓ and ㅗ both o, ㅡ and ㅜ both u.
// Revised Romanization spellings of the same names (Gim, Jeong, Eun) differ
// from these in voicing and vowel digraphs; the phonetic key and the
// romanisation canon absorb the vowel digraphs (jeong/jong), not the voicing
// (gim/kim).
var (
	hangulInitial = [19]string{"k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th", "ph", "h"}
	hangulVowel   = [21]string{"a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"}
	hangulFinal   = [28]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

// romaniseHangul replaces each Hangul syllable of s by its romanisation as
// a separate part. A Korean name is written without spaces (김정은) and each
// syllable is one morpheme; Latin listings write the syllables apart (KIM
// JONG UN), hyphenated (Kim Jong-un) or joined (Kim Jongun), and the
// index's join rules pair joined syllables with separate ones, so separate
// parts are the form that meets every listing.
func romaniseHangul(s string) string {
	has := false
	for _, r := range s {
		if isHangulSyllable(r) {
			has = true
			break
		}
	}
	if !has {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !isHangulSyllable(r) {
			b.WriteRune(r)
			continue
		}
		n := int(r - 0xAC00)
		b.WriteByte(' ')
		b.WriteString(hangulInitial[n/588])
		b.WriteString(hangulVowel[(n%588)/28])
		b.WriteString(hangulFinal[n%28])
		b.WriteByte(' ')
	}
	return b.String()
}
