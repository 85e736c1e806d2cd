package paxlst

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

var prepared = time.Date(2026, 11, 30, 18, 0, 0, 0, time.UTC)

// uncarried are the params a decoder needs for what Encode cannot write.
func uncarried(m *manifest.Manifest) map[string]string {
	p := map[string]string{}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("organiserType", m.Organiser.Type)
	set("direction", m.Flight.Direction)
	set("regime", m.Flight.Regime)
	set("aircraftType", m.Flight.AircraftType)
	if m.Flight.SeatCapacity > 0 {
		p["seatCapacity"] = strconv.Itoa(m.Flight.SeatCapacity)
	}
	return p
}

// genManifest draws a manifest PAXLST can carry: no MRZ, times in whole UTC minutes, crew listed
// before passengers (Encode writes the crew list first), no in-transit crew, a US address either
// absent or filled, no line breaks in values, and an operator (without one the journey identifier
// would be read as a general-aviation registration).
func genManifest(r *rand.Rand) *manifest.Manifest {
	pick := func(vs ...string) string { return vs[r.IntN(len(vs))] }
	text := func() string {
		// Every service character of the default and custom separators, and non-ASCII letters.
		alphabet := []string{"A", "b", "Z", " ", ":", "+", "?", "'", "*", "|", "!", "~", "é", "Ø", "ß", "-", ".", "0", "9", "ü"}
		n := 1 + r.IntN(12)
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	maybe := func(s string) string {
		if r.IntN(4) == 0 {
			return ""
		}
		return s
	}
	t0 := time.Date(2020+r.IntN(20), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, time.UTC)
	stamp := func(t time.Time) string { return t.Format(time.RFC3339) }
	m := &manifest.Manifest{
		Organiser: manifest.Organiser{Name: maybe(text()), Type: pick(manifest.OrganiserTypes...),
			EmergencyContact: manifest.Contact{Name: maybe(text()), Phone: maybe("+" + strconv.Itoa(r.IntN(1e9))), Email: maybe(text() + "@example.org")}},
		Flight: manifest.Flight{Number: maybe(pick("RWB401", "XY1", "A+B:C")), Direction: pick(manifest.Directions...), Regime: pick(manifest.Regimes...),
			Operator: text(), AircraftRegistration: maybe(pick("D-AXYZ", "N123AB", "G-ABCD")), AircraftType: pick("A320", "B738", "C130"),
			SeatCapacity: r.IntN(300),
			Departure:    manifest.Stop{Airport: pick("LTAG", "OJAI", "EDDF"), Scheduled: stamp(t0)},
			Arrival:      manifest.Stop{Airport: pick("ETAR", "KJFK"), Scheduled: maybe(stamp(t0.Add(4 * time.Hour)))}},
	}
	for i := range r.IntN(3) {
		m.Flight.PriorStops = append(m.Flight.PriorStops, manifest.Stop{Airport: pick("HKJK", "OMDB", "LLBG"), Scheduled: maybe(stamp(t0.Add(-time.Duration(3-i) * time.Hour)))})
	}
	n := 1 + r.IntN(8)
	roles := make([]string, n)
	for i := range roles {
		roles[i] = pick("PIC", "CREW", "PAX", "PAX", "TRANSIT")
	}
	// Crew first, as Encode writes them.
	var crew, pax []string
	for _, role := range roles {
		if role == "PIC" || role == "CREW" {
			crew = append(crew, role)
		} else {
			pax = append(pax, role)
		}
	}
	for i, role := range append(crew, pax...) {
		p := manifest.Person{Ref: maybe("r" + strconv.Itoa(i) + pick("", ":x", "+?'")), Role: role, Surname: text(), GivenNames: maybe(text()),
			Sex: pick("", "F", "M", "X"), Nationality: pick("", "SWE", "D", "XXA", "UNO"), Residence: pick("", "DEU", "JOR"),
			Guardian: maybe(pick("", "r0")), LapInfant: r.IntN(5) == 0}
		switch r.IntN(4) {
		case 0:
			p.DateOfBirth = fmt.Sprintf("%04d", 1930+r.IntN(95))
		case 1:
			p.DateOfBirth = fmt.Sprintf("%04d-%02d", 1930+r.IntN(95), 1+r.IntN(12))
		case 2:
			p.DateOfBirth = fmt.Sprintf("%04d-%02d-%02d", 1930+r.IntN(95), 1+r.IntN(12), 1+r.IntN(28))
		}
		for range r.IntN(3) {
			p.Documents = append(p.Documents, manifest.Document{Type: pick(manifest.DocumentTypes...), Number: pick("L898902C3", "X1", "AB?+:12"),
				IssuingState: pick("", "SWE", "D"), Expiry: maybe(fmt.Sprintf("%04d-%02d-%02d", 2020+r.IntN(20), 1+r.IntN(12), 1+r.IntN(28))),
				Holder: maybe(pick("", "r0", "r1:x"))})
		}
		if r.IntN(4) == 0 {
			p.USAddress = &manifest.Address{Street: text(), City: text(), State: "NY", PostalCode: "10001"}
		}
		m.Persons = append(m.Persons, p)
	}
	return m
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 2026))
	custom := Separators{Component: '*', Element: '|', Decimal: ',', Release: '!', Repetition: ' ', Terminator: '~'}
	for i := range 500 {
		m := genManifest(r)
		opts := EncodeOptions{Prepared: prepared, Reference: "RT" + strconv.Itoa(i), Groups: i%3 == 0, LineBreaks: i%2 == 0}
		if i%4 == 1 {
			opts.Separators = custom
		}
		if i%5 == 2 {
			opts.Version = "D02B"
		}
		body, err := Encode(m, opts)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		got, findings, err := Decode(body, uncarried(m))
		if err != nil {
			t.Fatalf("case %d: %v\n%s", i, err, body)
		}
		for _, f := range findings {
			t.Errorf("case %d: finding %+v\n%s", i, f, body)
		}
		manifest.Normalise(m)
		manifest.Normalise(got)
		if !reflect.DeepEqual(got, m) {
			t.Fatalf("case %d: round trip changed the manifest\n got  %+v\n want %+v\n%s", i, got, m, body)
		}
	}
}

