package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Wade–Giles is the romanisation of Mandarin that Taiwan's passports,
// Hong Kong and Western records before 1979 use (Mao Tse-tung, Chiang
// Ching-kuo, Hsi Chin-p'ing); Hanyu Pinyin (ISO 7098) is what the PRC's
// passports and the UN and OFAC listings of PRC nationals use (Mao Zedong,
// Jiang Jingguo, Xi Jinping). The two spell one syllable inventory with
// different letters, syllable by syllable, so the correspondence is a
// table, not a guess: hs→x, j→r, ch/ts/tz/k/t/p (unaspirated) →
// zh or j/z/g/d/b and the aspirated ch'/ts'/k'/t'/p' → ch or q/c/k/t/p,
// -ih→-i, -ieh→-ie, -ien→-ian, -ung→-ong, -uei→-ui, tzu/ssu→zi/si, o→e
// after k and h. No spelling rule of the canon (Canon) or the phonetic key
// (Key) can do this: XI and HSI share no letter, and tung/dong, tse/ze
// differ in their consonant.

// maxPinyinReadings bounds the renderings PinyinFromWadeGiles returns. A
// Wade–Giles name without its apostrophes or diaereses is ambiguous
// syllable by syllable; each reading is one more screening of the name, so
// only the likeliest few are tried (the written form first, then each one
// ambiguity read the other way).
const maxPinyinReadings = 4

// pinyinFinals is the Hanyu Pinyin syllable inventory (the table of
// initials and finals of the Scheme for the Chinese Phonetic Alphabet,
// 1958), written as the MRZ and the lists write it: without tones, ü as u
// after j, q, x and y, and lü/nü as lu/nu. The key "" holds the syllables
// without an initial, in their y-/w- spelling.
var pinyinFinals = map[string]string{
	"":   "a ai an ang ao e ei en eng er o ou yi ya yan yang yao ye yin ying yo yong you wu wa wai wan wang wei wen weng wo yu yuan yue yun",
	"b":  "a ai an ang ao ei en eng i ian iao ie in ing o u",
	"p":  "a ai an ang ao ei en eng i ian iao ie in ing o ou u",
	"m":  "a ai an ang ao e ei en eng i ian iao ie in ing iu o ou u",
	"f":  "a an ang ei en eng o ou u",
	"d":  "a ai an ang ao e ei en eng i ia ian iao ie ing iu ong ou u uan ui un uo",
	"t":  "a ai an ang ao e eng i ian iao ie ing ong ou u uan ui un uo",
	"n":  "a ai an ang ao e ei en eng i ian iang iao ie in ing iu ong ou u uan ue uo",
	"l":  "a ai an ang ao e ei eng i ia ian iang iao ie in ing iu o ong ou u uan ue un uo",
	"g":  "a ai an ang ao e ei en eng ong ou u ua uai uan uang ui un uo",
	"k":  "a ai an ang ao e en eng ong ou u ua uai uan uang ui un uo",
	"h":  "a ai an ang ao e ei en eng ong ou u ua uai uan uang ui un uo",
	"j":  "i ia ian iang iao ie in ing iong iu u uan ue un",
	"q":  "i ia ian iang iao ie in ing iong iu u uan ue un",
	"x":  "i ia ian iang iao ie in ing iong iu u uan ue un",
	"zh": "a ai an ang ao e ei en eng i ong ou u ua uai uan uang ui un uo",
	"ch": "a ai an ang ao e en eng i ong ou u ua uai uan uang ui un uo",
	"sh": "a ai an ang ao e ei en eng i ou u ua uai uan uang ui un uo",
	"r":  "an ang ao e en eng i ong ou u ua uan ui un uo",
	"z":  "a ai an ang ao e ei en eng i ong ou u uan ui un uo",
	"c":  "a ai an ang ao e en eng i ong ou u uan ui un uo",
	"s":  "a ai an ang ao e en eng i ong ou u uan ui un uo",
}

// pinyinSyllables is pinyinFinals as a set of whole syllables.
var pinyinSyllables = func() map[string]bool {
	m := map[string]bool{}
	for ini, fs := range pinyinFinals {
		for _, f := range strings.Fields(fs) {
			m[ini+f] = true
		}
	}
	return m
}()

// wgInitials are the Wade–Giles initials, longest first so that ch is not
// read as c + h. The zero initial is the empty string.
var wgInitials = []string{"ch", "hs", "sh", "ts", "tz", "ss", "sz", "f", "h", "j", "k", "l", "m", "n", "p", "s", "t", "w", "y"}

// wgStops maps each Wade–Giles initial that has an aspirated partner to its
// pinyin letters: unaspirated, then aspirated (marked in Wade–Giles by an
// apostrophe). ch is listed for its reading before a or o (zh, ch); before
// i and ü it is j, q (wgSyllable).
var wgStops = map[string][2]string{
	"ch": {"zh", "ch"}, "ts": {"z", "c"}, "tz": {"z", "c"},
	"k": {"g", "k"}, "t": {"d", "t"}, "p": {"b", "p"},
}

