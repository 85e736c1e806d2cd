package paxlst

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// charterParams are the fields of the sample charter that PAXLST does not carry.
var charterParams = map[string]string{
	"organiserType": "NGO",
	"regime":        "EVACUATION",
	"direction":     "INBOUND",
	"aircraftType":  "A320",
	"seatCapacity":  "180",
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// interchange wraps message segments (from BGM on) in UNB/UNH ... UNT/UNZ with correct counts
// and references, so that a test shows only what it is about.
func interchange(segs ...string) []byte {
	var b strings.Builder
	b.WriteString("UNA:+.? '\nUNB+UNOB:4+SENDER+RECEIVER+261130:1800+IC1'\nUNH+M1+PAXLST:D:05B:UN:IATA'\n")
	for _, s := range segs {
		b.WriteString(s)
		b.WriteString("'\n")
	}
	fmt.Fprintf(&b, "UNT+%d+M1'\nUNZ+1+IC1'\n", len(segs)+2)
	return []byte(b.String())
}

func TestCharterSampleIsAValidManifest(t *testing.T) {
	m, findings, err := Decode(readTestdata(t, "charter.edi"), charterParams)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Errorf("format findings on a well-formed interchange: %+v", findings)
	}
	manifest.Normalise(m)
	for _, f := range manifest.Validate(m, manifest.Options{Now: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}) {
		if f.Severity == manifest.Error {
			t.Errorf("validation error: %+v", f)
		}
	}
}

func TestCharterSampleMapping(t *testing.T) {
	m, _, err := Decode(readTestdata(t, "charter.edi"), charterParams)
	if err != nil {
		t.Fatal(err)
	}
	want := &manifest.Manifest{
		Organiser: manifest.Organiser{Name: "Relief Without Borders e.V.", Type: "NGO",
			// COM+?+49...: the release character lets the phone number keep its "+".
			EmergencyContact: manifest.Contact{Name: "Operations desk", Phone: "+49 30 1234567", Email: "ops@example.org"}},
		Flight: manifest.Flight{Number: "RWB401", Direction: "INBOUND", Regime: "EVACUATION", Operator: "Example Charter GmbH",
			AircraftRegistration: "D-AXYZ", AircraftType: "A320", SeatCapacity: 180,
			// LOC+92 is a prior stop (DTM format 201), LOC+125 the departure, LOC+87 the arrival (203).
			Departure:  manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
			Arrival:    manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"},
			PriorStops: []manifest.Stop{{Airport: "OJAI", Scheduled: "2026-12-01T02:00:00Z"}}},
		Persons: []manifest.Person{
			// NAD+FM with EMP occupation PIC: the pilot in command. DTM+182 (issue) is checked, not kept.
			{Ref: "pic", Role: "PIC", Surname: "Müller", GivenNames: "Jonas", DateOfBirth: "1979-03-14", Sex: "M", Nationality: "D", Residence: "D",
				Documents: []manifest.Document{{Type: "P", Number: "C01X00T47", IssuingState: "D", Expiry: "2031-05-31"}}},
			// NAD+FM without the mark: crew. DOC+AC is a crew member certificate; YYMMDD dates.
			{Ref: "fo", Role: "CREW", Surname: "Okafor", GivenNames: "Chidinma Grace", DateOfBirth: "1988-07-02", Sex: "F", Nationality: "NGA",
				Documents: []manifest.Document{{Type: "C", Number: "CMC445120", IssuingState: "NGA", Expiry: "2030-02-28"}}},
			// NAD+FL: passenger; given names from two components; the visa (DOC+V) is not a document.
			{Ref: "p1", Role: "PAX", Surname: "Eriksson", GivenNames: "Anna Maria", DateOfBirth: "1974-08-12", Sex: "F", Nationality: "SWE", Residence: "SWE",
				Documents: []manifest.Document{{Type: "P", Number: "L898902C3", IssuingState: "SWE", Expiry: "2032-04-15"}}},
			// A minor known only by year of birth (format 602), with her guardian.
			{Ref: "p2", Role: "PAX", Surname: "Eriksson", GivenNames: "Lina", DateOfBirth: "2016", Nationality: "SWE", Guardian: "p1",
				Documents: []manifest.Document{{Type: "P", Number: "L898902D1", IssuingState: "SWE", Expiry: "2029-09-30"}}},
			// NAD+DDU: in-transit passenger.
			{Ref: "t1", Role: "TRANSIT", Surname: "Haddad", GivenNames: "Omar", DateOfBirth: "1965-02-20", Sex: "M", Nationality: "JOR",
				Documents: []manifest.Document{{Type: "P", Number: "N123456", IssuingState: "JOR", Expiry: "2030-01-10"}}},
		},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got  %+v\nwant %+v", m, want)
	}
}

