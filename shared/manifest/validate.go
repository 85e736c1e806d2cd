package manifest

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/aviation"
	"github.com/paxscreen/paxscreen/shared/country"
	"github.com/paxscreen/paxscreen/shared/mrz"
)

// Finding codes. They are part of the API: clients switch on them, so they never change meaning.
const (
	CodeRequired             = "REQUIRED"
	CodeInvalidValue         = "INVALID_VALUE"
	CodeInvalidFormat        = "INVALID_FORMAT"
	CodeTooLong              = "TOO_LONG"
	CodeInvalidDate          = "INVALID_DATE"
	CodeImplausibleBirthDate = "IMPLAUSIBLE_BIRTH_DATE"
	CodeInvalidCountry       = "INVALID_COUNTRY_CODE"
	CodeCountryName          = "COUNTRY_NAME_READ_AS_CODE"
	CodeInvalidAirport       = "INVALID_AIRPORT_CODE"
	CodeInvalidRegistration  = "INVALID_REGISTRATION"
	CodeInvalidAircraftType  = "INVALID_AIRCRAFT_TYPE"
	CodeScheduleOrder        = "SCHEDULE_ORDER"
	CodeSameAirport          = "SAME_AIRPORT"
	CodeDocumentExpired      = "DOCUMENT_EXPIRED"
	CodeDocumentExpiresSoon  = "DOCUMENT_EXPIRES_SOON"
	CodeDuplicateDocument    = "DUPLICATE_DOCUMENT"
	CodeDuplicatePerson      = "DUPLICATE_PERSON"
	CodeDuplicateRef         = "DUPLICATE_REF"
	CodeOverCapacity         = "OVER_CAPACITY"
	CodePICCount             = "PIC_COUNT"
	CodeMinorWithoutGuardian = "MINOR_WITHOUT_GUARDIAN"
	CodeUnknownGuardian      = "UNKNOWN_GUARDIAN"
	CodeLapInfantAge         = "LAP_INFANT_AGE"
	CodePlaceholderName      = "PLACEHOLDER_NAME"
	CodeNoPersons            = "NO_PERSONS"
	CodeTooManyPersons       = "TOO_MANY_PERSONS"
	CodeNoDocument           = "NO_DOCUMENT"
	CodeUSAddressMissing     = "US_ADDRESS_MISSING"
	CodeMRZFormat            = "MRZ_FORMAT"
	CodeMRZCheckDigit        = "MRZ_CHECK_DIGIT"
	CodeMRZMismatch          = "MRZ_MISMATCH"
	CodeControlCharacter     = "CONTROL_CHARACTER"
)

// Options tune validation.
type Options struct {
	// MaxPersons is the largest manifest accepted; 0 means DefaultMaxPersons.
	MaxPersons int
	// Now is the reference time used only when the manifest has no readable schedule; a
	// manifest's own arrival time is the reference otherwise, so the result does not drift with
	// the clock.
	Now time.Time
}

// DefaultMaxPersons bounds a manifest: more than any aircraft seats, few enough to store and score
// within a Lambda invocation.
const DefaultMaxPersons = 1000

// Length limits. Generous for real data, tight enough that a body cannot smuggle megabytes into
// one field.
const (
	maxName   = 100
	maxText   = 200
	maxDocNum = 22
	adultAge  = 18
	// Oldest plausible age; the oldest verified human reached 122.
	maxAge = 120
)

var placeholderNames = map[string]bool{
	"FNU": true, "LNU": true, "UNKNOWN": true, "UNK": true, "TEST": true, "TESTING": true,
	"N/A": true, "NA": true, "NONE": true, "NULL": true, "XXX": true, "XX": true, "X": true,
	"NOT KNOWN": true, "NO NAME": true, "NONAME": true, "DUMMY": true, "SAMPLE": true, "TBA": true, "TBD": true,
}

// isPlaceholder reports whether a name is one of placeholderNames in any case. A copy of every
// name upper-cased was a tenth of validating, so an ASCII name short enough to be one is
// upper-cased on the stack (a map index by string(bytes) does not allocate) and a longer one
// is none (ASCII upper-casing keeps the length); a name in another script is upper-cased in
// full, which may shorten it (ı to I, ſ to S).
func isPlaceholder(name string) bool {
	var buf [32]byte
	if !isASCII(name) || len(name) > len(buf) {
		return placeholderNames[strings.ToUpper(name)]
	}
	if len(name) > longestPlaceholder {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		buf[i] = c
	}
	return placeholderNames[string(buf[:len(name)])]
}

