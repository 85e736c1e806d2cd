package evaluation

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/paxscreen/paxscreen/shared/names"
	"github.com/paxscreen/paxscreen/shared/watchlist"
)

// Damage kinds of the held-out generator. They were written down, with
// their definitions below, before any matcher change was tuned against
// them, and they describe how names are damaged on the way to a manifest
// (romanisation by another clerk, keying slips, parts run together or
// split, order changed), not how the matcher works.
const (
	KindRomanisation  = "romanisation"  // one romanisation choice changed in one part (kh/h, ee/i, w/v, e/i, o/u...)
	KindVowelLength   = "vowelLength"   // one vowel doubled, or a doubled vowel made single
	KindJoined        = "joined"        // two adjacent parts written as one
	KindSplit         = "split"         // one part of 6+ letters written as two
	KindReorder       = "reorder"       // the parts in another order, without a comma
	KindDroppedMiddle = "droppedMiddle" // a middle part left out (names of 4+ parts)
	KindTypo          = "typo"          // one edit: substitution, insertion, deletion or neighbour swap
	KindTwoEdits      = "twoEdits"      // two edits, in one part or two
	KindMissingDOB    = "missingDOB"    // no date of birth, and one romanisation, vowel-length or typo damage
)

// Kinds lists the damage kinds in report order.
var Kinds = []string{KindRomanisation, KindVowelLength, KindJoined, KindSplit, KindReorder, KindDroppedMiddle, KindTypo, KindTwoEdits, KindMissingDOB}

// Seeds. DevSeed is the one to look at while changing the matcher;
// TestSeed is the one reported in docs/SCREENING.md and never tuned on.
const (
	DevSeed  = 1
	TestSeed = 2
)

// Case is one generated query and the entries that are the person.
type Case struct {
	Kind   string // "" for an innocent
	Name   string
	DOB    string
	Listed string   // the listed name it was made from (positives)
	Truth  []string // source/id of every entry of the person (positives)
}

// Generated is a generated evaluation set.
type Generated struct {
	Positives []Case
	Innocents []Case
}

// romanisationPairs are spelling choices that romanisation systems and
// transcribers make differently for one sound (both directions are used).
var romanisationPairs = [][2]string{
	{"ee", "i"}, {"oo", "u"}, {"ou", "u"}, {"kh", "h"}, {"gh", "g"}, {"dj", "j"}, {"w", "v"},
	{"y", "i"}, {"sh", "ch"}, {"sch", "sh"}, {"q", "k"}, {"c", "k"}, {"ph", "f"}, {"ov", "off"},
	{"ov", "ow"}, {"ia", "iya"}, {"j", "y"}, {"e", "i"}, {"o", "u"}, {"ei", "ey"}, {"ai", "ay"},
}

type source struct {
	e       *watchlist.IndexedEntry
	parts   []string // folded parts of the listed name
	culture string
}

