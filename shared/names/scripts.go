package names

import "strings"

// Beyond ICAO Doc 9303, which covers Latin, Cyrillic and Arabic script,
// names reach a charter manifest in Greek, Armenian, Georgian and Japanese
// kana. Their national romanisations are letter for letter, so a small table
// lets such a name meet its Latin listing. Scripts that need a dictionary
// (Chinese characters) or syllable rules (Hangul) are left in their own
// script and match only names in the same script.

// greek follows ELOT 743 (the Greek passport romanisation), letter by
// letter.
var greek = map[rune]string{
	'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
	'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
	'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps", 'ω': "o",
}

// armenian follows the BGN/PCGN romanisation.
var armenian = map[rune]string{
	'ա': "a", 'բ': "b", 'գ': "g", 'դ': "d", 'ե': "e", 'զ': "z", 'է': "e", 'ը': "y",
	'թ': "t", 'ժ': "zh", 'ի': "i", 'լ': "l", 'խ': "kh", 'ծ': "ts", 'կ': "k", 'հ': "h",
	'ձ': "dz", 'ղ': "gh", 'ճ': "ch", 'մ': "m", 'յ': "y", 'ն': "n", 'շ': "sh", 'ո': "o",
	'չ': "ch", 'պ': "p", 'ջ': "j", 'ռ': "r", 'ս': "s", 'վ': "v", 'տ': "t", 'ր': "r",
	'ց': "ts", 'ւ': "v", 'փ': "p", 'ք': "k", 'օ': "o", 'ֆ': "f", 'և': "ev",
}

// georgian follows the national system of 2002, used in Georgian passports.
var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t",
	'ი': "i", 'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh",
	'რ': "r", 'ს': "s", 'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q",
	'შ': "sh", 'ჩ': "ch", 'ც': "ts", 'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
}

// katakana is modified Hepburn for katakana; hiragana is mapped onto it.
// Voiced forms are listed whole, since kana are romanised before Unicode
// decomposition would split off their voicing marks.
var katakana = map[rune]string{
	'ア': "a", 'イ': "i", 'ウ': "u", 'エ': "e", 'オ': "o", 'カ': "ka", 'キ': "ki", 'ク': "ku", 'ケ': "ke", 'コ': "ko",
	'サ': "sa", 'シ': "shi", 'ス': "su", 'セ': "se", 'ソ': "so", 'タ': "ta", 'チ': "chi", 'ツ': "tsu", 'テ': "te", 'ト': "to",
	'ナ': "na", 'ニ': "ni", 'ヌ': "nu", 'ネ': "ne", 'ノ': "no", 'ハ': "ha", 'ヒ': "hi", 'フ': "fu", 'ヘ': "he", 'ホ': "ho",
	'マ': "ma", 'ミ': "mi", 'ム': "mu", 'メ': "me", 'モ': "mo", 'ヤ': "ya", 'ユ': "yu", 'ヨ': "yo",
	'ラ': "ra", 'リ': "ri", 'ル': "ru", 'レ': "re", 'ロ': "ro", 'ワ': "wa", 'ヲ': "o", 'ン': "n",
	'ガ': "ga", 'ギ': "gi", 'グ': "gu", 'ゲ': "ge", 'ゴ': "go", 'ザ': "za", 'ジ': "ji", 'ズ': "zu", 'ゼ': "ze", 'ゾ': "zo",
	'ダ': "da", 'ヂ': "ji", 'ヅ': "zu", 'デ': "de", 'ド': "do", 'バ': "ba", 'ビ': "bi", 'ブ': "bu", 'ベ': "be", 'ボ': "bo",
	'パ': "pa", 'ピ': "pi", 'プ': "pu", 'ペ': "pe", 'ポ': "po", 'ヴ': "vu",
	'ァ': "a", 'ィ': "i", 'ゥ': "u", 'ェ': "e", 'ォ': "o", 'ャ': "ya", 'ュ': "yu", 'ョ': "yo", 'ッ': "", 'ー': "",
}

// scriptTable returns the romanisation of a lower-case letter of the
// scripts above.
func scriptTable(r rune) (string, bool) {
	switch {
	case r >= 0x0370 && r <= 0x03FF:
		s, ok := greek[r]
		return s, ok
	case r >= 0x0530 && r <= 0x058F:
		s, ok := armenian[r]
		return s, ok
	case r >= 0x10A0 && r <= 0x10FF:
		s, ok := georgian[r]
		return s, ok
	}
	return "", false
}

// romaniseKana replaces kana in s by Hepburn romaji, leaving the rest.
func romaniseKana(s string) string {
	hasKana := false
	for _, r := range s {
		if r >= 0x3041 && r <= 0x30FF {
			hasKana = true
			break
		}
	}
	if !hasKana {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		k := r
		if r >= 0x3041 && r <= 0x3096 {
			k = r + 0x60 // hiragana to katakana
		}
		if t, ok := katakana[k]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
