package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
	Field  string // JSON field path or CSV column, when known
	Msg    string
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
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, jsonError(body, err, dec.InputOffset())
	}
	// A second value after the manifest is a client bug (two manifests concatenated, say) that
	// would otherwise lose the second one without a word.
	off := skipSpace(body, dec.InputOffset())
	if _, err := dec.Token(); err != io.EOF {
		return nil, newDecodeError("json", body, off, "", "unexpected data after the manifest object")
	}
	return &m, nil
}

func jsonError(body []byte, err error, inputOffset int64) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the offending byte; point at it, not after it.
		return newDecodeError("json", body, syn.Offset-1, "", syn.Error())
	case errors.As(err, &typ):
		msg := fmt.Sprintf("must be %s, got %s", jsonTypeName(typ.Type.Kind().String()), typ.Value)
		return newDecodeError("json", body, typ.Offset, typ.Field, msg)
	case errors.Is(err, io.EOF):
		return newDecodeError("json", body, 0, "", "empty body: expected a manifest object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newDecodeError("json", body, int64(len(body)), "", "body ends before the manifest object is complete")
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	// The decoder reports an unknown field after reading the whole object around it; point at
	// the member's name instead, the last one before that offset.
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		if i := bytes.LastIndex(body[:min(inputOffset, int64(len(body)))], []byte(name)); i >= 0 {
			inputOffset = int64(i)
		}
	}
	return newDecodeError("json", body, inputOffset, "", msg)
}

func skipSpace(body []byte, off int64) int64 {
	for off < int64(len(body)) {
		switch body[off] {
		case ' ', '\t', '\r', '\n':
			off++
		default:
			return off
		}
	}
	return off
}

func jsonTypeName(kind string) string {
	switch kind {
	case "int", "int64", "int32", "uint", "uint64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice":
		return "an array"
	case "struct", "map", "ptr":
		return "an object"
	}
	return kind
}

func newDecodeError(format string, body []byte, offset int64, field, msg string) *DecodeError {
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
