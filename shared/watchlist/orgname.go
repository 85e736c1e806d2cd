package watchlist

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/names"
)

// Organisation names are normalised for how companies and groups are written rather than how
// people are named: the legal form is a registration detail that lists and submitters add, drop
// or translate (LLC, Ltd, OOO/ООО, "Open Joint Stock Company"); connectives and punctuation vary
// (&/and, S.A./SA); word order is free; industry words (air, airlines, aviation, trading, group)
// are shared by thousands of unrelated companies. Script is handled as for persons (names.Fold:
// ICAO Doc 9303 Cyrillic and Arabic tables).

// orgTok is one normalised part of an organisation name.
type orgTok struct {
	Text string // folded form; industry words by their class (airlines, airways -> air)
	Key  string // phonetic key (names.Key), the text itself for numbers
	Weak bool   // an industry word or an Arabic article: counts a fifth
	Num  bool   // a number, compared exactly
	// Abbrev: written with a full stop after three letters or more (Manuf., Intl.), so it may
	// stand for any longer word it begins.
	Abbrev bool
	// Cyr: the name was written in Cyrillic, so the part may be a Latin word transcribed
	// (cyrCanon).
	Cyr bool
	// Orig is the word as written when it was read as an industry word it abbreviates or
	// misspells (Trans. as transport): a cut may still begin another word (TRANSATLANTIC).
	Orig string
	// Init is the first letter of the word as written (Global, not its class international):
	// what an acronym takes from it.
	Init byte
}

// orgName is a normalised organisation name.
type orgName struct {
	Toks  []orgTok
	Legal []string // legal forms found and set aside, for the explanation
	// Acronyms are the ways the whole name is written as its initials (entityacronym.go).
	Acronyms []string
}

// legalForms are the legal-form designations of company law, as token sequences after folding
// and after dotted initials are joined (S.A. -> sa). Sources: the ISO 20275 entity legal forms
// list for the common abbreviations, and the long forms of the Russian, German, French, Spanish,
// Turkish and Gulf free-zone registers that the lists spell out.
var legalForms = func() map[string][][]string {
	phrases := []string{
		// English-speaking registers.
		"llc", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "co", "plc", "llp", "lp", "pllc",
		"pvt", "pte", "pty", "private limited", "public limited company", "limited liability company",
		"limited liability partnership", "limited company", "company limited",
		// Russian and CIS forms, abbreviated (OOO, OAO, ZAO, PAO, AO, TOO, TOV) and spelt out.
		"ooo", "oao", "zao", "pao", "ao", "too", "tov", "ojsc", "cjsc", "pjsc", "jsc", "jsco", "ojsco",
		"joint stock company", "open joint stock company", "closed joint stock company",
		"public joint stock company", "joint stock commercial bank", "joint stock",
		"obshchestvo s ogranichennoi otvetstvennostiu", "aktsionernoe obshchestvo",
		"otkrytoe aktsionernoe obshchestvo", "zakrytoe aktsionernoe obshchestvo",
		"publichnoe aktsionernoe obshchestvo",
		// German, Austrian, Swiss, Dutch, Nordic.
		"gmbh", "ag", "ev", "kg", "ohg", "gbr", "ug", "aktiengesellschaft",
		"gesellschaft mit beschrankter haftung", "bv", "nv", "vof", "ab", "oy", "oyj", "asa", "aps",
		// Romance registers.
		"sa", "sarl", "sas", "sasu", "srl", "spa", "sl", "sc", "sca", "snc", "eurl", "sa de cv", "de cv",
		"societe anonyme", "sociedad anonima", "societa per azioni", "sociedade anonima", "ltda", "cia",
		// Turkish, Gulf free zones, South and South-East Asia.
		"as", "sti", "ltd sti", "fze", "fzco", "fzc", "fz llc", "fzllc", "wll", "bsc", "qsc", "saog", "psc",
		"sdn bhd", "bhd", "tbk", "pt", "jsc co",
		// Persian and Arabic words for "company" and "institution" that head many Iranian and
		// Arab company names (Sherkat-e ..., Sharikat ...).
		"sherkat", "sherkate", "shirkat", "sharikat", "sharika", "moassese", "moassesseh", "muassasat",
	}
	m := map[string][][]string{}
	for _, p := range phrases {
		f := strings.Fields(p)
		m[f[0]] = append(m[f[0]], f)
	}
	return m
}()

