package manifest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestDecodeJSONErrorGolden holds the error messages: testdata/json-errors.golden pairs a body
// (a Go-quoted line) with the error it must give (the next line, indented). Line, column, byte
// and message are those the hand-written decoder gave before encoding/json replaced it; the
// field, which it gave as a dotted path without indices, is now a JSON Pointer.
func TestDecodeJSONErrorGolden(t *testing.T) {
	f, err := os.Open("testdata/json-errors.golden")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		body, err := strconv.Unquote(sc.Text())
		if err != nil {
			t.Fatalf("golden line %q: %v", sc.Text(), err)
		}
		if !sc.Scan() {
			t.Fatalf("golden body %q has no error line", body)
		}
		want := strings.TrimPrefix(sc.Text(), "\t")
		_, err = DecodeJSON([]byte(body))
		got := "<nil>"
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("DecodeJSON(%q):\n got %s\nwant %s", body, got, want)
		}
		n++
	}
	if n < 30 {
		t.Fatalf("only %d golden cases read", n)
	}
}

// referenceJSON is encoding/json used the plain way, with unknown fields refused and a second
// value refused through the tokenizer rather than by looking at the bytes.
func referenceJSON(body []byte) (*Manifest, error) {
	var m Manifest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the value")
	}
	return &m, nil
}

// FuzzDecodeJSONMatchesEncodingJSON: DecodeJSON accepts exactly the UTF-8 bodies encoding/json accepts and
// decodes it to the same manifest, and every error it gives keeps the error contract: a
// *DecodeError wrapping ErrMalformed, its line and column those of its byte offset, and for a type
// error or an unknown field a JSON Pointer that leads to the offending value or member, which
// starts at that offset.
func FuzzDecodeJSONMatchesEncodingJSON(f *testing.F) {
	addFileSeeds(f, "testdata/valid.json")
	for _, s := range []string{"", "null", "{}", "[]", `{"persons":[]}`, `{"persons":null}`, `{"persons":[{"surname":"A"}],"persons":[{"role":"PAX"},{}]}`,
		`{"Persons":[{"SURNAME":"x"}]}`, `{"flight":{"seatCapacity":-0}}`, `{"flight":{"seatCapacity":1.5}}`, `{"flight":{"seatCapacity":1e3}}`,
		`{"persons":[{"surname":"\ud83d\ude00\ud800x\u00e9"}]}`, "{\"persons\":[{\"surname\":\"\xff\"}]}", `{"persons":[{"usAddress":null,"lapInfant":null}]}`,
		`{"persons":[null, {"documents":[{"mrz":[null,"x"]}]}]}`, `{"x":1}`, `{"flight":{"priorStops":[{}],"priorStops":[]}}`, ` {} `, `{} x`,
		`{"persons":[{"surname":1,"x":2}]}`, `{"persons":[{"x":{"surname":1}},{"surname":1}]}`, `{"a/b~c":{"d":[1]}}`, `{"flight":{"number":"x"},"persons":[{"number":"x"}]}`,
		`{"x":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}`, strings.Repeat("[", 30000)} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, gotErr := DecodeJSON(body)
		if !utf8.Valid(body) {
			// encoding/json reads such a body with U+FFFD in place of the bytes; DecodeJSON
			// refuses it at the first one instead.
			var de *DecodeError
			if !errors.As(gotErr, &de) || !errors.Is(gotErr, ErrMalformed) || !strings.Contains(de.Msg, "not UTF-8") {
				t.Fatalf("a body that is not UTF-8 gave %v, want a malformed DecodeError saying so", gotErr)
			}
			return
		}
		want, wantErr := referenceJSON(body)
		if (gotErr == nil) != (wantErr == nil) {
			t.Fatalf("DecodeJSON error %v, encoding/json error %v", gotErr, wantErr)
		}
		if gotErr == nil {
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("decoded differently:\n%+v\n%+v", got, want)
			}
			return
		}
		checkJSONError(t, body, gotErr, wantErr)
	})
}

