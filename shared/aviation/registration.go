package aviation

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxRegistration is the longest registration accepted, hyphen included.
// The longest real form, Laos' RDPL-34188, has 10.
const maxRegistration = 10

// maxInput bounds the input ValidRegistration looks at closely. Past it the
// answer is "too long" whatever the bytes are, and working that out on a
// pasted page would be effort spent for nothing.
const maxInput = 256

// Limits of the general PREFIX-SUFFIX form accepted for marks not in the
// table.
const (
	maxUnknownPrefix = 3
	maxUnknownSuffix = 5
)

var (
	// hyphenated indexes the marks written with a hyphen by their prefix.
	hyphenated = indexHyphenated()
	// joinedMarks are those written without one.
	joinedMarks = slices.DeleteFunc(slices.Clone(marks), func(m mark) bool { return !m.joined })
)

func indexHyphenated() map[string][]mark {
	idx := map[string][]mark{}
	for _, m := range marks {
		if !m.joined {
			idx[m.prefix] = append(idx[m.prefix], m)
		}
	}
	return idx
}

// ValidRegistration checks an aircraft registration (tail number) against
// the form of its nationality mark. state is the state or territory whose
// mark the registration uses, such as "Germany" for D-AIBC or "Cayman
// Islands" for VP-CBA; the most specific mark wins, so A9C-AB is Bahrain's
// and VP-CBA is not just any VP- registration.
//
// A registration whose mark this package does not know is accepted when it
// has the general form PREFIX-SUFFIX: a prefix of 1 to 3 letters or digits
// with at least one letter, a hyphen, and 1 to 5 letters or digits. state is
// then "". Only United States (N123AB), Japan (JA8089) and South Korea
// (HL7700) registrations are written without a hyphen.
//
// Input must already be normalised. When it is not, ok is false and reason
// says what NormaliseRegistration would fix and what it would give, so
// "d aibc" is reported with "write it as D-AIBC". state is filled in whenever
// the mark is recognised, valid or not.
func ValidRegistration(reg string) (state string, ok bool, reason string) {
	if len(reg) > maxInput {
		return "", false, fmt.Sprintf("too long: %d bytes, at most %d characters", len(reg), maxRegistration)
	}
	norm := NormaliseRegistration(reg)
	if norm == "" {
		return "", false, "empty: expected a registration such as N123AB or D-AIBC"
	}
	if norm == reg {
		return checkRegistration(reg)
	}
	problems := spellingProblems(reg, norm)
	state, ok, reason = checkRegistration(norm)
	if ok {
		return state, false, problems + ": write it as " + norm
	}
	return state, false, problems + "; " + reason
}

// checkRegistration validates a registration as written.
func checkRegistration(s string) (state string, ok bool, reason string) {
	for _, r := range s {
		if r != '-' && (r > unicode.MaxASCII || !isAlnum(byte(r))) {
			return "", false, fmt.Sprintf("contains %q: only letters A-Z, digits and a hyphen are allowed", r)
		}
	}
	if len(s) > maxRegistration {
		return "", false, fmt.Sprintf("too long: %d characters, at most %d", len(s), maxRegistration)
	}

	prefix, suffix, hyphen := strings.Cut(s, "-")
	if !hyphen {
		return checkJoined(s)
	}
	if strings.Contains(suffix, "-") {
		return "", false, "has more than one hyphen"
	}
	if prefix == "" {
		return "", false, "nothing before the hyphen: expected a nationality mark, as in D-AIBC"
	}
	if suffix == "" {
		return "", false, "nothing after the hyphen"
	}
	for _, m := range joinedMarks {
		if prefix == m.prefix {
			return m.state, false, fmt.Sprintf("%s registrations have no hyphen: expected %s, e.g. %s", m.state, describe(m), m.example)
		}
	}
	if known := hyphenated[prefix]; known != nil {
		return checkKnown(prefix, suffix, known)
	}
	return checkUnknown(prefix, suffix)
}

