// Package aviation checks the aviation identifiers on a charter manifest: the
// aerodromes (ICAO location indicators), the aircraft registration and the
// aircraft type designator.
//
// The checks are about form, not existence: KXYZ is a well-formed aerodrome
// indicator whether or not an aerodrome has it. Input is checked as given;
// callers normalise first (NormaliseRegistration does it for registrations),
// and the reasons say what normalising would have fixed.
package aviation

import (
	"fmt"
	"strings"
)

// airportRule is the shape of an ICAO aerodrome indicator, said in every
// reason so that the fix is never more than one message away.
const airportRule = "must be 4 letters (ICAO)"

// ValidAirport reports whether code is a well-formed ICAO location indicator
// for an aerodrome: 4 uppercase letters A-Z whose first letter is a region
// letter that ICAO uses for aerodromes, which is any letter but I, J, Q and X.
// When it is not, reason says why, for example
// "must be 4 letters (ICAO), got 3: IATA codes such as CDG are not accepted".
func ValidAirport(code string) (ok bool, reason string) {
	reason = airportReason(code)
	return reason == "", reason
}

func airportReason(code string) string {
	if trimmed := strings.TrimSpace(code); trimmed == "" {
		return "empty: " + airportRule
	} else if trimmed != code {
		return fixedBy("has spaces around it", trimmed, airportReason)
	}
	if upper := asciiUpper(code); upper != code {
		return fixedBy("must be uppercase", upper, airportReason)
	}
	for _, r := range code {
		if r < 'A' || r > 'Z' {
			return fmt.Sprintf("%s: %q is not a letter A-Z", airportRule, r)
		}
	}
	switch n := len(code); {
	case n == 3:
		// The usual mistake: the three-letter code from a ticket or a
		// timetable. Say so, rather than leave "got 3" to be puzzled over.
		return fmt.Sprintf("%s, got 3: IATA codes such as %s are not accepted", airportRule, code)
	case n != 4:
		return fmt.Sprintf("%s, got %d", airportRule, n)
	}
	switch code[0] {
	case 'I', 'J', 'Q', 'X':
		// No ICAO region starts its aerodrome indicators with these, so
		// such a code is a typo or a made-up identifier.
		return fmt.Sprintf("%s starts with %c, which is not an ICAO region letter for aerodromes", code, code[0])
	}
	return ""
}

// ValidICAOType reports whether s looks like an ICAO aircraft type designator
// (ICAO Doc 8643): 2 to 4 characters A-Z or 0-9, the first a letter, such as
// B738, A320, C130, GLF5 or H60.
//
// ZZZZ, which a flight plan uses for a type that has no designator, has this
// form and so is accepted; callers that need a real type must rule it out.
func ValidICAOType(s string) bool {
	if len(s) < 2 || len(s) > 4 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isAlnum(s[i]) {
			return false
		}
	}
	return true
}

// fixedBy says what is wrong with the input and, when fixing that yields a
// valid value, which one; otherwise it goes on to what is still wrong.
func fixedBy(problem, fixed string, reason func(string) string) string {
	if r := reason(fixed); r != "" {
		return problem + "; " + r
	}
	return problem + ": use " + fixed
}

// asciiUpper uppercases ASCII letters only, leaving every other byte as it
// is. Unicode case mapping would turn "ı" into "I" or "ß" into "SS", making a
// valid code out of text no pilot or register wrote.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }
