// Package mrz reads and checks the machine-readable zone (MRZ) of travel documents, as specified
// by ICAO Doc 9303: TD3 (passport booklets, Part 4), TD1 and TD2 (cards, Parts 5 and 6) and the
// machine-readable visas MRV-A and MRV-B (Part 7). It verifies every check digit, reports
// malformed fields, and compares an MRZ with the data keyed into a passenger manifest (Compare),
// transliterating keyed names the way Part 3 prescribes for the MRZ.
//
// Messages produced here (Problem, Mismatch) name fields but never quote personal data, so that
// they can be stored and shown wherever a finding goes.
package mrz

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Format of an MRZ.
type Format string

// Formats read by Parse.
const (
	TD1 Format = "TD1" // 3 lines of 30 characters: identity cards, crew member certificates (Part 5)
	TD2 Format = "TD2" // 2 lines of 36 characters: identity and residence cards (Part 6)
	TD3 Format = "TD3" // 2 lines of 44 characters: passports and other booklets (Part 4)
	// MRVA and MRVB are the machine-readable visas of Part 7, 2 lines of 44 and of 36
	// characters: a visa is an endorsement in a passport, not the travel document itself.
	MRVA Format = "MRV-A"
	MRVB Format = "MRV-B"
)

// Problem codes.
const (
	CodeCheckDigit = "MRZ_CHECK_DIGIT" // a printed check digit differs from the computed one
	CodeFormat     = "MRZ_FORMAT"      // a field breaks the layout rules of Doc 9303
	// CodeIssuerVariant: the MRZ follows an issuer's known deviation from Doc 9303 rather than
	// the standard, and is read as the issuer wrote it. Always a Warning.
	CodeIssuerVariant = "MRZ_ISSUER_VARIANT"
)

// Document holds the fields of an MRZ, as printed (fillers '<' removed, names with '<' turned into
// spaces).
type Document struct {
	Format       Format
	DocumentCode string // e.g. "P", "PP", "I", "ID", "AC" (first two chars, fillers stripped)
	IssuingState string // 3-letter code as printed, fillers stripped ("D" for Germany)
	Number       string // document number, fillers stripped, with TD1 overflow resolved (full number)
	Nationality  string
	BirthDate    string // YYMMDD as printed (may contain '<' for unknown parts)
	Sex          string // "M", "F" or "X" ('<' becomes "X"); anything else as printed, with a problem
	Expiry       string // YYMMDD as printed
	Surname      string // primary identifier, spaces between parts: "ERIKSSON"
	GivenNames   string // secondary identifier: "ANNA MARIA"
	// Optional1 is the personal number (TD3) or the optional data of TD1 line 1 (after the
	// overflow of a long document number), without leading and trailing fillers. Fillers inside
	// are kept: some issuers use them as separators.
	Optional1 string
	Optional2 string // TD1 line 2 optional data, trimmed the same way
	// NameTruncated is set when the name field is full (its last character is not '<'), so the
	// name may have been truncated to fit.
	NameTruncated bool
}

// Problem is one check that failed, naming the MRZ field.
//
// Field is one of "characters", "documentCode", "issuingState", "number", "name", "nationality",
// "birthDate", "sex", "expiry", "optional" (the TD3 personal number) or "composite".
type Problem struct {
	Field    string
	Code     string // CodeCheckDigit or CodeFormat
	Message  string // human readable; for check digits: "check digit for birthDate is 3, computed 2"
	Printed  string // printed check digit ("" when not a digit problem)
	Computed string // computed check digit ("" when not a digit problem)
	// Warning marks what a reader should know but that does not make the MRZ wrong: real
	// documents are printed so (an issuer's variant, a name with no primary identifier). Such a
	// problem must not count as a failed check.
	Warning bool
}

// Line lengths of the supported formats.
const (
	td1Width = 30
	td2Width = 36
	td3Width = 44
)