// checkJoined validates a registration without a hyphen, which only the
// joined marks may have.
func checkJoined(s string) (state string, ok bool, reason string) {
	for _, m := range joinedMarks {
		if rest, found := strings.CutPrefix(s, m.prefix); found {
			if why := suffixProblem(m, rest); why != "" {
				return m.state, false, why
			}
			return m.state, true, ""
		}
	}
	switch fixes := insertHyphen(s); len(fixes) {
	case 0:
		return "", false, "no hyphen: expected a nationality mark, a hyphen and the rest, as in D-AIBC " +
			"(only United States, Japan and South Korea registrations have no hyphen)"
	default:
		// ValidRegistration sees a single fix already applied by
		// NormaliseRegistration; more than one is left to a person.
		return "", false, "no hyphen: write it as " + orList(fixes)
	}
}

// checkKnown validates the suffix of a registration whose prefix is a known
// nationality mark, shared by the given marks.
func checkKnown(prefix, suffix string, known []mark) (state string, ok bool, reason string) {
	// Of the marks whose lead the suffix starts with, those with the longest
	// lead are the most specific: if none accepts the suffix, they are the
	// ones to complain about.
	var best []mark
	bestLead := -1
	for _, m := range known {
		for _, lead := range leadsOf(m) {
			rest, found := strings.CutPrefix(suffix, lead)
			if !found {
				continue
			}
			if accepts(m, rest) {
				return m.state, true, ""
			}
			switch {
			case len(lead) > bestLead:
				best, bestLead = []mark{m}, len(lead)
			case len(lead) == bestLead:
				best = append(best, m)
			}
		}
	}
	if best == nil {
		// No lead fits, as in VP-XAB or C-ABCD: every register using the
		// prefix is a candidate.
		best = known
	}
	if len(best) == 1 {
		m := best[0]
		return m.state, false, fmt.Sprintf("not a valid %s registration: expected %s, e.g. %s", m.state, describe(m), m.example)
	}
	forms := make([]string, len(best))
	for i, m := range best {
		forms[i] = fmt.Sprintf("%s %s (e.g. %s)", m.state, describe(m), m.example)
	}
	return "", false, fmt.Sprintf("not issued by any register using %s-: %s", prefix, strings.Join(forms, "; "))
}

// checkUnknown validates the general PREFIX-SUFFIX form.
func checkUnknown(prefix, suffix string) (state string, ok bool, reason string) {
	switch {
	case len(prefix) > maxUnknownPrefix:
		return "", false, fmt.Sprintf("%s- is not a nationality mark: marks are 1 to %d letters or digits", prefix, maxUnknownPrefix)
	case !strings.ContainsFunc(prefix, func(r rune) bool { return r <= unicode.MaxASCII && isLetter(byte(r)) }):
		return "", false, fmt.Sprintf("%s- is not a nationality mark: marks other than Guernsey's 2- have a letter", prefix)
	case len(suffix) > maxUnknownSuffix:
		return "", false, fmt.Sprintf("%d characters after the hyphen: at most %d", len(suffix), maxUnknownSuffix)
	}
	return "", true, ""
}

// accepts reports whether rest may follow m's prefix and lead.
func accepts(m mark, rest string) bool {
	if m.check != nil {
		return m.check(rest) == ""
	}
	for _, shape := range m.shapes {
		if fits(shape, rest) {
			return true
		}
	}
	return false
}

// suffixProblem says why rest cannot follow m's prefix and lead, or returns
// "" when it can.
func suffixProblem(m mark, rest string) string {
	switch {
	case accepts(m, rest):
		return ""
	case m.check != nil:
		return fmt.Sprintf("not a valid %s registration: %s, e.g. %s", m.state, m.check(rest), m.example)
	}
	return fmt.Sprintf("not a valid %s registration: expected %s, e.g. %s", m.state, describe(m), m.example)
}

// fits reports whether s has the given shape (see mark.shapes).
func fits(shape, s string) bool {
	if len(s) != len(shape) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch shape[i] {
		case 'A':
			if !isLetter(s[i]) {
				return false
			}
		case '9':
			if !isDigit(s[i]) {
				return false
			}
		default:
			if !isAlnum(s[i]) {
				return false
			}
		}
	}
	return true
}

// leadsOf returns m's leads, or the empty lead for a mark that has none.
func leadsOf(m mark) []string {
	if len(m.leads) == 0 {
		return []string{""}
	}
	return m.leads
}

