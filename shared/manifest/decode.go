package manifest

import (
	"errors"
	"fmt"
	"strings"
)

// ErrMalformed is wrapped by every DecodeError: the body could not be read as a manifest at all,
// as opposed to a manifest that was read and has findings.
var ErrMalformed = errors.New("malformed manifest")

// DecodeError says where a body stopped being readable. Line and Column are 1-based; Offset is
// the byte offset from the start of the body.
type DecodeError struct {
	Format string // "json" or "csv"
	Line   int
	Column int
	Offset int64
	// Field is the offending field, when known: a JSON Pointer (RFC 6901) into the body for
	// JSON ("/persons/3/dateOfBirth", the member itself for an unknown one), the column for CSV,
	// the parameter for flight fields given as parameters.
	Field string
	Msg   string
}

func (e *DecodeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: line %d, column %d (byte %d)", e.Format, e.Line, e.Column, e.Offset)
	if e.Field != "" {
		fmt.Fprintf(&b, ", field %s", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap makes errors.Is(err, ErrMalformed) true.
func (e *DecodeError) Unwrap() error { return ErrMalformed }

// DecodeJSON reads a manifest in its canonical JSON form. Unknown fields are refused, because a
// misspelt field would otherwise be silently dropped and the submitter would believe it was sent.
func DecodeJSON(body []byte) (*Manifest, error) {
	return decodeJSON(body)
}

// NewDecodeError places a problem at a byte offset of body (clamped to it), with the 1-based
// line and column a text editor shows. Every decoder of a manifest format reports through it.
func NewDecodeError(format string, body []byte, offset int64, field, msg string) *DecodeError {
	if offset < 0 {
		offset = 0
	}
	if offset > int64(len(body)) {
		offset = int64(len(body))
	}
	line, col := 1, 1
	for _, c := range body[:offset] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return &DecodeError{Format: format, Line: line, Column: col, Offset: offset, Field: field, Msg: msg}
}