// Parse reads the MRZ lines: TD3 (2 lines of 44), TD2 (2 lines of 36), TD1 (3 lines of 30), and
// the visas MRV-A and MRV-B, which have the sizes of TD3 and TD2 and a document code starting
// with V (Part 7). Leading and trailing spaces and a trailing '\r' on each line are tolerated, and
// so is a line short of the fillers that end it (restoreFillers), with a warning. Lowercase letters are read as their capitals but
// reported as a CodeFormat problem: an MRZ is never printed in lowercase, so they betray retyping.
//
// It returns the document and every problem found: all check digits are verified and every failing
// one is reported, not just the first. err is non-nil only when the lines cannot be an MRZ at all
// (wrong number of lines, wrong lengths, characters other than A-Z, a-z, 0-9 and '<'); the
// Document is then zero and there are no problems. The error says what was expected.
func Parse(lines []string) (Document, []Problem, error) {
	var format Format
	var width int
	clean := make([]string, len(lines))
	for i, l := range lines {
		clean[i] = strings.TrimSpace(l)
	}
	switch len(lines) {
	case 2:
		// The widths tell a TD2 or MRV-B (36) from a TD3 or MRV-A (44), either line sufficing
		// since one may have lost its trailing fillers; a visa's document code starts with V
		// (Part 7, 4.2.2).
		w0, w1 := utf8.RuneCountInString(clean[0]), utf8.RuneCountInString(clean[1])
		format, width = TD3, td3Width
		if (w0 == td2Width || w1 == td2Width) && w0 != td3Width && w1 != td3Width {
			format, width = TD2, td2Width
		}
		if strings.HasPrefix(clean[0], "V") || strings.HasPrefix(clean[0], "v") {
			format = map[Format]Format{TD3: MRVA, TD2: MRVB}[format]
		}
	case 3:
		format, width = TD1, td1Width
	default:
		return Document{}, nil, fmt.Errorf("an MRZ has 2 lines (TD3, TD2 or a visa) or 3 lines (TD1), got %d", len(lines))
	}
	var p parser
	p.restoreFillers(format, width, clean)
	if err := checkLengths(format, width, clean); err != nil {
		return Document{}, nil, err
	}
	for i, l := range clean {
		lower := 0 // position of the first lowercase letter, 1-based
		pos := 0
		for _, r := range l {
			pos++
			switch {
			case 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == '<':
			case 'a' <= r && r <= 'z':
				if lower == 0 {
					lower = pos
				}
			default:
				return Document{}, nil, fmt.Errorf("MRZ line %d has %q at position %d: only A-Z, 0-9 and '<' may appear", i+1, r, pos)
			}
		}
		if lower > 0 {
			p.formatf("characters", "MRZ line %d has lowercase letters (the first at position %d): an MRZ is printed in capitals", i+1, lower)
			clean[i] = strings.ToUpper(l)
		}
	}
	// From here every line is ASCII of the right width, so byte offsets are character positions.

	var doc Document
	switch format {
	case TD3:
		doc = p.td3(clean[0], clean[1])
	case TD2:
		doc = p.td2(clean[0], clean[1])
	case MRVA, MRVB:
		doc = p.mrv(format, clean[0], clean[1])
	default:
		doc = p.td1(clean[0], clean[1], clean[2])
	}
	return doc, p.problems, nil
}

// fillerEnded lists the lines (0-based) of each format whose last field is padded on the right
// with fillers: names (TD3, TD2 and visa line 1, TD1 line 3), TD1's line 1 optional data and a
// visa's line 2 optional data, which no check digit follows (Doc 9303 Part 3: the filler '<'
// fills the unused positions of a field).
var fillerEnded = map[Format][]int{TD3: {0}, TD2: {0}, MRVA: {0, 1}, MRVB: {0, 1}, TD1: {0, 2}}

// restoreFillers pads a line of fillerEnded that is too short with the fillers it lost: readers
// and people copying an MRZ often drop the '<' that end a line, which carry no data. A line
// ending in a check digit cannot have lost anything silently, and is left to checkLengths.
func (p *parser) restoreFillers(format Format, width int, lines []string) {
	for _, i := range fillerEnded[format] {
		if n := utf8.RuneCountInString(lines[i]); n > 0 && n < width {
			lines[i] += strings.Repeat("<", width-n)
			p.problems = append(p.problems, Problem{Field: "characters", Code: CodeFormat, Warning: true,
				Message: fmt.Sprintf("MRZ line %d has %d characters, not %d: read with the fillers that end it restored", i+1, n, width)})
		}
	}
}

