package spreadsheet_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/spreadsheet"
)

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"Eriksson":                 "Eriksson",
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+49 30 1234567":           "'+49 30 1234567",
		"-2+3":                     "'-2+3",
		"@SUM(A1:A9)":              "'@SUM(A1:A9)",
		"  =1+1":                   "'  =1+1",
		"\t=1":                     "'\t=1",
		"＝1+1":                     "'＝1+1",
		"O'Brien":                  "O'Brien",
		"a=b":                      "a=b",
		"":                         "",
	} {
		if got := spreadsheet.Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLine(t *testing.T) {
	for in, want := range map[string]string{
		"Relief Without Borders e.V.": "Relief Without Borders e.V.",
		"Relief, Inc.":                "Relief, Inc.",
		"+49 30 1234567":              "+49 30 1234567",
		"Relief,=cmd|' /C calc'!A0":   "Relief,'=cmd|' /C calc'!A0",
		"a; @x, \"=y\"":               "a; '@x, '\"=y\"",
	} {
		if got := spreadsheet.Line(in); got != want {
			t.Errorf("Line(%q) = %q, want %q", in, got, want)
		}
	}
}

// dangerous reports a cell a spreadsheet could evaluate.
func dangerous(cell string) bool {
	t := strings.TrimLeft(cell, " \u00a0")
	return t != "" && strings.ContainsRune("=+-@\t\r\n＝＋－＠", []rune(t)[0])
}

// FuzzWriterAndLine: whatever the text, no cell of what a spreadsheet reads back from a record
// written by Writer, or from a raw line written with Line, could be evaluated as a formula.
func FuzzWriterAndLine(f *testing.F) {
	for _, s := range []string{"=1+1", "a,=b", "\"=x\"", " +1", "x;@y", "a,\u00a0=b", "plain", "-", "a\n=b"} {
		f.Add(s, "second")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var buf bytes.Buffer
		w := spreadsheet.NewWriter(&buf)
		if err := w.Write([]string{a, b}); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(&buf)
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("Writer output unreadable: %v", err)
		}
		for _, rec := range recs {
			for _, c := range rec {
				if dangerous(c) && !strings.HasPrefix(c, "'") {
					t.Fatalf("cell %q from %q, %q", c, a, b)
				}
			}
		}
		if !spreadsheet.Printable(a) {
			return // Line is only for one-line values
		}
		line := "#key: " + spreadsheet.Line(a)
		for _, sep := range []string{",", ";"} {
			for _, piece := range strings.Split(line, sep) {
				if (dangerous(piece) || strings.HasPrefix(strings.TrimLeft(piece, " "), "\"")) && !strings.HasPrefix(strings.TrimLeft(piece, " "), "'") {
					t.Fatalf("line %q splits into cell %q", line, piece)
				}
			}
		}
	})
}
