package paxlst

import (
	"errors"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// EncodeOptions set the envelope of an encoded interchange. The zero value is usable.
type EncodeOptions struct {
	Sender    string    // UNB interchange sender (0004); default "PAXSCREEN"
	Recipient string    // UNB interchange recipient (0010); default "APIS"
	Reference string    // UNB interchange control reference (0020), at most 14 characters; default "1"
	Prepared  time.Time // UNB date and time of preparation; zero means now
	Version   string    // message release: "D05B" (default) or "D02B"
	// Separators for the UNA service string advice; the zero value means DefaultSeparators. A
	// release character is required, since names and phone numbers contain separators.
	Separators Separators
	Groups     bool // wrap the messages in a UNG/UNE functional group, as some authorities ask
	LineBreaks bool // write a line feed after each segment, for people reading the file
}

// Document types of the manifest as written in DOC (1001), the inverse of docTypes.
var docCodes = map[string]string{"P": "P", "I": "I", "C": "AC", "R": "T", "T": "F", "L": "L", "": ""}

// Encode writes m as a PAXLST interchange (IATA profile): the crew (PIC and CREW) in a BGM+250
// crew list first, then the passengers (PAX and TRANSIT) in a BGM+745 passenger list, each
// message with its CNT total and UNT count; a manifest with only one kind of person makes one
// message. Encode refuses dates and times it cannot write and roles or document types PAXLST has
// no code for, rather than send something the receiver reads differently.
func Encode(m *manifest.Manifest, opts EncodeOptions) ([]byte, error) {
	sep := opts.Separators
	if sep == (Separators{}) {
		sep = DefaultSeparators
	}
	if msg := sep.check(); msg != "" {
		return nil, errors.New("paxlst: separators: " + msg)
	}
	if sep.Release == 0 || sep.Release == ' ' {
		return nil, errors.New("paxlst: separators: a release character is required")
	}
	version := opts.Version
	switch version {
	case "":
		version = "D05B"
	case "D05B", "D02B":
	default:
		return nil, fmt.Errorf("paxlst: version %q is not D05B or D02B", version)
	}
	ref := firstNonEmpty(opts.Reference, "1")
	if len(ref) > 14 {
		return nil, errors.New("paxlst: interchange reference is longer than 14 characters")
	}
	prepared := opts.Prepared
	if prepared.IsZero() {
		prepared = time.Now()
	}
	prepared = prepared.UTC()

	var crew, pax []int
	for i := range m.Persons {
		switch m.Persons[i].Role {
		case "PIC", "CREW":
			crew = append(crew, i)
		case "PAX", "TRANSIT":
			pax = append(pax, i)
		default:
			return nil, fmt.Errorf("paxlst: /persons/%d/role: %q has no PAXLST party code: PIC, CREW, PAX or TRANSIT", i, clip(m.Persons[i].Role))
		}
	}
	type list struct {
		code    string
		persons []int
	}
	var lists []list
	if len(crew) > 0 {
		lists = append(lists, list{"250", crew})
	}
	if len(pax) > 0 || len(crew) == 0 {
		lists = append(lists, list{"745", pax})
	}

	w := &writer{sep: sep, lineBreaks: opts.LineBreaks}
	w.b = append(w.b, "UNA"...)
	w.b = append(w.b, sep.Component, sep.Element, firstByte(sep.Decimal, '.'), sep.Release, firstByte(sep.Repetition, ' '), sep.Terminator)
	w.newline()
	date, clock := prepared.Format("060102"), prepared.Format("1504")
	sender, recipient := firstNonEmpty(opts.Sender, "PAXSCREEN"), firstNonEmpty(opts.Recipient, "APIS")
	syntaxAt := len(w.b) + 4
	w.seg("UNB", el("UNOB", "4"), el(sender), el(recipient), el(date, clock), el(ref))
	if opts.Groups {
		w.seg("UNG", el("PAXLST"), el(sender), el(recipient), el(date, clock), el("1"), el("UN"), el(version[:1], version[1:]))
	}
	for n, l := range lists {
		if err := w.message(m, strconv.Itoa(n+1), version, l.code, l.persons); err != nil {
			return nil, err
		}
	}
	if opts.Groups {
		w.seg("UNE", el(strconv.Itoa(len(lists))), el("1"))
		w.seg("UNZ", el("1"), el(ref))
	} else {
		w.seg("UNZ", el(strconv.Itoa(len(lists))), el(ref))
	}
	if w.err != nil {
		return nil, w.err
	}
	if !ascii(w.b) {
		// UTF-8 (ISO 10646) instead of ASCII: names keep their diacritics, which are evidence.
		copy(w.b[syntaxAt:], "UNOY")
	}
	return w.b, nil
}

type writer struct {
	b          []byte
	sep        Separators
	lineBreaks bool
	count      int // segments since UNH
	err        error
}

func el(components ...string) []string { return components }

func firstByte(b, def byte) byte {
	if b == 0 {
		return def
	}
	return b
}

func (w *writer) newline() {
	if w.lineBreaks && w.sep.Terminator != '\n' {
		w.b = append(w.b, '\n')
	}
}

// seg writes one segment, leaving out trailing empty components and elements as ISO 9735
// requires, and releasing every service character in the data.
func (w *writer) seg(tag string, elems ...[]string) {
	start := len(w.b)
	w.b = append(w.b, tag...)
	last := len(elems) - 1
	for last >= 0 && allEmpty(elems[last]) {
		last--
	}
	for _, e := range elems[:last+1] {
		w.b = append(w.b, w.sep.Element)
		n := len(e) - 1
		for n >= 0 && e[n] == "" {
			n--
		}
		for j, c := range e[:n+1] {
			if j > 0 {
				w.b = append(w.b, w.sep.Component)
			}
			w.value(c)
		}
	}
	w.b = append(w.b, w.sep.Terminator)
	if len(w.b)-start > MaxSegmentBytes && w.err == nil {
		w.err = fmt.Errorf("paxlst: a %s segment would be longer than %d bytes", tag, MaxSegmentBytes)
	}
	w.count++
	w.newline()
}

func (w *writer) value(v string) {
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\r' || c == '\n':
			// Line breaks are not data in PAXLST (readers drop them); a space keeps words apart.
			c = ' '
		case c == w.sep.Component || c == w.sep.Element || c == w.sep.Release || c == w.sep.Terminator ||
			(w.sep.Repetition != ' ' && w.sep.Repetition != 0 && c == w.sep.Repetition):
			w.b = append(w.b, w.sep.Release)
		}
		w.b = append(w.b, c)
	}
}

