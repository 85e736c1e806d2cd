package watchlist

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// MaxCSVRow bounds one CSV line. The longest SDN row is about 1 KB.
const MaxCSVRow = 64 << 10

// ErrRowTooLong is returned for a CSV line longer than MaxCSVRow.
var ErrRowTooLong = errors.New("watchlist: CSV row too long")

// csvRows calls fn for each record of an OFAC legacy CSV file. The files
// have no header; each record is one physical line, and the last line may
// carry a DOS end-of-file byte (0x1A).
func csvRows(r io.Reader, minFields int, fn func(rec []string) error) error {
	br := bufio.NewReaderSize(io.LimitReader(r, MaxListBytes), 64<<10)
	line := 0
	for {
		b, err := readLine(br)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		line++
		b = bytes.TrimRight(b, "\r\x1a \t")
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		cr := csv.NewReader(bytes.NewReader(b))
		cr.LazyQuotes = true
		cr.FieldsPerRecord = -1
		rec, err := cr.Read()
		if err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if len(rec) < minFields {
			return fmt.Errorf("line %d: %d fields, want at least %d", line, len(rec), minFields)
		}
		for i := range rec {
			rec[i] = ofacField(rec[i])
		}
		if err := fn(rec); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
	}
}

// readLine reads one line without its newline, refusing lines longer than
// MaxCSVRow.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if len(line)+len(frag) > MaxCSVRow+1 {
			return nil, ErrRowTooLong
		}
		line = append(line, frag...)
		switch err {
		case nil:
			return bytes.TrimSuffix(line, []byte("\n")), nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if len(line) == 0 {
				return nil, io.EOF
			}
			return line, nil
		default:
			return nil, err
		}
	}
}

// ofacField trims a field and turns the legacy empty marker "-0-" into "".
func ofacField(s string) string {
	s = strings.TrimSpace(s)
	if s == "-0-" {
		return ""
	}
	return s
}

// ParseOFACDir reads sdn.csv, alt.csv and add.csv from dir. alt.csv and
// add.csv may be missing; sdn.csv may not.
func ParseOFACDir(dir string) ([]Entry, error) {
	sdn, err := os.Open(filepath.Join(dir, "sdn.csv"))
	if err != nil {
		return nil, err
	}
	defer sdn.Close()
	var alt, add io.Reader
	if f, err := os.Open(filepath.Join(dir, "alt.csv")); err == nil {
		defer f.Close()
		alt = f
	}
	if f, err := os.Open(filepath.Join(dir, "add.csv")); err == nil {
		defer f.Close()
		add = f
	}
	return ParseOFAC(sdn, alt, add)
}

