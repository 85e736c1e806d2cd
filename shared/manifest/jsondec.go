package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// decodeJSON reads the canonical JSON form with encoding/json: one value, unknown fields refused,
// nothing after it. encoding/json decides what is accepted and what it decodes to; this file only
// turns its errors into a DecodeError that says where (line, column, byte) and which field (a
// JSON Pointer), because a submitter fixing a 500-person body needs "/persons/212/dateOfBirth",
// not "persons.dateOfBirth".
func decodeJSON(body []byte) (*Manifest, error) {
	// JSON is UTF-8 (RFC 8259, section 8.1), and encoding/json turns any other byte into U+FFFD
	// without a word: a Latin-1 "Müller" would be stored, and screened against the lists, as
	// "M\uFFFDller".
	if !utf8.Valid(body) {
		off := 0
		for {
			r, n := utf8.DecodeRune(body[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		return nil, NewDecodeError("json", body, int64(off), "", fmt.Sprintf("byte 0x%02X is not UTF-8: JSON must be sent in UTF-8", body[off]))
	}
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, jsonDecodeError(body, err)
	}
	// A second value after the manifest is a client bug (two manifests concatenated, say) that
	// would otherwise lose the second one without a word.
	after := skipJSONSpace(body, dec.InputOffset())
	if after < int64(len(body)) {
		return nil, NewDecodeError("json", body, after, "", "unexpected data after the manifest object")
	}
	return &m, nil
}

// jsonDecodeError maps an encoding/json error to a DecodeError. encoding/json reads the whole
// value and checks its syntax before it decodes anything, so a type error or an unknown field
// comes from a well-formed body, which locate then walks to find the offending value's place
// and its JSON Pointer (UnmarshalTypeError.Field has no array indices and an offset that is
// sometimes after the value; the unknown-field error has only the name).
func jsonDecodeError(body []byte, err error) *DecodeError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return NewDecodeError("json", body, 0, "", "empty body: expected a manifest object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return NewDecodeError("json", body, int64(len(body)), "", "body ends before the manifest object is complete")
	case errors.As(err, &syn):
		// Offset counts the offending byte; point at it, not after it.
		return NewDecodeError("json", body, syn.Offset-1, "", syn.Error())
	case errors.As(err, &typ):
		msg := "must be " + jsonWant(typ.Type) + ", got " + typ.Value
		if k := typ.Type.Kind(); k >= reflect.Int && k <= reflect.Int64 && strings.HasPrefix(typ.Value, "number") {
			msg = "must be a whole number, got " + typ.Value
		}
		if typ.Field == "" {
			// The body itself is of the wrong kind: point at its first byte.
			return NewDecodeError("json", body, skipJSONSpace(body, 0), "", msg)
		}
		if off, ptr, ok := locate(body, typeMismatch); ok {
			return NewDecodeError("json", body, off, ptr, msg)
		}
		return NewDecodeError("json", body, typ.Offset, "/"+strings.ReplaceAll(typ.Field, ".", "/"), msg)
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasPrefix(msg, "unknown field ") {
		if off, ptr, ok := locate(body, unknownField); ok {
			return NewDecodeError("json", body, off, ptr, msg)
		}
	}
	return NewDecodeError("json", body, 0, "", msg)
}

// jsonWant names the JSON kind a Go type is decoded from, as the submitter sees it.
func jsonWant(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "an array"
	case reflect.Struct, reflect.Map, reflect.Pointer:
		return "an object"
	}
	if t.Kind() >= reflect.Int && t.Kind() <= reflect.Float64 {
		return "a number"
	}
	return t.String()
}

func skipJSONSpace(body []byte, off int64) int64 {
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

// What locate looks for.
const (
	typeMismatch = iota // a value encoding/json cannot store in its field
	unknownField        // a member name no field of its struct takes
)

// locate walks a well-formed body with encoding/json's tokenizer alongside the Manifest type and
// returns the byte offset and JSON Pointer of the first offending value or member name, in
// document order: encoding/json keeps the first error it meets and carries on, so that is the
// one it reported. It reads the fields from the struct tags, so a new field needs no change here.
func locate(body []byte, want int) (int64, string, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	w := walker{dec: dec, body: body, want: want}
	w.value(reflect.TypeFor[Manifest](), "")
	return w.off, w.ptr, w.found
}

type walker struct {
	dec   *json.Decoder
	body  []byte
	want  int
	found bool
	off   int64
	ptr   string
}

// next returns the next token and the offset it starts at.
func (w *walker) next() (json.Token, int64, bool) {
	start := w.dec.InputOffset()
	for start < int64(len(w.body)) && strings.IndexByte(" \t\r\n,:", w.body[start]) >= 0 {
		start++
	}
	tok, err := w.dec.Token()
	return tok, start, err == nil
}

func (w *walker) hit(off int64, ptr string) {
	w.found, w.off, w.ptr = true, off, ptr
}

// value reads one value meant for a Go value of type t (nil: skipped, as an unknown member's
// value is) and reports false once the walk is over.
func (w *walker) value(t reflect.Type, ptr string) bool {
	tok, start, ok := w.next()
	if !ok {
		return false
	}
	if t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if tok == nil { // null fits every field
		return true
	}
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			if t != nil && t.Kind() != reflect.Struct {
				return w.mismatch(start, ptr)
			}
			return w.object(t, ptr)
		}
		if t != nil && t.Kind() != reflect.Slice {
			return w.mismatch(start, ptr)
		}
		var elem reflect.Type
		if t != nil {
			elem = t.Elem()
		}
		for i := 0; w.dec.More(); i++ {
			if !w.value(elem, ptr+"/"+strconv.Itoa(i)) {
				return false
			}
		}
		_, _, ok = w.next() // ]
		return ok
	case string:
		if t != nil && t.Kind() != reflect.String {
			return w.mismatch(start, ptr)
		}
	case bool:
		if t != nil && t.Kind() != reflect.Bool {
			return w.mismatch(start, ptr)
		}
	case json.Number:
		if t == nil {
			return true
		}
		if k := t.Kind(); k >= reflect.Int && k <= reflect.Int64 {
			n, err := strconv.ParseInt(string(v), 10, 64)
			if err != nil || reflect.Zero(t).OverflowInt(n) {
				return w.mismatch(start, ptr)
			}
		} else {
			return w.mismatch(start, ptr)
		}
	}
	return true
}

