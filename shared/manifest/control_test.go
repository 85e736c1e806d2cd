package manifest

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// TestControlCharactersAreRefusedInEveryTextField sets a control character in each text field of
// a valid manifest in turn, found by walking the model, so a field added later is covered too.
func TestControlCharactersAreRefusedInEveryTextField(t *testing.T) {
	var paths []string
	m := loadValid(t)
	m.Flight.PriorStops = []Stop{{Airport: "LTBA", Scheduled: "2026-12-01T05:00:00Z"}}
	m.Persons[0].USAddress = &Address{Street: "1 Main St", City: "Dover", State: "DE", PostalCode: "19901"}
	m.Persons[0].Documents[0].MRZ = []string{"P<X", "Y"}
	walkTextSet(reflect.ValueOf(m).Elem(), "", func(path string, _ reflect.Value) { paths = append(paths, path) })
	if len(paths) < 40 {
		t.Fatalf("the walk found only %d text fields: %v", len(paths), paths)
	}
	chars := []string{"\n", "\r", "\t", "\x00", "\x07", "\x1b", "\x7f", "\u0085", "\u2028", "\u2029", "\u202e", "\u2066"}
	t.Logf("%d text fields x %d characters = %d inputs", len(paths), len(chars), len(paths)*len(chars))
	for _, bad := range chars {
		for _, path := range paths {
			m := loadValid(t)
			m.Flight.PriorStops = []Stop{{Airport: "LTBA", Scheduled: "2026-12-01T05:00:00Z"}}
			m.Persons[0].USAddress = &Address{Street: "1 Main St", City: "Dover", State: "DE", PostalCode: "19901"}
			m.Persons[0].Documents[0].MRZ = []string{"P<X", "Y"}
			set(t, m, path, bad)
			found := false
			for _, f := range Validate(m, Options{}) {
				if f.Code == CodeControlCharacter && f.Path == path && f.Severity == Error {
					found = true
					if strings.ContainsAny(f.Message, "\n\r\x00") || strings.Contains(f.Message, "zq") {
						t.Errorf("%s: message quotes the value: %q", path, f.Message)
					}
				}
			}
			if !found {
				t.Errorf("%q in %s: no %s finding", bad, path, CodeControlCharacter)
			}
		}
	}
}

// set puts zq+bad+qz into the string at path (a JSON Pointer of walkText's).
func set(t *testing.T, m *Manifest, path, bad string) {
	t.Helper()
	done := false
	walkTextSet(reflect.ValueOf(m).Elem(), "", func(p string, v reflect.Value) {
		if p == path {
			v.SetString("zq" + bad + "qz")
			done = true
		}
	})
	if !done {
		t.Fatalf("no field %s", path)
	}
}

func walkTextSet(v reflect.Value, path string, fn func(string, reflect.Value)) {
	switch v.Kind() {
	case reflect.String:
		if v.String() != "" {
			fn(path, v)
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkTextSet(v.Elem(), path, fn)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			walkTextSet(v.Index(i), path+"/"+strconv.Itoa(i), fn)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			walkTextSet(v.Field(i), path+"/"+name, fn)
		}
	}
}

func TestNamesInEveryScriptPass(t *testing.T) {
	for _, name := range []string{"Müller", "محمد\u200cرضا", "\u200fדוד", "क्\u200dष", "O'Brien-Smith"} {
		m := loadValid(t)
		m.Persons[2].GivenNames = name
		for _, f := range Validate(m, Options{}) {
			if f.Code == CodeControlCharacter {
				t.Errorf("%q refused: %+v", name, f)
			}
		}
	}
}

func BenchmarkControlCharacters500(b *testing.B) {
	m := grow(loadValid(b), 500)
	v := &validator{m: m}
	b.ReportAllocs()
	for b.Loop() {
		v.out = v.out[:0]
		v.controlCharacters()
	}
}