func TestEncodeWritesTheIATAProfile(t *testing.T) {
	m, _, err := Decode(readTestdata(t, "charter.edi"), charterParams)
	if err != nil {
		t.Fatal(err)
	}
	body, err := Encode(m, EncodeOptions{Prepared: prepared, Reference: "X1", LineBreaks: true, Sender: "RWB", Recipient: "APISETAR"})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	want := []string{
		"UNA:+.? '",
		"UNB+UNOY:4+RWB+APISETAR+261130:1800+X1'",
		"UNH+1+PAXLST:D:05B:UN:IATA'",
		"BGM+250'",
		"NAD+MS+++Relief Without Borders e.V.'",
		"CTA+IC+:Operations desk'",
		"COM+?+49 30 1234567:TE+ops@example.org:EM'",
		"TDT+20+RWB401+++:::Example Charter GmbH+++D-AXYZ'",
		"LOC+92+OJAI'",
		"DTM+189:202612010200:203'",
		"LOC+125+LTAG'",
		"DTM+189:202612010600:203'",
		"LOC+87+ETAR'",
		"DTM+232:202612011030:203'",
		"NAD+FM+++Müller:Jonas'",
		"ATT+2++M'",
		"DTM+329:19790314:102'",
		"LOC+174+D'",
		"EMP+1+CR1:110:111+PIC'",
		"NAT+2+D'",
		"RFF+ABO:pic'",
		"DOC+P:110:111+C01X00T47'",
		"DTM+36:20310531:102'",
		"LOC+91+D'",
	}
	if !reflect.DeepEqual(lines[:len(want)], want) {
		t.Errorf("got\n%s", strings.Join(lines[:len(want)], "\n"))
	}
	tail := lines[len(lines)-6:]
	wantTail := []string{"DTM+36:20300110:102'", "LOC+91+JOR'", "CNT+42:3'", "UNT+39+2'", "UNZ+2+X1'"}
	if !reflect.DeepEqual(tail[1:], wantTail) {
		t.Errorf("tail\n%s", strings.Join(tail, "\n"))
	}
	if !strings.Contains(string(body), "DTM+329:2016:602'\nFTX+ACB++GUARDIAN+p1'") {
		t.Error("a minor's year of birth and guardian are not written as DTM+329 format 602 and FTX+ACB GUARDIAN")
	}
}

func TestEncodeRefusesWhatPAXLSTCannotSay(t *testing.T) {
	base := func() *manifest.Manifest {
		return &manifest.Manifest{Flight: manifest.Flight{Operator: "X"}, Persons: []manifest.Person{{Role: "PAX", Surname: "A"}}}
	}
	tests := []struct {
		name   string
		change func(m *manifest.Manifest)
		opts   EncodeOptions
		msg    string
	}{
		{"an unknown role", func(m *manifest.Manifest) { m.Persons[0].Role = "GUEST" }, EncodeOptions{}, "/persons/0/role"},
		{"a birth date that is not one", func(m *manifest.Manifest) { m.Persons[0].DateOfBirth = "12/03/1980" }, EncodeOptions{}, "/persons/0/dateOfBirth"},
		{"a partial expiry", func(m *manifest.Manifest) {
			m.Persons[0].Documents = []manifest.Document{{Type: "P", Expiry: "2030"}}
		}, EncodeOptions{}, "/persons/0/documents/0/expiry"},
		{"a document type with no code", func(m *manifest.Manifest) { m.Persons[0].Documents = []manifest.Document{{Type: "V"}} }, EncodeOptions{}, "/persons/0/documents/0/type"},
		{"a time without a zone", func(m *manifest.Manifest) { m.Flight.Departure.Scheduled = "2026-12-01T06:00:00" }, EncodeOptions{}, "/flight/departure/scheduled"},
		{"a field too long for a segment", func(m *manifest.Manifest) { m.Persons[0].Surname = strings.Repeat("A", MaxSegmentBytes) }, EncodeOptions{}, "longer than"},
		{"separators without a release character", func(*manifest.Manifest) {}, EncodeOptions{Separators: Separators{Component: ':', Element: '+', Release: ' ', Terminator: '\''}}, "release character"},
		{"an unknown version", func(*manifest.Manifest) {}, EncodeOptions{Version: "D96B"}, "D96B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base()
			tt.change(m)
			_, err := Encode(m, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("got %v, want an error naming %q", err, tt.msg)
			}
		})
	}
}
