// Package country validates the three-letter codes that travel documents use
// for nationality, country of residence and issuing state.
//
// A code is acceptable when it is a current ISO 3166-1 alpha-3 country code,
// or one of the codes ICAO Doc 9303 Part 3 adds for documents that ISO does
// not cover: D for Germany, the British nationality classes, stateless persons
// and refugees, and the organisations that issue travel documents.
//
// Input is taken as it is: "gbr" and " GBR" are not valid. Callers normalise
// (trim, uppercase) before asking; Reason says what is wrong with input they
// did not.
package country

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind says which standard defines an acceptable code.
//
// The zero Kind is what Lookup returns for a code that is not acceptable.
type Kind int

const (
	// ISO is an ISO 3166-1 alpha-3 country code, such as GBR.
	ISO Kind = iota + 1
	// Special is a code from ICAO Doc 9303 Part 3 that is not an ISO 3166-1
	// country, such as D (Germany), XXA (stateless person) or UNO.
	Special
)

// String names the standard behind the kind, for logs and messages.
func (k Kind) String() string {
	switch k {
	case ISO:
		return "ISO 3166-1"
	case Special:
		return "ICAO 9303"
	default:
		return fmt.Sprintf("Kind(%d)", int(k))
	}
}

// isoCountry is one row of ISO 3166-1.
type isoCountry struct {
	alpha3, alpha2, numeric, name string
}

type entry struct {
	name string
	kind Kind
}

// formatRule is the shape every acceptable code has, told to whoever typed
// something that has not.
const formatRule = "must be 3 uppercase letters, or D for Germany"

// echoLimit bounds how much of a rejected code a message repeats: enough to
// show a typo, not enough to carry a pasted paragraph into a report.
const echoLimit = 8

var (
	byCode    = indexCodes()
	byAlpha2  = indexISO(func(c isoCountry) string { return c.alpha2 })
	byNumeric = indexISO(func(c isoCountry) string { return c.numeric })
	byName    = indexISO(func(c isoCountry) string { return strings.ToUpper(c.name) })
)

func indexCodes() map[string]entry {
	m := make(map[string]entry, len(isoCountries)+len(specialCodes))
	for _, c := range isoCountries {
		m[c.alpha3] = entry{c.name, ISO}
	}
	for _, c := range specialCodes {
		m[c.code] = entry{c.name, Special}
	}
	return m
}

// indexISO maps another ISO 3166-1 code of each country to its alpha-3 code.
func indexISO(key func(isoCountry) string) map[string]string {
	m := make(map[string]string, len(isoCountries))
	for _, c := range isoCountries {
		m[key(c)] = c.alpha3
	}
	return m
}

// Lookup tells whether code is acceptable as a nationality, country of
// residence or issuing state, and if so its English name and which standard
// defines it. ISO names are the ISO 3166-1 English short names, such as
// "Korea, Republic of".
//
// The match is exact: lowercase or padded input is not acceptable.
func Lookup(code string) (name string, kind Kind, ok bool) {
	e, ok := byCode[code]
	if !ok {
		return "", 0, false
	}
	return e.name, e.kind, true
}

// Valid reports whether Lookup accepts code.
func Valid(code string) bool {
	_, ok := byCode[code]
	return ok
}

// ByName returns the alpha-3 code of the country whose ISO 3166-1 English short name is name
// (case and surrounding spaces ignored), and the name as ISO writes it. Only the exact short
// name counts: a demonym or another spelling is not a country name, so it is never guessed.
func ByName(name string) (alpha3, isoName string, ok bool) {
	alpha3, ok = byName[strings.ToUpper(strings.TrimSpace(name))]
	if !ok {
		return "", "", false
	}
	return alpha3, byCode[alpha3].name, true
}