// Generate makes perKind damaged queries of each kind from the listed
// individuals of ix whose listed name is in Latin script with two or more
// parts, and innocents innocents made part by part from different listed
// people of one naming culture (the first nationality), refused when they
// hold a whole listed name or alias. The same ix, seed and sizes give the
// same set.
func Generate(ix *watchlist.Index, seed uint64, perKind, innocents int) Generated {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	entries := ix.Indexed()
	truth := newTruthIndex(entries)
	var srcs []source
	for i := range entries {
		e := &entries[i]
		parts := strings.Fields(names.Fold(reorderComma(e.ListedName)))
		if len(parts) < 2 || len(parts) > 8 || !allASCII(parts) {
			continue
		}
		c := "none"
		if len(e.Nationalities) > 0 {
			c = e.Nationalities[0]
		}
		srcs = append(srcs, source{e: e, parts: parts, culture: c})
	}
	var g Generated
	if len(srcs) == 0 {
		return g
	}
	for _, kind := range Kinds {
		made, tries := 0, 0
		for made < perKind && tries < perKind*50 {
			tries++
			src := srcs[rng.IntN(len(srcs))]
			parts, ok := damage(rng, kind, append([]string(nil), src.parts...))
			if !ok {
				continue
			}
			dob := ""
			if kind != KindMissingDOB && len(src.e.DatesOfBirth) > 0 {
				dob = passengerDOB(rng, src.e.DatesOfBirth[0])
			}
			d, _ := watchlist.ParseDOB(dob)
			c := Case{Kind: kind, Name: strings.ToUpper(strings.Join(parts, " ")), DOB: dob, Listed: src.e.ListedName}
			c.Truth = truth.of(src.e.ListedName, d)
			if !contains(c.Truth, src.e.Source+"/"+src.e.ID) {
				c.Truth = append(c.Truth, src.e.Source+"/"+src.e.ID)
			}
			g.Positives = append(g.Positives, c)
			made++
		}
	}
	byCulture := map[string][]int{}
	for i, s := range srcs {
		byCulture[s.culture] = append(byCulture[s.culture], i)
	}
	seen := map[string]bool{}
	for tries := 0; len(g.Innocents) < innocents && tries < innocents*20; tries++ {
		tpl := srcs[rng.IntN(len(srcs))]
		pool := byCulture[tpl.culture]
		if len(pool) < len(tpl.parts)+1 {
			continue
		}
		used := map[int]bool{}
		parts := make([]string, len(tpl.parts))
		for k := range parts {
			var donor source
			for {
				i := pool[rng.IntN(len(pool))]
				if !used[i] {
					used[i] = true
					donor = srcs[i]
					break
				}
			}
			switch {
			case k == 0:
				parts[k] = donor.parts[0]
			case k == len(parts)-1:
				parts[k] = donor.parts[len(donor.parts)-1]
			default:
				parts[k] = donor.parts[rng.IntN(len(donor.parts))]
			}
		}
		name := strings.ToUpper(strings.Join(parts, " "))
		if seen[name] || truth.holdsListedName(name) {
			continue
		}
		seen[name] = true
		dob := fmt.Sprintf("%04d-%02d-%02d", 1940+rng.IntN(66), 1+rng.IntN(12), 1+rng.IntN(28))
		g.Innocents = append(g.Innocents, Case{Name: name, DOB: dob})
	}
	return g
}

// reorderComma writes "SURNAME, Given" as "Given SURNAME".
func reorderComma(s string) string {
	if i := strings.IndexByte(s, ','); i >= 0 && strings.IndexByte(s[i+1:], ',') < 0 {
		return s[i+1:] + " " + s[:i]
	}
	return s
}

func allASCII(parts []string) bool {
	for _, p := range parts {
		for i := 0; i < len(p); i++ {
			if p[i] < 'a' || p[i] > 'z' {
				return false
			}
		}
	}
	return true
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

// passengerDOB is the date a passenger's document would carry for a
// listed date: the date itself when full, else a day inside it.
func passengerDOB(rng *rand.Rand, d watchlist.DOB) string {
	switch {
	case d.Day > 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Month > 0:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, 1+rng.IntN(28))
	default:
		y := d.Year
		if d.YearTo > d.Year {
			y += rng.IntN(d.YearTo - d.Year + 1)
		}
		return fmt.Sprintf("%04d-%02d-%02d", y, 1+rng.IntN(12), 1+rng.IntN(28))
	}
}

const vowels = "aeiou"