// NormaliseRegistration brings a registration to the form registers write:
// ASCII letters uppercased, surrounding and inner white space removed, and
// the hyphen where the nationality mark ends, so "d aibc", "D AIBC" and
// "daibc" all give "D-AIBC" and "n123ab" gives "N123AB".
//
// In detail: bytes that are not UTF-8 become U+FFFD, dashes other than the
// ASCII hyphen (en dash, minus sign, …) become hyphens, and invisible
// characters such as zero-width spaces are dropped. For a registration
// without a hyphen, a single run of white space is taken for the hyphen when
// that gives a known mark ("C FTJO"); otherwise the hyphen is inserted where
// exactly one known mark makes the result valid ("CFTJO" is left alone: it
// could be C-FTJO or the older CF-TJO); failing that, the white space is
// taken for the hyphen if that gives the general form ("EX 32001"). The
// hyphen is removed from US, Japanese and Korean registrations ("N-123AB"
// gives "N123AB"). Anything else, valid or not, is left as it is.
//
// NormaliseRegistration is idempotent, and never makes a valid registration
// invalid.
func NormaliseRegistration(reg string) string {
	// strings.Map also turns bytes that are not UTF-8 into U+FFFD, which
	// keeps whitespace removal from gluing two stray bytes into a character.
	cleaned := strings.TrimFunc(strings.Map(normaliseRune, reg), unicode.IsSpace)
	s := strings.Join(strings.FieldsFunc(cleaned, unicode.IsSpace), "")
	if len(s) > maxRegistration+1 {
		// Adding or removing one hyphen cannot make it valid.
		return s
	}

	prefix, suffix, hyphen := strings.Cut(s, "-")
	if !hyphen {
		if _, valid, _ := checkJoined(s); valid {
			return s
		}
		// A space may stand where the hyphen belongs ("D AIBC"). Trust it
		// when it gives a known mark; otherwise a hyphen after a known mark
		// ("DA IBC" is D-AIBC, not DA-IBC) beats trusting it for an unknown
		// one ("EX 32001").
		spaced := ""
		if before, after, ok := cutSingleSpaceRun(cleaned); ok {
			if state, valid, _ := checkRegistration(before + "-" + after); valid {
				spaced = before + "-" + after
				if state != "" {
					return spaced
				}
			}
		}
		if fixes := insertHyphen(s); len(fixes) == 1 {
			return fixes[0]
		}
		if spaced != "" {
			return spaced
		}
		return s
	}
	for _, m := range joinedMarks {
		if prefix == m.prefix {
			if _, valid, _ := checkJoined(prefix + suffix); valid {
				return prefix + suffix
			}
		}
	}
	return s
}

// normaliseRune maps one rune of a registration: ASCII letters to
// uppercase, dashes to the hyphen, invisible characters to nothing.
func normaliseRune(r rune) rune {
	switch {
	case 'a' <= r && r <= 'z':
		return r - 'a' + 'A'
	case isDash(r):
		return '-'
	case isInvisible(r):
		return -1
	}
	return r
}

// isDash reports the characters that word processors and spreadsheets put
// where a hyphen was typed.
func isDash(r rune) bool {
	switch r {
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', // hyphen … horizontal bar
		'\u2212', '\uFE58', '\uFE63', '\uFF0D': // minus, small and fullwidth forms
		return true
	}
	return false
}

// isInvisible reports characters that show as nothing and arrive with text
// copied from web pages and documents.
func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

// cutSingleSpaceRun splits s around its only run of white space, if it has
// exactly one.
func cutSingleSpaceRun(s string) (before, after string, ok bool) {
	fields := strings.FieldsFunc(s, unicode.IsSpace)
	if len(fields) != 2 {
		return "", "", false
	}
	return fields[0], fields[1], true
}