func (w *walker) mismatch(off int64, ptr string) bool {
	if w.want == typeMismatch {
		w.hit(off, ptr)
		return false
	}
	// Looking for an unknown field: encoding/json skips a value it cannot store, so do we.
	return w.skipRest(off)
}

// skipRest skips the rest of a value whose first token was just read.
func (w *walker) skipRest(off int64) bool {
	switch w.body[off] {
	case '{', '[':
	default:
		return true
	}
	for depth := 1; depth > 0; {
		tok, _, ok := w.next()
		if !ok {
			return false
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return true
}

// object reads the members of an object after its '{', for a struct of type t (nil: skipped).
func (w *walker) object(t reflect.Type, ptr string) bool {
	for w.dec.More() {
		tok, start, ok := w.next()
		if !ok {
			return false
		}
		key := tok.(string)
		var ft reflect.Type
		if t != nil {
			f, ok := jsonField(t, key)
			if !ok {
				if w.want == unknownField {
					w.hit(start, ptr+"/"+escapePointer(key))
					return false
				}
			} else {
				ft = f.Type
			}
		}
		if !w.value(ft, ptr+"/"+escapePointer(key)) {
			return false
		}
	}
	_, _, ok := w.next() // }
	return ok
}

// jsonField finds the field a member name stands for, as encoding/json does: the exact name
// first, else ignoring case.
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	var fold reflect.StructField
	folded := false
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" {
			name = f.Name
		}
		if name == key {
			return f, true
		}
		if !folded && strings.EqualFold(name, key) {
			fold, folded = f, true
		}
	}
	return fold, folded
}

// escapePointer escapes a member name as a JSON Pointer reference token (RFC 6901).
func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}