// Reason explains why code is not acceptable, in words meant to follow a
// field label in a validation message ("nationality: GB is 2 letters: use the
// 3-letter code GBR"). It returns "" for an acceptable code.
//
// Where the mistake is recognisable the reason names the code to use instead:
// a country's ISO 3166-1 English short name, alpha-2 and numeric ISO codes, sports codes such as GER, withdrawn codes
// such as YUG, the MRZ filler in D<<, lowercase and surrounding spaces.
// Input is repeated in the reason only when it is short and plain ASCII.
func Reason(code string) string {
	if Valid(code) {
		return ""
	}
	if r, ok := knownBad[code]; ok {
		return r
	}

	if trimmed := strings.TrimSpace(code); trimmed == "" {
		return "empty: " + formatRule
	} else if trimmed != code {
		return fixable("has spaces around it", trimmed)
	}

	// Spreadsheets and lists drawn up by hand name the country: "Afghanistan" for AFG.
	if alpha3, ok := byName[strings.ToUpper(strings.TrimSpace(code))]; ok {
		return fmt.Sprintf("is the name of a country (%s): use its code %s", byCode[alpha3].name, alpha3)
	}

	if strings.Contains(code, "<") {
		// D<< is how the MRZ pads Germany's code to three characters.
		if bare := strings.Trim(code, "<"); Valid(bare) {
			return "has the MRZ filler '<': use " + bare
		}
	}

	if upper, changed := asciiUpper(code); changed {
		return fixable("must be uppercase", upper)
	}

	n := utf8.RuneCountInString(code)
	switch {
	case allIn(code, 'A', 'Z'):
		return lettersReason(code, n)
	case allIn(code, '0', '9'):
		if alpha3, ok := byNumeric[code]; ok {
			return fmt.Sprintf("%s is the ISO 3166-1 numeric code for %s: use %s", code, byCode[alpha3].name, alpha3)
		}
		if n <= echoLimit {
			return fmt.Sprintf("%s is a number: %s", code, formatRule)
		}
		return "is a number: " + formatRule
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return fmt.Sprintf("contains %q: %s", r, formatRule)
		}
	}
	return formatRule // unreachable: some rune above is outside A-Z
}

// lettersReason explains a code made only of uppercase ASCII letters.
func lettersReason(code string, n int) string {
	switch n {
	case 1:
		return fmt.Sprintf("%s is 1 letter: %s", code, formatRule)
	case 2:
		if hint, ok := twoLetterHints[code]; ok {
			return hint
		}
		if alpha3, ok := byAlpha2[code]; ok {
			return fmt.Sprintf("%s is 2 letters: use the 3-letter code %s", code, alpha3)
		}
		return fmt.Sprintf("%s is 2 letters: %s", code, formatRule)
	case 3:
		if iso, ok := sportsCodes[code]; ok {
			return fmt.Sprintf("%s is a sports-team code, not ISO: use %s (%s)", code, iso, byCode[iso].name)
		}
		return fmt.Sprintf("%s is not an ISO 3166-1 country code or an ICAO 9303 code", code)
	}
	if n <= echoLimit {
		return fmt.Sprintf("%s is %d letters: %s", code, n, formatRule)
	}
	return fmt.Sprintf("is %d letters: %s", n, formatRule)
}

// fixable says what is wrong with code and, if fixing that yields an
// acceptable code, which one; otherwise it goes on to what is still wrong.
func fixable(problem, fixed string) string {
	if Valid(fixed) {
		return problem + ": use " + fixed
	}
	return problem + "; " + Reason(fixed)
}

// asciiUpper uppercases ASCII letters only, leaving every other byte as it
// is, and reports whether it changed anything. Unicode case mapping would
// turn "ı" into "I" or "ß" into "SS" and so make a code out of something no
// document prints.
func asciiUpper(s string) (string, bool) {
	b := []byte(s)
	changed := false
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
			changed = true
		}
	}
	return string(b), changed
}

// allIn reports whether s is non-empty and every byte is in [lo, hi].
func allIn(s string, lo, hi byte) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < lo || s[i] > hi {
			return false
		}
	}
	return true
}
