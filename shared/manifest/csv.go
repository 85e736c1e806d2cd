package manifest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// CSV layout: optional leading lines "#key: value" carry the organiser and flight fields, then a
// header row names the person columns, then one row per person with at most one document each.
// Column and key names are matched without regard to case, spaces, underscores or hyphens, so
// "Given Names", "given_names" and "givenNames" are the same column.

type personField func(p *Person, v string) error

var personColumns = map[string]personField{
	"ref":        func(p *Person, v string) error { p.Ref = v; return nil },
	"role":       func(p *Person, v string) error { p.Role = v; return nil },
	"surname":    func(p *Person, v string) error { p.Surname = v; return nil },
	"givennames": func(p *Person, v string) error { p.GivenNames = v; return nil },
	"dateofbirth": func(p *Person, v string) error {
		p.DateOfBirth = dateCell(v)
		return nil
	},
	"sex":         func(p *Person, v string) error { p.Sex = v; return nil },
	"nationality": func(p *Person, v string) error { p.Nationality = v; return nil },
	"residence":   func(p *Person, v string) error { p.Residence = v; return nil },
	"guardian":    func(p *Person, v string) error { p.Guardian = v; return nil },
	"lapinfant": func(p *Person, v string) error {
		b, err := parseCSVBool(v)
		p.LapInfant = b
		return err
	},
	"documenttype":         func(p *Person, v string) error { docField(p, v).Type = v; return nil },
	"documentnumber":       func(p *Person, v string) error { docField(p, v).Number = v; return nil },
	"documentissuingstate": func(p *Person, v string) error { docField(p, v).IssuingState = v; return nil },
	"documentexpiry":       func(p *Person, v string) error { docField(p, v).Expiry = dateCell(v); return nil },
	"documentholder":       func(p *Person, v string) error { setHolder(p, v); return nil },
	"mrz1":                 func(p *Person, v string) error { return setMRZ(p, 0, v) },
	"mrz2":                 func(p *Person, v string) error { return setMRZ(p, 1, v) },
	"mrz3":                 func(p *Person, v string) error { return setMRZ(p, 2, v) },
	"usstreet":             func(p *Person, v string) error { addr(p).Street = v; return nil },
	"uscity":               func(p *Person, v string) error { addr(p).City = v; return nil },
	"usstate":              func(p *Person, v string) error { addr(p).State = v; return nil },
	"uspostalcode":         func(p *Person, v string) error { addr(p).PostalCode = v; return nil },
}

// Spreadsheet users write the short forms as often as the long ones.
var columnAliases = map[string]string{
	"givenname":       "givennames",
	"firstnames":      "givennames",
	"firstname":       "givennames",
	"lastname":        "surname",
	"familyname":      "surname",
	"dob":             "dateofbirth",
	"birthdate":       "dateofbirth",
	"gender":          "sex",
	"doctype":         "documenttype",
	"docnumber":       "documentnumber",
	"passportnumber":  "documentnumber",
	"docissuingstate": "documentissuingstate",
	"issuingstate":    "documentissuingstate",
	"docexpiry":       "documentexpiry",
	"expiry":          "documentexpiry",
	"expirydate":      "documentexpiry",
	"holder":          "documentholder",
	"docholder":       "documentholder",
}

// FlightKeys are the names accepted for organiser and flight fields in "#key: value" lines and in
// query parameters.
var FlightKeys = []string{
	"organiserName", "organiserType", "contactName", "contactPhone", "contactEmail", "contactOrganisation",
	"flightNumber", "direction", "regime", "operator", "aircraftRegistration", "aircraftType", "aircraftSerialNumber",
	"seatCapacity", "departureAirport", "departureTime", "arrivalAirport", "arrivalTime", "priorStops",
}

func doc(p *Person) *Document {
	if len(p.Documents) == 0 {
		p.Documents = append(p.Documents, Document{})
	}
	return &p.Documents[0]
}

// docField is the row's document for a non-empty cell; an empty cell writes into a scratch
// document, so that a row whose document columns are all empty is a person without a document
// (which evacuation regimes accept as a finding) rather than one with an empty document.
func docField(p *Person, v string) *Document {
	if v == "" && len(p.Documents) == 0 {
		return &Document{}
	}
	return doc(p)
}

// setHolder leaves an empty cell without creating a document: a row with no document columns
// filled stays a person without a document.
func setHolder(p *Person, v string) {
	if v != "" {
		doc(p).Holder = v
	}
}