// insertHyphen returns the registrations that inserting a hyphen after a
// known mark makes of s, sorted.
func insertHyphen(s string) []string {
	var fixes []string
	for prefix, known := range hyphenated {
		rest, found := strings.CutPrefix(s, prefix)
		if !found {
			continue
		}
		for _, m := range known {
			for _, lead := range leadsOf(m) {
				if tail, found := strings.CutPrefix(rest, lead); found && accepts(m, tail) {
					fixes = append(fixes, prefix+"-"+rest)
				}
			}
		}
	}
	slices.Sort(fixes)
	return slices.Compact(fixes)
}

// spellingProblems names what NormaliseRegistration changed to turn reg
// into norm.
func spellingProblems(reg, norm string) string {
	var problems []string
	if strings.ContainsFunc(reg, func(r rune) bool { return 'a' <= r && r <= 'z' }) {
		problems = append(problems, "must be uppercase")
	}
	if strings.ContainsFunc(reg, unicode.IsSpace) {
		problems = append(problems, "must not contain spaces")
	}
	if strings.ContainsFunc(reg, isDash) {
		problems = append(problems, "must use a plain hyphen '-'")
	}
	if strings.ContainsFunc(reg, isInvisible) {
		problems = append(problems, "contains invisible characters")
	}
	if !utf8.ValidString(reg) {
		problems = append(problems, "is not valid UTF-8")
	}
	before := strings.ContainsFunc(reg, func(r rune) bool { return r == '-' || isDash(r) })
	after := strings.Contains(norm, "-")
	switch {
	case !before && after && !strings.ContainsFunc(reg, unicode.IsSpace):
		problems = append(problems, "is missing the hyphen after the nationality mark")
	case before && !after:
		problems = append(problems, "must not have a hyphen")
	}
	if len(problems) == 0 {
		return "is not in standard form" // not reached: every change above is named
	}
	return andList(problems)
}

// describe says in words what m's registrations look like.
func describe(m mark) string {
	if m.form != "" {
		return m.form
	}
	sep := "-"
	if m.joined {
		sep = ""
	}
	starts := make([]string, 0, len(m.leads))
	for _, lead := range leadsOf(m) {
		starts = append(starts, m.prefix+sep+lead)
	}
	return orList(starts) + " followed by " + describeShapes(m.shapes)
}

// describeShapes puts shapes into words, folding shapes of one kind of
// character into a range of lengths: "2 or 3 letters", "1 to 4 digits".
func describeShapes(shapes []string) string {
	var parts []string
	for i := 0; i < len(shapes); {
		kind := uniform(shapes[i])
		if kind == 0 {
			parts = append(parts, describeShape(shapes[i]))
			i++
			continue
		}
		j := i + 1
		for j < len(shapes) && uniform(shapes[j]) == kind && len(shapes[j]) == len(shapes[j-1])+1 {
			j++
		}
		lo, hi := len(shapes[i]), len(shapes[j-1])
		switch {
		case lo == hi:
			parts = append(parts, count(lo, kind))
		case hi == lo+1:
			parts = append(parts, fmt.Sprintf("%d or %s", lo, count(hi, kind)))
		default:
			parts = append(parts, fmt.Sprintf("%d to %s", lo, count(hi, kind)))
		}
		i = j
	}
	return orList(parts)
}

// describeShape puts a mixed shape into words: "3 digits and a letter".
func describeShape(shape string) string {
	var runs []string
	for i := 0; i < len(shape); {
		j := i
		for j < len(shape) && shape[j] == shape[i] {
			j++
		}
		runs = append(runs, count(j-i, shape[i]))
		i = j
	}
	return andList(runs)
}

// uniform returns the one kind of character in shape, or 0 if it mixes.
func uniform(shape string) byte {
	for i := 1; i < len(shape); i++ {
		if shape[i] != shape[0] {
			return 0
		}
	}
	return shape[0]
}

// count says how many characters of a shape kind: "a digit", "3 letters".
func count(n int, kind byte) string {
	one, many := "a letter or digit", "letters or digits"
	switch kind {
	case 'A':
		one, many = "a letter", "letters"
	case '9':
		one, many = "a digit", "digits"
	}
	if n == 1 {
		return one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func orList(items []string) string  { return list(items, " or ") }
func andList(items []string) string { return list(items, " and ") }

// list joins items as English does: "a, b or c".
func list(items []string, last string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + last + items[len(items)-1]
}