// wgPlain maps the other Wade–Giles initials to pinyin.
var wgPlain = map[string]string{
	"hs": "x", "j": "r", "ss": "s", "sz": "s", "sh": "sh", "s": "s",
	"f": "f", "h": "h", "l": "l", "m": "m", "n": "n", "w": "w", "y": "y", "": "",
}

// wgFinals maps Wade–Giles finals (as the MRZ writes them: ê as e, ŭ and ü
// as u) to pinyin. The finals whose reading depends on the initial (o, u
// and its ü compounds) are handled in wgSyllable.
var wgFinals = map[string]string{
	"a": "a", "ai": "ai", "an": "an", "ang": "ang", "ao": "ao",
	"e": "e", "ei": "ei", "en": "en", "eng": "eng", "erh": "er",
	"i": "i", "ia": "ia", "iang": "iang", "iao": "iao", "ieh": "ie", "ien": "ian",
	"ih": "i", "in": "in", "ing": "ing", "iu": "iu", "iung": "iong",
	"ou": "ou", "ua": "ua", "uai": "uai", "uang": "uang", "uei": "ui", "ui": "ui",
	"ung": "ong", "uo": "uo", "ueh": "ue", "eh": "e",
}

// wgSyllable returns the pinyin readings of one Wade–Giles syllable (a–z,
// lower case), aspirated if it carried the apostrophe and umlaut if its u
// carried the diaeresis: the written form's reading first, then the
// readings of a lost apostrophe (an unmarked stop read aspirated) and of a
// lost diaeresis (u read ü). It returns nil when the syllable is not
// Wade–Giles.
func wgSyllable(syl string, aspirated, umlaut bool) []string {
	ini := ""
	for _, c := range wgInitials {
		if strings.HasPrefix(syl, c) {
			ini = c
			break
		}
	}
	fin := syl[len(ini):]
	if fin == "" {
		return nil
	}
	stop, isStop := wgStops[ini]
	if aspirated && !isStop {
		return nil
	}
	if umlaut && ini != "ch" && ini != "hs" && ini != "y" && ini != "l" && ini != "n" {
		return nil // ü follows only these (chü, hsü, yü, lü, nü)
	}
	// Each reading is one choice of aspiration (asp) and of ü for a
	// written u (umlaut).
	type choice struct{ asp, umlaut bool }
	choices := []choice{{aspirated, umlaut}}
	if isStop && !aspirated {
		// The apostrophe is dropped in passports (the MRZ has no
		// apostrophe) and in most lists, so an unmarked stop is either.
		choices = append(choices, choice{true, umlaut})
	}
	if !umlaut && (ini == "ch" || ini == "y") && (fin == "u" || fin == "un" || fin == "uan") {
		// ü is written u in the MRZ: chu is zhu (chu) or ju (chü), yu
		// is you (yu) or yu (yü).
		for _, c := range choices[:len(choices):len(choices)] {
			choices = append(choices, choice{c.asp, true})
		}
	}
	var out []string
	for _, c := range choices {
		p := wgReading(ini, fin, stop, isStop, c.asp, c.umlaut)
		if p != "" && pinyinSyllables[p] && !contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// wgReading is the pinyin of Wade–Giles initial ini and final fin with one
// choice of aspiration and of ü, or "" when there is none.
func wgReading(ini, fin string, stop [2]string, isStop, asp, umlaut bool) string {
	front := strings.HasPrefix(fin, "i") && fin != "ih" || umlaut || fin == "ueh"
	var pi string
	switch {
	case ini == "ch" && front:
		// Before i and ü the Wade–Giles ch, ch' are pinyin j, q.
		pi = "j"
		if asp {
			pi = "q"
		}
	case isStop && asp:
		pi = stop[1]
	case isStop:
		pi = stop[0]
	default:
		pi = wgPlain[ini]
	}
	switch ini {
	case "y":
		// The y- syllables are written as pinyin writes its zero-initial
		// i- and ü- finals: yeh ye, yen yan, yu you, yü yu, yung yong.
		switch fin {
		case "eh":
			return "ye"
		case "en":
			return "yan"
		case "u":
			if umlaut {
				return "yu"
			}
			return "you"
		case "ung":
			return "yong"
		case "uan", "ueh", "un", "a", "ai", "ang", "ao", "in", "ing", "o":
			if fin == "ueh" {
				return "yue"
			}
			return "y" + fin
		}
		return ""
	case "w":
		switch fin {
		case "a", "ai", "an", "ang", "ei", "en", "eng", "o", "u":
			return "w" + fin
		}
		return ""
	case "":
		switch fin {
		case "i":
			return "yi"
		case "o":
			return "e" // WG o (俄) is pinyin e
		case "a", "ai", "an", "ang", "ao", "e", "ei", "en", "eng", "erh", "ou":
			return wgFinals[fin]
		}
		return ""
	}
	var pf string
	switch fin {
	case "u":
		switch {
		case ini == "tz" || ini == "ss" || ini == "sz":
			pf = "i" // tzŭ, ssŭ: the apical vowel, pinyin zi, si
		default:
			pf = "u"
		}
	case "un", "uan":
		pf = fin
	case "o":
		switch ini {
		case "p", "m", "f":
			pf = "o" // po, mo, fo: bo, mo, fo
		case "k", "h":
			pf = "e" // ko, k'o, ho: ge, ke, he
		default:
			pf = "uo" // cho, jo, lo, no, so, to, tso: zhuo, ruo, luo...
		}
	default:
		var ok bool
		if pf, ok = wgFinals[fin]; !ok {
			return ""
		}
	}
	if fin == "ih" && ini != "ch" && ini != "sh" && ini != "j" {
		return "" // -ih follows only ch, sh, j (zhi, chi, shi, ri)
	}
	return pi + pf
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// PinyinFromWadeGiles returns the Hanyu Pinyin renderings of s when s is a
// personal name written in Wade–Giles, the likeliest first, at most
// maxPinyinReadings of them; otherwise nil. The syllables of a hyphenated
// part are joined, as pinyin writes a given name as one word (GB/T
// 28039-2011, ISO 7098): Mao Tse-tung gives "mao zedong".
//
// A name counts as Wade–Giles only when it has two syllables or more, every
// part is Latin letters that split at hyphens into Wade–Giles syllables,
// and at least one shows a spelling pinyin does not have: an aspiration
// apostrophe, a syllable that is not a pinyin syllable (hsi, chin, tung,
// tse, chih), or syllables hyphenated within a part. A pinyin name never
// qualifies, nor do names of other languages whose parts are not all
// Mandarin syllables (Kim, Chiang Kai-shek's Cantonese shek).
func PinyinFromWadeGiles(s string) []string {
	if len(s) > MaxInput {
		return nil
	}
	s = norm.NFKD.String(s)
	var parts []wgPart
	var cur wgPart
	var syl strings.Builder
	aspirated, umlaut, wgOnly := false, false, false
	nsyl := 0
	endSyl := func() bool {
		if syl.Len() == 0 {
			return true
		}
		t := syl.String()
		syl.Reset()
		r := wgSyllable(t, aspirated, umlaut)
		if r == nil {
			return false
		}
		if aspirated || umlaut || !pinyinSyllables[t] {
			wgOnly = true
		}
		aspirated, umlaut = false, false
		cur.readings = append(cur.readings, r)
		nsyl++
		return true
	}
	endPart := func(comma bool) bool {
		if !endSyl() {
			return false
		}
		if len(cur.readings) > 0 {
			if len(cur.readings) > 1 {
				wgOnly = true // hyphenated syllables: pinyin joins them
			}
			cur.comma = comma
			parts = append(parts, cur)
		} else if comma && len(parts) > 0 {
			parts[len(parts)-1].comma = true
		}
		cur = wgPart{}
		return true
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			syl.WriteRune(unicode.ToLower(r))
		case r == '\u0308':
			// The diaeresis of ü, when it is written, settles the vowel.
			if t := syl.String(); t == "" || t[len(t)-1] != 'u' {
				return nil
			}
			umlaut = true
		case unicode.Is(unicode.Mn, r):
			// the circumflex of ê and the breve of ŭ change no pinyin letter
		case r == '\'' || r == '’' || r == '‘' || r == 'ʻ' || r == 'ʼ' || r == '`':
			// The aspiration mark follows the initial consonant.
			if syl.Len() == 0 || aspirated {
				return nil
			}
			t := syl.String()
			if _, ok := wgStops[t]; !ok {
				return nil
			}
			aspirated = true
		case r == '-':
			if syl.Len() == 0 || !endSyl() {
				return nil
			}
		case r == ' ' || r == ',':
			if !endPart(r == ',') {
				return nil
			}
		default:
			return nil
		}
	}
	if !endPart(false) || nsyl < 2 || !wgOnly {
		return nil
	}
	// Readings in order of how many syllables are read other than as
	// written: the written form, then each single change in syllable order,
	// and so on, up to maxPinyinReadings.
	var flat [][]string
	for _, p := range parts {
		flat = append(flat, p.readings...)
	}
	var out []string
	pick := make([]int, len(flat))
	var walk func(i, changes int)
	walk = func(i, changes int) {
		if len(out) >= maxPinyinReadings {
			return
		}
		if i == len(flat) {
			if changes == 0 {
				out = append(out, render(parts, pick))
			}
			return
		}
		for k := range flat[i] {
			c := changes
			if k > 0 {
				c--
			}
			if c < 0 {
				break
			}
			pick[i] = k
			walk(i+1, c)
		}
	}
	for changes := 0; changes <= len(flat) && len(out) < maxPinyinReadings; changes++ {
		walk(0, changes)
	}
	return out
}

// wgPart is one part of a Wade–Giles name.
type wgPart struct {
	readings [][]string // each syllable's pinyin readings
	comma    bool       // a comma follows the part
}

// render writes one reading of parts, pick choosing each syllable's reading.
func render(parts []wgPart, pick []int) string {
	var b strings.Builder
	i := 0
	for pi, p := range parts {
		if pi > 0 {
			b.WriteByte(' ')
		}
		for _, r := range p.readings {
			b.WriteString(r[pick[i]])
			i++
		}
		if p.comma {
			b.WriteByte(',')
		}
	}
	return b.String()
}
