package paxlst

import (
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// Messages as other systems write them: the project's own fixtures (testdata/*.edi), shaped
// after the WCO/IATA/ICAO guide's and the CBP guide's examples and what gateways send, never
// copied from them. doc.go says which guide behaviour each follows.
func TestMessagesAsOtherSystemsWriteThem(t *testing.T) {
	stop := func(airport, at string) manifest.Stop { return manifest.Stop{Airport: airport, Scheduled: at} }
	tests := []struct {
		file     string
		persons  int
		dep, arr manifest.Stop
		prior    []manifest.Stop
		findings []wantFinding // exact, in order
		surname  string        // of the first person, when the case is about text
	}{
		{
			file:    "progressive-loc92.edi",
			persons: 2,
			// LOC+92 DTM+189 departs, DTM+232 arrives; the stop at LTAG is arrived at on the
			// first leg and departed from on the second.
			dep:   stop("LTAG", "2026-12-01T08:30:00Z"),
			arr:   stop("ETAR", "2026-12-01T11:30:00Z"),
			prior: []manifest.Stop{stop("LGAV", "2026-12-01T05:00:00Z")},
		},
		{
			file:    "cbp-125-87-92.edi",
			persons: 1,
			// LOC+125/87 for the leg into the country, then a LOC+92 pair for the leg that
			// continues: the journey in order, arriving at the last place.
			dep:   stop("ETAR", "2026-12-01T12:00:00Z"),
			arr:   stop("ETSI", "2026-12-01T13:00:00Z"),
			prior: []manifest.Stop{stop("LTAG", "2026-12-01T06:00:00Z")},
		},
		{
			// Shaped after the WCO/IATA/ICAO guide's single-sector example: UNOA, a UNG group,
			// DOC without C002's list codes, and the person's MEA, GEI, FTX, LOC+22/174/178/179/180
			// and COM, none of which may disturb the person they sit in.
			file:    "guide-unoa-group.edi",
			persons: 1,
			dep:     stop("LTAG", "2026-12-01T06:00:00Z"),
			arr:     stop("ETAR", "2026-12-01T10:30:00Z"),
			surname: "HOLLOWAY",
		},
		{
			file:    "gateway-loc22.edi",
			persons: 1,
			dep:     stop("LTAG", "2026-12-01T06:00:00Z"),
			arr:     stop("ETAR", "2026-12-01T10:30:00Z"),
		},
		{
			file:    "leading-blanks.edi",
			persons: 1,
			dep:     stop("LTAG", "2026-12-01T06:00:00Z"),
			arr:     stop("ETAR", "2026-12-01T10:30:00Z"),
			findings: []wantFinding{
				{CodeInvalid, manifest.Warning, "", "segment 9 (DTM): element 1 component 2 starts with a space; read without it"},
				{CodeInvalid, manifest.Warning, "", "segment 11 (DTM): element 1 component 2 starts with a space; read without it"},
				{CodeInvalid, manifest.Warning, "", "segment 13 (DTM): element 1 component 2 starts with a space; read without it"},
				{CodeInvalid, manifest.Warning, "", "segment 17 (CNT): element 1 component 2 starts with a space; read without it"},
			},
		},
		{
			file:    "multipart.edi",
			persons: 5, // every part's persons, and CNT+42:5 in each part holds for the list
			dep:     stop("LTAG", "2026-12-01T06:00:00Z"),
			arr:     stop("ETAR", "2026-12-01T10:30:00Z"),
		},
		{
			file:    "unoa-utf8.edi",
			persons: 1,
			dep:     stop("LTAG", ""), arr: stop("ETAR", ""),
			surname: "Müller",
			findings: []wantFinding{
				{CodeInvalid, manifest.Warning, "", "segment 9 (NAD): element 4 component 1 has a character beyond ASCII, outside syntax level A (UNOA) that UNB declares; read as UTF-8"},
			},
		},
		{
			file:    "unob-latin1.edi",
			persons: 1,
			dep:     stop("LTAG", ""), arr: stop("ETAR", ""),
			surname: "Müller", // the byte 0xFC, not U+FFFD
			findings: []wantFinding{
				{CodeInvalid, manifest.Warning, "", "segment 9 (NAD): element 4 component 1 has a character beyond ASCII, outside syntax level B (UNOB) that UNB declares; read as ISO 8859-1"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			m, findings, err := Decode(readTestdata(t, tt.file), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []wantFinding
			for _, f := range findings {
				got = append(got, wantFinding{f.Code, f.Severity, f.Path, f.Message})
			}
			if !reflect.DeepEqual(got, tt.findings) {
				t.Errorf("findings\n  %+v\nwant\n  %+v", got, tt.findings)
			}
			if len(m.Persons) != tt.persons {
				t.Errorf("%d persons, want %d", len(m.Persons), tt.persons)
			}
			f := m.Flight
			if f.Departure != tt.dep || f.Arrival != tt.arr || !reflect.DeepEqual(f.PriorStops, tt.prior) {
				t.Errorf("flight departure %+v arrival %+v prior %+v; want %+v %+v %+v", f.Departure, f.Arrival, f.PriorStops, tt.dep, tt.arr, tt.prior)
			}
			if tt.surname != "" && m.Persons[0].Surname != tt.surname {
				t.Errorf("surname %q, want %q", m.Persons[0].Surname, tt.surname)
			}
			for _, p := range m.Persons {
				if strings.ContainsRune(p.Surname+p.GivenNames, '\uFFFD') {
					t.Errorf("a name lost a letter to U+FFFD: %q", p.Surname)
				}
			}
		})
	}
}

// The issue's own shape: LOC+92 pairs over two TDT legs, read before as departure SFO with no
// time and three prior stops.
func TestRoutingStopsTakeTheirRoleFromTheirDate(t *testing.T) {
	body := interchange("BGM+745",
		"TDT+20+XY1+++XY", "LOC+92+LEBL", "DTM+189:2612010600:201", "LOC+92+KIAD", "DTM+232:2612011400:201",
		"TDT+20+XY1+++XY", "LOC+92+KIAD", "DTM+189:2612011600:201", "LOC+92+KSFO", "DTM+232:2612012200:201",
		"NAD+FL+++A:B", "CNT+42:1")
	m, findings, err := Decode(body, nil)
	if err != nil || len(findings) != 0 {
		t.Fatalf("err %v findings %+v", err, findings)
	}
	want := manifest.Flight{Number: "XY1", Operator: "XY",
		Departure:  manifest.Stop{Airport: "KIAD", Scheduled: "2026-12-01T16:00:00Z"},
		Arrival:    manifest.Stop{Airport: "KSFO", Scheduled: "2026-12-01T22:00:00Z"},
		PriorStops: []manifest.Stop{{Airport: "LEBL", Scheduled: "2026-12-01T06:00:00Z"}}}
	if !reflect.DeepEqual(m.Flight, want) {
		t.Errorf("got %+v\nwant %+v", m.Flight, want)
	}
}

func TestBlanksBeforeTheInterchange(t *testing.T) {
	const rest = "UNB+UNOB:4+S+R+261130:1800+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++A:B'CNT+42:1'UNT+5+1'UNZ+1+1'"
	for name, prefix := range map[string]string{
		"newline before UNA":       "\nUNA:+.? '",
		"blanks and CRLF":          " \t\r\n UNA:+.? '",
		"byte order mark then UNA": "\uFEFFUNA:+.? '",
		"blank line before UNB":    "\r\n",
		"byte order mark then UNB": "\uFEFF",
	} {
		t.Run(name, func(t *testing.T) {
			m, findings, err := Decode([]byte(prefix+rest), nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 0 || len(m.Persons) != 1 {
				t.Errorf("findings %+v, %d persons", findings, len(m.Persons))
			}
		})
	}
}

func TestMultiPartLists(t *testing.T) {
	part := func(ref, s010, cnt string, names ...string) string {
		segs := []string{"UNH+" + ref + "+PAXLST:D:05B:UN:IATA+XY1/261201+" + s010, "BGM+745", "TDT+20+XY1", "LOC+125+LTAG", "LOC+87+ETAR"}
		for _, n := range names {
			segs = append(segs, "NAD+FL+++"+n)
		}
		if cnt != "" {
			segs = append(segs, "CNT+42:"+cnt)
		}
		segs = append(segs, "UNT+"+strconv.Itoa(len(segs)+1)+"+"+ref)
		return strings.Join(segs, "'") + "'"
	}
	wrap := func(parts ...string) []byte {
		return []byte("UNB+UNOB:4+S+R+261130:1800+1'" + strings.Join(parts, "") + "UNZ+" + strconv.Itoa(len(parts)) + "+1'")
	}
	tests := []struct {
		name    string
		body    []byte
		persons int
		want    []wantFinding
	}{
		{
			name:    "the total of the whole list in every part",
			body:    wrap(part("1", "01:C", "3", "A", "B"), part("2", "02:F", "3", "C")),
			persons: 3,
		},
		{
			name:    "the total only in the last part",
			body:    wrap(part("1", "01:C", "", "A", "B"), part("2", "02", "", "C"), part("3", "03:F", "4", "D")),
			persons: 4,
		},
		{
			name:    "a total that is not the list's names both numbers",
			body:    wrap(part("1", "01:C", "", "A", "B"), part("2", "02:F", "2", "C")),
			persons: 3,
			want:    []wantFinding{{CodeCountMismatch, manifest.Error, "", "segment 16 (CNT): CNT+42 says 2 passengers, the list of 2 parts (segments 2 to 17) has 3"}},
		},
		{
			name:    "a missing part",
			body:    wrap(part("1", "01:C", "", "A"), part("3", "03:F", "2", "C")),
			persons: 2,
			want:    []wantFinding{{CodeInvalid, manifest.Error, "", "segment 9 (UNH): part 3 of the list that starts at segment 2 follows part 1: a part is missing or out of order"}},
		},
		{
			name:    "no last part",
			body:    wrap(part("1", "01:C", "", "A"), part("2", "02", "1", "B")),
			persons: 2,
			want: []wantFinding{
				{CodeInvalid, manifest.Error, "", "segment 17 (UNZ): the multi-part list that starts at segment 2 has no last part (UNH ...:F) after part 2: persons may be missing"},
				{CodeCountMismatch, manifest.Error, "", "segment 15 (CNT): CNT+42 says 1 passengers, the list of 2 parts (segments 2 to 17) has 2"},
			},
		},
		{
			name:    "a later part without the first",
			body:    wrap(part("2", "02:F", "1", "A")),
			persons: 1,
			want:    []wantFinding{{CodeInvalid, manifest.Error, "", "segment 2 (UNH): part 2 of a multi-part list without its earlier parts (UNH 01:C ...): persons are missing"}},
		},
		{
			name:    "single messages each keep their own total",
			body:    wrap(part("1", "01:F", "1", "A"), part("2", "", "1", "B")),
			persons: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, findings, err := Decode(tt.body, nil)
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
			if len(m.Persons) != tt.persons {
				t.Errorf("%d persons, want %d", len(m.Persons), tt.persons)
			}
		})
	}
}

func TestSyntaxLevelA(t *testing.T) {
	body := []byte("UNB+UNOA:4+S+R+261130:1800+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+MS+++OPS'COM+OPS@EXAMPLE.ORG:EM'" +
		"NAD+FL+++Eriksson:ANNA'NAD+FL+++HADDAD:OMAR'CNT+42:2'UNT+8+1'UNZ+1+1'")
	_, findings, err := Decode(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`segment 5 (COM): element 1 component 1 has the character '@', outside syntax level A (UNOA) that UNB declares; read as UTF-8`,
		`segment 6 (NAD): element 4 component 1 has a lowercase letter, outside syntax level A (UNOA) that UNB declares; read as UTF-8`,
	}
	var got []string
	for _, f := range findings {
		if f.Severity != manifest.Warning {
			t.Errorf("not a warning: %+v", f)
		}
		got = append(got, f.Message)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n  %q\nwant\n  %q", got, want)
	}
}

// A body that declares UTF-8 (UNOY) but is ISO 8859-1 keeps its letters, with a warning.
func TestLatin1UnderAUnicodeLevel(t *testing.T) {
	body := []byte("UNB+UNOY:4+S+R+261130:1800+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'NAD+FL+++M\xfcller:Jonas'CNT+42:1'UNT+5+1'UNZ+1+1'")
	m, findings, err := Decode(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []wantFinding{{CodeInvalid, manifest.Warning, "", "segment 1 (UNB): the interchange declares UNOY but is not UTF-8; characters beyond ASCII are read as ISO 8859-1 (UNOC)"}}
	var got []wantFinding
	for _, f := range findings {
		got = append(got, wantFinding{f.Code, f.Severity, f.Path, f.Message})
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if m.Persons[0].Surname != "Müller" {
		t.Errorf("surname %q", m.Persons[0].Surname)
	}
}

// The reporting party as other systems write it: under syntax level A, which has no '@', the
// guide's example spells the e-mail address with ".AT." (and a space after it), other systems
// with " AT "; without CTA, the party named by NAD+MS is the contact its COM reaches.
func TestReportingPartyAsOtherSystemsWriteIt(t *testing.T) {
	tests := []struct {
		name   string
		party  []string
		params map[string]string
		want   manifest.Contact
	}{
		{"the guide's .AT. with a space", []string{"NAD+MS+++PETERSEN:KARIN", "COM+OPS.AT. ZZCHARTER.DE:EM"}, nil,
			manifest.Contact{Name: "PETERSEN KARIN", Email: "OPS@ZZCHARTER.DE"}},
		{"AT between spaces", []string{"NAD+MS+++OPS DESK", "COM+SUPPORT AT EXAMPLE.ORG:EM"}, nil,
			manifest.Contact{Name: "OPS DESK", Email: "SUPPORT@EXAMPLE.ORG"}},
		{"an address with its @", []string{"NAD+MS+++OPS", "COM+mat.atkins@example.org:EM"}, nil,
			manifest.Contact{Name: "OPS", Email: "mat.atkins@example.org"}},
		{"two ATs are left for validation to judge", []string{"NAD+MS+++OPS", "COM+A.AT.B.AT.EXAMPLE.ORG:EM"}, nil,
			manifest.Contact{Name: "OPS", Email: "A.AT.B.AT.EXAMPLE.ORG"}},
		{"AT without a domain is not an address", []string{"NAD+MS+++OPS", "COM+OPS AT DESK:EM"}, nil,
			manifest.Contact{Name: "OPS", Email: "OPS AT DESK"}},
		{"CTA names the contact", []string{"NAD+MS+++OPS DESK", "CTA+IC+:KARIN PETERSEN"}, nil,
			manifest.Contact{Name: "KARIN PETERSEN"}},
		{"an empty CTA says there is no name", []string{"NAD+MS+++OPS DESK", "CTA+IC"}, nil, manifest.Contact{}},
		{"the parameter comes before the inference", []string{"NAD+MS+++OPS DESK"}, map[string]string{"contactName": "Karin Petersen"},
			manifest.Contact{Name: "Karin Petersen"}},
		{"a number without + is replaced by the parameter", []string{"NAD+MS+++OPS", "COM+202 628 9292:TE"}, map[string]string{"contactPhone": "+1 202 628 9292"},
			manifest.Contact{Name: "OPS", Phone: "+1 202 628 9292"}},
		{"a number without + and no parameter is kept for validation", []string{"NAD+MS+++OPS", "COM+202 628 9292:TE"}, nil,
			manifest.Contact{Name: "OPS", Phone: "202 628 9292"}},
		{"an international number stays the message's", []string{"NAD+MS+++OPS", "COM+?+30 210 5550100:TE"}, map[string]string{"contactPhone": "+1 202 628 9292"},
			manifest.Contact{Name: "OPS", Phone: "+30 210 5550100"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := append([]string{"BGM+745"}, tt.party...)
			m, _, err := Decode(interchange(append(segs, "NAD+FL+++DOE:JANE", "CNT+42:1")...), tt.params)
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Organiser.EmergencyContact; got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

// The guide has LOC carry IATA airport codes (LOC+125+ATH), which the manifest does not take: a
// message from another system names its aerodromes so, and the ICAO code comes from the
// departureAirport, arrivalAirport and priorStops parameters, which replace the IATA codes; one
// left is a warning at its LOC naming the parameter.
func TestIATAAirportCodesAndTheirParameters(t *testing.T) {
	body := interchange("BGM+745", "NAD+MS+++OPS",
		"TDT+20+ZZ1+++ZZ", "LOC+92+AMM", "DTM+189:2612010400:201", "LOC+125+ATH", "DTM+189:2612010600:201", "LOC+87+FRA", "DTM+232:2612010900:201",
		"NAD+FL+++DOE:JANE", "CNT+42:1")
	stop := func(airport, at string) manifest.Stop { return manifest.Stop{Airport: airport, Scheduled: at} }
	tests := []struct {
		name     string
		params   map[string]string
		dep, arr manifest.Stop
		prior    []manifest.Stop
		findings []string
		err      string
	}{
		{
			name: "no parameters",
			dep:  stop("ATH", "2026-12-01T06:00:00Z"), arr: stop("FRA", "2026-12-01T09:00:00Z"), prior: []manifest.Stop{stop("AMM", "2026-12-01T04:00:00Z")},
			findings: []string{
				"segment 7 (LOC): AMM is an IATA airport code, as the guide has LOC carry: give the aerodrome's ICAO code in the priorStops parameter",
				"segment 9 (LOC): ATH is an IATA airport code, as the guide has LOC carry: give the aerodrome's ICAO code in the departureAirport parameter",
				"segment 11 (LOC): FRA is an IATA airport code, as the guide has LOC carry: give the aerodrome's ICAO code in the arrivalAirport parameter",
			},
		},
		{
			name:   "ICAO codes as parameters replace them, times stay the message's",
			params: map[string]string{"departureAirport": "LGAV", "arrivalAirport": "EDDF", "priorStops": "OJAI@2026-12-01T03:00:00Z"},
			dep:    stop("LGAV", "2026-12-01T06:00:00Z"), arr: stop("EDDF", "2026-12-01T09:00:00Z"), prior: []manifest.Stop{stop("OJAI", "2026-12-01T04:00:00Z")},
		},
		{
			name:   "prior stops that do not pair with the message's",
			params: map[string]string{"priorStops": "OJAI LTAG"},
			err:    "paxlst: line 1, column 1 (byte 0), field priorStops: gives 2 prior stops for the 1 of the message, whose airports it replaces: give the ICAO code of each, in order",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, findings, err := Decode(body, tt.params)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range findings {
				got = append(got, f.Message)
			}
			if !reflect.DeepEqual(got, tt.findings) {
				t.Errorf("findings\n  %q\nwant\n  %q", got, tt.findings)
			}
			f := m.Flight
			if f.Departure != tt.dep || f.Arrival != tt.arr || !reflect.DeepEqual(f.PriorStops, tt.prior) {
				t.Errorf("flight %+v %+v %+v, want %+v %+v %+v", f.Departure, f.Arrival, f.PriorStops, tt.dep, tt.arr, tt.prior)
			}
		})
	}
	// An ICAO code in the message stays: the message wins over a parameter for what it carries.
	m, _, err := Decode(interchange("BGM+745", "TDT+20+ZZ1", "LOC+125+LGAV", "LOC+87+EDDF", "NAD+FL+++DOE:JANE", "CNT+42:1"),
		map[string]string{"departureAirport": "LTAG"})
	if err != nil || m.Flight.Departure.Airport != "LGAV" {
		t.Errorf("departure %q, %v", m.Flight.Departure.Airport, err)
	}
}

// A sender writing code values in lowercase (syntax level B allows the letters) is read as the
// code lists spell them, with a warning at each segment, rather than dropping the person,
// document, reference or contact the unrecognised qualifier introduces.
func TestLowercaseCodeValues(t *testing.T) {
	body := interchange("BGM+745", "NAD+ms+++Charter Ops", "COM+?+44 20 7946 0000:te",
		"NAD+fl+++d?'Angelo:Maria", "ATT+2++f", "RFF+abo:p1", "DOC+id+ya1234567", "DTM+36:20300101:102", "LOC+91+ita",
		"NAD+fl+++d?'Angelo:Luca", "FTX+acb++guardian+p1", "CNT+42:2")
	m, findings, err := Decode(body, nil)
	if err != nil {
		t.Fatal(err)
	}
	var lowercase []string
	for _, f := range findings {
		if strings.Contains(f.Message, "is a code in lowercase") {
			lowercase = append(lowercase, f.Message[:strings.Index(f.Message, ":")])
		} else {
			t.Errorf("finding %+v", f)
		}
	}
	want := []string{"segment 5 (NAD)", "segment 6 (COM)", "segment 7 (NAD)", "segment 8 (ATT)", "segment 9 (RFF)", "segment 10 (DOC)",
		"segment 13 (NAD)", "segment 14 (FTX)"}
	if !reflect.DeepEqual(lowercase, want) {
		t.Errorf("warnings at %q, want %q", lowercase, want)
	}
	if len(m.Persons) != 2 {
		t.Fatalf("%d persons", len(m.Persons))
	}
	p, child := m.Persons[0], m.Persons[1]
	if p.Surname != "d'Angelo" || p.Sex != "F" || p.Ref != "p1" || len(p.Documents) != 1 || p.Documents[0].Type != "I" ||
		child.Guardian != "p1" || m.Organiser.EmergencyContact.Phone != "+44 20 7946 0000" {
		t.Errorf("read %+v, contact %+v", m.Persons, m.Organiser.EmergencyContact)
	}
}

// A list the CBP guide's document identifier marks as a change to one sent before holds only
// what changed: read as a manifest it would leave everyone else out, so it is refused. The
// identifiers of whole lists (a regular crew, C) pass.
func TestChangeListsAreNotManifests(t *testing.T) {
	tests := []struct {
		bgm, want string
	}{
		{"BGM+745+CP", "segment 4 (BGM): BGM+745+CP is a change of passenger data, not a whole list: send the complete list (a manifest is amended by sending it whole again)"},
		{"BGM+745+XR", "segment 4 (BGM): BGM+745+XR is a cancellation of reservations, not a whole list: send the complete list (a manifest is amended by sending it whole again)"},
		{"BGM+250+CC", "segment 4 (BGM): BGM+250+CC is a crew change of a passenger flight, not a whole list: send the complete list (a manifest is amended by sending it whole again)"},
		{"BGM+250+C", ""},
		{"BGM+745", ""},
	}
	for _, tt := range tests {
		person, total := "NAD+FL+++DOE:JANE", "CNT+42:1"
		if strings.HasPrefix(tt.bgm, "BGM+250") {
			person, total = "NAD+FM+++DOE:JANE", "CNT+41:1"
		}
		_, findings, err := Decode(interchange(tt.bgm, person, total), nil)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, f := range findings {
			got = f.Message
			if f.Severity != manifest.Error {
				t.Errorf("%s: %+v", tt.bgm, f)
			}
		}
		if got != tt.want || len(findings) > 1 {
			t.Errorf("%s: %+v, want %q", tt.bgm, findings, tt.want)
		}
	}
}