// longestPlaceholder is the byte length of the longest of placeholderNames.
var longestPlaceholder = func() int {
	n := 0
	for k := range placeholderNames {
		n = max(n, len(k))
	}
	return n
}()

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

type validator struct {
	m        *Manifest
	opts     Options
	out      []Finding
	ref      time.Time // reference day: scheduled arrival
	usArrive bool
	tolerant bool // a regime that accepts persons with document problems (evacuation.go)
}

func (v *validator) add(code string, sev Severity, path, msg string) {
	v.out = append(v.out, Finding{Code: code, Path: path, Message: msg, Severity: sev})
}

func (v *validator) errorf(code, path, format string, args ...any) {
	v.add(code, Error, path, fmt.Sprintf(format, args...))
}

func (v *validator) warnf(code, path, format string, args ...any) {
	v.add(code, Warning, path, fmt.Sprintf(format, args...))
}

// Validate reports every problem in m at once: errors make it invalid, warnings do not. It
// expects m to have been through Normalise. The one change it makes is a country written by name
// becoming its code (countryCode), reported as a warning so the submitter sees it.
func Validate(m *Manifest, opts Options) []Finding {
	if opts.MaxPersons <= 0 {
		opts.MaxPersons = DefaultMaxPersons
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now().UTC()
	}
	v := &validator{m: m, opts: opts, tolerant: Tolerant(m.Flight.Regime)}
	v.controlCharacters()
	v.organiser()
	v.flight()
	v.persons()
	return v.out
}

// HasErrors reports whether any finding is an error.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

func (v *validator) required(base, field, value string) bool {
	if value == "" {
		v.errorf(CodeRequired, base+field, "is required")
		return false
	}
	return true
}

// The checkers take the path in two parts and join them only for a finding: a 1,000-person
// manifest would otherwise build tens of thousands of strings that are never used.
func (v *validator) text(base, field, value string, max int, required bool) bool {
	if value == "" {
		if required {
			v.errorf(CodeRequired, base+field, "is required")
		}
		return false
	}
	if len(value) > max {
		v.errorf(CodeTooLong, base+field, "is %d bytes long, at most %d allowed", len(value), max)
		return false
	}
	return true
}

func (v *validator) enum(base, field, value string, allowed []string, required bool) {
	if value == "" {
		if required {
			v.errorf(CodeRequired, base+field, "is required: one of %s", strings.Join(allowed, ", "))
		}
		return
	}
	for _, a := range allowed {
		if a == value {
			return
		}
	}
	if len(value) > maxName {
		value = value[:maxName]
	}
	v.errorf(CodeInvalidValue, base+field, "must be one of %s, got %q", strings.Join(allowed, ", "), value)
}

func (v *validator) organiser() {
	o := &v.m.Organiser
	v.text("/organiser/name", "", o.Name, maxText, true)
	v.enum("/organiser/type", "", o.Type, OrganiserTypes, true)
	c := &o.EmergencyContact
	v.text("/organiser/emergencyContact/name", "", c.Name, maxName, true)
	if v.text("/organiser/emergencyContact/phone", "", c.Phone, 32, true) && !validPhone(c.Phone) {
		v.errorf(CodeInvalidFormat, "/organiser/emergencyContact/phone", "must be an international number: + then country code and 6 to 14 digits")
	}
	if v.text("/organiser/emergencyContact/email", "", c.Email, maxText, false) && !validEmail(c.Email) {
		v.errorf(CodeInvalidFormat, "/organiser/emergencyContact/email", "must be an e-mail address")
	}
	v.text("/organiser/emergencyContact/organisation", "", c.Organisation, maxText, false)
}

func validPhone(s string) bool {
	if !strings.HasPrefix(s, "+") {
		return false
	}
	n := 0
	for _, r := range s[1:] {
		switch {
		case r >= '0' && r <= '9':
			n++
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
		default:
			return false
		}
	}
	return n >= 7 && n <= 15
}

func validEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.IndexByte(s[at+1:], '.') > 0 && !strings.ContainsAny(s, " \t<>")
}