// checkLengths counts characters, not bytes, so that a stray non-ASCII letter is reported as an
// illegal character at its position rather than as a puzzling length.
func checkLengths(format Format, width int, lines []string) error {
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n != width {
			return fmt.Errorf("%s MRZ lines must be %d characters, line %d has %d", format, width, i+1, n)
		}
	}
	return nil
}

// parser collects the problems of one MRZ. Its methods take fields already cut from the lines.
type parser struct {
	problems []Problem
}

func (p *parser) formatf(field, format string, args ...any) {
	p.problems = append(p.problems, Problem{Field: field, Code: CodeFormat, Message: fmt.Sprintf(format, args...)})
}

// check verifies the check digit printed after data.
func (p *parser) check(field, data string, printed byte) {
	computed := CheckDigit(data)
	if computed == printed {
		return
	}
	p.problems = append(p.problems, Problem{
		Field:    field,
		Code:     CodeCheckDigit,
		Message:  fmt.Sprintf("check digit for %s is %c, computed %c", field, printed, computed) + ocrHint(string(printed), computed == '0'),
		Printed:  string(printed),
		Computed: string(computed),
	})
}

// ocrHint explains a letter O where the layout has only digits (a date, a check digit) and the
// digit 0 would fit: OCR-B (Doc 9303 Part 3) draws the two apart for people, but readers and
// retyping still confuse them. The check still fails; the reviewer learns the likely cause.
func ocrHint(digits string, fits bool) string {
	if fits && strings.Contains(digits, "O") {
		return "; the letter O stands where only a digit may: an OCR misreading of 0?"
	}
	return ""
}

// td3 reads a passport MRZ (Doc 9303 Part 4, 4.2.2).
func (p *parser) td3(l1, l2 string) Document {
	d := Document{Format: TD3}
	d.DocumentCode = p.documentCode(TD3, l1[0:2], "P")
	d.IssuingState = p.stateCode("issuingState", l1[2:5])
	d.Surname, d.GivenNames, d.NameTruncated = p.name(l1[5:44])

	d.Number = unpad(l2[0:9])
	p.check("number", l2[0:9], l2[9])
	p.holder(&d, l2)
	d.Optional1 = strings.Trim(l2[28:42], "<")
	// Part 4 lets an unused personal number field carry '<' instead of a check digit.
	if l2[42] != '<' || d.Optional1 != "" {
		p.check("optional", l2[28:42], l2[42])
	}
	p.check("composite", l2[0:10]+l2[13:20]+l2[21:43], l2[43])
	return d
}

// holder reads positions 11 to 28 of line 2, the same on a passport, a TD2 card and a visa
// (Doc 9303 Part 4, 4.2.2; Part 6, 4.2.2; Part 7, 4.2.2 and 5.2.2): nationality, birth date and
// its check digit, sex, expiry and its check digit.
func (p *parser) holder(d *Document, l2 string) {
	d.Nationality = p.stateCode("nationality", l2[10:13])
	d.BirthDate = l2[13:19]
	p.date("birthDate", d.BirthDate, true)
	p.check("birthDate", d.BirthDate, l2[19])
	d.Sex = p.sex(l2[20])
	d.Expiry = l2[21:27]
	p.date("expiry", d.Expiry, false)
	p.check("expiry", d.Expiry, l2[27])
}

// td1 reads a card MRZ (Doc 9303 Part 5, 4.2.2).
func (p *parser) td1(l1, l2, l3 string) Document {
	d := Document{Format: TD1}
	d.DocumentCode = p.documentCode(TD1, l1[0:2], "ACI")
	d.IssuingState = p.stateCode("issuingState", l1[2:5])
	d.Number, d.Optional1 = p.td1Number(d.IssuingState, l1[5:14], l1[14], l1[15:30])

	d.BirthDate = l2[0:6]
	p.date("birthDate", d.BirthDate, true)
	p.check("birthDate", d.BirthDate, l2[6])
	d.Sex = p.sex(l2[7])
	d.Expiry = l2[8:14]
	p.date("expiry", d.Expiry, false)
	p.check("expiry", d.Expiry, l2[14])
	d.Nationality = p.stateCode("nationality", l2[15:18])
	d.Optional2 = strings.Trim(l2[18:29], "<")

	d.Surname, d.GivenNames, d.NameTruncated = p.name(l3)
	p.check("composite", l1[5:30]+l2[0:7]+l2[8:15]+l2[18:29], l2[29])
	return d
}