// orgStop are connectives and articles that carry no identity: "&" and "and", "of", "the", and
// their French, German and Spanish forms.
var orgStop = map[string]bool{
	"and": true, "und": true, "et": true, "the": true, "of": true, "for": true,
	"de": true, "del": true, "der": true, "des": true, "du": true, "la": true, "le": true, "les": true,
	"y": true, "e": true, "die": true, "das": true,
}

// industryClass maps industry and generic business words to one class each: they say what a
// company does, not which company it is, and are written every which way (Air, Airlines, Airways,
// Aviation). They stay as weak parts so that "Mahan Air" and "Mahan Airlines" agree while "Mahan
// Air" and "Mahan Trading" differ only a little less than other names.
var industryClass = map[string]string{
	"air": "air", "airline": "air", "airlines": "air", "airways": "air", "aviation": "air", "aero": "air",
	"aerospace": "air", "airlift": "air", "avia": "air", "aviakompaniia": "air", "aviakompaniya": "air",
	"havayollari": "air", "hava": "air", "aerolineas": "air", "aerolinea": "air", "lignes": "air", "aeriennes": "air",
	"charter": "charter", "charters": "charter", "jet": "jet", "jets": "jet", "cargo": "cargo", "freight": "cargo",
	"logistics": "logistics", "logistic": "logistics", "transport": "transport", "transportation": "transport",
	// A holding is a kind of company, a group a brand over several: not the same word.
	"group": "group", "holding": "holding", "holdings": "holding", "company": "company", "companies": "company",
	"trading": "trading", "trade": "trading", "traders": "trading", "commercial": "trading", "commerce": "trading",
	"import": "trading", "export": "trading",
	"international": "international", "intl": "international", "int": "international", "global": "international",
	"services": "services", "service": "services", "enterprise": "enterprise", "enterprises": "enterprise",
	"industries": "industry", "industry": "industry", "industrial": "industry",
	"establishment": "establishment", "est": "establishment", "firm": "company", "partners": "partners",
}

// industryWords are the industry words by first letter, for industryOf.
var industryWords = func() map[byte][]string {
	m := map[byte][]string{}
	for w := range industryClass {
		m[w[0]] = append(m[w[0]], w)
	}
	for _, ws := range m {
		sort.Strings(ws)
	}
	return m
}()

// industryOf is the industry class of a word: the word itself; or, when every industry word it
// can stand for is of one class, an abbreviation of one (cut with a full stop, Airlin. or
// Serv.; or contracted without vowels after its first letter, Inds or Svcs, the English way of
// contracting) or one keying slip in one of seven letters or more (Indusbries, Aviatoin: the
// longest word of a name is where slips fall, and in company names it is often the industry
// word). A word that can stand for industry words of two classes (Tra.: trading or transport)
// stays as written.
func industryOf(w string, dotted bool) (string, bool) {
	if c, ok := industryClass[w]; ok {
		return c, true
	}
	if len(w) < 3 {
		return "", false
	}
	class := ""
	for _, iw := range industryWords[w[0]] {
		ok := false
		switch {
		case dotted:
			ok = cut(w, iw)
		case len(w) >= 6 && len(iw) >= 7 && len(w) >= len(iw)-1 && len(w) <= len(iw)+1:
			ok = names.AdjacentSwap(w, iw) || names.EditDistance(w, iw) == 1
		}
		if !ok && !strings.ContainsAny(w[1:], "aeiouy") {
			ok = contraction(w, iw)
		}
		if !ok {
			continue
		}
		c := industryClass[iw]
		if class != "" && c != class {
			return "", false
		}
		class = c
	}
	return class, class != ""
}

