package paxlst

import (
	"fmt"
	"testing"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// bigManifest is a full 500-person charter: each person with sex, birth date, nationality,
// residence, ref and one passport, as carriers send them.
func bigManifest(n int) *manifest.Manifest {
	m := &manifest.Manifest{
		Organiser: manifest.Organiser{Name: "Relief Without Borders e.V.", EmergencyContact: manifest.Contact{Name: "Ops", Phone: "+49 30 1234567"}},
		Flight: manifest.Flight{Number: "RWB401", Operator: "Example Charter GmbH", AircraftRegistration: "D-AXYZ",
			Departure: manifest.Stop{Airport: "LTAG", Scheduled: "2026-12-01T06:00:00Z"},
			Arrival:   manifest.Stop{Airport: "ETAR", Scheduled: "2026-12-01T10:30:00Z"}},
	}
	for i := range n {
		role := "PAX"
		switch {
		case i == 0:
			role = "PIC"
		case i < 6:
			role = "CREW"
		}
		m.Persons = append(m.Persons, manifest.Person{Ref: fmt.Sprintf("p%d", i), Role: role, Surname: "Eriksson", GivenNames: "Anna Maria",
			DateOfBirth: fmt.Sprintf("19%02d-%02d-%02d", 40+i%60, 1+i%12, 1+i%28), Sex: "F", Nationality: "SWE", Residence: "SWE",
			Documents: []manifest.Document{{Type: "P", Number: fmt.Sprintf("L%08d", i), IssuingState: "SWE", Expiry: "2032-04-15"}}})
	}
	return m
}

func BenchmarkDecode500(b *testing.B) {
	body, err := Encode(bigManifest(500), EncodeOptions{Prepared: prepared, LineBreaks: true})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Decode(body, nil); err != nil {
			b.Fatal(err)
		}
	}
}