func addr(p *Person) *Address {
	if p.USAddress == nil {
		p.USAddress = &Address{}
	}
	return p.USAddress
}

func setMRZ(p *Person, i int, v string) error {
	if v == "" {
		return nil
	}
	d := doc(p)
	for len(d.MRZ) <= i {
		d.MRZ = append(d.MRZ, "")
	}
	d.MRZ[i] = v
	return nil
}

// dateCell reads a date cell that a spreadsheet exported with the time of day its date cells
// hold, midnight: "1979-03-14 00:00:00" or "1979-03-14T00:00" is the date 1979-03-14. Any other
// time is left in place for validation to refuse, since a date with a time is no date of birth.
func dateCell(v string) string {
	if len(v) <= 10 || v[4] != '-' || v[7] != '-' || (v[10] != ' ' && v[10] != 'T') {
		return v
	}
	switch strings.TrimSuffix(v[11:], "Z") {
	case "00:00", "00:00:00", "00:00:00.000":
		return v[:10]
	}
	return v
}

func parseCSVBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "", "0", "false", "no", "n":
		return false, nil
	case "1", "true", "yes", "y", "x":
		return true, nil
	}
	return false, errors.New("must be yes or no")
}

// FoldKey folds a column or parameter name the way people write it in spreadsheets and query
// strings: case, spaces, underscores, hyphens and dots do not count, so "Date of birth",
// "date_of_birth" and "dateOfBirth" are the same key. Every decoder that takes named fields
// (CSV columns and flight lines, PAXLST parameters) folds with it, so one name means one field
// in every format.
func FoldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ' || r == '_' || r == '-' || r == '.':
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// canonicalKey is a CSV column's folded name, with its aliases resolved.
func canonicalKey(s string) string {
	k := FoldKey(s)
	if a, ok := columnAliases[k]; ok {
		return a
	}
	return k
}

// DecodeCSV reads a spreadsheet export: UTF-8 with or without a byte-order mark, or UTF-16 with
// one (CSVText), separated by commas, semicolons or tabs. params supplies flight fields (query
// parameters); a "#key: value" line in the body wins over a parameter of the same key, since it
// travelled with the data.
func DecodeCSV(body []byte, params map[string]string) (*Manifest, error) {
	text, err := CSVText(body, "")
	if err != nil {
		return nil, err
	}
	m, err := decodeCSV(text, params)
	var de *DecodeError
	if utf16BOM(body) && errors.As(err, &de) && de.Offset >= 0 && de.Offset <= int64(len(text)) {
		// A UTF-16 body was read as UTF-8: the offset goes back to the body's bytes, two per
		// UTF-16 code unit after the byte order mark; line and column count characters alike.
		de.Offset = min(int64(len(body)), 2+2*int64(len(utf16.Encode([]rune(string(text[:de.Offset]))))))
	}
	return m, err
}