// damage applies one damage kind to the parts; false when the kind does
// not apply to this name.
func damage(rng *rand.Rand, kind string, parts []string) ([]string, bool) {
	switch kind {
	case KindRomanisation:
		return romanise(rng, parts)
	case KindVowelLength:
		return vowelLength(rng, parts)
	case KindJoined:
		i := rng.IntN(len(parts) - 1)
		out := append(append(append([]string(nil), parts[:i]...), parts[i]+parts[i+1]), parts[i+2:]...)
		return out, true
	case KindSplit:
		var long []int
		for i, p := range parts {
			if len(p) >= 6 {
				long = append(long, i)
			}
		}
		if len(long) == 0 {
			return nil, false
		}
		i := long[rng.IntN(len(long))]
		p := parts[i]
		at := 3 + rng.IntN(len(p)-5)
		out := append(append(append([]string(nil), parts[:i]...), p[:at], p[at:]), parts[i+1:]...)
		return out, true
	case KindReorder:
		out := append([]string(nil), parts...)
		for tries := 0; tries < 10 && strings.Join(out, " ") == strings.Join(parts, " "); tries++ {
			if rng.IntN(2) == 0 {
				// Surname first, as many documents print it.
				out = append([]string{parts[len(parts)-1]}, parts[:len(parts)-1]...)
			} else {
				rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
			}
		}
		return out, strings.Join(out, " ") != strings.Join(parts, " ")
	case KindDroppedMiddle:
		if len(parts) < 4 {
			return nil, false
		}
		i := 1 + rng.IntN(len(parts)-2)
		return append(append([]string(nil), parts[:i]...), parts[i+1:]...), true
	case KindTypo:
		return edits(rng, parts, 1)
	case KindTwoEdits:
		return edits(rng, parts, 2)
	case KindMissingDOB:
		switch rng.IntN(3) {
		case 0:
			return romanise(rng, parts)
		case 1:
			return vowelLength(rng, parts)
		default:
			return edits(rng, parts, 1)
		}
	}
	return nil, false
}

func romanise(rng *rand.Rand, parts []string) ([]string, bool) {
	type site struct {
		part, at int
		from, to string
	}
	var sites []site
	for i, p := range parts {
		if len(p) < 3 {
			continue
		}
		for _, rp := range romanisationPairs {
			for _, dir := range [2][2]string{{rp[0], rp[1]}, {rp[1], rp[0]}} {
				for at := 0; ; {
					k := strings.Index(p[at:], dir[0])
					if k < 0 {
						break
					}
					sites = append(sites, site{i, at + k, dir[0], dir[1]})
					at += k + 1
				}
			}
		}
	}
	if len(sites) == 0 {
		return nil, false
	}
	s := sites[rng.IntN(len(sites))]
	p := parts[s.part]
	parts[s.part] = p[:s.at] + s.to + p[s.at+len(s.from):]
	return parts, parts[s.part] != p
}

func vowelLength(rng *rand.Rand, parts []string) ([]string, bool) {
	type site struct{ part, at int }
	var sites []site
	for i, p := range parts {
		for j := 0; j < len(p); j++ {
			if strings.IndexByte(vowels, p[j]) >= 0 {
				sites = append(sites, site{i, j})
			}
		}
	}
	if len(sites) == 0 {
		return nil, false
	}
	s := sites[rng.IntN(len(sites))]
	p := parts[s.part]
	if s.at+1 < len(p) && p[s.at+1] == p[s.at] {
		parts[s.part] = p[:s.at] + p[s.at+1:] // long to short
	} else {
		v := p[s.at]
		switch v {
		case 'i':
			parts[s.part] = p[:s.at] + "ee" + p[s.at+1:] // English spelling of long i
		case 'u':
			parts[s.part] = p[:s.at] + "oo" + p[s.at+1:]
		default:
			parts[s.part] = p[:s.at+1] + string(v) + p[s.at+1:]
		}
	}
	return parts, true
}

// keyboard neighbours on a QWERTY layout, for substitution slips.
var neighbours = map[byte]string{
	'q': "wa", 'w': "qes", 'e': "wrd", 'r': "etf", 't': "ryg", 'y': "tuh", 'u': "yij", 'i': "uok", 'o': "ipl", 'p': "ol",
	'a': "qsz", 's': "awdx", 'd': "sefc", 'f': "drgv", 'g': "fthb", 'h': "gyjn", 'j': "hukm", 'k': "jil", 'l': "kop",
	'z': "asx", 'x': "zsdc", 'c': "xdfv", 'v': "cfgb", 'b': "vghn", 'n': "bhjm", 'm': "njk",
}