func (v *validator) flight() {
	f := &v.m.Flight
	v.text("/flight/number", "", f.Number, 16, false)
	v.enum("/flight/direction", "", f.Direction, Directions, true)
	v.enum("/flight/regime", "", f.Regime, Regimes, true)
	v.text("/flight/operator", "", f.Operator, maxText, true)
	if v.text("/flight/aircraftRegistration", "", f.AircraftRegistration, 16, true) {
		if _, ok, reason := aviation.ValidRegistration(f.AircraftRegistration); !ok {
			v.errorf(CodeInvalidRegistration, "/flight/aircraftRegistration", "%s", reason)
		}
	}
	v.text("/flight/aircraftSerialNumber", "", f.AircraftSerialNumber, 32, false)
	if v.text("/flight/aircraftType", "", f.AircraftType, 8, true) && !aviation.ValidICAOType(f.AircraftType) {
		v.errorf(CodeInvalidAircraftType, "/flight/aircraftType", "must be an ICAO aircraft type designator such as B738 or C130")
	}
	switch {
	case f.SeatCapacity <= 0:
		v.errorf(CodeRequired, "/flight/seatCapacity", "is required: the number of seats on board, crew seats included")
	case f.SeatCapacity > 1000:
		v.errorf(CodeInvalidValue, "/flight/seatCapacity", "must be at most 1000")
	}
	dep, depOK := v.stop("/flight/departure", f.Departure, true)
	arr, arrOK := v.stop("/flight/arrival", f.Arrival, true)
	if arrOK {
		v.ref = arr
	} else if depOK {
		v.ref = dep
	} else {
		v.ref = v.opts.Now
	}
	v.ref = time.Date(v.ref.Year(), v.ref.Month(), v.ref.Day(), 0, 0, 0, 0, time.UTC)
	if depOK && arrOK && !arr.After(dep) {
		v.errorf(CodeScheduleOrder, "/flight/arrival/scheduled", "must be after the scheduled departure")
	}
	if f.Departure.Airport != "" && f.Departure.Airport == f.Arrival.Airport && len(f.PriorStops) == 0 {
		v.warnf(CodeSameAirport, "/flight/arrival/airport", "is the same as the departure airport")
	}
	prev := time.Time{}
	for i, s := range f.PriorStops {
		path := "/flight/priorStops/" + strconv.Itoa(i)
		t, ok := v.stop(path, s, false)
		if !ok {
			continue
		}
		if !prev.IsZero() && !t.After(prev) {
			v.errorf(CodeScheduleOrder, path+"/scheduled", "must be after the previous prior stop")
		}
		if depOK && !t.Before(dep) {
			v.errorf(CodeScheduleOrder, path+"/scheduled", "must be before the scheduled departure")
		}
		prev = t
	}
	v.usArrive = f.Direction == "INBOUND" && usAirport(f.Arrival.Airport)
}

// usAirport: the contiguous states use K; Alaska, Hawaii and the Pacific territories PA, PH, PG,
// PW...; Puerto Rico and the US Virgin Islands TJ and TI (TIST, TISX).
func usAirport(code string) bool {
	if len(code) != 4 {
		return false
	}
	switch {
	case code[0] == 'K':
		return true
	case strings.HasPrefix(code, "PA"), strings.HasPrefix(code, "PH"), strings.HasPrefix(code, "PG"), strings.HasPrefix(code, "PW"):
		return true
	case strings.HasPrefix(code, "TJ"), code == "TIST", code == "TISX":
		return true
	}
	return false
}

// stop checks an aerodrome and its time; it returns the time when it could be read.
func (v *validator) stop(path string, s Stop, timeRequired bool) (time.Time, bool) {
	if v.required(path, "/airport", s.Airport) {
		if ok, reason := aviation.ValidAirport(s.Airport); !ok {
			v.errorf(CodeInvalidAirport, path+"/airport", "%s", reason)
		}
	}
	if s.Scheduled == "" {
		if timeRequired {
			v.errorf(CodeRequired, path+"/scheduled", "is required: an RFC 3339 UTC time such as 2026-12-01T14:30:00Z")
		}
		return time.Time{}, false
	}
	t, ok := ParseTime(s.Scheduled)
	if !ok {
		v.errorf(CodeInvalidDate, path+"/scheduled", "must be an RFC 3339 time with a zone, such as 2026-12-01T14:30:00Z")
		return time.Time{}, false
	}
	return t, true
}