// td2 reads an identity or residence card MRZ of 2 lines of 36 (Doc 9303 Part 6, 4.2.2): the
// layout of TD3 on a narrower line, with 7 characters of optional data that a number longer than
// 9 characters overflows into as on TD1 (Part 6, 4.2.2, note j).
func (p *parser) td2(l1, l2 string) Document {
	d := Document{Format: TD2}
	d.DocumentCode = p.documentCode(TD2, l1[0:2], "ACI")
	d.IssuingState = p.stateCode("issuingState", l1[2:5])
	d.Surname, d.GivenNames, d.NameTruncated = p.name(l1[5:36])

	d.Number, d.Optional1 = p.td1Number(d.IssuingState, l2[0:9], l2[9], l2[28:35])
	p.holder(&d, l2)
	p.check("composite", l2[0:10]+l2[13:20]+l2[21:35], l2[35])
	return d
}

// mrv reads a machine-readable visa (Doc 9303 Part 7, 4.2.2 and 5.2.2): the fields of TD3
// (MRV-A, 44 characters) or TD2 (MRV-B, 36) with the whole rest of line 2 as optional data, and
// no check digit over it nor composite check digit. Expiry is the visa's "valid until" date.
func (p *parser) mrv(format Format, l1, l2 string) Document {
	d := Document{Format: format}
	d.DocumentCode = p.documentCode(format, l1[0:2], "V")
	d.IssuingState = p.stateCode("issuingState", l1[2:5])
	d.Surname, d.GivenNames, d.NameTruncated = p.name(l1[5:])

	d.Number = unpad(l2[0:9])
	p.check("number", l2[0:9], l2[9])
	p.holder(&d, l2)
	d.Optional1 = strings.Trim(l2[28:], "<")
	return d
}

// td1Number resolves the document number of a TD1, which may overflow into the optional data
// (Part 5, 4.2.2, note j): the first 9 characters are in the number field, its check digit
// position holds '<', and the optional data starts with the rest of the number and the check
// digit of the whole number, followed by '<'.
//
// Belgian identity cards (the B-prefixed numbers of the current series, 12 characters) print the
// check digit of the number computed over the number with its overflow filler, that is over
// positions 6 to 15 and the rest of the number, as the Belgian issuer does; Doc 9303 computes it
// over the number alone. For issuing state BEL, a digit that matches only that computation is
// accepted with a CodeIssuerVariant warning naming it, not refused as a check-digit error.
func (p *parser) td1Number(state, field string, digit byte, optional string) (number, rest string) {
	if digit != '<' {
		p.check("number", field, digit)
		return unpad(field), strings.Trim(optional, "<")
	}
	tail, after, _ := strings.Cut(optional, "<")
	if len(tail) < 2 {
		p.formatf("number", "number check digit is '<', which announces a number longer than 9 characters, but the optional data does not continue it with a check digit")
		return unpad(field), strings.Trim(optional, "<")
	}
	number = unpad(field) + tail[:len(tail)-1]
	printed := tail[len(tail)-1]
	if state == "BEL" && CheckDigit(number) != printed && CheckDigit(field+"<"+tail[:len(tail)-1]) == printed {
		p.problems = append(p.problems, Problem{Field: "number", Code: CodeIssuerVariant, Warning: true,
			Message: "number check digit is computed over the number and its overflow filler, as Belgian identity cards do, not over the number alone as Doc 9303 prescribes; accepted"})
		return number, strings.Trim(after, "<")
	}
	p.check("number", number, printed)
	return number, strings.Trim(after, "<")
}

