package manifest

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

func TestEncodeCSVReadsBack(t *testing.T) {
	m := loadValid(t)
	b, err := EncodeCSV(m)
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeCSV(b, nil)
	if err != nil {
		t.Fatalf("DecodeCSV of the export: %v\n%s", err, b)
	}
	Normalise(back)
	if !reflect.DeepEqual(back, m) {
		t.Errorf("read back a different manifest:\n got %+v\nwant %+v\n%s", back, m, b)
	}
}

// TestEncodeCSVNeutralisesFormulas: open the export as a spreadsheet would (every line split into
// cells, the flight lines included) and no cell starts a formula.
func TestEncodeCSVNeutralisesFormulas(t *testing.T) {
	m := loadValid(t)
	m.Organiser.Name = `Relief,=HYPERLINK("https://evil.example","Review")`
	m.Flight.Operator = `@SUM(1+1)*cmd|' /C calc'!A0`
	m.Persons[0].Surname = "=cmd|' /C calc'!A0"
	m.Persons[1].GivenNames = "+1-1"
	m.Persons[2].Ref = "-p1"
	m.Persons[3].Guardian = "-p1"
	b, err := EncodeCSV(m)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimRight(string(b), "\r\n"), "\r\n") {
		r := csv.NewReader(strings.NewReader(line))
		r.LazyQuotes = true
		rec, err := r.Read()
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		for _, cell := range rec {
			c := strings.TrimLeft(cell, " ")
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %q of line %q could be a formula", cell, line)
			}
		}
	}
	back, err := DecodeCSV(b, nil)
	if err != nil {
		t.Fatal(err)
	}
	if back.Persons[0].Surname != "'=cmd|' /C calc'!A0" {
		t.Errorf("surname read back as %q", back.Persons[0].Surname)
	}
}

func TestEncodeCSVRefusesWhatItCannotHold(t *testing.T) {
	for name, mutate := range map[string]func(m *Manifest){
		"two documents":         func(m *Manifest) { m.Persons[0].Documents = append(m.Persons[0].Documents, m.Persons[0].Documents[0]) },
		"line break in a name":  func(m *Manifest) { m.Persons[0].Surname = "a\nb" },
		"line break in a field": func(m *Manifest) { m.Organiser.Name = "Relief\nReview: x" },
	} {
		m := loadValid(t)
		mutate(m)
		if b, err := EncodeCSV(m); err == nil {
			t.Errorf("%s: exported:\n%s", name, bytes.TrimSpace(b))
		}
	}
}