func edits(rng *rand.Rand, parts []string, n int) ([]string, bool) {
	var long []int
	for i, p := range parts {
		if len(p) >= 4 {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return nil, false
	}
	for k := 0; k < n; k++ {
		i := long[rng.IntN(len(long))]
		p := parts[i]
		at := 1 + rng.IntN(len(p)-1) // the first letter is the one least often slipped on
		switch rng.IntN(4) {
		case 0: // substitution by a neighbouring key
			nb := neighbours[p[at]]
			if nb == "" {
				nb = "e"
			}
			p = p[:at] + string(nb[rng.IntN(len(nb))]) + p[at+1:]
		case 1: // insertion (a doubled key)
			p = p[:at] + string(p[at]) + p[at:]
		case 2: // deletion
			p = p[:at] + p[at+1:]
		default: // neighbour swap
			if at+1 < len(p) {
				p = p[:at] + string(p[at+1]) + string(p[at]) + p[at+2:]
			} else {
				p = p[:at-1] + string(p[at]) + string(p[at-1])
			}
		}
		parts[i] = p
	}
	return parts, true
}

// truthIndex finds the entries of a person independently of the matcher:
// every entry, in any list, with a name or alias whose normalised parts
// are exactly those of the listed name (in any order, since lists order
// parts differently), with a compatible date of birth.
type truthIndex struct {
	bySig   map[string][]int // sorted normalised parts -> entries
	entries []watchlist.IndexedEntry
	byTok   map[string][]string // token -> signatures of names holding it
}

func newTruthIndex(entries []watchlist.IndexedEntry) *truthIndex {
	t := &truthIndex{bySig: map[string][]int{}, entries: entries, byTok: map[string][]string{}}
	freq := map[string]int{}
	for i, e := range entries {
		for _, n := range e.Names {
			sig := signature(n.Full)
			if sig == "" {
				continue
			}
			l := t.bySig[sig]
			if len(l) == 0 {
				for _, tok := range strings.Fields(sig) {
					freq[tok]++
				}
			}
			if len(l) == 0 || l[len(l)-1] != i {
				t.bySig[sig] = append(t.bySig[sig], i)
			}
		}
	}
	// A name is held only if all its parts are, so it is enough to file
	// it under its rarest part.
	sigs := make([]string, 0, len(t.bySig))
	for sig := range t.bySig {
		sigs = append(sigs, sig)
	}
	sort.Strings(sigs)
	for _, sig := range sigs {
		rare := ""
		for _, tok := range strings.Fields(sig) {
			if rare == "" || freq[tok] < freq[rare] {
				rare = tok
			}
		}
		t.byTok[rare] = append(t.byTok[rare], sig)
	}
	return t
}

// signature is the sorted normalised parts of a name.
func signature(name string) string {
	toks := names.Normalize(name)
	s := make([]string, len(toks))
	for i, t := range toks {
		s[i] = t.Text
	}
	sort.Strings(s)
	return strings.Join(s, " ")
}

// of returns source/id of every entry carrying listed exactly with a date
// of birth compatible with dob.
func (t *truthIndex) of(listed string, dob watchlist.DOB) []string {
	var out []string
	for _, i := range t.bySig[signature(listed)] {
		e := &t.entries[i]
		if watchlist.DOBCompatible(dob, e.DatesOfBirth) {
			out = append(out, e.Source+"/"+e.ID)
		}
	}
	return out
}

// holdsListedName reports whether every part of some listed name or alias
// is among the parts of name.
func (t *truthIndex) holdsListedName(name string) bool {
	have := map[string]int{}
	for _, tok := range names.Normalize(name) {
		have[tok.Text]++
	}
	for tok := range have {
		for _, sig := range t.byTok[tok] {
			need := map[string]int{}
			ok := true
			for _, p := range strings.Fields(sig) {
				need[p]++
				if need[p] > have[p] {
					ok = false
					break
				}
			}
			if ok {
				return true
			}
		}
	}
	return false
}
