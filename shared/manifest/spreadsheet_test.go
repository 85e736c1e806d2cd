package manifest

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// Files as spreadsheets export them, each holding the manifest of
// testdata/spreadsheet-reference.csv: what the sheet says must come out, whatever the export's
// encoding, separator, padding and line ends.
func TestCSVAsSpreadsheetsExportIt(t *testing.T) {
	ref, err := os.ReadFile("testdata/spreadsheet-reference.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, err := DecodeCSV(ref, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Persons) != 4 || want.Persons[1].GivenNames != "Renée Françoise" || want.Organiser.Name != "Relief Without Borders, e.V." {
		t.Fatalf("the reference does not read as written: %+v", want)
	}
	tests := []struct {
		file, charset, why string
	}{
		{"excel-semicolon-padded.csv", "", "Excel 'CSV UTF-8' in a decimal-comma locale: BOM, CRLF, ';', rows padded with empty cells to the sheet's width, unnamed trailing columns, a flight line as a key cell and a value cell, a quoted flight cell"},
		{"excel-unicode-text.csv", "", "Excel 'Unicode Text': UTF-16LE with a BOM, tab separated (RFC 2781 section 3.2: the BOM gives the byte order)"},
		{"excel-mac-cr.csv", "", "Excel for Mac 'CSV (Macintosh)': lines ended by CR alone, as classic Mac OS wrote text"},
		{"windows-1252.csv", "windows-1252", "Excel 'CSV (Comma delimited)' on Western Windows, sent as text/csv; charset=windows-1252 (RFC 4180 section 3)"},
		{"windows-1252.csv", "ISO-8859-1", "the same bytes labelled Latin-1, which the WHATWG Encoding Standard reads as windows-1252"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.charset, func(t *testing.T) {
			body, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			text, err := CSVText(body, tt.charset)
			if err != nil {
				t.Fatalf("%s: %v", tt.why, err)
			}
			got, err := DecodeCSV(text, nil)
			if err != nil {
				t.Fatalf("%s: %v", tt.why, err)
			}
			if !reflect.DeepEqual(got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("%s:\n got %s\nwant %s", tt.why, g, w)
			}
		})
	}
}