type personFacts struct {
	born      PartialDate
	bornOK    bool
	youngest  int // youngest possible age at arrival
	oldest    int
	isLap     bool
	lapValid  bool
	guardians int // index of guardian or -1
}

func (v *validator) persons() {
	ps := v.m.Persons
	if len(ps) == 0 {
		v.errorf(CodeNoPersons, "/persons", "must list at least one person")
		return
	}
	if len(ps) > v.opts.MaxPersons {
		// Stop here: validating a manifest we will refuse anyway only costs time.
		v.errorf(CodeTooManyPersons, "/persons", "has %d persons, at most %d allowed", len(ps), v.opts.MaxPersons)
		return
	}
	facts := make([]personFacts, len(ps))
	refs := make(map[string]int, len(ps))
	type docKey struct{ typ, state, number string }
	type docAt struct {
		person, doc int
		owner       ownerKey
	}
	docs := make(map[docKey]docAt, len(ps))
	people := make(map[personKey]int, len(ps))
	pics := 0
	seated := 0
	for i := range ps {
		p := &ps[i]
		path := "/persons/" + strconv.Itoa(i)
		fa := &facts[i]
		fa.guardians = -1
		v.person(path, p, fa)
		if p.Role == "PIC" {
			pics++
		}
		if p.Ref != "" {
			if j, dup := refs[p.Ref]; dup {
				v.errorf(CodeDuplicateRef, path+"/ref", "is also used by /persons/%d", j)
			} else {
				refs[p.Ref] = i
			}
		}
		for d := range p.Documents {
			doc := &p.Documents[d]
			if doc.Number == "" {
				continue
			}
			// Normalise uppercased the number; one with other characters is refused anyway.
			key := docKey{doc.Type, doc.IssuingState, doc.Number}
			// A document named by its holder (a child in a parent's passport) is the same
			// document as the holder's own, and no duplicate of it.
			own := documentOwner(p, i, doc)
			if first, dup := docs[key]; dup && first.owner != own {
				v.errorf(CodeDuplicateDocument, path+"/documents/"+strconv.Itoa(d)+"/number", "is the same document as /persons/%d/documents/%d", first.person, first.doc)
			} else if !dup {
				docs[key] = docAt{i, d, own}
			}
		}
		if fa.bornOK && p.Surname != "" {
			key := personKey{strings.ToUpper(p.Surname), strings.ToUpper(p.GivenNames), p.DateOfBirth}
			if j, dup := people[key]; dup {
				v.errorf(CodeDuplicatePerson, path, "has the same names and date of birth as /persons/%d", j)
			} else {
				people[key] = i
			}
		}
		if !(fa.isLap && fa.lapValid) {
			seated++
		}
	}
	if pics != 1 {
		v.errorf(CodePICCount, "/persons", "must have exactly one pilot in command (role PIC), has %d", pics)
	}
	if cap := v.m.Flight.SeatCapacity; cap > 0 && seated > cap {
		v.errorf(CodeOverCapacity, "/persons", "has %d persons needing a seat (lap infants excluded) for %d seats", seated, cap)
	}
	v.guardians(facts, refs)
	v.holders(refs)
}

// personKey is who a person is for the duplicate check: names in any case, and birth date.
type personKey struct{ surname, given, born string }

func (v *validator) guardians(facts []personFacts, refs map[string]int) {
	ps := v.m.Persons
	for i := range ps {
		p := &ps[i]
		fa := &facts[i]
		path := "/persons/" + strconv.Itoa(i)
		if p.Guardian != "" {
			j, ok := refs[p.Guardian]
			if !ok {
				v.errorf(CodeUnknownGuardian, path+"/guardian", "names no person's ref in this manifest")
				continue
			}
			fa.guardians = j
		}
		// A person is treated as a minor only when certainly under 18 at arrival: with a year-only
		// birth date, the benefit of the doubt goes to the data we have.
		if !fa.bornOK || fa.oldest >= adultAge {
			continue
		}
		if fa.guardians < 0 {
			v.errorf(CodeMinorWithoutGuardian, path+"/guardian", "is required: a person under %d must name an adult on board as guardian", adultAge)
			continue
		}
		g := facts[fa.guardians]
		if fa.guardians == i || !g.bornOK || g.youngest < adultAge {
			v.errorf(CodeMinorWithoutGuardian, path+"/guardian", "must name an adult (%d or older at arrival) on board", adultAge)
		}
	}
}