func allEmpty(e []string) bool {
	for _, c := range e {
		if c != "" {
			return false
		}
	}
	return true
}

func (w *writer) message(m *manifest.Manifest, ref, version, list string, persons []int) error {
	w.count = 0
	w.seg("UNH", el(ref), el("PAXLST", version[:1], version[1:], "UN", "IATA"))
	w.seg("BGM", el(list))
	o := &m.Organiser
	w.seg("NAD", el("MS"), nil, nil, el(o.Name))
	// CTA is written even without a name: a reporting party without CTA is read as the
	// contact itself, and a manifest must come back as it went.
	w.seg("CTA", el("IC"), el("", o.EmergencyContact.Name))
	var com [][]string
	if o.EmergencyContact.Phone != "" {
		com = append(com, el(o.EmergencyContact.Phone, "TE"))
	}
	if o.EmergencyContact.Email != "" {
		com = append(com, el(o.EmergencyContact.Email, "EM"))
	}
	if len(com) > 0 {
		w.seg("COM", com...)
	}
	f := &m.Flight
	w.seg("TDT", el("20"), el(f.Number), nil, nil, el("", "", "", f.Operator), nil, nil, el(f.AircraftRegistration))
	for i, s := range f.PriorStops {
		if err := w.stop("92", "189", s, fmt.Sprintf("/flight/priorStops/%d", i)); err != nil {
			return err
		}
	}
	if err := w.stop("125", "189", f.Departure, "/flight/departure"); err != nil {
		return err
	}
	if err := w.stop("87", "232", f.Arrival, "/flight/arrival"); err != nil {
		return err
	}
	for _, i := range persons {
		if err := w.person(i, &m.Persons[i]); err != nil {
			return err
		}
	}
	if list == "250" {
		w.seg("CNT", el("41", strconv.Itoa(len(persons))))
	} else {
		w.seg("CNT", el("42", strconv.Itoa(len(persons))))
	}
	w.seg("UNT", el(strconv.Itoa(w.count+1)), el(ref))
	return nil
}