// documentCode checks the document code against the first letters its format allows.
func (p *parser) documentCode(format Format, code, first string) string {
	if !strings.ContainsRune(first, rune(code[0])) || !(isLetter(code[1]) || code[1] == '<') {
		p.formatf("documentCode", "%s document code must be %s followed by a letter or '<'", format, oneOf(first))
	}
	return unpad(code)
}

// oneOf spells a set of letters for a message: "P", or "A, C or I".
func oneOf(letters string) string {
	if len(letters) == 1 {
		return letters
	}
	s := strings.Split(letters, "")
	return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
}

// stateCode checks a state code: letters padded on the right with '<', which admits the
// one-letter code D of Germany (Part 3, 5) as well as the usual three letters.
func (p *parser) stateCode(field, code string) string {
	letters := strings.TrimRight(code, "<")
	ok := letters != ""
	for i := 0; i < len(letters); i++ {
		ok = ok && isLetter(letters[i])
	}
	if !ok {
		p.formatf(field, "%s must be a code of letters, padded with '<'", field)
	}
	return unpad(code)
}

// date checks that a YYMMDD field can be a calendar date. Each of YY, MM and DD is two digits or,
// where unknown is allowed (dates of birth, Part 3, 4.6.2), two fillers.
func (p *parser) date(field, s string, unknown bool) {
	var v [3]int // YY, MM, DD; -1 when unknown
	for i := range v {
		part := s[2*i : 2*i+2]
		switch {
		case isDigit(part[0]) && isDigit(part[1]):
			v[i] = int(part[0]-'0')*10 + int(part[1]-'0')
		case unknown && part == "<<":
			v[i] = -1
		default:
			hint := ocrHint(s, allDigitsOrFiller(strings.ReplaceAll(s, "O", "0")))
			if unknown {
				p.formatf(field, "%s must be YYMMDD digits, with '<<' for an unknown part%s", field, hint)
			} else {
				p.formatf(field, "%s must be YYMMDD digits%s", field, hint)
			}
			return
		}
	}
	yy, mm, dd := v[0], v[1], v[2]
	valid := mm == -1 || (mm >= 1 && mm <= 12)
	if dd != -1 {
		maxDay := 31
		if mm != -1 {
			// The century is unknown: accept 29 February whenever some century makes it a leap
			// year, which for a two-digit year is exactly when it is divisible by 4 (2000 was one).
			maxDay = daysIn(2000+max(yy, 0), mm)
		}
		valid = valid && dd >= 1 && dd <= maxDay
	}
	if !valid {
		p.formatf(field, "%s is not a calendar date", field)
	}
}

// sex reads the sex field: F, M, or '<' for unspecified (Part 4, 4.2.2), returned as X.
func (p *parser) sex(c byte) string {
	switch c {
	case 'F', 'M':
		return string(c)
	case '<':
		return "X"
	}
	p.formatf("sex", "sex must be F, M or '<'")
	return string(c)
}

// name splits the name field into the primary identifier, before the first "<<", and the
// secondary identifier after it (Part 3, 4.6).
func (p *parser) name(field string) (surname, given string, truncated bool) {
	truncated = field[len(field)-1] != '<'
	primary, secondary, _ := strings.Cut(field, "<<")
	surname, given = words(primary), words(secondary)
	switch {
	case surname == "" && given == "":
		p.formatf("name", "name is empty")
	case strings.HasPrefix(field, "<<"):
		// Part 3, 4.6: a person with a single name has it as the primary identifier, but some
		// issuers print it as the secondary one. The name is readable; only the split differs.
		p.problems = append(p.problems, Problem{Field: "name", Code: CodeFormat, Warning: true,
			Message: "name has no primary identifier (it starts with '<<'): read as given names only"})
	case field[0] == '<':
		p.formatf("name", "name must start with the primary identifier (surname)")
	}
	for i := 0; i < len(field); i++ {
		if isDigit(field[i]) {
			p.formatf("name", "name has digits: only letters and '<' may appear")
			break
		}
	}
	return surname, given, truncated
}

// words turns the '<' separated components of a name into space separated words.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '<' }), " ")
}

func unpad(s string) string { return strings.ReplaceAll(s, "<", "") }

func allDigitsOrFiller(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) && s[i] != '<' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
