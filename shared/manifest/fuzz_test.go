package manifest

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// checkOutcome holds for every input: either a DecodeError that says where, or a manifest whose
// validation yields well-formed findings. Nothing panics.
func checkOutcome(t *testing.T, body []byte, m *Manifest, err error) {
	if err != nil {
		var de *DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("error is not a *DecodeError: %v", err)
		}
		if de.Line < 1 || de.Column < 1 || de.Offset < 0 || de.Offset > int64(len(body)) || de.Msg == "" {
			t.Fatalf("decode error without a place: %+v", de)
		}
		return
	}
	Normalise(m)
	for _, f := range Validate(m, Options{}) {
		if f.Code == "" || f.Message == "" || !strings.HasPrefix(f.Path, "/") || (f.Severity != Error && f.Severity != Warning) {
			t.Fatalf("malformed finding %+v", f)
		}
	}
}

func addFileSeeds(f *testing.F, files ...string) {
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

func FuzzDecodeJSON(f *testing.F) {
	addFileSeeds(f, "testdata/valid.json")
	for _, s := range []string{"", "{}", "[]", "null", `{"persons":[{}]}`, `{"persons":[{"documents":[{"mrz":["P<","x"]}]}]}`,
		`{"flight":{"seatCapacity":1e400}}`, `{"persons":[{"dateOfBirth":"2024-02-29","lapInfant":true}]}`, "{\"organiser\":{\"name\":\"\xff\"}}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := DecodeJSON(body)
		checkOutcome(t, body, m, err)
	})
}

func FuzzDecodeCSV(f *testing.F) {
	addFileSeeds(f, "testdata/valid.csv", "testdata/valid-semicolon-bom.csv", "testdata/excel-semicolon-padded.csv",
		"testdata/excel-unicode-text.csv", "testdata/windows-1252.csv", "testdata/excel-mac-cr.csv")
	for _, s := range []string{"", "#", "#a:b\n", "surname\n\"", "surname;role\r\nX;PIC\r\n", "mrz1,mrz2\nP<UTO,L89\n", "surname,lap infant\nA,yes\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := DecodeCSV(body, nil)
		checkOutcome(t, body, m, err)
	})
}