func TestCustomSeparatorsOnOneLine(t *testing.T) {
	m, findings, err := Decode(readTestdata(t, "custom-una-oneline.edi"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 0 {
		t.Errorf("findings %+v", findings)
	}
	p := m.Persons[0]
	checks := []struct{ field, got, want string }{
		{"organiser name (released | ~ !)", m.Organiser.Name, "O|BRIEN TRAVEL~!"},
		{"phone ('+' is data when '|' separates elements)", m.Organiser.EmergencyContact.Phone, "+353 1 555 0100"},
		{"surname (' is data when ~ terminates)", p.Surname, "O'NEILL"},
		{"given names", p.GivenNames, "SEAN PATRICK"},
		{"operator from the carrier code", m.Flight.Operator, "EI"},
		{"departure time, format 201", m.Flight.Departure.Scheduled, "2026-12-01T09:00:00Z"},
		{"document expiry", p.Documents[0].Expiry, "2030-01-01"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.field, c.got, c.want)
		}
	}
}

type wantFinding struct {
	code     string
	severity manifest.Severity
	path     string
	message  string
}

func TestFormatFindings(t *testing.T) {
	tests := []struct {
		name   string
		body   []byte
		params map[string]string
		want   []wantFinding
	}{
		{
			name: "CNT, UNT and UNZ counts that disagree with the content give both numbers",
			body: readTestdata(t, "count-mismatch.edi"),
			want: []wantFinding{
				{CodeCountMismatch, manifest.Error, "", "segment 12 (CNT): CNT+42 says 3 passengers, message has 2"},
				{CodeCountMismatch, manifest.Error, "", "segment 13 (UNT): UNT says 9 segments, message has 11"},
				{CodeCountMismatch, manifest.Error, "", "segment 14 (UNZ): UNZ says 2 messages, interchange has 1"},
			},
		},
		{
			name: "UNT, UNE and UNZ references that disagree with UNH, UNG and UNB",
			body: readTestdata(t, "reference-mismatch.edi"),
			want: []wantFinding{
				{CodeReferenceMismatch, manifest.Error, "", `segment 8 (UNT): UNT reference "M2" does not match UNH reference "M1"`},
				{CodeReferenceMismatch, manifest.Error, "", `segment 9 (UNE): UNE reference "G2" does not match UNG reference "G1"`},
				{CodeReferenceMismatch, manifest.Error, "", `segment 10 (UNZ): UNZ reference "REF2" does not match UNB reference "REF1"`},
			},
		},
		{
			name: "an unknown segment is a warning; GEI, MEA, FTX, COM, CPI and QTY are PAXLST and pass silently",
			body: readTestdata(t, "unknown-segment.edi"),
			want: []wantFinding{{CodeUnknownSegment, manifest.Warning, "", "segment 6 (XYZ): not a PAXLST segment; ignored"}},
		},
		{
			name: "CNT+41 counts the crew of a crew list",
			body: interchange("BGM+250", "TDT+20+XY1", "NAD+FM+++A:B", "NAD+DDT+++C:D", "CNT+41:1"),
			want: []wantFinding{{CodeCountMismatch, manifest.Error, "", "segment 8 (CNT): CNT+41 says 1 crew members, message has 2"}},
		},
		{
			name: "a DOC without a person",
			body: interchange("BGM+745", "TDT+20+XY1", "DOC+P:110:111+X1", "NAD+FL+++A:B", "CNT+42:1"),
			want: []wantFinding{{CodeInvalid, manifest.Error, "", "segment 6 (DOC): DOC outside a person (NAD+FL/FM/DDT/DDU)"}},
		},
		{
			name: "an unknown BGM code",
			body: interchange("BGM+999", "TDT+20+XY1", "NAD+FL+++A:B", "CNT+42:1"),
			want: []wantFinding{{CodeInvalid, manifest.Error, "", `segment 4 (BGM): document code "999" is not 745 (passenger list) or 250 (crew list)`}},
		},
		{
			name: "malformed dates point at their field and never quote the value",
			body: interchange("BGM+745", "TDT+20+XY1", "LOC+125+LTAG", "DTM+189:2613010600:201", "LOC+87+ETAR",
				"NAD+FL+++A:B", "DTM+329:19743112:102", "DOC+P:110:111+X1", "DTM+36:2030:602", "CNT+42:1"),
			want: []wantFinding{
				{CodeInvalid, manifest.Error, "/flight/departure/scheduled", "segment 7 (DTM): scheduled departure is not a calendar date and time"},
				{CodeInvalid, manifest.Error, "/persons/0/dateOfBirth", "segment 10 (DTM): date of birth is not a calendar date"},
				{CodeInvalid, manifest.Error, "/persons/0/documents/0/expiry", "segment 12 (DTM): document expiry date must be a full date: format 602 (CCYY) gives only the year"},
			},
		},
		{
			name: "issuing state and expiry without a DOC",
			body: interchange("BGM+745", "TDT+20+XY1", "NAD+FL+++A:B", "LOC+91+SWE", "DTM+36:20300101:102", "CNT+42:1"),
			want: []wantFinding{
				{CodeInvalid, manifest.Error, "/persons/0/documents", "segment 7 (LOC): LOC+91 (issuing state) without a DOC before it"},
				{CodeInvalid, manifest.Error, "/persons/0/documents", "segment 8 (DTM): DTM+36 without a DOC before it"},
			},
		},
		{
			name: "a crew member in a passenger list is read as crew, with a warning",
			body: interchange("BGM+745", "TDT+20+XY1", "NAD+FM+++A:B", "CNT+42:0"),
			want: []wantFinding{{CodeInvalid, manifest.Warning, "/persons/0/role", "segment 6 (NAD): NAD+FM in a passenger list (BGM+745)"}},
		},
		{
			name: "a message without UNT is cut short",
			body: []byte("UNB+UNOA:4+S+R+261130:1800+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++A:B'CNT+42:1'"),
			want: []wantFinding{
				{CodeInvalid, manifest.Error, "", "segment 5 (CNT): the message that starts at segment 2 has no UNT: the interchange is cut short"},
				{CodeInvalid, manifest.Error, "", "segment 5 (CNT): the interchange has no UNZ trailer: it is cut short"},
			},
		},
		{
			name: "a passenger list without its CNT+42 total",
			body: interchange("BGM+745", "TDT+20+XY1", "NAD+FL+++A:B"),
			want: []wantFinding{{CodeInvalid, manifest.Warning, "", "segment 7 (UNT): the passenger list has no CNT+42 total"}},
		},
		{
			name: "two messages about different flights",
			body: []byte("UNB+UNOA:4+S+R+261130:1800+1'" +
				"UNH+1+PAXLST:D:05B:UN:IATA'BGM+250'TDT+20+XY1'NAD+FM+++A:B'CNT+41:1'UNT+6+1'" +
				"UNH+2+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XY2'NAD+FL+++C:D'CNT+42:1'UNT+6+2'UNZ+2+1'"),
			want: []wantFinding{{CodeInvalid, manifest.Error, "/flight", "segment 8 (UNH): the message describes another flight than the message at segment 2: one manifest is one flight"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, findings, err := Decode(tt.body, tt.params)
			if err != nil {
				t.Fatal(err)
			}
			var got []wantFinding
			for _, f := range findings {
				got = append(got, wantFinding{f.Code, f.Severity, f.Path, f.Message})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got\n  %+v\nwant\n  %+v", got, tt.want)
			}
			for _, f := range findings {
				for _, personal := range []string{"19743112", "X1", "SWE"} {
					if strings.Contains(f.Message, personal) {
						t.Errorf("finding quotes a personal value %q: %s", personal, f.Message)
					}
				}
			}
		})
	}
}

func TestItineraries(t *testing.T) {
	tests := []struct {
		name     string
		body     []byte
		dep, arr manifest.Stop
		prior    []manifest.Stop
		number   string
		reg      string
		operator string
	}{
		{
			name: "multi-leg flight as LOC+125/LOC+87 pairs: earlier departures are prior stops",
			body: interchange("BGM+745", "TDT+20+XY7+++XY",
				"LOC+125+OJAI", "DTM+189:2612010200:201", "LOC+87+LTAG", "DTM+232:2612010500:201",
				"LOC+125+LTAG", "DTM+189:2612010600:201", "LOC+87+ETAR", "DTM+232:2612011030:201",
				"NAD+FL+++A:B", "CNT+42:1"),
			dep:      manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
			arr:      manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"},
			prior:    []manifest.Stop{{Airport: "OJAI", Scheduled: "2026-12-01T02:00:00Z"}},
			number:   "XY7",
			operator: "XY",
		},
		{
			name: "LOC+92 routing legs before the departure, times in format 203",
			body: interchange("BGM+745", "TDT+20+XY7+++XY",
				"LOC+92+HKJK", "DTM+189:202611302200:203", "LOC+92+OJAI", "DTM+189:202612010200:203",
				"LOC+125+LTAG", "DTM+189:202612010600:203", "LOC+87+ETAR", "DTM+232:202612011030:203",
				"NAD+FL+++A:B", "CNT+42:1"),
			dep:      manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
			arr:      manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"},
			prior:    []manifest.Stop{{Airport: "HKJK", Scheduled: "2026-11-30T22:00:00Z"}, {Airport: "OJAI", Scheduled: "2026-12-01T02:00:00Z"}},
			number:   "XY7",
			operator: "XY",
		},
		{
			name: "general aviation: no carrier, the journey identifier is the registration",
			body: interchange("BGM+250", "TDT+20+N123AB", "LOC+125+KTEB", "LOC+87+ETAR", "NAD+FM+++A:B", "CNT+41:1"),
			dep:  manifest.Stop{Airport: "KTEB"}, arr: manifest.Stop{Airport: "ETAR"},
			number: "N123AB", reg: "N123AB",
		},
		{
			name: "the registration in C222 and the carrier's name in C040",
			body: interchange("BGM+250", "TDT+20+RWB401+++RW:::Example Charter GmbH+++D-AXYZ", "LOC+125+LTAG", "LOC+87+ETAR", "NAD+FM+++A:B", "CNT+41:1"),
			dep:  manifest.Stop{Airport: "LTAG"}, arr: manifest.Stop{Airport: "ETAR"},
			number: "RWB401", reg: "D-AXYZ", operator: "Example Charter GmbH",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, findings, err := Decode(tt.body, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) > 0 {
				t.Errorf("findings %+v", findings)
			}
			f := m.Flight
			if f.Departure != tt.dep || f.Arrival != tt.arr || !reflect.DeepEqual(f.PriorStops, tt.prior) ||
				f.Number != tt.number || f.AircraftRegistration != tt.reg || f.Operator != tt.operator {
				t.Errorf("got %+v", f)
			}
		})
	}
}

func TestParams(t *testing.T) {
	body := interchange("BGM+250", "TDT+20+XY1+++XY", "LOC+125+LTAG", "LOC+87+ETAR",
		"NAD+FM+++A:B", "RFF+ABO:c1", "NAD+FM+++C:D", "RFF+ABO:c2", "CNT+41:2")
	t.Run("fill what the message lacks; the message wins for what it carries", func(t *testing.T) {
		m, _, err := Decode(body, map[string]string{"flight_number": "ZZ9", "Aircraft Type": "B738", "arrivalAirport": "EDDF",
			"arrivalTime": "2026-12-01T10:30:00Z", "seatCapacity": "12", "priorStops": "OJAI@2026-12-01T02:00:00Z"})
		if err != nil {
			t.Fatal(err)
		}
		f := m.Flight
		if f.Number != "XY1" || f.AircraftType != "B738" || f.Arrival.Airport != "ETAR" || f.Arrival.Scheduled != "2026-12-01T10:30:00Z" ||
			f.SeatCapacity != 12 || len(f.PriorStops) != 1 {
			t.Errorf("got %+v", f)
		}
	})
	t.Run("pic names a crew member by ref or position", func(t *testing.T) {
		for _, v := range []string{"c2", "2"} {
			m, _, err := Decode(body, map[string]string{"pic": v})
			if err != nil {
				t.Fatal(err)
			}
			if m.Persons[0].Role != "CREW" || m.Persons[1].Role != "PIC" {
				t.Errorf("pic=%s: roles %s, %s", v, m.Persons[0].Role, m.Persons[1].Role)
			}
		}
	})
	errorsTests := []struct {
		name   string
		body   []byte
		params map[string]string
		field  string
		msg    string
	}{
		{"an unknown key, as for CSV", body, map[string]string{"tailNumber": "X"}, "", "unknown flight fields tailnumber; known fields are organiserName"},
		{"a seat capacity that is not a number", body, map[string]string{"seatCapacity": "lots"}, "seatCapacity", "must be a whole number"},
		{"pic naming nobody", body, map[string]string{"pic": "c9"}, "pic", "names no person"},
		{"pic naming another than the marked PIC", interchange("BGM+250", "TDT+20+XY1", "NAD+FM+++A:B", "EMP+1+CR1:110:111+PIC", "RFF+ABO:c1", "NAD+FM+++C:D", "RFF+ABO:c2", "CNT+41:2"),
			map[string]string{"pic": "c2"}, "pic", "names another crew member"},
	}
	for _, tt := range errorsTests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.body, tt.params)
			var de *manifest.DecodeError
			if !errors.As(err, &de) || de.Format != "paxlst" || de.Field != tt.field || !strings.Contains(de.Msg, tt.msg) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

func TestDecodeRefusesWhatIsNotAPassengerList(t *testing.T) {
	tests := []struct{ name, body, msg string }{
		{"another message type", "UNB+UNOA:4+S+R+261130:1800+1'UNH+1+CUSRES:D:05B:UN'UNT+2+1'UNZ+1+1'", `message type "CUSRES" is not PAXLST`},
		{"no message at all", "UNB+UNOA:4+S+R+261130:1800+1'UNZ+0+1'", "holds no PAXLST message"},
		{"something else first", "BGM+745'", "starts with BGM, expected UNB or UNH"},
		{"an empty body", "", "empty interchange"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode([]byte(tt.body), nil)
			var de *manifest.DecodeError
			if !errors.As(err, &de) || !strings.Contains(de.Msg, tt.msg) {
				t.Fatalf("got %v, want a DecodeError with %q", err, tt.msg)
			}
		})
	}
}

