// Package spreadsheet makes text safe to open in a spreadsheet. Excel, LibreOffice and Google
// Sheets evaluate a cell that starts with '=', '+', '-' or '@' (and, in some versions, a tab or
// carriage return before one) as a formula, so a name such as "=HYPERLINK(...)" in a CSV export
// becomes a link or a command on the reviewer's machine (CSV or formula injection, CWE-1236).
// Every cell an export writes goes through Cell. Pure: no I/O beyond the writer given.
package spreadsheet

import (
	"encoding/csv"
	"io"
	"strings"
	"unicode"
)

// formulaStart reports whether a spreadsheet may read a cell starting with r as a formula. The
// full-width forms are included: some spreadsheets fold them to ASCII on input.
func formulaStart(r rune) bool {
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠':
		return true
	}
	return false
}

// Cell returns s as a spreadsheet shows it as text: a cell whose first character, after any
// spaces (which some spreadsheets skip), could start a formula gets a leading apostrophe, the
// spreadsheets' own "this is text" mark, as OWASP recommends. Other cells are unchanged.
func Cell(s string) string {
	t := strings.TrimLeftFunc(s, func(r rune) bool { return r == ' ' || r == '\u00a0' })
	for _, r := range t {
		if formulaStart(r) {
			return "'" + s
		}
		break
	}
	return s
}

// Line neutralises a value written raw after a safe prefix on a line, outside CSV quoting (the
// "#key: value" lines of paxscreen's CSV layout, whose first cell starts with '#'): a
// spreadsheet splits such a line at every comma and semicolon and may read a double quote as the
// start of a quoted cell, so each piece after a separator is neutralised as Cell does.
func Line(s string) string {
	var b strings.Builder
	start := false
	for _, r := range s {
		if start && r != ' ' && r != '\u00a0' {
			if formulaStart(r) || r == '"' {
				b.WriteByte('\'')
			}
			start = false
		}
		b.WriteRune(r)
		if r == ',' || r == ';' {
			start = true
		}
	}
	return b.String()
}

// Writer writes CSV records whose every field has been through Cell.
type Writer struct {
	w *csv.Writer
}

// NewWriter writes comma-separated records to w, with CRLF line ends as RFC 4180 and the
// spreadsheets expect.
func NewWriter(w io.Writer) *Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{w: cw}
}

// Write writes one record.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, f := range record {
		safe[i] = Cell(f)
	}
	return w.w.Write(safe)
}

// Flush writes buffered records and reports any write error.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}

// Printable reports whether s can be written on one line: no control, line or paragraph
// separator characters.
func Printable(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	}) < 0
}
