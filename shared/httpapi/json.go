package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// ReadJSON decodes a JSON request body into v, or returns the answer to give instead: 415 unless
// the Content-Type is application/json, 413 over max bytes, 400 for a body that is not exactly
// one JSON value of v's shape (unknown members, a second value or trailing bytes after it are all
// refused: whatever follows a value is something the client meant and we would silently drop).
func ReadJSON(req *Request, max int, v any) *Response {
	mt, _, err := mime.ParseMediaType(Header(req, "Content-Type"))
	if err != nil || mt != "application/json" {
		r := Problem(http.StatusUnsupportedMediaType, "unsupported-media-type", "Unsupported media type", "Send the body as application/json.", nil)
		return &r
	}
	if BodySize(req) > max {
		r := Problem(http.StatusRequestEntityTooLarge, "too-large", "Body too large", "The body is larger than "+strconv.Itoa(max)+" bytes.", nil)
		return &r
	}
	body, err := Body(req)
	if err != nil {
		r := Problem(http.StatusBadRequest, "malformed", "Malformed body", "The body is marked base64 but is not valid base64.", nil)
		return &r
	}
	if err := DecodeJSON(body, v); err != nil {
		var extra map[string]any
		var me *MemberError
		if errors.As(err, &me) {
			// The JSON Pointer of the member, as a manifest's decode errors and findings give it.
			extra = map[string]any{"pointer": me.Pointer}
		}
		r := Problem(http.StatusBadRequest, "malformed", "Malformed body", err.Error(), extra)
		return &r
	}
	return nil
}

// MemberError is a body that is JSON but names a member v does not have, or gives one a value
// of the wrong type: Pointer (a JSON Pointer, "/assessment") says which.
type MemberError struct {
	Pointer string
	Msg     string
}

func (e *MemberError) Error() string {
	return "the body is not the expected JSON object: member " + e.Pointer + " " + e.Msg
}

// memberError restates encoding/json's errors about one member in the client's terms: the
// member's pointer and the JSON type expected, never a Go struct or type name.
func memberError(err error) error {
	var ut *json.UnmarshalTypeError
	if errors.As(err, &ut) && ut.Field != "" && ut.Type != nil {
		// Value is "string", "bool" or "number 1e400": only its kind, never the body's value.
		got, _, _ := strings.Cut(ut.Value, " ")
		return &MemberError{Pointer: "/" + strings.ReplaceAll(ut.Field, ".", "/"), Msg: "must be " + jsonKind(ut.Type.Kind()) + ", got " + got}
	}
	// DisallowUnknownFields reports `json: unknown field "name"` with no error type of its own.
	if name, ok := strings.CutPrefix(err.Error(), `json: unknown field "`); ok {
		return &MemberError{Pointer: "/" + strings.TrimSuffix(name, `"`), Msg: "is not a known member"}
	}
	return nil
}

// jsonKind names the JSON type that decodes into a Go kind.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// DecodeJSON decodes exactly one JSON value into v: unknown members, and anything but white space
// after the value, are errors. Messages name positions and fields, never quote the body.
func DecodeJSON(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("the body is empty; send one JSON object")
		}
		if me := memberError(err); me != nil {
			return me
		}
		return errors.New("the body is not the expected JSON object: " + strings.TrimPrefix(err.Error(), "json: "))
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("unexpected data after the JSON object, which ends at byte " + strconv.FormatInt(end, 10) + "; send exactly one JSON object")
	}
	return nil
}