// IsIndustryWord reports whether a folded word is an industry or generic business word.
func IsIndustryWord(w string) bool { _, ok := industryClass[w]; return ok }

// numberWords read spelt-out numbers and ordinals as digits (Brigade Forty-Four, 1st/First).
var numberWords = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10,
}

// orgPossessive drops the English possessive, which is not part of the name (Deutsche Bank's AG).
// It is built once: a Replacer builds its table on first use, which was a fifth of loading a
// snapshot when it was built for every name.
var orgPossessive = strings.NewReplacer("'s ", " ", "’s ", " ", "'S ", " ", "’S ", " ")

// maxOrgTokens bounds the parts of one organisation name (long UN entity names have about 12).
const maxOrgTokens = 24

// normOrg normalises an organisation name.
func normOrg(s string) orgName {
	if len(s) > names.MaxInput {
		n := names.MaxInput
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	s = orgPossessive.Replace(s + " ")
	var words []string
	var group []int // the written word (fields joined by hyphens) each word came from
	for _, f := range writtenFields(s) {
		for _, w := range splitField(f.text) {
			words = append(words, w)
			group = append(group, f.group)
		}
		if len(words) > 4*maxOrgTokens {
			break
		}
	}
	words, group = joinInitials(words, group)
	abbrev := map[int]bool{}
	for i, w := range words {
		if b := strings.TrimSuffix(w, "."); b != w {
			words[i] = b
			abbrev[i] = len(b) >= 3
		}
	}
	words, group, abbrev, written := readNumbers(words, group, abbrev)
	cyr := hasCyrillic(s)
	var out orgName
	var kept []int
	legalAtWord := map[int]int{} // word index -> length of the legal form starting there
	for i := 0; i < len(words); {
		if n := legalAt(words, i, cyr); n > 0 {
			out.Legal = append(out.Legal, strings.Join(words[i:i+n], " "))
			legalAtWord[i] = n
			i += n
			continue
		}
		if !orgStop[words[i]] && !(cyr && cyrStop[cyrCanon(words[i])]) {
			kept = append(kept, i)
		}
		i++
	}
	if len(kept) == 0 {
		// A name that is only a legal form or connectives keeps them: it is all there is.
		kept, out.Legal, legalAtWord = nil, nil, nil
		for i := range words {
			kept = append(kept, i)
		}
	}
	var units []acrUnit
	k := 0
	for i := 0; i < len(words); {
		if n := legalAtWord[i]; n > 0 {
			units = append(units, legalUnit(words[i:i+n], group[i:i+n]))
			i += n
			continue
		}
		if k < len(kept) && kept[k] == i && len(out.Toks) < maxOrgTokens {
			t := makeOrgTok(words[i], abbrev[i])
			if cyr && !t.Weak {
				if c, ok := cyrIndustry[cyrCanon(words[i])]; ok {
					t = orgTok{Text: c, Key: names.Key(c), Weak: true}
				}
			}
			t.Init = written[i]
			if t.Weak && t.Text != words[i] && !weakText(words[i]) {
				t.Orig = words[i]
			}
			t.Abbrev = abbrev[i] && !t.Num && (!t.Weak || t.Orig != "")
			t.Cyr = cyr && !t.Num
			out.Toks = append(out.Toks, t)
			units = append(units, tokUnit(t, words[i], group[i]))
		}
		if k < len(kept) && kept[k] == i {
			k++
		}
		i++
	}
	out.Acronyms = acronyms(units)
	return out
}

// writtenField is one run of letters, digits, apostrophes and full stops, with the written word
// it belongs to: fields joined by a hyphen (AL-DAM, CORPS-QODS) are one written word.
type writtenField struct {
	text  string
	group int
}

func writtenFields(s string) []writtenField {
	isPart := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\'' || r == '’' || r == '.'
	}
	var out []writtenField
	group, start := -1, -1
	onlyHyphens := false
	for i, r := range s + " " {
		if isPart(r) && i < len(s) {
			if start < 0 {
				start = i
				if !(onlyHyphens && len(out) > 0) {
					group++
				}
			}
			continue
		}
		if start >= 0 {
			out = append(out, writtenField{s[start:i], group})
			start, onlyHyphens = -1, true
		}
		if !unicode.Is(unicode.Hyphen, r) && r != '-' && r != '–' {
			onlyHyphens = false
		}
	}
	return out
}

