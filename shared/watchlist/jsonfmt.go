package watchlist

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
)

// jsonFile is paxscreen's own list format (documented in docs/SCREENING.md).
type jsonFile struct {
	Source  string      `json:"source"`
	Entries []jsonEntry `json:"entries"`
}

type jsonEntry struct {
	ID            string     `json:"id"`
	Kind          Kind       `json:"kind"`
	Names         []Name     `json:"names"`
	DatesOfBirth  []string   `json:"datesOfBirth"`
	Nationalities []string   `json:"nationalities"`
	Documents     []Document `json:"documents"`
	Programs      []string   `json:"programs"`
	// Aircraft: registrations, serial numbers, model, operators and links of a listed aircraft.
	Aircraft *AircraftDetails `json:"aircraft,omitempty"`
}

// ParseJSON reads a list in paxscreen's JSON entry format. Unknown fields
// are errors, so a misspelt field is not silently dropped.
func ParseJSON(r io.Reader) ([]Entry, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxListBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxListBytes {
		return nil, fmt.Errorf("watchlist: JSON list larger than %d bytes", MaxListBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f jsonFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("watchlist: JSON list: %w", jsonProblem(err))
	}
	// Token, not More: More reports false before a stray ']' or '}', which would pass.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("watchlist: JSON list: data after the top-level object")
	}
	f.Source = strings.TrimSpace(f.Source)
	if f.Source == "" || len(f.Source) > 32 || strings.ContainsAny(f.Source, "#/ \t\n") {
		return nil, errors.New(`watchlist: JSON list: "source" must be a short name without spaces, "#" or "/"`)
	}
	if len(f.Entries) == 0 {
		return nil, errors.New("watchlist: JSON list: no entries")
	}
	seen := map[string]bool{}
	out := make([]Entry, 0, len(f.Entries))
	for i, je := range f.Entries {
		e, err := je.entry(f.Source)
		if err != nil {
			return nil, fmt.Errorf("watchlist: JSON list: entries[%d]: %w", i, err)
		}
		if seen[e.ID] {
			return nil, fmt.Errorf("watchlist: JSON list: entries[%d]: duplicate id %q", i, e.ID)
		}
		seen[e.ID] = true
		out = append(out, e)
	}
	return out, nil
}

func (je jsonEntry) entry(source string) (Entry, error) {
	e := Entry{ID: strings.TrimSpace(je.ID), Source: source, Kind: je.Kind, Programs: je.Programs, Aircraft: je.Aircraft}
	if e.ID == "" {
		return e, errors.New(`"id" is required`)
	}
	switch e.Kind {
	case Individual, Entity, Vessel, Aircraft:
	case "":
		e.Kind = Individual
	default:
		return e, fmt.Errorf("unknown kind %q", je.Kind)
	}
	for i, n := range je.Names {
		n.Full = strings.TrimSpace(n.Full)
		if n.Full == "" {
			return e, fmt.Errorf("names[%d]: empty name", i)
		}
		switch n.Quality {
		case "":
			n.Quality = Strong
			if i == 0 {
				n.Quality = Primary
			}
		case Primary, Strong, Weak:
		default:
			return e, fmt.Errorf("names[%d]: unknown quality %q", i, n.Quality)
		}
		e.Names = append(e.Names, n)
	}
	if len(e.Names) == 0 {
		return e, errors.New("at least one name is required")
	}
	for _, s := range je.DatesOfBirth {
		d, ok := parseListedDOB(s)
		if !ok {
			return e, fmt.Errorf("date of birth %q: want YYYY, YYYY-MM, YYYY-MM-DD, YYYY/YYYY, optionally prefixed by ~", s)
		}
		e.DatesOfBirth = append(e.DatesOfBirth, d)
	}
	for _, c := range je.Nationalities {
		code := CountryCode(c)
		if code == "" {
			return e, fmt.Errorf("nationality %q: want an ISO 3166-1 alpha-3 code", c)
		}
		e.Nationalities = appendUnique(e.Nationalities, code)
	}
	for _, d := range je.Documents {
		d.Number = strings.TrimSpace(d.Number)
		if d.Number == "" {
			return e, errors.New("document without number")
		}
		if d.Country != "" {
			d.Country = CountryCode(d.Country)
		}
		e.Documents = append(e.Documents, d)
	}
	if err := checkAircraft(&e); err != nil {
		return e, err
	}
	return e, nil
}

// parseListedDOB reads the JSON format's dates: ParseDOB's forms, a year
// range YYYY/YYYY, and a leading ~ for circa. It is the inverse of
// DOB.String.
func parseListedDOB(s string) (DOB, bool) {
	s = strings.TrimSpace(s)
	circa := strings.HasPrefix(s, "~")
	s = strings.TrimPrefix(s, "~")
	if from, to, ok := strings.Cut(s, "/"); ok {
		a, err1 := strconv.Atoi(from)
		b, err2 := strconv.Atoi(to)
		d := DOB{Year: a, YearTo: b, Circa: circa}
		if b == a {
			d.YearTo = 0
		}
		return d, err1 == nil && err2 == nil && len(from) == 4 && len(to) == 4 && d.valid()
	}
	d, ok := ParseDOB(s)
	d.Circa = circa
	return d, ok
}

// MarshalEntriesJSON writes entries in the JSON entry format, so that any
// list paxscreen reads can be exported, edited and read back.
func MarshalEntriesJSON(source string, entries []Entry) ([]byte, error) {
	f := jsonFile{Source: source, Entries: make([]jsonEntry, 0, len(entries))}
	for _, e := range entries {
		je := jsonEntry{ID: e.ID, Kind: e.Kind, Names: e.Names, Nationalities: e.Nationalities, Documents: e.Documents, Programs: e.Programs, Aircraft: e.Aircraft}
		for _, d := range e.DatesOfBirth {
			je.DatesOfBirth = append(je.DatesOfBirth, d.String())
		}
		f.Entries = append(f.Entries, je)
	}
	return json.MarshalIndent(f, "", "  ")
}

// jsonProblem says what a decoding error means in JSON's terms: encoding/json names Go types
// ("cannot unmarshal array into Go value of type watchlist.jsonFile"), which tell the
// administrator publishing a list nothing.
func jsonProblem(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	field := te.Field
	if field == "" {
		field = "the list"
	}
	return fmt.Errorf("%s must be %s, got %s (byte %d)", field, jsonKind(te.Type), te.Value, te.Offset)
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a " + t.Kind().String()
}