func (v *validator) person(path string, p *Person, fa *personFacts) {
	v.text(path, "/ref", p.Ref, 64, false)
	v.enum(path, "/role", p.Role, Roles, true)
	if v.text(path, "/surname", p.Surname, maxName, true) && isPlaceholder(p.Surname) {
		v.warnf(CodePlaceholderName, path+"/surname", "looks like a placeholder, not a name")
	}
	if v.text(path, "/givenNames", p.GivenNames, maxName, false) && isPlaceholder(p.GivenNames) {
		v.warnf(CodePlaceholderName, path+"/givenNames", "looks like a placeholder, not a name; leave it empty for a person with one name")
	}
	v.birth(path, p, fa)
	v.enum(path, "/sex", p.Sex, Sexes, false)
	v.countryCode(path, "/nationality", &p.Nationality, true)
	v.countryCode(path, "/residence", &p.Residence, false)
	if p.LapInfant {
		fa.isLap = true
		fa.lapValid = fa.bornOK && fa.oldest < 2
		if !fa.lapValid {
			v.errorf(CodeLapInfantAge, path+"/lapInfant", "only a child under 2 at arrival may travel on a lap")
		}
	}
	if len(p.Documents) == 0 {
		v.noDocument(path + "/documents")
	}
	for i := range p.Documents {
		v.document(path+"/documents/"+strconv.Itoa(i), p, &p.Documents[i])
	}
	if p.USAddress != nil {
		a := p.USAddress
		ap := path + "/usAddress"
		v.text(ap, "/street", a.Street, maxText, true)
		v.text(ap, "/city", a.City, maxName, true)
		v.text(ap, "/state", a.State, 2, true)
		v.text(ap, "/postalCode", a.PostalCode, 10, true)
	} else if v.usArrive && p.Nationality != "USA" && p.Role == "PAX" {
		// The requirement depends on nationality, so it is a warning that scoring weighs at zero.
		v.warnf(CodeUSAddressMissing, path+"/usAddress", "is required by US APIS for passengers who are not US citizens")
	}
}

func (v *validator) birth(path string, p *Person, fa *personFacts) {
	if !v.required(path, "/dateOfBirth", p.DateOfBirth) {
		return
	}
	d, ok := ParseDate(p.DateOfBirth, true)
	if !ok {
		if len(p.DateOfBirth) == 5 && allDigits(p.DateOfBirth) {
			// Spreadsheets count days from 1900 and export a date cell formatted as a number so:
			// five digits cover 1927 to 2173.
			v.errorf(CodeInvalidDate, path+"/dateOfBirth", "is a spreadsheet's day number, not a date: format the column as a date YYYY-MM-DD and export again")
			return
		}
		v.errorf(CodeInvalidDate, path+"/dateOfBirth", "must be a calendar date YYYY-MM-DD, or YYYY-MM or YYYY when only that is known")
		return
	}
	if d.Earliest().After(v.ref) {
		v.errorf(CodeImplausibleBirthDate, path+"/dateOfBirth", "is after the arrival date")
		return
	}
	young, old := d.ageRange(v.ref)
	if young > maxAge {
		v.errorf(CodeImplausibleBirthDate, path+"/dateOfBirth", "gives an age over %d at arrival", maxAge)
		return
	}
	fa.born, fa.bornOK, fa.youngest, fa.oldest = d, true, young, old
}

// countryCode checks a country field. A country written by its ISO 3166-1 short name is rewritten
// to its code with a warning: lists drawn up by hand in an evacuation name the country
// ("Afghanistan"), the name is unambiguous, and refusing the flight for it would block people the
// reviewer can see perfectly well. Anything else that is not a code is an error naming the code to use.
func (v *validator) countryCode(base, field string, value *string, required bool) {
	code := *value
	if alpha3, name, ok := country.ByName(code); ok && !country.Valid(code) {
		*value = alpha3
		v.warnf(CodeCountryName, base+field, "is the name of a country (%s): read as its code %s", name, alpha3)
		return
	}
	if code == "" {
		if required {
			v.errorf(CodeRequired, base+field, "is required: an ISO 3166-1 alpha-3 or ICAO 9303 code")
		}
		return
	}
	if !country.Valid(code) {
		v.errorf(CodeInvalidCountry, base+field, "%s", country.Reason(code))
	}
}

