package manifest

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A decoder written for the manifest's own shape. encoding/json reaches about 60 MB/s on the
// target machine, which puts a 500-person manifest above the 2 ms intake budget on decoding
// alone; this one reads the body once, with no reflection, and is checked against encoding/json
// by a differential fuzz test (FuzzDecodeJSONMatchesEncodingJSON): the same bodies succeed with the
// same manifest, and fail where encoding/json fails.
//
// It keeps encoding/json's semantics where they matter to clients: null leaves a field at its
// zero value, the last of duplicate keys wins, keys match exactly or else case-insensitively,
// invalid UTF-8 and lone surrogates become U+FFFD, and unknown fields are refused.

// Member names of each object, in the canonical form.
var (
	keysManifest  = []string{"organiser", "flight", "persons"}
	keysOrganiser = []string{"name", "type", "emergencyContact"}
	keysContact   = []string{"name", "phone", "email", "organisation"}
	keysStop      = []string{"airport", "scheduled"}
	keysFlight    = []string{"number", "direction", "regime", "operator", "aircraftRegistration", "aircraftType", "aircraftSerialNumber", "seatCapacity", "departure", "arrival", "priorStops"}
	keysPerson    = []string{"ref", "role", "surname", "givenNames", "dateOfBirth", "sex", "nationality", "residence", "documents", "guardian", "lapInfant", "usAddress"}
	keysAddress   = []string{"street", "city", "state", "postalCode"}
	keysDocument  = []string{"type", "number", "issuingState", "expiry", "mrz", "holder"}
)

// maxDepth bounds nesting as encoding/json does, so a body of brackets cannot exhaust the stack.
const maxDepth = 10000

type jsonDecoder struct {
	b     []byte
	i     int
	depth int
	err   *DecodeError
	path  []string // field path for type errors, as encoding/json names it ("flight.seatCapacity")
}

func decodeJSON(body []byte) (*Manifest, error) {
	d := &jsonDecoder{b: body}
	d.ws()
	if d.i >= len(d.b) {
		return nil, newDecodeError("json", body, 0, "", "empty body: expected a manifest object")
	}
	var m Manifest
	if d.null() {
		// As encoding/json: a null manifest is an empty one, which validation then refuses.
		d.ws()
		if d.i < len(d.b) {
			return nil, newDecodeError("json", body, int64(d.i), "", "unexpected data after the manifest object")
		}
		return &m, nil
	}
	if d.b[d.i] != '{' {
		start := d.i
		if d.value(); d.err != nil {
			return nil, d.err
		}
		return nil, newDecodeError("json", body, int64(start), "", "must be an object, got "+d.kindAt(start))
	}
	d.object(keysManifest, func(key string) bool {
		switch key {
		case "organiser":
			d.organiser(&m.Organiser)
		case "flight":
			d.flight(&m.Flight)
		case "persons":
			d.array(func(i int) { d.person(slot(&m.Persons, i)) }, func(n int) { keep(&m.Persons, n) }, func() { m.Persons = nil })
		default:
			return false
		}
		return true
	})
	if d.err != nil {
		return nil, d.err
	}
	d.ws()
	if d.i < len(d.b) {
		return nil, newDecodeError("json", body, int64(d.i), "", "unexpected data after the manifest object")
	}
	return &m, nil
}

// field picks the known key a member name stands for: exactly, or else ignoring case. Comparing
// the raw bytes allocates nothing: member names are most of a manifest's strings.
func field(key []byte, known []string) string {
	for _, k := range known {
		if string(key) == k {
			return k
		}
	}
	for _, k := range known {
		if strings.EqualFold(k, string(key)) {
			return k
		}
	}
	return ""
}

func (d *jsonDecoder) fail(off int, msg string) {
	if d.err == nil {
		d.err = newDecodeError("json", d.b, int64(off), "", msg)
	}
}

func (d *jsonDecoder) typeErr(off int, want string) {
	if d.err == nil {
		d.err = newDecodeError("json", d.b, int64(off), strings.Join(d.path, "."), "must be "+want+", got "+d.kindAt(off))
	}
}

func (d *jsonDecoder) kindAt(off int) string {
	if off >= len(d.b) {
		return "nothing"
	}
	switch c := d.b[off]; {
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 't' || c == 'f':
		return "bool"
	case c == '-' || c >= '0' && c <= '9':
		return "number"
	}
	return "value"
}

func (d *jsonDecoder) ws() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\r', '\n':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) syntax(what string) {
	if d.i >= len(d.b) {
		d.fail(len(d.b), "body ends before the manifest object is complete")
		return
	}
	d.fail(d.i, "invalid character "+quoteChar(d.b[d.i])+" "+what)
}

