// Package entityeval measures organisation-name screening: listed entity names damaged the ways
// submitters and evaders write them, against innocent organisation names built part by part from
// company words, and labelled organisation pairs. Its generators and its truth are its own: they
// share no normalisation, token list or similarity with the screening code they measure.
package entityeval

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// Damage kinds, the usual ways an organisation name is written differently.
const (
	DamageLegalChanged = "legalChanged" // the legal form replaced by another
	DamageLegalDropped = "legalDropped" // the legal form left out (or one added where none was)
	DamageWordOrder    = "wordOrder"    // two words swapped
	DamageAbbreviation = "abbreviation" // initials of the words, or a word's usual abbreviation
	DamageTypo         = "typo"         // one keying slip in the longest word
	DamageScript       = "script"       // written in Cyrillic
)

// Damages lists the damage kinds in the order the generator cycles through them.
var Damages = []string{DamageLegalChanged, DamageLegalDropped, DamageWordOrder, DamageAbbreviation, DamageTypo, DamageScript}

// Listed is one listed entity as the evaluation knows it.
type Listed struct {
	Source, ID string
	Names      []string
}

// Case is one damaged listed name with its truth.
type Case struct {
	Query    string
	Original string
	Source   string
	ID       string
	Damage   string
}

// evalLegal are the legal forms the generator writes and recognises, as a submitter writes them.
var evalLegal = []string{"LLC", "Ltd", "Limited", "GmbH", "JSC", "OJSC", "PJSC", "S.A.", "FZE", "Co.", "Inc.", "OOO", "Corp.", "PLC", "e.V.", "SARL", "B.V."}

func isEvalLegal(w string) bool {
	k := letters(w)
	for _, l := range evalLegal {
		if letters(l) == k {
			return true
		}
	}
	switch k {
	case "CO", "COMPANY", "CORPORATION", "INCORPORATED", "SA", "AG", "LLP", "LP":
		return true
	}
	return false
}

// letters is the upper-case letters and digits of s: the evaluation's own, deliberately crude,
// comparison form.
func letters(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// words splits on spaces and commas, keeping the words as written.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
}

var wordAbbrev = map[string]string{
	"INTERNATIONAL": "Intl", "COMPANY": "Co.", "CORPORATION": "Corp.", "LIMITED": "Ltd", "TRADING": "Trdg",
	"INDUSTRIES": "Inds", "ORGANIZATION": "Org.", "ORGANISATION": "Org.", "ASSOCIATION": "Assn", "DEVELOPMENT": "Dev.",
	"FOUNDATION": "Fdn", "NATIONAL": "Natl", "MANAGEMENT": "Mgmt", "SERVICES": "Svcs", "BROTHERS": "Bros",
	"ENGINEERING": "Eng.", "TECHNOLOGY": "Tech", "INSTITUTE": "Inst.", "DEPARTMENT": "Dept",
	"MANUFACTURING": "Mfg", "SOCIETY": "Soc.", "COMMITTEE": "Cttee", "GOVERNMENT": "Govt", "GENERAL": "Gen.",
}

// Damaged draws n damaged names from the listed entities with seed: a listed name or alias at
// random, the damages in turn. Names too short to damage meaningfully (under four letters) and
// names in a non-Latin script are not drawn.
func Damaged(listed []Listed, seed uint64, n int) []Case {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	type src struct {
		e    int
		name string
	}
	var pool []src
	for i, e := range listed {
		for _, nm := range e.Names {
			if len(letters(nm)) >= 4 && latin(nm) {
				pool = append(pool, src{i, nm})
			}
		}
	}
	var out []Case
	if len(pool) == 0 {
		return nil
	}
	for len(out) < n {
		s := pool[rng.IntN(len(pool))]
		dmg := Damages[len(out)%len(Damages)]
		q, ok := damage(rng, s.name, dmg)
		if !ok || letters(q) == "" {
			continue
		}
		e := listed[s.e]
		out = append(out, Case{Query: q, Original: s.name, Source: e.Source, ID: e.ID, Damage: dmg})
	}
	return out
}