func decodeCSV(body []byte, params map[string]string) (*Manifest, error) {
	m := &Manifest{}
	flight := map[string]string{}
	for k, v := range params {
		flight[canonicalKey(k)] = v
	}

	// Leading comment lines carry the flight; they end at the header row, whose separator is
	// the file's.
	type flightLine struct{ offset, end int }
	var lines []flightLine
	offset := 0
	line := 1
	for offset < len(body) && isFlightLine(body[offset:]) {
		end := bytes.IndexByte(body[offset:], '\n')
		if end < 0 {
			end = len(body) - offset
		}
		lines = append(lines, flightLine{offset, offset + end})
		offset += end + 1
		line++
	}
	rest := body[min(offset, len(body)):]
	sep := detectSeparator(rest)
	lineOf := map[string]int{}
	for _, fl := range lines {
		key, value, err := flightCells(strings.TrimRight(string(body[fl.offset:fl.end]), "\r"), sep)
		if err != "" {
			return nil, NewDecodeError("csv", body, int64(fl.offset), "", err)
		}
		flight[canonicalKey(key)] = value
		lineOf[canonicalKey(key)] = fl.offset
	}
	// A flight field's error points at its #key line; one from a query parameter has no place
	// in the body and names the field only.
	place := func(key, field, msg string) error {
		if off, ok := lineOf[key]; ok {
			return NewDecodeError("csv", body, int64(off), field, msg)
		}
		return &DecodeError{Format: "csv", Line: 1, Column: 1, Field: field, Msg: msg}
	}
	if err := applyFlight(m, flight, place); err != nil {
		return nil, err
	}

	r := csv.NewReader(bytes.NewReader(rest))
	r.Comma = sep
	r.ReuseRecord = true
	// Files written by hand or by scripts put a space after the separator ("Doe, \"Jane\""):
	// every value is trimmed anyway, and this lets such a quoted cell read. Not with tabs, which
	// encoding/csv would then take for leading space and so merge empty cells.
	r.TrimLeadingSpace = sep != '\t'
	header, err := r.Read()
	if err == io.EOF {
		return nil, NewDecodeError("csv", body, int64(offset), "", "no header row: expected a row naming the person columns")
	}
	base := line - 1 // lines before the header, which the csv reader does not see
	if err != nil {
		return nil, csvError(body, offset, base, err)
	}
	// ReuseRecord lets the next Read overwrite this slice; the header names fields in errors
	// about later rows, so it is kept apart.
	header = slices.Clone(header)
	setters := make([]personField, len(header))
	var unknown []string
	seen := map[string]bool{}
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			// Spreadsheets write a separator for every cell of the used range, so a sheet
			// whose formatting reaches past the last column exports empty header cells. Such
			// a column is no field; a value under it is refused row by row below.
			continue
		}
		k := canonicalKey(strings.TrimSpace(h))
		f, ok := personColumns[k]
		if !ok {
			unknown = append(unknown, strconv.Quote(h))
			continue
		}
		if seen[k] {
			return nil, &DecodeError{Format: "csv", Line: line, Column: i + 1, Offset: int64(offset), Field: h, Msg: "column appears twice"}
		}
		seen[k] = true
		setters[i] = f
	}
	if len(unknown) > 0 {
		// Refused rather than ignored: a column we dropped would be data the submitter believes we have.
		return nil, &DecodeError{Format: "csv", Line: line, Column: 1, Offset: int64(offset),
			Msg: fmt.Sprintf("unknown columns %s; known columns are %s", strings.Join(unknown, ", "), strings.Join(knownColumns(), ", "))}
	}
	// One person a line at most: sized once, where growing the slice of large Person values
	// was a tenth of decoding a 500-person file.
	m.Persons = make([]Person, 0, bytes.Count(rest, []byte{'\n'}))
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(body, offset, base, err)
		}
		if blankRecord(rec) {
			continue
		}
		var p Person
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if setters[i] == nil {
				if v != "" {
					recLine, _ := r.FieldPos(i)
					return nil, &DecodeError{Format: "csv", Line: recLine + base, Column: i + 1, Offset: int64(offset) + r.InputOffset(),
						Msg: fmt.Sprintf("field %d has a value but its column has no name in the header row: name the column or empty it", i+1)}
				}
				continue
			}
			if err := setters[i](&p, v); err != nil {
				recLine, _ := r.FieldPos(i)
				return nil, &DecodeError{Format: "csv", Line: recLine + base, Column: i + 1, Offset: int64(offset) + r.InputOffset(), Field: header[i], Msg: err.Error()}
			}
		}
		m.Persons = append(m.Persons, p)
	}
	return m, nil
}

func knownColumns() []string {
	cols := make([]string, 0, len(personColumns))
	for k := range personColumns {
		cols = append(cols, k)
	}
	sort.Strings(cols)
	return cols
}