func quoteChar(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// null consumes a JSON null if one is next.
func (d *jsonDecoder) null() bool {
	if d.i+4 <= len(d.b) && string(d.b[d.i:d.i+4]) == "null" {
		d.i += 4
		return true
	}
	return false
}

// object reads {"key": value, ...}: member reads the value of the known key (one of known) a
// member name stands for, "" for an unknown one, and reports whether it took it. null stands for
// an absent object.
func (d *jsonDecoder) object(known []string, member func(key string) bool) {
	d.ws()
	if d.err != nil {
		return
	}
	if d.null() {
		return
	}
	if d.i >= len(d.b) || d.b[d.i] != '{' {
		start := d.i
		d.value()
		d.typeErr(start, "an object")
		return
	}
	if d.depth++; d.depth > maxDepth {
		d.fail(d.i, "exceeded max depth")
		return
	}
	defer func() { d.depth-- }()
	d.i++
	d.ws()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return
	}
	for d.err == nil {
		d.ws()
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			d.syntax("looking for beginning of object key string")
			return
		}
		keyAt := d.i
		raw, ok := d.rawStr()
		if !ok {
			return
		}
		key := field(raw, known)
		if known == nil {
			key = "*"
		}
		d.ws()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			d.syntax("after object key")
			return
		}
		d.i++
		d.path = append(d.path, key)
		took := member(key)
		d.path = d.path[:len(d.path)-1]
		if d.err != nil {
			return
		}
		if !took {
			d.fail(keyAt, "unknown field "+strconv.Quote(string(raw)))
			return
		}
		d.ws()
		if d.i >= len(d.b) {
			d.syntax("")
			return
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.syntax("after object key:value pair")
			return
		}
	}
}

// array reads [v, ...]: elem decodes element i, done(n) keeps the first n, and null clears the
// field. As encoding/json does with a slice that already holds elements (a duplicate key),
// element i is decoded into the existing one.
func (d *jsonDecoder) array(elem func(i int), done func(n int), null func()) {
	d.ws()
	if d.err != nil {
		return
	}
	if d.null() {
		null()
		return
	}
	if d.i >= len(d.b) || d.b[d.i] != '[' {
		start := d.i
		d.value()
		d.typeErr(start, "an array")
		return
	}
	if d.depth++; d.depth > maxDepth {
		d.fail(d.i, "exceeded max depth")
		return
	}
	defer func() { d.depth-- }()
	d.i++
	d.ws()
	n := 0
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		done(0)
		return
	}
	for d.err == nil {
		elem(n)
		n++
		if d.err != nil {
			return
		}
		d.ws()
		if d.i >= len(d.b) {
			d.syntax("")
			return
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			done(n)
			return
		default:
			d.syntax("after array element")
			return
		}
	}
}

// slot returns element i of *s, growing it by a zero element when i is past its end.
func slot[T any](s *[]T, i int) *T {
	if i >= len(*s) {
		var zero T
		*s = append(*s, zero)
	}
	return &(*s)[i]
}

// keep cuts *s to n elements; an empty array is an empty, not a nil, slice.
func keep[T any](s *[]T, n int) {
	if *s == nil {
		*s = []T{}
	}
	*s = (*s)[:n]
}

// strField reads a string into dst; null leaves it.
func (d *jsonDecoder) strField(dst *string) {
	d.ws()
	if d.null() {
		return
	}
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		start := d.i
		d.value()
		d.typeErr(start, "a string")
		return
	}
	if s, ok := d.str(); ok {
		*dst = s
	}
}

func (d *jsonDecoder) boolField(dst *bool) {
	d.ws()
	switch {
	case d.null():
	case d.i+4 <= len(d.b) && string(d.b[d.i:d.i+4]) == "true":
		d.i += 4
		*dst = true
	case d.i+5 <= len(d.b) && string(d.b[d.i:d.i+5]) == "false":
		d.i += 5
		*dst = false
	default:
		start := d.i
		d.value()
		d.typeErr(start, "true or false")
	}
}

func (d *jsonDecoder) intField(dst *int) {
	d.ws()
	if d.null() {
		return
	}
	start := d.i
	if d.i >= len(d.b) || !(d.b[d.i] == '-' || d.b[d.i] >= '0' && d.b[d.i] <= '9') {
		d.value()
		d.typeErr(start, "a number")
		return
	}
	if !d.number() {
		return
	}
	n, err := strconv.ParseInt(string(d.b[start:d.i]), 10, 0)
	if err != nil {
		// A fraction, an exponent or an overflow: a number, but not a whole one that fits.
		if d.err == nil {
			d.err = newDecodeError("json", d.b, int64(start), strings.Join(d.path, "."), "must be a whole number, got number "+string(d.b[start:d.i]))
		}
		return
	}
	*dst = int(n)
}