func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && r > unicode.MaxLatin1 && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func damage(rng *rand.Rand, name, kind string) (string, bool) {
	ws := words(name)
	var core []string
	hasLegal := false
	for _, w := range ws {
		if isEvalLegal(w) {
			hasLegal = true
			continue
		}
		core = append(core, w)
	}
	if len(core) == 0 {
		return "", false
	}
	pick := func() string { return evalLegal[rng.IntN(len(evalLegal))] }
	switch kind {
	case DamageLegalChanged:
		l := pick()
		for _, w := range ws {
			if letters(w) == letters(l) {
				l = "LLC"
			}
		}
		return strings.Join(core, " ") + " " + l, true
	case DamageLegalDropped:
		if hasLegal {
			return strings.Join(core, " "), true
		}
		return strings.Join(core, " ") + ", " + pick(), true
	case DamageWordOrder:
		if len(core) < 2 {
			return "", false
		}
		c := append([]string(nil), core...)
		i := rng.IntN(len(c) - 1)
		c[i], c[i+1] = c[i+1], c[i]
		return strings.Join(c, " "), true
	case DamageAbbreviation:
		// How registries and submitters shorten a name: the usual contraction of a word (Intl,
		// Natl, Mfg), else the longest word cut after a few letters with a dot (Manufact.,
		// Petrol.), and for names of four words or more, the acronym of their words (connectives
		// left out, as acronyms are formed).
		for i, w := range core {
			if a, ok := wordAbbrev[letters(w)]; ok {
				c := append([]string(nil), core...)
				c[i] = a
				return strings.Join(c, " "), true
			}
		}
		var content []string
		for _, w := range core {
			switch letters(w) {
			case "OF", "THE", "AND", "FOR", "DE", "DEL", "LA", "Y", "IN", "AL":
				continue
			}
			if letters(w) != "" {
				content = append(content, w)
			}
		}
		if len(content) >= 4 && rng.IntN(2) == 0 {
			var b strings.Builder
			for _, w := range content {
				b.WriteByte(letters(w)[0])
			}
			return b.String(), true
		}
		at, best := -1, 0
		for i, w := range core {
			if n := len(w); n >= 7 && n > best && onlyLetters(w) {
				at, best = i, n
			}
		}
		if at < 0 {
			return "", false
		}
		c := append([]string(nil), core...)
		c[at] = c[at][:4+rng.IntN(3)] + "."
		return strings.Join(c, " "), true
	case DamageTypo:
		at, best := -1, 0
		for i, w := range core {
			if n := len(letters(w)); n >= 5 && n > best && isASCII(w) {
				at, best = i, n
			}
		}
		if at < 0 {
			return "", false
		}
		c := append([]string(nil), core...)
		c[at] = typo(rng, c[at])
		return strings.Join(c, " "), true
	case DamageScript:
		return toCyrillic(strings.Join(core, " ")), true
	}
	return "", false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// typo makes one keying slip inside a word (not its first letter): a substitution, a deletion,
// an insertion or a swap of neighbours.
func typo(rng *rand.Rand, w string) string {
	b := []byte(w)
	i := 1 + rng.IntN(len(b)-2)
	c := byte('a' + rng.IntN(26))
	if b[i] >= 'A' && b[i] <= 'Z' {
		c = byte('A' + rng.IntN(26))
	}
	switch rng.IntN(4) {
	case 0:
		if c == b[i] {
			c ^= 1
		}
		b[i] = c
	case 1:
		b = append(b[:i], b[i+1:]...)
	case 2:
		b = append(b[:i], append([]byte{c}, b[i:]...)...)
	default:
		if b[i] == b[i+1] {
			b[i] = c
		} else {
			b[i], b[i+1] = b[i+1], b[i]
		}
	}
	return string(b)
}

// cyrillic writes Latin in Cyrillic the way a Russian-language register would (the reverse of
// a common romanisation, digraphs first).
var cyrillicDigraphs = []struct{ lat, cyr string }{
	{"shch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"}, {"ya", "я"}, {"yu", "ю"}, {"ia", "я"}, {"iu", "ю"},
}

var cyrillicLetters = map[byte]string{
	'a': "а", 'b': "б", 'v': "в", 'g': "г", 'd': "д", 'e': "е", 'z': "з", 'i': "и", 'k': "к", 'l': "л", 'm': "м",
	'n': "н", 'o': "о", 'p': "п", 'r': "р", 's': "с", 't': "т", 'u': "у", 'f': "ф", 'h': "х", 'y': "ы", 'c': "к",
	'q': "к", 'w': "в", 'x': "кс", 'j': "дж",
}

func toCyrillic(s string) string {
	low := strings.ToLower(s)
	var b strings.Builder
	for i := 0; i < len(low); {
		matched := false
		for _, d := range cyrillicDigraphs {
			if strings.HasPrefix(low[i:], d.lat) {
				b.WriteString(d.cyr)
				i += len(d.lat)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		if c, ok := cyrillicLetters[low[i]]; ok {
			b.WriteString(c)
		} else {
			b.WriteByte(low[i])
		}
		i++
	}
	return strings.ToUpper(b.String())
}

// Company words for innocents: the kinds of parts real organisation names are built from. Some
// also occur on the lists (Bank, International, Trading): innocents share words with listed
// names, as real ones do.
var (
	innocentLead = []string{
		"Nordic", "Atlas", "Horizon", "Summit", "Blue Sky", "Silver", "Meridian", "Pioneer", "Evergreen", "Harbor",
		"Alpine", "Coastal", "Sterling", "Vanguard", "Crescent", "Keystone", "Northstar", "Riverside", "Oakwood", "Lakeside",
		"Becker", "Larsen", "Moreau", "Rossi", "Novak", "Kowalski", "Fischer", "Jansen", "Dubois", "Schmidt",
		"Andersen", "Lindqvist", "Okafor", "Mensah", "Tanaka", "Sato", "Kim", "Nguyen", "Costa", "Silva",
		"Baltic", "Adriatic", "Danube", "Rhine", "Alster", "Helvetia", "Iberia", "Anatolia", "Levant", "Sahel",
		"Green Valley", "Red Rock", "Golden Gate", "Clearwater", "Stonebridge", "Fairview", "Highland", "Westfield", "Eastgate", "Southport",
		"Al Noor", "Al Amal", "Dar Al Salam", "Baraka", "Rahma", "Nour", "Amani", "Umoja", "Tumaini", "Harmony",
	}
	innocentCore = []string{
		"Logistics", "Aviation", "Air", "Airways", "Charter", "Cargo", "Freight", "Medical", "Health", "Relief",
		"Aid", "Foundation", "Trust", "Partners", "Consulting", "Engineering", "Construction", "Energy", "Solar", "Water",
		"Shipping", "Marine", "Foods", "Agro", "Textiles", "Pharma", "Bank", "Finance", "Capital", "Insurance",
		"Trading", "International", "Group", "Holdings", "Services", "Solutions", "Systems", "Technologies", "Media", "Travel",
		"Tours", "Transport", "Motors", "Electric", "Steel", "Cement", "Mining", "Petroleum", "Chemicals", "Telecom",
	}
	innocentTail = []string{"", "", "", "Europe", "Africa", "Middle East", "Worldwide", "Services", "Group", "International", "& Sons", "and Partners"}
)

// Innocents builds n organisation names part by part from company words with seed, refusing any
// that holds a listed name: every word of some listed name (legal forms aside) among its words,
// or the same letters as a listed name. It also returns how many were refused.
func Innocents(listed []Listed, seed uint64, n int) ([]string, int) {
	rng := rand.New(rand.NewPCG(seed^0x5bd1e995, seed))
	byWord := map[string][]int{}
	var lnames [][]string
	whole := map[string]bool{}
	for _, e := range listed {
		for _, nm := range e.Names {
			var ws []string
			for _, w := range words(withoutBrackets(nm)) {
				if l := letters(w); l != "" && !isEvalLegal(w) {
					ws = append(ws, l)
				}
			}
			if len(ws) == 0 {
				continue
			}
			whole[letters(strings.Join(ws, ""))] = true
			id := len(lnames)
			lnames = append(lnames, ws)
			byWord[ws[0]] = append(byWord[ws[0]], id)
		}
	}
	// Plural and singular are one word for the refusal (Holding, Holdings), and so are the
	// words for an airline (Blue Sky Air holds the listed BLUE SKY AVIATION).
	stem := func(w string) string {
		switch w {
		case "AIR", "AIRLINE", "AIRLINES", "AIRWAYS", "AVIATION":
			return "AIR"
		}
		if len(w) >= 5 && strings.HasSuffix(w, "S") {
			return w[:len(w)-1]
		}
		return w
	}
	for i := range lnames {
		for j := range lnames[i] {
			lnames[i][j] = stem(lnames[i][j])
		}
	}
	byWord = map[string][]int{}
	for i := range lnames {
		byWord[lnames[i][0]] = append(byWord[lnames[i][0]], i)
	}
	holdsListed := func(s string) bool {
		if whole[letters(s)] {
			return true
		}
		have := map[string]bool{}
		for _, w := range words(s) {
			if l := letters(w); l != "" {
				have[stem(l)] = true
			}
		}
		for w := range have {
			for _, id := range byWord[w] {
				all := true
				for _, lw := range lnames[id] {
					all = all && have[lw]
				}
				if all {
					return true
				}
			}
		}
		return false
	}
	seen := map[string]bool{}
	var out []string
	refused := 0
	for tries := 0; len(out) < n && tries < 50*n; tries++ {
		parts := []string{innocentLead[rng.IntN(len(innocentLead))], innocentCore[rng.IntN(len(innocentCore))]}
		if rng.IntN(3) == 0 {
			parts = append(parts, innocentCore[rng.IntN(len(innocentCore))])
		}
		if t := innocentTail[rng.IntN(len(innocentTail))]; t != "" {
			parts = append(parts, t)
		}
		if rng.IntN(4) != 0 {
			parts = append(parts, evalLegal[rng.IntN(len(evalLegal))])
		}
		s := strings.Join(parts, " ")
		if seen[s] {
			continue
		}
		seen[s] = true
		if holdsListed(s) {
			refused++
			continue
		}
		out = append(out, s)
	}
	return out, refused
}

func onlyLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if !(w[i] >= 'a' && w[i] <= 'z' || w[i] >= 'A' && w[i] <= 'Z') {
			return false
		}
	}
	return true
}

// withoutBrackets drops bracketed qualifiers, (M) or (Schweiz): a name holding the rest holds
// the listed name.
func withoutBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