// A date cell exported with its time of day, midnight, is the date; any other time is kept for
// validation to refuse.
func TestCSVDateCellsWithMidnight(t *testing.T) {
	tests := []struct{ cell, dob string }{
		{"1979-03-14 00:00:00", "1979-03-14"},
		{"1979-03-14T00:00", "1979-03-14"},
		{"1979-03-14T00:00:00Z", "1979-03-14"},
		{"1979-03-14 00:00:00.000", "1979-03-14"},
		{"1979-03-14 13:45:00", "1979-03-14 13:45:00"},
		{"1979-03-14", "1979-03-14"},
		{"1979", "1979"},
		{"14.03.1979 00:00", "14.03.1979 00:00"},
	}
	for _, tt := range tests {
		m, err := DecodeCSV([]byte("surname,date of birth,document expiry\nDoe,"+tt.cell+","+tt.cell+"\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if p := m.Persons[0]; p.DateOfBirth != tt.dob || p.Documents[0].Expiry != tt.dob {
			t.Errorf("%q read as %q and %q, want %q", tt.cell, p.DateOfBirth, p.Documents[0].Expiry, tt.dob)
		}
	}
}

// A space after the separator, as files written by hand or by scripts have it, does not keep a
// quoted cell from reading; with tabs, empty cells stay cells.
func TestCSVSpacesAfterTheSeparator(t *testing.T) {
	tests := []struct{ body, surname, given string }{
		{"surname, given names, nationality\nDoe, \"Jane, Mary\", USA\n", "Doe", "Jane, Mary"},
		{"surname; given names; nationality\r\n\"O'Neill\";  \"Siobhán\"; IRL\r\n", "O'Neill", "Siobhán"},
		{"surname\tgiven names\tnationality\nDoe\t\tUSA\n", "Doe", ""},
	}
	for _, tt := range tests {
		m, err := DecodeCSV([]byte(tt.body), nil)
		if err != nil {
			t.Errorf("%q: %v", tt.body, err)
			continue
		}
		if p := m.Persons[0]; p.Surname != tt.surname || p.GivenNames != tt.given || p.Nationality == "" {
			t.Errorf("%q: read %+v", tt.body, p)
		}
	}
}

// What a spreadsheet export cannot mean is refused at its place, never read as something else.
func TestCSVExportsThatCannotBeRead(t *testing.T) {
	latin1, err := os.ReadFile("testdata/windows-1252.csv")
	if err != nil {
		t.Fatal(err)
	}
	header := "surname;given names;;\n"
	tests := []struct {
		name, body, charset string
		line, col           int
		msg                 string
	}{
		{"a legacy code page without a charset", string(latin1), "", 17, 10, `byte 0xFC is not UTF-8`},
		{"a charset no standard names", "surname\nDoe\n", "klingon-8", 1, 1, `charset "klingon-8" is not an encoding name`},
		{"a value under an unnamed column", header + "Doe;Jane;;\nRoe;Rick;x;\n", "", 3, 3, "field 3 has a value but its column has no name"},
		{"a flight line with two values", "#organiserName;Relief;Other\nsurname\n", "", 1, 1, `flight line must be "#key: value"`},
		{"a quoted flight line with a value beside it", "\"#organiserName: Relief, e.V.\",Other\nsurname\n", "", 1, 1, `flight line must be "#key: value"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := CSVText([]byte(tt.body), tt.charset)
			if err == nil {
				_, err = DecodeCSV(text, nil)
			}
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("want *DecodeError, got %v", err)
			}
			if de.Line != tt.line || de.Column != tt.col || !strings.Contains(de.Msg, tt.msg) {
				t.Errorf("got line %d column %d %q; want line %d column %d and %q", de.Line, de.Column, de.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

// The flight lines paxscreen's own export writes raw keep their meaning when a value holds the
// separator, and a spreadsheet's padding or its "key cell, value cell" form reads the same.
func TestFlightLinesFromSpreadsheets(t *testing.T) {
	tests := []struct {
		line  string
		sep   rune
		key   string
		value string
	}{
		{"#organiserName: Relief, Inc.", ',', "organiserName", "Relief, Inc."},
		{"#organiserName: Relief; Inc.", ',', "organiserName", "Relief; Inc."},
		{"#organiserName: Relief NGO;;;;", ';', "organiserName", "Relief NGO"},
		{"#organiserName;Relief NGO;;", ';', "organiserName", "Relief NGO"},
		{"#organiserName:;Relief NGO;;", ';', "organiserName", "Relief NGO"},
		{"#departureTime\t2026-12-01T06:00:00Z\t\t", '\t', "departureTime", "2026-12-01T06:00:00Z"},
		{"#departureTime: 2026-12-01T06:00:00Z,,", ',', "departureTime", "2026-12-01T06:00:00Z"},
		{"#priorStops: OJAI;LTAG", ';', "priorStops", "OJAI;LTAG"},
		{`"#organiserName: Relief ""North"", e.V.",,`, ',', "organiserName", `Relief "North", e.V.`},
		{`"#contactName",Desk,`, ',', "contactName", "Desk"},
	}
	for _, tt := range tests {
		key, value, problem := flightCells(tt.line, tt.sep)
		if problem != "" || key != tt.key || value != tt.value {
			t.Errorf("%q: got %q %q %q, want %q %q", tt.line, key, value, problem, tt.key, tt.value)
		}
	}
}

// Values a spreadsheet mangled before export are refused with what happened to them: a long
// number shown in scientific notation has lost digits, a date cell formatted as a number is a day
// count. Lookalikes keep the general message.
func TestSpreadsheetMangledValuesSayWhatHappened(t *testing.T) {
	tests := []struct {
		dob, number, path, msg string
	}{
		{"27253", "L898902C3", "/persons/2/dateOfBirth", "is a spreadsheet's day number"},
		{"1974", "1.23457E+11", "/persons/2/documents/0/number", "is in scientific notation"},
		{"1974", "12E+3", "/persons/2/documents/0/number", "is in scientific notation"},
		{"197408", "L898902C3", "/persons/2/dateOfBirth", "must be a calendar date"},
		{"1974", "1.2E+X", "/persons/2/documents/0/number", "must contain only the letters A-Z and digits"},
		{"1974", "E+12", "/persons/2/documents/0/number", "must contain only the letters A-Z and digits"},
	}
	for _, tt := range tests {
		m := loadValid(t)
		p := person(m, "p1")
		p.DateOfBirth, p.Documents[0].Number, p.Documents[0].MRZ = tt.dob, tt.number, nil
		found := false
		for _, f := range Validate(m, Options{}) {
			if f.Path == tt.path {
				found = true
				if !strings.Contains(f.Message, tt.msg) {
					t.Errorf("%s %s: %q, want %q", tt.dob, tt.number, f.Message, tt.msg)
				}
			}
		}
		if !found {
			t.Errorf("%s %s: no finding at %s", tt.dob, tt.number, tt.path)
		}
	}
}