// ParseOFAC reads the OFAC SDN legacy CSV set: sdn.csv (primary records),
// alt.csv (aliases) and add.csv (addresses). alt and add may be nil. Dates of
// birth, nationalities, citizenships, identity documents and weak aliases
// come from the remarks of sdn.csv.
func ParseOFAC(sdn, alt, add io.Reader) ([]Entry, error) {
	var out []Entry
	byID := map[string]int{}
	err := csvRows(sdn, 12, func(rec []string) error {
		id := rec[0]
		if id == "" || rec[1] == "" {
			return errors.New("record without ent_num or name")
		}
		if _, dup := byID[id]; dup {
			return fmt.Errorf("duplicate ent_num %s", id)
		}
		e := Entry{ID: id, Source: SourceOFAC, Kind: Entity}
		switch strings.ToLower(rec[2]) {
		case "individual":
			e.Kind = Individual
		case "vessel":
			e.Kind = Vessel
		case "aircraft":
			e.Kind = Aircraft
		}
		e.Names = []Name{{Full: rec[1], Quality: Primary}}
		if rec[3] != "" {
			e.Programs = strings.Fields(strings.NewReplacer("]", " ", "[", " ").Replace(rec[3]))
		}
		ofacRemarks(&e, rec[11])
		if e.Kind == Aircraft {
			e.Aircraft = ofacAircraft(rec[1], rec[11])
		}
		byID[id] = len(out)
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("watchlist: sdn.csv: %w", err)
	}
	if len(out) == 0 {
		return nil, errors.New("watchlist: sdn.csv: no records")
	}
	if alt != nil {
		err := csvRows(alt, 4, func(rec []string) error {
			i, ok := byID[rec[0]]
			if !ok || rec[3] == "" {
				return nil // an alias of a delisted record: nothing to attach to
			}
			// alt.csv holds OFAC's strong aliases (aka, fka, nka).
			out[i].Names = appendAlias(out[i].Names, rec[3], "")
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("watchlist: alt.csv: %w", err)
		}
	}
	if add != nil {
		// Addresses are not identity evidence for a passenger; the file is
		// read so that a malformed one is reported, not silently ignored.
		if err := csvRows(add, 3, func([]string) error { return nil }); err != nil {
			return nil, fmt.Errorf("watchlist: add.csv: %w", err)
		}
	}
	return out, nil
}

// docPrefixes are the remark labels of identity documents on individuals.
var docPrefixes = []string{
	"Passport", "National ID No.", "Cedula No.", "Identification Number", "SSN",
	"D.N.I.", "Personal ID Card", "Residency Number", "National Foreign ID Number",
	"Driver's License No.", "Tax ID No.", "C.U.R.P.", "Citizen's Card Number",
	"Kenyan ID No.", "Birth Certificate Number", "Diplomatic Passport", "Refugee ID Card",
	"Moroccan Personal ID No.", "Registration ID", "Electoral Registry No.", "NIT #",
	"Travel Document Number", "Stateless Person ID Card", "Matricula Mercantil No",
}

// ofacRemarks reads the "; "-separated remarks of an SDN record.
func ofacRemarks(e *Entry, remarks string) {
	for _, part := range strings.Split(remarks, ";") {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "."))
		part = strings.TrimPrefix(part, "alt. ")
		switch {
		case strings.HasPrefix(part, "DOB "):
			if d, ok := ofacDOB(part[4:]); ok {
				e.DatesOfBirth = append(e.DatesOfBirth, d)
			}
		case strings.HasPrefix(part, "nationality "), strings.HasPrefix(part, "citizen "):
			c := part[strings.IndexByte(part, ' ')+1:]
			if code := CountryCode(c); code != "" {
				e.Nationalities = appendUnique(e.Nationalities, code)
			}
		case strings.HasPrefix(part, "a.k.a. "):
			// Quoted a.k.a. in the remarks are OFAC's weak aliases.
			rest := part[len("a.k.a. "):]
			for _, q := range strings.Split(rest, "a.k.a.") {
				q = strings.Trim(strings.TrimSpace(q), "'\",")
				e.Names = appendAlias(e.Names, q, "Low")
			}
		default:
			for _, p := range docPrefixes {
				if strings.HasPrefix(part, p+" ") {
					if d, ok := ofacDocument(p, part[len(p)+1:]); ok {
						e.Documents = append(e.Documents, d)
					}
					break
				}
			}
		}
	}
}

// ofacDocument reads "NUMBER (Country)" with optional trailing words.
func ofacDocument(typ, s string) (Document, bool) {
	s = strings.TrimSpace(s)
	country := ""
	if i := strings.IndexByte(s, '('); i >= 0 {
		if j := strings.IndexByte(s[i:], ')'); j > 0 {
			country = CountryCode(s[i+1 : i+j])
		}
		s = strings.TrimSpace(s[:i])
	}
	if s == "" || len(s) > 64 {
		return Document{}, false
	}
	if f := strings.Fields(s); len(f) > 0 && len(f) <= 3 {
		return Document{Type: typ, Number: s, Country: country}, true
	}
	return Document{}, false
}

var months = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

// ofacDOB reads the OFAC remark forms: "10 Dec 1948", "Dec 1948", "1948",
// "circa 1948", "1948 to 1950", "01 Jan 1948 to 31 Dec 1950".
func ofacDOB(s string) (DOB, bool) {
	s = strings.TrimSpace(s)
	circa := false
	if strings.HasPrefix(s, "circa ") {
		circa, s = true, strings.TrimSpace(s[len("circa "):])
	}
	if from, to, ok := strings.Cut(s, " to "); ok {
		a, ok1 := ofacDate(from)
		b, ok2 := ofacDate(to)
		if !ok1 || !ok2 {
			return DOB{}, false
		}
		if a.Year == b.Year && a.Month == b.Month && a.Day == b.Day {
			return a, a.valid()
		}
		d := DOB{Year: a.Year, Circa: circa}
		if b.Year > a.Year {
			d.YearTo = b.Year
		} else if a.Month > 0 && a.Month == b.Month {
			d.Month = a.Month
		}
		return d, d.valid()
	}
	d, ok := ofacDate(s)
	d.Circa = circa
	return d, ok && d.valid()
}

func ofacDate(s string) (DOB, bool) {
	f := strings.Fields(s)
	var d DOB
	var err error
	switch len(f) {
	case 1:
		d.Year, err = strconv.Atoi(f[0])
	case 2:
		d.Month = months[strings.ToLower(f[0])]
		d.Year, err = strconv.Atoi(f[1])
	case 3:
		d.Day, _ = strconv.Atoi(f[0])
		d.Month = months[strings.ToLower(f[1])]
		d.Year, err = strconv.Atoi(f[2])
	default:
		return DOB{}, false
	}
	if err != nil || (len(f) > 1 && d.Month == 0) || (len(f) == 3 && (d.Day < 1 || d.Day > 31)) {
		return DOB{}, false
	}
	return d, d.valid()
}
