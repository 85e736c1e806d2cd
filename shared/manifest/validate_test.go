package manifest

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/country"
	"github.com/paxscreen/paxscreen/shared/mrz"
)

func loadValid(t testing.TB) *Manifest {
	t.Helper()
	b, err := os.ReadFile("testdata/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	m, err := DecodeJSON(b)
	if err != nil {
		t.Fatalf("decode valid.json: %v", err)
	}
	Normalise(m)
	return m
}

func TestValidManifestHasNoFindings(t *testing.T) {
	m := loadValid(t)
	if fs := Validate(m, Options{}); len(fs) != 0 {
		t.Fatalf("valid.json: want no findings, got %+v", fs)
	}
}

func person(m *Manifest, ref string) *Person {
	for i := range m.Persons {
		if m.Persons[i].Ref == ref {
			return &m.Persons[i]
		}
	}
	panic("no person " + ref)
}

func TestValidateFindsEachProblem(t *testing.T) {
	tests := []struct {
		name     string
		mutate   func(m *Manifest)
		code     string
		path     string
		severity Severity
	}{
		{"organiser name missing", func(m *Manifest) { m.Organiser.Name = "" }, CodeRequired, "/organiser/name", Error},
		{"organiser type unknown", func(m *Manifest) { m.Organiser.Type = "CLUB" }, CodeInvalidValue, "/organiser/type", Error},
		{"contact phone not international", func(m *Manifest) { m.Organiser.EmergencyContact.Phone = "030 1234567" }, CodeInvalidFormat, "/organiser/emergencyContact/phone", Error},
		{"contact e-mail malformed", func(m *Manifest) { m.Organiser.EmergencyContact.Email = "ops@" }, CodeInvalidFormat, "/organiser/emergencyContact/email", Error},
		{"direction missing", func(m *Manifest) { m.Flight.Direction = "" }, CodeRequired, "/flight/direction", Error},
		{"regime unknown", func(m *Manifest) { m.Flight.Regime = "TOURISM" }, CodeInvalidValue, "/flight/regime", Error},
		{"operator missing", func(m *Manifest) { m.Flight.Operator = "" }, CodeRequired, "/flight/operator", Error},
		{"registration malformed", func(m *Manifest) { m.Flight.AircraftRegistration = "N0123" }, CodeInvalidRegistration, "/flight/aircraftRegistration", Error},
		{"aircraft type malformed", func(m *Manifest) { m.Flight.AircraftType = "737-800" }, CodeInvalidAircraftType, "/flight/aircraftType", Error},
		{"seat capacity missing", func(m *Manifest) { m.Flight.SeatCapacity = 0 }, CodeRequired, "/flight/seatCapacity", Error},
		{"IATA airport code", func(m *Manifest) { m.Flight.Departure.Airport = "ADA" }, CodeInvalidAirport, "/flight/departure/airport", Error},
		{"arrival time missing", func(m *Manifest) { m.Flight.Arrival.Scheduled = "" }, CodeRequired, "/flight/arrival/scheduled", Error},
		{"arrival time without zone", func(m *Manifest) { m.Flight.Arrival.Scheduled = "2026-12-01T10:30:00" }, CodeInvalidDate, "/flight/arrival/scheduled", Error},
		{"arrival before departure", func(m *Manifest) { m.Flight.Arrival.Scheduled = "2026-12-01T05:00:00Z" }, CodeScheduleOrder, "/flight/arrival/scheduled", Error},
		{"prior stop after departure", func(m *Manifest) { m.Flight.PriorStops[0].Scheduled = "2026-12-01T07:00:00Z" }, CodeScheduleOrder, "/flight/priorStops/0/scheduled", Error},
		{"no persons", func(m *Manifest) { m.Persons = nil }, CodeNoPersons, "/persons", Error},
		{"role unknown", func(m *Manifest) { person(m, "p1").Role = "GUEST" }, CodeInvalidValue, "/persons/2/role", Error},
		{"surname missing", func(m *Manifest) { person(m, "p1").Surname = "" }, CodeRequired, "/persons/2/surname", Error},
		{"surname too long", func(m *Manifest) { person(m, "p1").Surname = strings.Repeat("A", 101) }, CodeTooLong, "/persons/2/surname", Error},
		{"placeholder surname FNU", func(m *Manifest) { person(m, "p1").Surname = "FNU" }, CodePlaceholderName, "/persons/2/surname", Warning},
		{"placeholder given name UNKNOWN", func(m *Manifest) { person(m, "p1").GivenNames = "Unknown" }, CodePlaceholderName, "/persons/2/givenNames", Warning},
		{"placeholder surname TEST", func(m *Manifest) { person(m, "fo").Surname = "TEST" }, CodePlaceholderName, "/persons/1/surname", Warning},
		{"placeholder of the longest form, any case", func(m *Manifest) { person(m, "p1").GivenNames = "Not Known" }, CodePlaceholderName, "/persons/2/givenNames", Warning},
		{"placeholder with a dotless i, which upper-casing shortens", func(m *Manifest) { person(m, "p1").Surname = "Testıng" }, CodePlaceholderName, "/persons/2/surname", Warning},
		{"birth date not on the calendar", func(m *Manifest) { person(m, "p1").DateOfBirth = "1974-02-30" }, CodeInvalidDate, "/persons/2/dateOfBirth", Error},
		{"birth date in day/month/year order", func(m *Manifest) { person(m, "p1").DateOfBirth = "12/08/1974" }, CodeInvalidDate, "/persons/2/dateOfBirth", Error},
		{"birth date as a spreadsheet's day number", func(m *Manifest) { person(m, "p1").DateOfBirth = "27253" }, CodeInvalidDate, "/persons/2/dateOfBirth", Error},
		{"document number in a spreadsheet's scientific notation", func(m *Manifest) { person(m, "p1").Documents[0].Number = "1.23457E+11" }, CodeInvalidFormat, "/persons/2/documents/0/number", Error},
		{"birth date after arrival", func(m *Manifest) { person(m, "p1").DateOfBirth = "2027-01-01" }, CodeImplausibleBirthDate, "/persons/2/dateOfBirth", Error},
		{"birth date over 120 years ago", func(m *Manifest) { person(m, "p1").DateOfBirth = "1890-05-05" }, CodeImplausibleBirthDate, "/persons/2/dateOfBirth", Error},
		{"sex unknown letter", func(m *Manifest) { person(m, "p1").Sex = "Q" }, CodeInvalidValue, "/persons/2/sex", Error},
		{"nationality missing", func(m *Manifest) { person(m, "p1").Nationality = "" }, CodeRequired, "/persons/2/nationality", Error},
		{"nationality two letters", func(m *Manifest) { person(m, "p1").Nationality = "SE" }, CodeInvalidCountry, "/persons/2/nationality", Error},
		{"nationality written as the country's name", func(m *Manifest) { person(m, "p1").Nationality = "AFGHANISTAN" }, CodeCountryName, "/persons/2/nationality", Warning},
		{"issuing state written as the country's name", func(m *Manifest) { person(m, "p1").Documents[0].IssuingState = "UNITED KINGDOM" }, CodeCountryName, "/persons/2/documents/0/issuingState", Warning},
		{"a demonym is not a country's name", func(m *Manifest) { person(m, "p1").Nationality = "AFGHAN" }, CodeInvalidCountry, "/persons/2/nationality", Error},
		{"nationality Utopia specimen", func(m *Manifest) { person(m, "p1").Nationality = "UTO" }, CodeInvalidCountry, "/persons/2/nationality", Error},
		{"residence unknown code", func(m *Manifest) { person(m, "p1").Residence = "ZZZ" }, CodeInvalidCountry, "/persons/2/residence", Error},
		{"no document on a charter", func(m *Manifest) { m.Flight.Regime = "CHARTER"; person(m, "p1").Documents = nil }, CodeNoDocument, "/persons/2/documents", Error},
		{"document type unknown", func(m *Manifest) { person(m, "p1").Documents[0].Type = "Z" }, CodeInvalidValue, "/persons/2/documents/0/type", Error},
		{"document number with punctuation", func(m *Manifest) { person(m, "p1").Documents[0].Number = "L89-8902" }, CodeInvalidFormat, "/persons/2/documents/0/number", Error},
		{"issuing state invalid", func(m *Manifest) { person(m, "p1").Documents[0].IssuingState = "XYZ" }, CodeInvalidCountry, "/persons/2/documents/0/issuingState", Error},
		{"document expired on a charter", func(m *Manifest) { m.Flight.Regime = "CHARTER"; person(m, "p1").Documents[0].Expiry = "2026-11-30" }, CodeDocumentExpired, "/persons/2/documents/0/expiry", Error},
		{"document expires within 6 months", func(m *Manifest) { person(m, "p1").Documents[0].Expiry = "2027-05-31" }, CodeDocumentExpiresSoon, "/persons/2/documents/0/expiry", Warning},
		{"document expiry not a date", func(m *Manifest) { person(m, "p1").Documents[0].Expiry = "2027-13-01" }, CodeInvalidDate, "/persons/2/documents/0/expiry", Error},
		{"same document twice", func(m *Manifest) { person(m, "p2").Documents[0] = person(m, "p1").Documents[0] }, CodeDuplicateDocument, "/persons/3/documents/0/number", Error},
		{"same person twice", func(m *Manifest) {
			dup := *person(m, "p1")
			dup.Ref = "p9"
			dup.Documents = []Document{{Type: "I", Number: "X123", IssuingState: "SWE", Expiry: "2030-01-01"}}
			m.Persons = append(m.Persons, dup)
		}, CodeDuplicatePerson, "/persons/5", Error},
		{"ref used twice", func(m *Manifest) { person(m, "p2").Ref = "p1" }, CodeDuplicateRef, "/persons/3/ref", Error},
		{"more people than seats", func(m *Manifest) { m.Flight.SeatCapacity = 3 }, CodeOverCapacity, "/persons", Error},
		{"no pilot in command", func(m *Manifest) { person(m, "pic").Role = "CREW" }, CodePICCount, "/persons", Error},
		{"two pilots in command", func(m *Manifest) { person(m, "fo").Role = "PIC" }, CodePICCount, "/persons", Error},
		{"minor without guardian", func(m *Manifest) { person(m, "p2").Guardian = "" }, CodeMinorWithoutGuardian, "/persons/3/guardian", Error},
		{"minor whose guardian is a minor", func(m *Manifest) { person(m, "p3").Guardian = "p2" }, CodeMinorWithoutGuardian, "/persons/4/guardian", Error},
		{"guardian not on board", func(m *Manifest) { person(m, "p2").Guardian = "p7" }, CodeUnknownGuardian, "/persons/3/guardian", Error},
		{"lap infant over two", func(m *Manifest) { person(m, "p2").LapInfant = true }, CodeLapInfantAge, "/persons/3/lapInfant", Error},
		{"non-US passenger to the US without address", func(m *Manifest) { m.Flight.Arrival.Airport = "KDOV" }, CodeUSAddressMissing, "/persons/2/usAddress", Warning},
		{"MRZ birth date check digit wrong", func(m *Manifest) {
			d := &person(m, "p1").Documents[0]
			d.MRZ[1] = d.MRZ[1][:19] + "3" + d.MRZ[1][20:]
		}, CodeMRZCheckDigit, "/persons/2/documents/0/mrz", Error},
		{"MRZ of a Belgian card whose number check digit covers its filler", func(m *Manifest) {
			p := person(m, "p1")
			p.Surname, p.GivenNames, p.DateOfBirth, p.Sex, p.Nationality = "Dupont", "Marie", "1985-01-01", "F", "BEL"
			p.Documents[0] = Document{Type: "I", Number: "B05551234077", IssuingState: "BEL", Expiry: "2030-01-01",
				MRZ: []string{"IDBELB05551234<0776<<<<<<<<<<<", "8501019F3001019BEL<<<<<<<<<<<6", "DUPONT<<MARIE<<<<<<<<<<<<<<<<<"}}
		}, mrz.CodeIssuerVariant, "/persons/2/documents/0/mrz", Warning},
		{"MRZ line too short", func(m *Manifest) { person(m, "p1").Documents[0].MRZ[1] = "L898902C36SWE" }, CodeMRZFormat, "/persons/2/documents/0/mrz", Error},
		{"MRZ disagrees with keyed given names", func(m *Manifest) { person(m, "p1").GivenNames = "Anne Maria" }, CodeMRZMismatch, "/persons/2/documents/0/mrz", Error},
		{"MRZ disagrees with keyed document number", func(m *Manifest) { person(m, "p1").Documents[0].Number = "L898902C4" }, CodeMRZMismatch, "/persons/2/documents/0/mrz", Error},
		{"MRZ of the visa in the passport, not of the passport", func(m *Manifest) {
			person(m, "p1").Documents[0].MRZ = []string{"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"}
		}, CodeMRZFormat, "/persons/2/documents/0/mrz", Error},
		{"too many persons", func(m *Manifest) {
			for len(m.Persons) <= DefaultMaxPersons {
				m.Persons = append(m.Persons, m.Persons[2])
			}
		}, CodeTooManyPersons, "/persons", Error},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := loadValid(t)
			tt.mutate(m)
			fs := Validate(m, Options{})
			for _, f := range fs {
				if f.Code == tt.code && f.Path == tt.path {
					if f.Severity != tt.severity {
						t.Errorf("%s at %s: severity %s, want %s", tt.code, tt.path, f.Severity, tt.severity)
					}
					if f.Message == "" {
						t.Errorf("%s at %s: empty message", tt.code, tt.path)
					}
					return
				}
			}
			t.Errorf("want %s at %s, got %+v", tt.code, tt.path, fs)
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	m := loadValid(t)
	m.Organiser.Name = ""
	m.Flight.AircraftType = "?"
	person(m, "p1").Nationality = "UTO"
	person(m, "p2").DateOfBirth = "2016-02-30"
	fs := Validate(m, Options{})
	want := map[string]bool{"/organiser/name": true, "/flight/aircraftType": true, "/persons/2/nationality": true, "/persons/3/dateOfBirth": true}
	for _, f := range fs {
		delete(want, f.Path)
	}
	if len(want) > 0 {
		t.Errorf("missing findings at %v in %+v", want, fs)
	}
}

func TestMessagesNeverQuotePersonalValues(t *testing.T) {
	m := loadValid(t)
	p := person(m, "p1")
	p.DateOfBirth = "1974-02-30"
	p.Documents[0].Number = "SECRET-99"
	p.Documents[0].Expiry = "2026-01-01"
	p.Documents[0].MRZ = []string{"P<SWEWRONGNAME<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<", "SECRET99<0SWE7402305F2601011<<<<<<<<<<<<<<00"}
	for _, f := range Validate(m, Options{}) {
		for _, secret := range []string{"SECRET", "1974-02-30", "740230", "Eriksson", "ERIKSSON", "WRONGNAME"} {
			if strings.Contains(f.Message, secret) {
				t.Errorf("%s at %s quotes personal data %q: %s", f.Code, f.Path, secret, f.Message)
			}
		}
	}
}

func TestMinorStatusWithPartialBirthDates(t *testing.T) {
	// Arrival is 2026-12-01. A person born "2008" may be 17 or 18: not certainly a minor, so no
	// guardian is demanded; one born "2009-01" is certainly 17.
	tests := []struct {
		born      string
		wantMinor bool
	}{
		{"2008", false},
		{"2008-12", false}, // may have turned 18 on arrival day
		{"2008-11", false},
		{"2009-01", true},
		{"2008-12-02", true},
		{"2008-12-01", false},
	}
	for _, tt := range tests {
		t.Run(tt.born, func(t *testing.T) {
			m := loadValid(t)
			p := person(m, "p2")
			p.DateOfBirth = tt.born
			p.Guardian = ""
			got := false
			for _, f := range Validate(m, Options{}) {
				if f.Code == CodeMinorWithoutGuardian {
					got = true
				}
			}
			if got != tt.wantMinor {
				t.Errorf("born %s: minor finding %v, want %v", tt.born, got, tt.wantMinor)
			}
		})
	}
}

func TestValidateUsesArrivalNotClock(t *testing.T) {
	m := loadValid(t)
	a := Validate(m, Options{Now: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)})
	b := Validate(m, Options{Now: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if len(a) != 0 || len(b) != 0 {
		t.Errorf("findings depend on the clock: %+v vs %+v", a, b)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		partial bool
		ok      bool
		prec    Precision
	}{
		{"1974-08-12", false, true, Day},
		{"2024-02-29", false, true, Day},
		{"2023-02-29", false, false, 0},
		{"1974-08", true, true, Month},
		{"1974-08", false, false, 0},
		{"1974", true, true, Year},
		{"0000", true, false, 0},
		{"1974-13", true, false, 0},
		{"1974-8-12", false, false, 0},
		{"74-08-12", false, false, 0},
		{"", true, false, 0},
		{"1974-08-1x", false, false, 0},
	}
	for _, tt := range tests {
		d, ok := ParseDate(tt.in, tt.partial)
		if ok != tt.ok || (ok && d.Precision != tt.prec) {
			t.Errorf("ParseDate(%q, %v) = %+v, %v; want ok=%v precision %d", tt.in, tt.partial, d, ok, tt.ok, tt.prec)
		}
	}
}

func TestNormalise(t *testing.T) {
	m := &Manifest{
		Flight: Flight{Direction: " inbound ", AircraftRegistration: "d-axyz", Arrival: Stop{Airport: "etar"}},
		Persons: []Person{{Role: "pax", Sex: "female", Nationality: "swe", Surname: "  de  la  Cruz ",
			Documents: []Document{{Type: "p", Number: " l898902c3 ", IssuingState: "swe"}}}},
	}
	Normalise(m)
	p := m.Persons[0]
	got := []string{m.Flight.Direction, m.Flight.AircraftRegistration, m.Flight.Arrival.Airport, p.Role, p.Sex, p.Nationality, p.Surname, p.Documents[0].Type, p.Documents[0].Number}
	want := []string{"INBOUND", "D-AXYZ", "ETAR", "PAX", "F", "SWE", "de la Cruz", "P", "L898902C3"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

func TestSeatCountExcludesLapInfants(t *testing.T) {
	m := loadValid(t)
	m.Flight.SeatCapacity = 4 // five persons, one on a lap
	for _, f := range Validate(m, Options{}) {
		if f.Code == CodeOverCapacity {
			t.Fatalf("lap infant counted as seated: %+v", f)
		}
	}
}

func BenchmarkValidate500(b *testing.B) {
	m := loadValid(b)
	m = grow(m, 500)
	b.ReportAllocs()
	for b.Loop() {
		Validate(m, Options{})
	}
}

// grow makes an n-person manifest of distinct people from the sample's passengers.
func grow(m *Manifest, n int) *Manifest {
	out := *m
	out.Persons = nil
	out.Flight.SeatCapacity = 1000
	for i := 0; len(out.Persons) < n; i++ {
		p := m.Persons[i%len(m.Persons)]
		if p.Role == "PIC" && i >= len(m.Persons) {
			p.Role = "PAX"
		}
		suffix := strconv.Itoa(i)
		p.Ref = p.Ref + "-" + suffix
		if p.Guardian != "" {
			p.Guardian = p.Guardian + "-" + strconv.Itoa(i-i%len(m.Persons)+2)
		}
		p.GivenNames = p.GivenNames + " " + suffix
		docs := make([]Document, len(p.Documents))
		copy(docs, p.Documents)
		docs[0].Number = docs[0].Number[:5] + suffix
		p.Documents = docs
		out.Persons = append(out.Persons, p)
	}
	return &out
}

// A residence card with a TD2 MRZ coded AR (Doc 9303 Part 6: cards are coded A, C or I) is an
// identity card of the manifest, and agrees with what was keyed.
func TestTD2ResidenceCardMRZ(t *testing.T) {
	m := loadValid(t)
	p := person(m, "p1")
	l1 := "ARSWEERIKSSON<<ANNA<MARIA"
	l1 += strings.Repeat("<", 36-len(l1))
	l2 := "RP1234567" + string(mrz.CheckDigit("RP1234567")) + "SWE" + "740812" + string(mrz.CheckDigit("740812")) + "F" +
		"320415" + string(mrz.CheckDigit("320415")) + "<<<<<<<"
	l2 += string(mrz.CheckDigit(l2[0:10] + l2[13:20] + l2[21:35]))
	p.Documents[0] = Document{Type: "I", Number: "RP1234567", IssuingState: "SWE", Expiry: "2032-04-15", MRZ: []string{l1, l2}}
	Normalise(m)
	for _, f := range Validate(m, Options{}) {
		if strings.HasPrefix(f.Code, "MRZ") {
			t.Errorf("finding %+v", f)
		}
	}
}

// A country written by name on a list drawn up by hand is read as its code: the manifest stays
// valid (MRZ cross-checks included, since the MRZ carries the code) and what is stored is the code.
func TestCountryNamesAreReadAsTheirCodes(t *testing.T) {
	m := loadValid(t)
	p := person(m, "p1")
	want, wantState := p.Nationality, p.Documents[0].IssuingState
	if _, name, ok := countryName(want); ok {
		p.Nationality = strings.ToUpper(name)
	}
	if _, name, ok := countryName(wantState); ok {
		p.Documents[0].IssuingState = strings.ToUpper(name)
	}
	if p.Nationality == want || p.Documents[0].IssuingState == wantState {
		t.Fatalf("fixture codes %s/%s have no ISO short name to write instead", want, wantState)
	}
	fs := Validate(m, Options{})
	if HasErrors(fs) {
		t.Fatalf("a country written by name made the manifest invalid: %+v", fs)
	}
	if p.Nationality != want || p.Documents[0].IssuingState != wantState {
		t.Errorf("stored %s/%s, want the codes %s/%s", p.Nationality, p.Documents[0].IssuingState, want, wantState)
	}
	warned := 0
	for _, f := range fs {
		if f.Code == CodeCountryName {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("%d COUNTRY_NAME_READ_AS_CODE warnings, want 2: %+v", warned, fs)
	}
}

// countryName gives the ISO short name of a code, through the same table the validator reads.
func countryName(code string) (string, string, bool) {
	name, _, ok := country.Lookup(code)
	if !ok {
		return "", "", false
	}
	return country.ByName(name)
}