func (v *validator) document(path string, p *Person, d *Document) {
	v.enum(path, "/type", d.Type, DocumentTypes, true)
	if v.text(path, "/number", d.Number, maxDocNum, true) {
		for _, r := range d.Number {
			if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				if scientific(d.Number) {
					v.errorf(CodeInvalidFormat, path+"/number", "is in scientific notation, as a spreadsheet shows a long number, and has lost digits: format the column as text and export again")
					break
				}
				v.errorf(CodeInvalidFormat, path+"/number", "must contain only the letters A-Z and digits")
				break
			}
		}
	}
	v.countryCode(path, "/issuingState", &d.IssuingState, true)
	if d.Expiry == "" {
		v.expiryMissing(path+"/expiry", d)
	} else {
		exp, ok := ParseDate(d.Expiry, false)
		switch {
		case !ok:
			v.errorf(CodeInvalidDate, path+"/expiry", "must be a calendar date YYYY-MM-DD")
		case exp.Earliest().Before(v.ref):
			v.documentExpired(path + "/expiry")
		case exp.Earliest().Before(v.ref.AddDate(0, 6, 0)):
			v.warnf(CodeDocumentExpiresSoon, path+"/expiry", "is within 6 months of the arrival date")
		}
	}
	v.text(path, "/holder", d.Holder, 64, false)
	if len(d.MRZ) > 0 {
		v.mrz(path, p, d)
	}
}

