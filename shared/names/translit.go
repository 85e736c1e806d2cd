package names

// Transliteration of Cyrillic and Arabic script to Latin, after ICAO Doc 9303
// Part 3 (section 6, "Transliteration of multinational characters"). The
// tables map lower-case letters; callers fold case first.

// cyrillic is the ICAO Doc 9303 Part 3 table for Cyrillic, covering Russian,
// Ukrainian, Belarusian, Serbian, Macedonian and Bulgarian letters, and the
// letters of the Central Asian and Mongolian alphabets after it. Ь has no
// Latin equivalent and is dropped, as the standard says.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'ђ': "d",
	'ѓ': "g", 'е': "e", 'ё': "e", 'є': "ie", 'ж': "zh", 'з': "z", 'ѕ': "dz",
	'и': "i", 'і': "i", 'ї': "i", 'й': "i", 'ј': "j", 'к': "k", 'л': "l",
	'љ': "lj", 'м': "m", 'н': "n", 'њ': "nj", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'ћ': "c", 'ќ': "k", 'у': "u", 'ў': "u", 'ф': "f",
	'х': "kh", 'ц': "ts", 'ч': "ch", 'џ': "dz", 'ш': "sh", 'щ': "shch",
	'ъ': "ie", 'ы': "y", 'ь': "", 'э': "e", 'ю': "iu", 'я': "ia",
	// ICAO's table stops at the Slavic alphabets; passports of Kazakhstan,
	// Kyrgyzstan, Mongolia, Tajikistan, Uzbekistan (Cyrillic era) and the
	// Turkic republics of Russia print letters it lacks, and a name holding
	// one was left half in Cyrillic, so it met no Latin listing and no
	// other spelling of itself. These follow the BGN/PCGN romanisations of
	// those languages without their diacritics (ö, ü, ä are o, u, a, as the
	// MRZ writes them): ә→a, ғ→gh, қ→q, ң→ng, ө→o, ұ→u, ү→u, һ→h,
	// ҳ→h, ҷ→j, ӣ→i, ӯ→u, ҙ→z, ҫ→s, ӊ→ng, ӏ→"" (the palochka marks
	// ejectives, as ь marks softness).
	'ә': "a", 'ғ': "gh", 'қ': "q", 'ң': "ng", 'ө': "o", 'ұ': "u", 'ү': "u",
	'һ': "h", 'ҳ': "h", 'ҷ': "j", 'ӣ': "i", 'ӯ': "u", 'ҙ': "z", 'ҫ': "s",
	'ӊ': "ng", 'ӏ': "",
}

// ICAOArabic is the ICAO Doc 9303 Part 3 table for Arabic script (Arabic
// letters and the Persian and Urdu additions) as the standard prints it for
// the machine readable zone. The "X" forms there exist only to make the MRZ
// reversible; see arabic for the form used for matching.
var ICAOArabic = map[rune]string{
	'ء': "XE", 'آ': "XAA", 'أ': "XAE", 'ؤ': "U", 'إ': "I", 'ئ': "XI",
	'ا': "A", 'ب': "B", 'ة': "XTA", 'ت': "T", 'ث': "XTH", 'ج': "J",
	'ح': "XH", 'خ': "XKH", 'د': "D", 'ذ': "XDH", 'ر': "R", 'ز': "Z",
	'س': "S", 'ش': "XSH", 'ص': "XSS", 'ض': "XDZ", 'ط': "XTT", 'ظ': "XZZ",
	'ع': "E", 'غ': "G", 'ف': "F", 'ق': "Q", 'ك': "K", 'ل': "L", 'م': "M",
	'ن': "N", 'ه': "H", 'و': "W", 'ى': "XAY", 'ي': "Y",
	'پ': "XP", 'چ': "XCH", 'ژ': "XZH", 'ک': "XKK", 'گ': "XGG", 'ی': "XYA",
	'ٹ': "XRT", 'ڈ': "XDD", 'ڑ': "XRR", 'ں': "XNN", 'ھ': "XHH", 'ہ': "XHA",
	'ے': "XYB", 'ۀ': "XHY",
}

// arabic is ICAOArabic made pronounceable: the reversibility marker X is
// removed and the letter doubled only to mark reversibility is collapsed
// (XSS → s, XTT → t), so that ص reads as the "s" every Latin listing writes.
// Hamza and its seats become vowels or nothing, as in listed names.
var arabic = func() map[rune]string {
	m := make(map[rune]string, len(ICAOArabic))
	for r, s := range ICAOArabic {
		m[r] = pronounceable(s)
	}
	return m
}()

// pronounceable turns one ICAO MRZ transliteration into the lower-case Latin
// a listing would use.
func pronounceable(s string) string {
	switch s {
	case "XE":
		return "" // hamza: a glottal stop Latin listings leave out
	case "XAA", "XAE", "XAY", "XTA":
		return "a"
	case "XDZ":
		return "d"
	case "XYA", "XYB":
		return "y"
	case "XHY":
		return "h"
	}
	if len(s) > 1 && s[0] == 'X' {
		s = s[1:]
		if len(s) == 2 && s[0] == s[1] {
			s = s[:1]
		}
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// latinSpecial covers Latin letters that Unicode NFKD does not decompose into
// a base letter and a mark; ICAO Doc 9303 Part 3 gives the same forms.
var latinSpecial = map[rune]string{
	'ß': "ss", 'æ': "ae", 'ø': "o", 'œ': "oe", 'đ': "d", 'ð': "d", 'ł': "l",
	'þ': "th", 'ı': "i", 'ŀ': "l", 'ħ': "h", 'ŧ': "t", 'ŋ': "n", 'ĸ': "k",
	'ſ': "s", 'ə': "a",
}

// Transliterate returns the Latin form of one lower-case Cyrillic or Arabic
// letter, and whether r is such a letter. Arabic follows ICAOArabic without
// the reversibility markers.
func Transliterate(r rune) (string, bool) {
	if s, ok := cyrillic[r]; ok {
		return s, true
	}
	if s, ok := arabic[r]; ok {
		return s, true
	}
	return "", false
}
