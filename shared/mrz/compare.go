package mrz

import (
	"strings"
	"unicode"
)

// Keyed is what a person's manifest says, to compare with the MRZ.
type Keyed struct {
	DocumentType string // "P" passport, "I"/"ID" card, ... compare only the first letter
	Number       string
	IssuingState string
	Nationality  string
	Surname      string
	GivenNames   string
	Sex          string
	DateOfBirth  string // "YYYY-MM-DD" (or "YYYY" / "YYYY-MM" partial: compare only the known parts)
	Expiry       string // "YYYY-MM-DD"
}

// Mismatch is one field where the MRZ disagrees with the keyed data. Field is one of
// "documentType", "number", "issuingState", "nationality", "surname", "givenNames", "sex",
// "dateOfBirth" or "expiry".
type Mismatch struct {
	Field   string
	Message string // names the field, never quotes a value
}

// Compare reports every field where doc, as read by Parse, disagrees with k. Empty keyed fields are
// not compared. Messages name the field but never quote the values: they are personal data.
//
// The comparison forgives what the MRZ cannot represent, and nothing else:
//   - document type: the first letters must agree, except that a crew member certificate (C) is
//     coded AC (Part 5), an identity card (I) may be coded A or C as well (Parts 5 and 6), and laissez-passer (L), refugee (R) and other travel documents (T) issued
//     as booklets are coded P like every TD3 (Part 4);
//   - number: spaces and '<' are ignored, case too;
//   - issuing state and nationality: case is ignored, and Germany's D equals DEU;
//   - names: the keyed name is transliterated as Doc 9303 Part 3 prescribes (any of the
//     recommended forms is accepted, e.g. MÜLLER as MUELLER or MULLER), case, word separators and
//     apostrophes are ignored, and when the MRZ name field is full (NameTruncated) a keyed name that
//     merely starts with the MRZ name matches;
//   - sex: X, U and '<' all mean unspecified;
//   - dates: only the parts known on both sides are compared, and the year only to two digits as
//     the MRZ has no century.
func Compare(doc Document, k Keyed) []Mismatch {
	var c comparison
	if v := strings.TrimSpace(k.DocumentType); v != "" {
		c.agree("documentType", sameDocumentType(strings.ToUpper(v), strings.ToUpper(doc.DocumentCode)))
	}
	if v := strings.TrimSpace(k.Number); v != "" {
		c.agree("number", documentNumber(v) == documentNumber(doc.Number))
	}
	if v := strings.TrimSpace(k.IssuingState); v != "" {
		c.agree("issuingState", stateCode(v) == stateCode(doc.IssuingState))
	}
	if v := strings.TrimSpace(k.Nationality); v != "" {
		c.agree("nationality", stateCode(v) == stateCode(doc.Nationality))
	}
	if v := strings.TrimSpace(k.Surname); v != "" {
		c.name("surname", v, doc.Surname, doc.NameTruncated)
	}
	if v := strings.TrimSpace(k.GivenNames); v != "" {
		c.name("givenNames", v, doc.GivenNames, doc.NameTruncated)
	}
	if v := strings.TrimSpace(k.Sex); v != "" {
		c.agree("sex", sex(v) == sex(doc.Sex))
	}
	if v := strings.TrimSpace(k.DateOfBirth); v != "" {
		c.date("dateOfBirth", v, doc.BirthDate)
	}
	if v := strings.TrimSpace(k.Expiry); v != "" {
		c.date("expiry", v, doc.Expiry)
	}
	return c.mismatches
}

type comparison struct {
	mismatches []Mismatch
}

func (c *comparison) add(field, message string) {
	c.mismatches = append(c.mismatches, Mismatch{Field: field, Message: message})
}

func (c *comparison) agree(field string, same bool) {
	if !same {
		c.add(field, field+" differs from the MRZ")
	}
}

func (c *comparison) name(field, keyed, mrz string, truncated bool) {
	letters, ok := transliterate(keyed)
	if !ok {
		c.add(field, field+" has letters with no Latin transliteration and cannot be compared with the MRZ")
		return
	}
	c.agree(field, matchName(letters, mrzLetters(mrz), truncated))
}

// date compares a keyed YYYY-MM-DD, YYYY-MM or YYYY with an MRZ YYMMDD, part by part.
func (c *comparison) date(field, keyed, mrz string) {
	var parts []string // YY, MM, DD as far as keyed
	switch {
	case len(keyed) == 10 && keyed[4] == '-' && keyed[7] == '-':
		parts = []string{keyed[2:4], keyed[5:7], keyed[8:10]}
	case len(keyed) == 7 && keyed[4] == '-':
		parts = []string{keyed[2:4], keyed[5:7]}
	case len(keyed) == 4:
		parts = []string{keyed[2:4]}
	}
	if parts == nil || !calendarDate(keyed, len(parts)) {
		c.add(field, field+" is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY and cannot be compared with the MRZ")
		return
	}
	if len(mrz) != 6 {
		c.agree(field, false)
		return
	}
	for i, kp := range parts {
		mp := mrz[2*i : 2*i+2]
		if mp == "<<" {
			continue // unknown to the issuer
		}
		if kp != mp {
			c.agree(field, false)
			return
		}
	}
}

func sameDocumentType(keyed, code string) bool {
	if code == "" {
		return false
	}
	k, m := keyed[0], code[0]
	switch {
	case k == m:
		return true
	case k == 'C':
		return code == "AC"
	case k == 'I':
		// Cards are coded A, C or I at the issuer's choice (Part 5, 4.2.2; Part 6, 4.2.2):
		// identity and residence cards alike, except AC, the crew member certificate.
		return (m == 'A' || m == 'C') && code != "AC"
	case k == 'L', k == 'R', k == 'T':
		return m == 'P'
	}
	return false
}

func documentNumber(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '<' || unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, s)
}

// stateCode canonicalises a state code; D is the MRZ code of Germany (Part 3, 5), DEU its ISO code.
func stateCode(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), "<", ""))
	if s == "D" {
		return "DEU"
	}
	return s
}

func sex(s string) string {
	switch s = strings.ToUpper(strings.TrimSpace(s)); s {
	case "U", "<":
		return "X"
	}
	return s
}

// calendarDate checks the first n parts (year, month, day) of a date already cut to the shape
// YYYY-MM-DD.
func calendarDate(s string, n int) bool {
	if !allDigits(s[0:4]) {
		return false
	}
	if n < 2 {
		return true
	}
	if !allDigits(s[5:7]) {
		return false
	}
	y, m := atoi(s[0:4]), atoi(s[5:7])
	if m < 1 || m > 12 {
		return false
	}
	if n < 3 {
		return true
	}
	return allDigits(s[8:10]) && atoi(s[8:10]) >= 1 && atoi(s[8:10]) <= daysIn(y, m)
}

func atoi(digits string) int {
	n := 0
	for i := 0; i < len(digits); i++ {
		n = n*10 + int(digits[i]-'0')
	}
	return n
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
