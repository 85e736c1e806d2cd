package watchlist

// Acronyms of organisation names. An acronym is formed from the initial letters of the words of
// the name as written, function words (of, and, the) left out, as style guides have it and as
// ISO 4 omits articles, conjunctions and prepositions when it abbreviates titles; the words that
// registries add or drop are taken or left as the author pleases. So one name has several acronyms, and all of them are
// enumerated from the name's structure:
//
//   - a distinctive word always gives its initial, as written (Global gives G, though matching
//     reads it as the class international);
//   - an industry word (Air, Trading, Company), an Arabic article (al, el), a preposition (in,
//     fi, pour) and a number may give theirs or not: NIOC keeps Company's C, SEMT (Saksouk
//     Exchange and Money Transfer Company) drops it;
//   - a legal form gives the initials of its words, or of its written words (JOINT-STOCK COMPANY:
//     JC), or nothing: OAO in CBRIROAO, nothing in most;
//   - a hyphenated compound is one written word: it gives its first letter (AL-DAM gives A, as
//     in HAMAS and DAESH the article-joined noun is one letter) or the initials of its parts
//     (AQ in AQAP, Al-Qaida in the Arabian Peninsula).
//
// The variants of one name are all kept when there are at most maxAcronyms of them (a name with
// nine optional words; on the UN and OFAC lists no name has more than a few hundred, most fewer
// than eight); a name with more keeps the first maxAcronyms, the words nearest its start varied
// first. Variants of 3 to maxAcronymLen letters are kept: two letters name everything.

const (
	maxAcronyms   = 512
	maxAcronymLen = 12
	minAcronymLen = 3
)

// acrOptional are prepositions and conjunctions that acronyms usually leave out but sometimes
// keep, in the languages the lists romanise or translate names from (English in/on/at/to/with;
// Arabic fi, wa, li, bi, min; French pour, sur, en; Spanish and Portuguese en, por, para, con;
// i, the Russian и and the Polish and Catalan "and").
var acrOptional = map[string]bool{
	"in": true, "on": true, "at": true, "to": true, "with": true, "by": true, "from": true,
	"fi": true, "wa": true, "wal": true, "li": true, "lil": true, "bi": true, "bil": true, "min": true,
	"pour": true, "sur": true, "en": true, "por": true, "para": true, "con": true, "i": true,
}

// acrUnit is what one word or one legal form may contribute to an acronym.
type acrUnit struct {
	alts  []string // "" when it may be left out
	group int      // the written word it belongs to
	first byte     // the initial of the word as written
}

// letterStrings are the one-byte strings, so that acronym units do not allocate them.
var letterStrings = func() (out [256]string) {
	for i := range out {
		out[i] = string([]byte{byte(i)})
	}
	return out
}()

func tokUnit(t orgTok, word string, group int) acrUnit {
	c := letterStrings[t.Init]
	u := acrUnit{group: group, first: t.Init}
	switch {
	case t.Num || (t.Weak && !(word == "al" || word == "el")):
		u.alts = []string{c, ""}
	case t.Weak || acrOptional[word]:
		u.alts = []string{"", c}
	default:
		u.alts = []string{c}
	}
	return u
}

func legalUnit(ws []string, groups []int) acrUnit {
	// By word (Joint Stock Company: JSC) or by written word (JOINT-STOCK COMPANY: JC).
	var byWord, byWritten []byte
	for k, w := range ws {
		if orgStop[w] || w == "" {
			continue
		}
		byWord = append(byWord, w[0])
		if k == 0 || groups[k] != groups[k-1] {
			byWritten = append(byWritten, w[0])
		}
	}
	return acrUnit{alts: appendUnique([]string{"", string(byWord)}, string(byWritten)), group: groups[0], first: ws[0][0]}
}

// acronyms enumerates the acronyms of a name from its units.
func acronyms(units []acrUnit) []string {
	cur := []string{""}
	for i := 0; i < len(units); {
		j := i
		for j < len(units) && units[j].group == units[i].group {
			j++
		}
		alts := []string{""}
		for _, u := range units[i:j] {
			alts = acrProduct(alts, u.alts)
		}
		if j-i > 1 {
			alts = appendUnique(alts, letterStrings[units[i].first])
		}
		cur = acrProduct(cur, alts)
		i = j
	}
	var out []string
	for _, a := range cur {
		if len(a) >= minAcronymLen && len(a) <= maxAcronymLen && !isDigits(a) {
			out = appendUnique(out, a)
		}
	}
	return out
}

// acrProduct is every a+b, in order, at most maxAcronyms of them.
func acrProduct(as, bs []string) []string {
	out := make([]string, 0, min(len(as)*len(bs), maxAcronyms))
	for _, a := range as {
		for _, b := range bs {
			if len(out) == maxAcronyms {
				return out
			}
			if len(a)+len(b) <= maxAcronymLen+1 {
				out = append(out, a+b)
			}
		}
	}
	return out
}

// acronymSim is the similarity of a part to a name it is an acronym of, by its length: three
// letters name thousands of organisations (26^3 combinations), four tens of thousands of
// names' worth fewer, five or more almost one. It stays under StrongEntityThreshold: an acronym
// is how an organisation is known, but it is not its name.
func acronymSim(n int) float64 {
	switch {
	case n <= 3:
		return 0.8
	case n == 4:
		return 0.9
	}
	return 0.93
}