func blankRecord(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// detectSeparator picks the separator the header row uses most outside quotes: ',' as RFC 4180
// has it, ';' as spreadsheets in locales with a decimal comma export, or a tab as their "Text
// (Tab delimited)" and "Unicode Text" exports do. A tie goes to the comma.
func detectSeparator(b []byte) rune {
	var n [3]int // commas, semicolons, tabs
	quoted := false
	pick := func() rune {
		switch {
		case n[2] > n[0] && n[2] > n[1]:
			return '\t'
		case n[1] > n[0]:
			return ';'
		}
		return ','
	}
	for _, c := range b {
		switch c {
		case '"':
			quoted = !quoted
		case ',', ';', '\t':
			if !quoted {
				n[strings.IndexByte(",;\t", c)]++
			}
		case '\n':
			if !quoted {
				return pick()
			}
		}
	}
	return pick()
}

// isFlightLine says whether a line is a "#key: value" flight line: it starts with '#', or with a
// quoted cell that does, as a spreadsheet writes a cell holding the separator or a quote.
func isFlightLine(b []byte) bool {
	return len(b) > 0 && b[0] == '#' || len(b) > 1 && b[0] == '"' && b[1] == '#'
}

// flightCells reads a flight line as the row of a spreadsheet it often comes from: "#key: value"
// in the first cell, or "#key" (or "#key:") there and the value in the next, every other cell
// empty. A spreadsheet pads the row with separators to the width of the sheet, and quotes a
// cell that holds the separator; paxscreen's own export writes the line raw, and a raw line
// whose value holds the separator ("#organiserName: Relief, Inc." in a comma-separated file)
// is read whole as before. It returns the key and value, or what is wrong.
func flightCells(text string, sep rune) (key, value, problem string) {
	const form = `flight line must be "#key: value", or "#key" with the value in the next cell`
	if text[0] == '#' {
		// A raw line: only a trailing run of separators, the spreadsheet's padding, is not data.
		cells := strings.TrimRight(text, string(sep)+" ")
		k, v, ok := strings.Cut(cells[1:], ":")
		if ok && !strings.ContainsRune(k, sep) {
			v = strings.TrimSpace(v)
			if next, cut := strings.CutPrefix(v, string(sep)); cut && !strings.ContainsRune(next, sep) {
				v = strings.TrimSpace(next) // "#key:" in one cell, the value in the next
			}
			return strings.TrimSpace(k), v, ""
		}
		// "#key" then the value in the next cell.
		first, next, found := strings.Cut(cells[1:], string(sep))
		if !found || strings.ContainsRune(next, sep) {
			return "", "", form
		}
		return strings.TrimSpace(first), strings.TrimSpace(next), ""
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	rec, err := r.Read()
	if err != nil {
		return "", "", form + ": " + err.Error()
	}
	var cells []string
	for i, c := range rec {
		if c = strings.TrimSpace(c); c != "" || i == 0 {
			cells = append(cells, c)
		}
	}
	k, v, ok := strings.Cut(cells[0][1:], ":")
	switch {
	case len(cells) == 1 && ok:
		return strings.TrimSpace(k), strings.TrimSpace(v), ""
	case len(cells) == 2 && (!ok || strings.TrimSpace(v) == ""):
		return strings.TrimSpace(k), cells[1], ""
	}
	return "", "", form
}

func csvError(body []byte, offset, linesBefore int, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields: every row must have as many fields as the header"
		}
		return &DecodeError{Format: "csv", Line: pe.Line + linesBefore, Column: pe.Column, Offset: int64(offset), Msg: msg}
	}
	return NewDecodeError("csv", body, int64(offset), "", err.Error())
}

// applyFlight sets the organiser and flight from their folded keys; place makes the error for
// the field a key holds, where that key came from.
func applyFlight(m *Manifest, kv map[string]string, place func(key, field, msg string) error) error {
	known := map[string]bool{}
	for _, k := range FlightKeys {
		known[canonicalKey(k)] = true
	}
	var unknown []string
	for k := range kv {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return place(unknown[0], "", fmt.Sprintf("unknown flight fields %s; known fields are %s", strings.Join(unknown, ", "), strings.Join(FlightKeys, ", ")))
	}
	get := func(k string) string { return kv[strings.ToLower(k)] }
	m.Organiser.Name = get("organiserName")
	m.Organiser.Type = get("organiserType")
	m.Organiser.EmergencyContact = Contact{Name: get("contactName"), Phone: get("contactPhone"), Email: get("contactEmail"), Organisation: get("contactOrganisation")}
	f := &m.Flight
	f.Number = get("flightNumber")
	f.Direction = get("direction")
	f.Regime = get("regime")
	f.Operator = get("operator")
	f.AircraftRegistration = get("aircraftRegistration")
	f.AircraftSerialNumber = get("aircraftSerialNumber")
	f.AircraftType = get("aircraftType")
	if s := get("seatCapacity"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return place(canonicalKey("seatCapacity"), "seatCapacity", "must be a whole number")
		}
		f.SeatCapacity = n
	}
	f.Departure = Stop{Airport: get("departureAirport"), Scheduled: get("departureTime")}
	f.Arrival = Stop{Airport: get("arrivalAirport"), Scheduled: get("arrivalTime")}
	// priorStops: "EDDF@2026-12-01T08:00:00Z LTAG" — airports separated by spaces or commas, each
	// with an optional @time of departure from it.
	for _, s := range strings.FieldsFunc(get("priorStops"), func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		ap, at, _ := strings.Cut(s, "@")
		f.PriorStops = append(f.PriorStops, Stop{Airport: ap, Scheduled: at})
	}
	return nil
}