func makeOrgTok(w string, dotted bool) orgTok {
	if w[0] >= '0' && w[0] <= '9' {
		return orgTok{Text: w, Key: w, Num: true, Init: w[0]}
	}
	if c, ok := industryOf(w, dotted); ok {
		return orgTok{Text: c, Key: names.Key(c), Weak: true, Init: w[0]}
	}
	return orgTok{Text: w, Key: orgKey(w), Weak: w == "al" || w == "el", Init: w[0]}
}

// orgKey is names.Key after undoing what romanising Cyrillic does to names first written in
// Latin letters (ICAO Doc 9303 tables): дж is "dzh" where English writes j, кс is "ks" where it
// writes x, and a final х is "kh" where it writes h (Dzhalal/Jalal, Ekschange/Exchange,
// Rakhmakh/Rahmah).
func orgKey(w string) string {
	w = strings.ReplaceAll(w, "dzh", "j")
	w = strings.ReplaceAll(w, "ks", "x")
	if strings.HasSuffix(w, "kh") {
		w = w[:len(w)-2] + "h"
	}
	return names.Key(w)
}

// splitField folds one space- or punctuation-delimited field: digits are kept as numbers (the
// person folding reads digits inside words as OCR slips, which company names are not), ordinals
// (1st, 2nd) become numbers, dots separate (S.A., I.R.G.C.), other letters go through names.Fold.
func splitField(f string) []string {
	var out []string
	var run strings.Builder
	digits := false
	flush := func() {
		if run.Len() == 0 {
			return
		}
		t := run.String()
		run.Reset()
		if digits {
			n := strings.TrimLeft(t, "0")
			if n == "" {
				n = "0"
			}
			out = append(out, n)
			return
		}
		if len(out) > 0 && isDigits(out[len(out)-1]) {
			switch strings.ToLower(t) {
			case "st", "nd", "rd", "th":
				return // ordinal suffix of the number before
			}
		}
		if low := strings.ToLower(t); isSingleLegal(low) {
			// GmbH, KfW-style capitals inside a legal form are not two words.
			out = append(out, low)
			return
		}
		out = append(out, strings.Fields(names.Fold(t))...)
	}
	for _, r := range f {
		switch {
		case r >= '0' && r <= '9':
			if !digits {
				flush()
			}
			digits = true
			run.WriteRune(r)
		case r == '.':
			flush()
			if n := len(out); n > 0 && !isDigits(out[n-1]) && !strings.HasSuffix(out[n-1], ".") {
				// Written as an abbreviation (Manuf., Intl.): remembered for the prefix rule.
				out[n-1] += "."
			}
			digits = false
		default:
			if digits {
				flush()
			}
			digits = false
			run.WriteRune(r)
		}
	}
	flush()
	return out
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// joinInitials joins runs of two or more single letters: S.A. and S A are "sa", I.R.G.C. is
// "irgc". A single letter alone stays.
// The letters of one initialism are written one way throughout, all with full stops or none
// (the last one may lack it), so a lone undotted letter beside a dotted legal form (a numeral
// or a class letter before B.V., S.A.) stays a word of its own.
func joinInitials(ws []string, group []int) ([]string, []int) {
	out, outGroup := ws[:0:0], group[:0:0]
	single := func(w string) bool {
		w = strings.TrimSuffix(w, ".")
		return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
	}
	for i := 0; i < len(ws); {
		j := i
		dotted := strings.HasSuffix(ws[i], ".")
		for j < len(ws) && single(ws[j]) && strings.HasSuffix(ws[j], ".") == dotted {
			j++
		}
		if dotted && j > i && j < len(ws) && single(ws[j]) {
			j++ // the last full stop is often left out (I.R.G.C)
		}
		if j-i >= 2 {
			var b strings.Builder
			for _, w := range ws[i:j] {
				b.WriteString(strings.TrimSuffix(w, "."))
			}
			out, outGroup = append(out, b.String()), append(outGroup, group[i])
			i = j
			continue
		}
		out, outGroup = append(out, ws[i]), append(outGroup, group[i])
		i++
	}
	return out, outGroup
}

// readNumbers turns spelt-out numbers into digits: "forty four" and "forty-four" are 44. It also
// returns the initial of each word as written (Second Academy gives S, not 2, to an acronym).
func readNumbers(ws []string, group []int, abbrev map[int]bool) ([]string, []int, map[int]bool, []byte) {
	out, outGroup := ws[:0:0], group[:0:0]
	outAbbrev := map[int]bool{}
	var written []byte
	for i := 0; i < len(ws); i++ {
		v, ok := numberWords[ws[i]]
		if !ok {
			if abbrev[i] {
				outAbbrev[len(out)] = true
			}
			out, outGroup = append(out, ws[i]), append(outGroup, group[i])
			written = append(written, ws[i][0])
			continue
		}
		outGroup = append(outGroup, group[i])
		written = append(written, ws[i][0])
		if v >= 20 && v%10 == 0 && i+1 < len(ws) {
			if u, ok := numberWords[ws[i+1]]; ok && u > 0 && u < 10 {
				v += u
				i++
			} else if isDigits(ws[i+1]) && len(ws[i+1]) == 1 {
				// "Forty 4"
				u, _ := strconv.Atoi(ws[i+1])
				v += u
				i++
			}
		}
		out = append(out, strconv.Itoa(v))
	}
	return out, outGroup, outAbbrev, written
}

func isSingleLegal(w string) bool {
	for _, p := range legalForms[w] {
		if len(p) == 1 {
			return true
		}
	}
	return false
}

// legalAt is the length of the longest legal form starting at ws[i], 0 when none. In a name
// written in Cyrillic a legal form may be an English or Romance one transcribed (ПУБЛИК ДЖОИНТ
// СТОКК КОМПАНЫ, ДЕ К.В.): it is compared by cyrCanon too.
func legalAt(ws []string, i int, cyr bool) int {
	best := 0
	try := func(forms [][]string, canon bool) {
		for _, p := range forms {
			if len(p) <= best || i+len(p) > len(ws) {
				continue
			}
			ok := true
			for k, w := range p {
				if canon {
					ok = ok && cyrCanon(ws[i+k]) == w
				} else {
					ok = ok && ws[i+k] == w
				}
			}
			if ok {
				best = len(p)
			}
		}
	}
	try(legalForms[ws[i]], false)
	if cyr {
		try(cyrLegal[cyrCanon(ws[i])], true)
	}
	return best
}

// cyrLegal and cyrIndustry are the legal forms and industry words as they come back from a
// Cyrillic transcription (cyrCanon): stock -> сток -> stok, holdings -> холдингс -> kholdings.
var (
	cyrLegal = func() map[string][][]string {
		m := map[string][][]string{}
		for _, forms := range legalForms {
			for _, f := range forms {
				c := make([]string, len(f))
				for k, w := range f {
					c[k] = cyrCanon(w)
				}
				m[c[0]] = append(m[c[0]], c)
			}
		}
		return m
	}()
	cyrIndustry = func() map[string]string {
		m := map[string]string{}
		for w, c := range industryClass {
			m[cyrCanon(w)] = c
		}
		return m
	}()
)

// String renders the normalised name as shown in explanations.
func (n orgName) String() string {
	var b strings.Builder
	for i, t := range n.Toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