func (v *validator) mrz(path string, p *Person, d *Document) {
	mp := path + "/mrz"
	doc, problems, err := mrz.Parse(d.MRZ)
	if err != nil {
		v.errorf(CodeMRZFormat, mp, "%s", err.Error())
		return
	}
	if doc.Format == mrz.MRVA || doc.Format == mrz.MRVB {
		// A visa is an endorsement in a passport, and its MRZ (Doc 9303 Part 7) describes the
		// visa, not the document the traveller carries.
		v.errorf(CodeMRZFormat, mp, "is the MRZ of a visa (%s): give the MRZ of the travel document itself", doc.Format)
		return
	}
	for _, pr := range problems {
		sev := Error
		if pr.Warning {
			// A real document printed so (an issuer's variant): the reviewer is told, the
			// traveller is not refused.
			sev = Warning
		}
		v.add(pr.Code, sev, mp, pr.Message)
	}
	if d.Holder != "" && d.Holder != p.Ref {
		// The MRZ spells the holder's names and birth date, not the carrier's: its check digits
		// are checked, and it is compared with the keyed data where the holder lists it.
		return
	}
	for _, mm := range mrz.Compare(doc, mrz.Keyed{
		DocumentType: d.Type,
		Number:       d.Number,
		IssuingState: d.IssuingState,
		Nationality:  p.Nationality,
		Surname:      p.Surname,
		GivenNames:   p.GivenNames,
		Sex:          p.Sex,
		DateOfBirth:  p.DateOfBirth,
		Expiry:       d.Expiry,
	}) {
		v.errorf(CodeMRZMismatch, mp, "%s", mm.Message)
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// scientific reports a number as spreadsheets write one too long for a numeric cell: digits, an
// optional decimal part, E+ and an exponent ("1.23457E+11").
func scientific(s string) bool {
	mant, exp, ok := strings.Cut(s, "E+")
	if !ok || !allDigits(exp) {
		return false
	}
	whole, frac, dot := strings.Cut(mant, ".")
	return allDigits(whole) && (!dot || allDigits(frac))
}

// controlCharacters refuses, in every text field of the manifest, characters that change how
// text is laid out or read rather than what it says: C0 and C1 controls and DEL (line breaks,
// tabs, NUL, BEL, ESC), the Unicode line and paragraph separators, and the bidirectional
// embedding, override and isolate controls (which make text display in another order than it is
// stored, CVE-2021-42574). No field of a manifest is multi-line, and a line break in an organiser
// name becomes a forged line in an alert e-mail or a log. Left-to-right and right-to-left marks
// and the zero-width joiners stay allowed: Arabic, Hebrew, Persian and Indic names need them.
//
// The fields are listed by hand (a reflective walk cost a third of validation); the test walks
// the model by reflection and fails when a text field is missing here.
func (v *validator) controlCharacters() {
	m := v.m
	o := &m.Organiser
	v.ctl(o.Name, "/organiser/name", -1, -1, -1)
	v.ctl(o.Type, "/organiser/type", -1, -1, -1)
	c := &o.EmergencyContact
	v.ctl(c.Name, "/organiser/emergencyContact/name", -1, -1, -1)
	v.ctl(c.Phone, "/organiser/emergencyContact/phone", -1, -1, -1)
	v.ctl(c.Email, "/organiser/emergencyContact/email", -1, -1, -1)
	f := &m.Flight
	for _, t := range [...]struct{ s, path string }{
		{f.Number, "/flight/number"}, {f.Direction, "/flight/direction"}, {f.Regime, "/flight/regime"},
		{f.Operator, "/flight/operator"}, {f.AircraftRegistration, "/flight/aircraftRegistration"},
		{f.AircraftType, "/flight/aircraftType"}, {f.Departure.Airport, "/flight/departure/airport"},
		{f.Departure.Scheduled, "/flight/departure/scheduled"}, {f.Arrival.Airport, "/flight/arrival/airport"},
		{f.Arrival.Scheduled, "/flight/arrival/scheduled"},
	} {
		v.ctl(t.s, t.path, -1, -1, -1)
	}
	for i := range f.PriorStops {
		v.ctl(f.PriorStops[i].Airport, "/flight/priorStops/%d/airport", i, -1, -1)
		v.ctl(f.PriorStops[i].Scheduled, "/flight/priorStops/%d/scheduled", i, -1, -1)
	}
	for i := range m.Persons {
		p := &m.Persons[i]
		for _, t := range [...]struct{ s, path string }{
			{p.Ref, "/persons/%d/ref"}, {p.Role, "/persons/%d/role"}, {p.Surname, "/persons/%d/surname"},
			{p.GivenNames, "/persons/%d/givenNames"}, {p.DateOfBirth, "/persons/%d/dateOfBirth"}, {p.Sex, "/persons/%d/sex"},
			{p.Nationality, "/persons/%d/nationality"}, {p.Residence, "/persons/%d/residence"}, {p.Guardian, "/persons/%d/guardian"},
		} {
			v.ctl(t.s, t.path, i, -1, -1)
		}
		for j := range p.Documents {
			d := &p.Documents[j]
			v.ctl(d.Type, "/persons/%d/documents/%d/type", i, j, -1)
			v.ctl(d.Number, "/persons/%d/documents/%d/number", i, j, -1)
			v.ctl(d.IssuingState, "/persons/%d/documents/%d/issuingState", i, j, -1)
			v.ctl(d.Expiry, "/persons/%d/documents/%d/expiry", i, j, -1)
			for k := range d.MRZ {
				v.ctl(d.MRZ[k], "/persons/%d/documents/%d/mrz/%d", i, j, k)
			}
		}
		if a := p.USAddress; a != nil {
			v.ctl(a.Street, "/persons/%d/usAddress/street", i, -1, -1)
			v.ctl(a.City, "/persons/%d/usAddress/city", i, -1, -1)
			v.ctl(a.State, "/persons/%d/usAddress/state", i, -1, -1)
			v.ctl(a.PostalCode, "/persons/%d/usAddress/postalCode", i, -1, -1)
		}
	}
}

// ctl adds a CONTROL_CHARACTER finding when s holds a refused character. path is a format with
// as many %d as the indexes that are not -1; it is formatted only for a finding, so that a clean
// 1,000-person manifest costs no allocation here.
func (v *validator) ctl(s, path string, i, j, k int) {
	if !mayHoldControl(s) {
		return
	}
	for at, r := range s {
		if !refusedControl(r) {
			continue
		}
		var args []any
		for _, n := range []int{i, j, k} {
			if n >= 0 {
				args = append(args, n)
			}
		}
		v.errorf(CodeControlCharacter, fmt.Sprintf(path, args...), "contains the control character U+%04X at byte %d; remove line breaks, tabs and other control characters", r, at)
		return
	}
}

// refusedControl reports the characters controlCharacters refuses.
func refusedControl(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, DEL, C1
		return true
	case r == '\u2028', r == '\u2029': // line and paragraph separators
		return true
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069': // bidi embeddings, overrides, isolates
		return true
	}
	return false
}

// mayHoldControl is the fast path: printable ASCII, most of any manifest, holds none.
func mayHoldControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return true
		}
	}
	return false
}