func TestTwoDigitYears(t *testing.T) {
	body := interchange("BGM+745", "TDT+20+XY1", "LOC+125+LTAG", "DTM+189:2612010600:201", "LOC+87+ETAR",
		"NAD+FL+++A:B", "DTM+329:270101", "DOC+P:110:111+X1", "DTM+36:991231", "NAD+FL+++C:D", "DTM+329:200101", "DOC+P:110:111+X2", "DTM+36:450101", "CNT+42:2")
	m, _, err := Decode(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := []string{m.Persons[0].DateOfBirth, m.Persons[0].Documents[0].Expiry, m.Persons[1].DateOfBirth, m.Persons[1].Documents[0].Expiry}
	// A birth year after the flight's is last century; an expiry more than 30 years ahead too,
	// so that an expired 1999 passport is not read as valid until 2099.
	want := []string{"1927-01-01", "1999-12-31", "2020-01-01", "2045-01-01"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestEvacuationFlightInPAXLST: the Kabul evacuation sample as a carrier would send it: the child
// written into the father's passport keeps its holder, and the manifest validates as the JSON one
// does (warnings, no errors).
func TestEvacuationFlightInPAXLST(t *testing.T) {
	params := map[string]string{"organiserType": "NGO", "regime": "EVACUATION", "direction": "INBOUND", "aircraftType": "A343", "seatCapacity": "265"}
	m, findings, err := Decode(readTestdata(t, "evacuation.edi"), params)
	if err != nil || len(findings) != 0 {
		t.Fatalf("decode: %v %+v", err, findings)
	}
	if len(m.Persons) != 21 {
		t.Fatalf("%d persons", len(m.Persons))
	}
	child := m.Persons[6]
	if len(child.Documents) != 1 || child.Documents[0].Holder != "f1" || child.Documents[0].Number != m.Persons[4].Documents[0].Number {
		t.Fatalf("child's document %+v", child.Documents)
	}
	if m.Persons[10].Documents[0].Type != "I" || m.Persons[10].Documents[0].Expiry != "" {
		t.Fatalf("tazkira %+v", m.Persons[10].Documents)
	}
	manifest.Normalise(m)
	fs := manifest.Validate(m, manifest.Options{})
	if manifest.HasErrors(fs) {
		t.Fatalf("refused: %+v", fs)
	}
	codes := map[string]bool{}
	for _, f := range fs {
		codes[f.Code] = true
	}
	for _, c := range []string{manifest.CodeDocumentExpiredAccepted, manifest.CodeExpiryMissing, manifest.CodeOnHolderDocument} {
		if !codes[c] {
			t.Errorf("no %s among %+v", c, fs)
		}
	}
	// DOCHOLDER before any document is refused with the segment named.
	_, fs, err = Decode(interchange("BGM+745", "NAD+FL+++SMITH:JOHN", "FTX+ACB++DOCHOLDER+p1", "CNT+42:1"), nil)
	if err != nil || len(fs) == 0 || !strings.Contains(fmt.Sprint(fs), "DOCHOLDER") {
		t.Errorf("DOCHOLDER without DOC: %v %+v", err, fs)
	}
}

// PAXLST has no element for the manufacturer's serial number: a parameter carries it, and the
// reporting party (NAD+MS) is the organiser screened against the lists' entities.
func TestSerialNumberParameterAndReportingParty(t *testing.T) {
	params := map[string]string{"aircraft_serial_number": "1023409321", "contactOrganisation": "Example Logistics"}
	for k, v := range charterParams {
		params[k] = v
	}
	m, _, err := Decode(readTestdata(t, "charter.edi"), params)
	if err != nil {
		t.Fatal(err)
	}
	if m.Flight.AircraftSerialNumber != "1023409321" || m.Organiser.EmergencyContact.Organisation != "Example Logistics" {
		t.Errorf("serial %q, contact organisation %q", m.Flight.AircraftSerialNumber, m.Organiser.EmergencyContact.Organisation)
	}
	if m.Organiser.Name == "" {
		t.Error("NAD+MS gave no organiser name")
	}
}