func (w *writer) stop(loc, dtm string, s manifest.Stop, path string) error {
	w.seg("LOC", el(loc), el(s.Airport))
	if s.Scheduled == "" {
		return nil
	}
	t, ok := manifest.ParseTime(s.Scheduled)
	if !ok {
		return fmt.Errorf("paxlst: %s/scheduled: not an RFC 3339 time", path)
	}
	w.seg("DTM", el(dtm, t.Format("200601021504"), fmtCCYYMMDDHHMM))
	return nil
}

func (w *writer) person(i int, p *manifest.Person) error {
	path := "/persons/" + strconv.Itoa(i)
	qual := map[string]string{"PIC": "FM", "CREW": "FM", "PAX": "FL", "TRANSIT": "DDU"}[p.Role]
	name := el(p.Surname, p.GivenNames)
	if a := p.USAddress; a != nil && *a != (manifest.Address{}) {
		w.seg("NAD", el(qual), nil, nil, name, el(a.Street), el(a.City), el(a.State), el(a.PostalCode), el("USA"))
	} else {
		w.seg("NAD", el(qual), nil, nil, name)
	}
	if p.Sex != "" {
		sex := p.Sex
		if sex == "X" {
			sex = "U" // the IATA profile's code for unspecified
		}
		w.seg("ATT", el("2"), nil, el(sex))
	}
	if p.DateOfBirth != "" {
		d, ok := manifest.ParseDate(p.DateOfBirth, true)
		if !ok {
			return fmt.Errorf("paxlst: %s/dateOfBirth: not YYYY-MM-DD, YYYY-MM or YYYY", path)
		}
		switch d.Precision {
		case manifest.Day:
			w.seg("DTM", el("329", fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day), fmtCCYYMMDD))
		case manifest.Month:
			w.seg("DTM", el("329", fmt.Sprintf("%04d%02d", d.Year, d.Month), fmtCCYYMM))
		default:
			w.seg("DTM", el("329", fmt.Sprintf("%04d", d.Year), fmtCCYY))
		}
	}
	if p.Guardian != "" {
		w.seg("FTX", el("ACB"), nil, el("GUARDIAN"), el(p.Guardian))
	}
	if p.LapInfant {
		w.seg("FTX", el("ACB"), nil, el("LAPINFANT"))
	}
	if p.Residence != "" {
		w.seg("LOC", el("174"), el(p.Residence))
	}
	if p.Role == "PIC" {
		w.seg("EMP", el("1"), el("CR1", "110", "111"), el("PIC"))
	}
	if p.Nationality != "" {
		w.seg("NAT", el("2"), el(p.Nationality))
	}
	if p.Ref != "" {
		w.seg("RFF", el("ABO", p.Ref))
	}
	for j := range p.Documents {
		doc := &p.Documents[j]
		dpath := fmt.Sprintf("%s/documents/%d", path, j)
		code, ok := docCodes[doc.Type]
		if !ok {
			return fmt.Errorf("paxlst: %s/type: %q has no PAXLST document code", dpath, clip(doc.Type))
		}
		w.seg("DOC", el(code, "110", "111"), el(doc.Number))
		if doc.Expiry != "" {
			d, ok := manifest.ParseDate(doc.Expiry, false)
			if !ok {
				return fmt.Errorf("paxlst: %s/expiry: not YYYY-MM-DD", dpath)
			}
			w.seg("DTM", el("36", fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day), fmtCCYYMMDD))
		}
		if doc.IssuingState != "" {
			w.seg("LOC", el("91"), el(doc.IssuingState))
		}
		if doc.Holder != "" {
			w.seg("FTX", el("ACB"), nil, el("DOCHOLDER"), el(doc.Holder))
		}
	}
	return nil
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