func checkJSONError(t *testing.T, body []byte, err, ref error) {
	t.Helper()
	var de *DecodeError
	if !errors.As(err, &de) || !errors.Is(err, ErrMalformed) {
		t.Fatalf("not a *DecodeError wrapping ErrMalformed: %v", err)
	}
	if de.Offset < 0 || de.Offset > int64(len(body)) || de.Msg == "" || de.Format != "json" {
		t.Fatalf("decode error without a place or a message: %+v", de)
	}
	line := 1 + bytes.Count(body[:de.Offset], []byte("\n"))
	col := int(de.Offset) - bytes.LastIndexByte(body[:de.Offset], '\n')
	if de.Line != line || de.Column != col {
		t.Fatalf("line %d column %d for byte %d, want line %d column %d", de.Line, de.Column, de.Offset, line, col)
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(ref, &syn):
		if de.Offset != syn.Offset-1 || de.Field != "" || de.Msg != syn.Error() {
			t.Fatalf("syntax error %v at byte %d reported as %v", syn, syn.Offset, de)
		}
	case errors.As(ref, &typ):
		if !strings.HasPrefix(de.Msg, "must be ") || !strings.HasSuffix(de.Msg, ", got "+typ.Value) {
			t.Fatalf("type error %v reported as %q", typ, de.Msg)
		}
		if typ.Field == "" {
			if de.Field != "" {
				t.Fatalf("the body's own type reported at field %q", de.Field)
			}
			return
		}
		// The pointer, its indices left out and case folded, is the dotted path encoding/json
		// names; the value it leads to starts at the offset and is of the kind named.
		var names []string
		for _, tok := range pointerTokens(t, de.Field) {
			if _, err := strconv.Atoi(tok); err != nil {
				names = append(names, tok)
			}
		}
		if !strings.EqualFold(strings.Join(names, "."), typ.Field) {
			t.Fatalf("pointer %q for encoding/json's field %q", de.Field, typ.Field)
		}
		if offs := resolvePointer(t, body, de.Field); !slices.Contains(offs, de.Offset) {
			t.Fatalf("pointer %q leads to bytes %v, error at byte %d", de.Field, offs, de.Offset)
		}
		if kind := jsonKindAt(body, de.Offset); !strings.HasPrefix(typ.Value, kind) {
			t.Fatalf("value at byte %d is %s, encoding/json saw %s", de.Offset, kind, typ.Value)
		}
	case strings.Contains(ref.Error(), "unknown field "):
		name, err := strconv.Unquote(strings.TrimPrefix(ref.Error(), "json: unknown field "))
		if err != nil {
			t.Fatalf("unknown-field message %q: %v", ref, err)
		}
		toks := pointerTokens(t, de.Field)
		if len(toks) == 0 || toks[len(toks)-1] != name {
			t.Fatalf("unknown field %q reported at pointer %q", name, de.Field)
		}
		var key string
		if err := json.NewDecoder(bytes.NewReader(body[de.Offset:])).Decode(&key); err != nil || key != name {
			t.Fatalf("byte %d starts %q, not the member name %q", de.Offset, body[de.Offset:min(len(body), int(de.Offset)+20)], name)
		}
	}
}

func pointerTokens(t *testing.T, ptr string) []string {
	if !strings.HasPrefix(ptr, "/") {
		t.Fatalf("field %q is not a JSON Pointer", ptr)
	}
	toks := strings.Split(ptr[1:], "/")
	for i, tok := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
	}
	return toks
}

// resolvePointer finds the byte offsets of the values a JSON Pointer leads to in a well-formed
// body (several when a member name repeats), with a tokenizer walk of its own.
func resolvePointer(t *testing.T, body []byte, ptr string) []int64 {
	dec := json.NewDecoder(bytes.NewReader(body))
	var offs []int64
	var walk func(toks []string)
	walk = func(toks []string) {
		off := dec.InputOffset()
		for off < int64(len(body)) && strings.IndexByte(" \t\r\n,:", body[off]) >= 0 {
			off++
		}
		tok, err := dec.Token()
		if err != nil {
			t.Fatalf("walk %q: %v", ptr, err)
		}
		if len(toks) == 0 {
			offs = append(offs, off)
		}
		switch tok {
		case json.Delim('{'):
			for dec.More() {
				k, _ := dec.Token()
				if len(toks) > 0 && k.(string) == toks[0] {
					walk(toks[1:])
				} else {
					walk(nil)
				}
			}
			dec.Token()
		case json.Delim('['):
			for i := 0; dec.More(); i++ {
				if len(toks) > 0 && strconv.Itoa(i) == toks[0] {
					walk(toks[1:])
				} else {
					walk(nil)
				}
			}
			dec.Token()
		}
	}
	walk(pointerTokens(t, ptr))
	return offs
}

func jsonKindAt(body []byte, off int64) string {
	switch c := body[off]; {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "bool"
	}
	return "number"
}

// TestDecoderMatchesEncodingJSONOnSamples runs the comparison over every sample manifest.
func TestDecoderMatchesEncodingJSONOnSamples(t *testing.T) {
	for _, name := range []string{"testdata/valid.json", "../../events/manifests/clean.json", "../../events/manifests/document-problems.json", "../../events/manifests/listed-person.json"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		got, err1 := DecodeJSON(b)
		want, err2 := referenceJSON(b)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v / %v", name, err1, err2)
		}
	}
}