// number scans a JSON number with the grammar's own rules.
func (d *jsonDecoder) number() bool {
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.b) && d.b[d.i] == '0':
		d.i++
	case d.i < len(d.b) && d.b[d.i] >= '1' && d.b[d.i] <= '9':
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
		}
	default:
		d.syntax("in numeric literal")
		return false
	}
	if d.i < len(d.b) && d.b[d.i] == '.' {
		d.i++
		if d.i >= len(d.b) || d.b[d.i] < '0' || d.b[d.i] > '9' {
			d.syntax("after decimal point in numeric literal")
			return false
		}
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
		}
	}
	if d.i < len(d.b) && (d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.i++
		if d.i < len(d.b) && (d.b[d.i] == '+' || d.b[d.i] == '-') {
			d.i++
		}
		if d.i >= len(d.b) || d.b[d.i] < '0' || d.b[d.i] > '9' {
			d.syntax("in exponent of numeric literal")
			return false
		}
		for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
			d.i++
		}
	}
	return true
}

// value skips any JSON value, checking its syntax.
func (d *jsonDecoder) value() {
	d.ws()
	if d.i >= len(d.b) {
		d.syntax("")
		return
	}
	switch c := d.b[d.i]; {
	case c == '{':
		d.object(nil, func(string) bool { d.value(); return true })
	case c == '[':
		d.array(func(int) { d.value() }, func(int) {}, func() {})
	case c == '"':
		d.str()
	case c == 't' && d.i+4 <= len(d.b) && string(d.b[d.i:d.i+4]) == "true":
		d.i += 4
	case c == 'f' && d.i+5 <= len(d.b) && string(d.b[d.i:d.i+5]) == "false":
		d.i += 5
	case d.null():
	case c == '-' || c >= '0' && c <= '9':
		d.number()
	default:
		d.syntax("looking for beginning of value")
	}
}

// rawStr reads a string literal as bytes: a view of the body when it holds no escapes.
func (d *jsonDecoder) rawStr() ([]byte, bool) {
	start := d.i + 1
	for j := start; j < len(d.b); j++ {
		c := d.b[j]
		if c == '"' {
			if !utf8.Valid(d.b[start:j]) {
				break
			}
			d.i = j + 1
			return d.b[start:j], true
		}
		if c == '\\' || c < 0x20 {
			break
		}
	}
	s, ok := d.str()
	return []byte(s), ok
}

// str reads a string literal, decoding escapes; invalid UTF-8 and lone surrogates become U+FFFD
// as in encoding/json.
func (d *jsonDecoder) str() (string, bool) {
	d.i++ // opening quote
	start := d.i
	// Fast path: no escapes, no control characters, valid ASCII or UTF-8.
	for d.i < len(d.b) {
		c := d.b[d.i]
		if c == '"' {
			s := d.b[start:d.i]
			if utf8.Valid(s) {
				d.i++
				return string(s), true
			}
			break
		}
		if c == '\\' || c < 0x20 {
			break
		}
		d.i++
	}
	// Slow path: keep what was scanned and decode the rest. An invalid UTF-8 sequence in the
	// scanned part sends the scan back to the start, where the loop below replaces it.
	var out []byte
	if utf8.Valid(d.b[start:d.i]) {
		out = append(make([]byte, 0, d.i-start+16), d.b[start:d.i]...)
	} else {
		d.i = start
	}
	for {
		if d.i >= len(d.b) {
			d.syntax("")
			return "", false
		}
		c := d.b[d.i]
		switch {
		case c == '"':
			d.i++
			return string(out), true
		case c < 0x20:
			d.syntax("in string literal")
			return "", false
		case c == '\\':
			d.i++
			if d.i >= len(d.b) {
				d.syntax("")
				return "", false
			}
			e := d.b[d.i]
			d.i++
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := d.hex4()
				if !ok {
					return "", false
				}
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if d.i+1 < len(d.b) && d.b[d.i] == '\\' && d.b[d.i+1] == 'u' {
						save := d.i
						d.i += 2
						if r2, ok = d.hex4(); !ok {
							return "", false
						}
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							out = utf8.AppendRune(out, dec)
							continue
						}
						d.i = save
					}
					r = utf8.RuneError
				}
				out = utf8.AppendRune(out, r)
			default:
				d.i--
				d.syntax("in string escape code")
				return "", false
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			d.i++
		default:
			r, size := utf8.DecodeRune(d.b[d.i:])
			d.i += size
			out = utf8.AppendRune(out, r)
		}
	}
}

