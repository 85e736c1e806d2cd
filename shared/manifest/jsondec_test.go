package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
)

// decodeStdJSON is the reference the manifest decoder is checked against: encoding/json with
// unknown fields refused. Unknown fields are refused, because a
// misspelt field would otherwise be silently dropped and the submitter would believe it was sent.
func decodeStdJSON(body []byte) (*Manifest, error) {
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

// FuzzDecodeJSONMatchesEncodingJSON: the manifest decoder accepts exactly what encoding/json
// accepts (unknown fields refused), and decodes it to the same manifest.
func FuzzDecodeJSONMatchesEncodingJSON(f *testing.F) {
	addFileSeeds(f, "testdata/valid.json")
	for _, s := range []string{"", "null", "{}", "[]", `{"persons":[]}`, `{"persons":null}`, `{"persons":[{"surname":"A"}],"persons":[{"role":"PAX"},{}]}`,
		`{"Persons":[{"SURNAME":"x"}]}`, `{"flight":{"seatCapacity":-0}}`, `{"flight":{"seatCapacity":1.5}}`, `{"flight":{"seatCapacity":1e3}}`,
		`{"persons":[{"surname":"\ud83d\ude00\ud800x\u00e9"}]}`, "{\"persons\":[{\"surname\":\"\xff\"}]}", `{"persons":[{"usAddress":null,"lapInfant":null}]}`,
		`{"persons":[null, {"documents":[{"mrz":[null,"x"]}]}]}`, `{"x":1}`, `{"flight":{"priorStops":[{}],"priorStops":[]}}`, ` {} `, `{} x`, `{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, strings.Repeat("[", 30000)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, gotErr := decodeJSON(body)
		want, wantErr := decodeStdJSON(body)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("decoder error %v, encoding/json error %v", gotErr, wantErr)
		}
		if gotErr == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded differently:\n%+v\n%+v", got, want)
		}
	})
}

// TestDecoderMatchesEncodingJSONOnSamples runs the comparison over every sample manifest.
func TestDecoderMatchesEncodingJSONOnSamples(t *testing.T) {
	for _, name := range []string{"testdata/valid.json", "../../events/manifests/clean.json", "../../events/manifests/document-problems.json", "../../events/manifests/listed-person.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err1 := decodeJSON(b)
		want, err2 := decodeStdJSON(b)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v / %v", name, err1, err2)
		}
	}
	_ = fmt.Sprint
	_ = strings.TrimSpace
	_ = bytes.NewReader
	_ = errors.New
	_ = io.EOF
	_ = json.Marshal
}