func (d *jsonDecoder) hex4() (rune, bool) {
	if d.i+4 > len(d.b) {
		d.i = len(d.b)
		d.syntax("")
		return 0, false
	}
	var r rune
	for k := 0; k < 4; k++ {
		c := d.b[d.i]
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			d.syntax("in \\u hexadecimal character escape")
			return 0, false
		}
		d.i++
	}
	return r, true
}

func (d *jsonDecoder) organiser(o *Organiser) {
	d.object(keysOrganiser, func(key string) bool {
		switch key {
		case "name":
			d.strField(&o.Name)
		case "type":
			d.strField(&o.Type)
		case "emergencyContact":
			c := &o.EmergencyContact
			d.object(keysContact, func(key string) bool {
				switch key {
				case "name":
					d.strField(&c.Name)
				case "phone":
					d.strField(&c.Phone)
				case "email":
					d.strField(&c.Email)
				case "organisation":
					d.strField(&c.Organisation)
				default:
					return false
				}
				return true
			})
		default:
			return false
		}
		return true
	})
}

func (d *jsonDecoder) stop(s *Stop) {
	d.object(keysStop, func(key string) bool {
		switch key {
		case "airport":
			d.strField(&s.Airport)
		case "scheduled":
			d.strField(&s.Scheduled)
		default:
			return false
		}
		return true
	})
}

func (d *jsonDecoder) flight(f *Flight) {
	d.object(keysFlight, func(key string) bool {
		switch key {
		case "number":
			d.strField(&f.Number)
		case "direction":
			d.strField(&f.Direction)
		case "regime":
			d.strField(&f.Regime)
		case "operator":
			d.strField(&f.Operator)
		case "aircraftRegistration":
			d.strField(&f.AircraftRegistration)
		case "aircraftType":
			d.strField(&f.AircraftType)
		case "aircraftSerialNumber":
			d.strField(&f.AircraftSerialNumber)
		case "seatCapacity":
			d.intField(&f.SeatCapacity)
		case "departure":
			d.stop(&f.Departure)
		case "arrival":
			d.stop(&f.Arrival)
		case "priorStops":
			d.array(func(i int) { d.stop(slot(&f.PriorStops, i)) }, func(n int) { keep(&f.PriorStops, n) }, func() { f.PriorStops = nil })
		default:
			return false
		}
		return true
	})
}

func (d *jsonDecoder) person(p *Person) {
	d.object(keysPerson, func(key string) bool {
		switch key {
		case "ref":
			d.strField(&p.Ref)
		case "role":
			d.strField(&p.Role)
		case "surname":
			d.strField(&p.Surname)
		case "givenNames":
			d.strField(&p.GivenNames)
		case "dateOfBirth":
			d.strField(&p.DateOfBirth)
		case "sex":
			d.strField(&p.Sex)
		case "nationality":
			d.strField(&p.Nationality)
		case "residence":
			d.strField(&p.Residence)
		case "guardian":
			d.strField(&p.Guardian)
		case "lapInfant":
			d.boolField(&p.LapInfant)
		case "documents":
			d.array(func(i int) { d.document(slot(&p.Documents, i)) }, func(n int) { keep(&p.Documents, n) }, func() { p.Documents = nil })
		case "usAddress":
			d.ws()
			if d.null() {
				p.USAddress = nil
				return true
			}
			if p.USAddress == nil {
				p.USAddress = &Address{}
			}
			a := p.USAddress
			d.object(keysAddress, func(key string) bool {
				switch key {
				case "street":
					d.strField(&a.Street)
				case "city":
					d.strField(&a.City)
				case "state":
					d.strField(&a.State)
				case "postalCode":
					d.strField(&a.PostalCode)
				default:
					return false
				}
				return true
			})
		default:
			return false
		}
		return true
	})
}

func (d *jsonDecoder) document(doc *Document) {
	d.object(keysDocument, func(key string) bool {
		switch key {
		case "type":
			d.strField(&doc.Type)
		case "number":
			d.strField(&doc.Number)
		case "issuingState":
			d.strField(&doc.IssuingState)
		case "expiry":
			d.strField(&doc.Expiry)
		case "mrz":
			d.array(func(i int) { d.strField(slot(&doc.MRZ, i)) }, func(n int) { keep(&doc.MRZ, n) }, func() { doc.MRZ = nil })
		case "holder":
			d.strField(&doc.Holder)
		default:
			return false
		}
		return true
	})
}
