package paxlst

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// Finding codes of the PAXLST format, returned by Decode beside the manifest. They are part of
// the API like the manifest's codes.
const (
	CodeCountMismatch     = "PAXLST_COUNT_MISMATCH"
	CodeReferenceMismatch = "PAXLST_REFERENCE_MISMATCH"
	CodeUnknownSegment    = "PAXLST_UNKNOWN_SEGMENT"
	CodeInvalid           = "PAXLST_INVALID"
)

// PICParam is the one parameter Decode accepts beyond manifest.FlightKeys: the ref (RFF+ABO) of
// the crew member who is pilot in command, or their 1-based position in the manifest, for
// messages that do not mark the PIC themselves.
const PICParam = "pic"

// Segments of the PAXLST message (D02B/D05B) and its envelope. Those the mapping does not read
// are accepted silently; any other tag is reported as unknown.
var knownTags = map[string]bool{
	"UNA": true, "UNB": true, "UNG": true, "UNH": true, "BGM": true, "RFF": true, "DTM": true,
	"LOC": true, "NAD": true, "CTA": true, "COM": true, "TDT": true, "ATT": true, "MEA": true,
	"GEI": true, "GIS": true, "FTX": true, "EMP": true, "NAT": true, "DOC": true, "CPI": true,
	"QTY": true, "CNT": true, "UNT": true, "UNE": true, "UNZ": true,
}

// Document type codes of the IATA profile (DOC 1001) and their canonical type. "V" (visa) is
// absent on purpose: a visa is an endorsement in a passport, not a travel document, and is
// skipped with its DTM and LOC.
var docTypes = map[string]string{
	"P": "P", "PT": "P", // passport
	"I": "I", "ID": "I", "A": "I", "C": "I", "M": "I", "IN": "I", // identity, residence and military cards
	"AC": "C", // crew member certificate
	"T":  "R", // refugee travel document or re-entry permit
	"F":  "T", // approved non-standard travel document
	"L":  "L", // laissez-passer (paxscreen's export writes it so)
}

// changeLists are the BGM document identifiers that make a passenger or crew list a change to
// an earlier one, and what each means.
var changeLists = map[string]string{
	"745+CP": "a change of passenger data", "745+XR": "a cancellation of reservations", "745+RP": "a reduction in party",
	"250+CC": "a crew change of a passenger flight", "250+BC": "a crew change of a cargo flight",
}

// Decode reads a PAXLST interchange (UN/EDIFACT D02B or D05B, IATA profile) as a manifest.
// params supplies what PAXLST does not carry (organiser type, regime, direction, aircraft type,
// seat capacity...) under the names of manifest.FlightKeys, and PICParam; the message wins over a
// parameter for a field it carries, as a CSV "#key" line wins over a query parameter. The
// findings concern the message's structure (counts, references, unknown segments, malformed
// values); the manifest still has to be normalised and validated. The error, when not nil, is a
// *manifest.DecodeError: the body is not a readable PAXLST interchange.
func Decode(body []byte, params map[string]string) (*manifest.Manifest, []manifest.Finding, error) {
	kv, err := flightParams(params)
	if err != nil {
		return nil, nil, err
	}
	segs, sep, err := Tokenize(body)
	if err != nil {
		return nil, nil, err
	}
	d := &decoder{body: body, segs: segs, sep: sep, m: &manifest.Manifest{}, person: -1, doc: -1, lastLoc: -1, depSeg: -1, arrSeg: -1}
	if err := d.run(); err != nil {
		return nil, nil, err
	}
	if err := d.applyParams(kv); err != nil {
		return nil, nil, err
	}
	d.resolveDates()
	return d.m, d.findings, nil
}

type decoder struct {
	body     []byte
	segs     []Segment
	sep      Separators
	latin1   bool
	level    byte // 'A' or 'B' when UNB declares UNOA or UNOB, whose characters are checked
	m        *manifest.Manifest
	findings []manifest.Finding
	cur      int // index of the segment being read

	// Interchange and group.
	unb, unz         int // segment index, -1 when absent
	unbRef, ungRef   string
	messages, groups int
	inGroup          bool
	groupMessages    int
	prepared         int // year of the UNB preparation date, 0 when unknown
	sawFlight        bool
	flightMsg        int    // segment index of the UNH whose flight the manifest holds
	carrierID        string // the first flight's carrier, code or name; "" for general aviation

	// Message.
	inMsg         bool
	unh           int
	unhRef        string
	list          string // BGM code: "745" or "250", "" before BGM
	paxCount      int
	crewCount     int
	cnts          []countTotal
	part          *partList // the multi-part list this message belongs to, nil for a single message
	inParty       bool      // after NAD+MS: CTA and COM describe the reporting party
	inFlight      bool      // after TDT and before the first person
	itin          itinerary
	lastLoc       int // index in itin.locs of the LOC a DTM qualifies
	person        int // index in m.Persons of the current person, -1 outside one
	doc           int // index in the person's documents, -1 outside one
	skipDoc       bool
	marked        map[int]bool // persons marked pilot in command by EMP
	pending       []pendingDate
	organiserSeen bool
	partyName     string // the name of NAD+MS, the contact's when the message has no CTA
	sawCTA        bool   // a CTA followed NAD+MS
	// LOC segments of the manifest flight's stops, -1 when absent, for findings about them.
	priorSegs      []int
	depSeg, arrSeg int
	parts          *partList // the multi-part list still open, nil when none
	partFinal      bool      // the current message is the last part (UNH ...:F) of its list
}

// countTotal is a CNT+41/42 control total, checked when its message (or, for a multi-part
// list, the last part) ends.
type countTotal struct {
	seg  int
	qual string
	n    int
}

// partList is a passenger or crew list sent as several messages (UNH S010: 01:C, 02, ..., NN:F),
// which together are one list: its control totals count the persons of every part.
type partList struct {
	ref         string // UNH common access reference (0068) the parts share
	first, last int    // segment index of the first part's UNH and of the latest part's UNH
	seq         int    // sequence number (0070) of the latest part
	parts       int
	paxCount    int
	crewCount   int
	list        string // BGM code of the first part
	cnts        []countTotal
}

type itinerary struct {
	number, carrierID, carrierName, registration string
	locs                                         []flightLoc
}

type flightLoc struct {
	qual, airport  string
	seg            int    // segment index of the LOC
	dep, arr       string // RFC 3339, "" when absent or unreadable
	depSeg, arrSeg int    // segment of a malformed DTM, -1 when none
	depWhy, arrWhy string // what is wrong with it
}

// pendingDate is a person's date whose century may depend on the flight date, which a crew
// message sent first does not yet know.
type pendingDate struct {
	seg, person, doc int
	qual, val, form  string
}

func (d *decoder) add(code string, sev manifest.Severity, seg int, path, format string, args ...any) {
	msg := fmt.Sprintf("segment %d (%s): ", seg+1, d.segs[seg].Tag) + fmt.Sprintf(format, args...)
	d.findings = append(d.findings, manifest.Finding{Code: code, Path: path, Message: msg, Severity: sev})
}

func (d *decoder) invalid(seg int, path, format string, args ...any) {
	d.add(CodeInvalid, manifest.Error, seg, path, format, args...)
}

func (d *decoder) isService(c byte) bool {
	sep := d.sep
	return c == sep.Component || c == sep.Element || c == sep.Terminator || (sep.Release != 0 && c == sep.Release) ||
		(sep.Repetition != ' ' && c == sep.Repetition)
}

func (d *decoder) text(v string) string {
	if !d.latin1 || utf8.ValidString(v) {
		return v
	}
	r := make([]rune, len(v))
	for i := 0; i < len(v); i++ {
		r[i] = rune(v[i])
	}
	return string(r)
}

func (d *decoder) personPath(field string) string {
	return "/persons/" + strconv.Itoa(d.person) + field
}

func (d *decoder) docPath(field string) string {
	return d.personPath("/documents/" + strconv.Itoa(d.doc) + field)
}

func (d *decoder) run() error {
	d.unb, d.unz = -1, -1
	first := 0
	if len(d.segs) > 0 && d.segs[0].Tag == "UNA" {
		first = 1
	}
	if first >= len(d.segs) {
		return decodeError(d.body, len(d.body), "empty interchange: expected UNB or UNH")
	}
	if t := d.segs[first].Tag; t != "UNB" && t != "UNH" {
		return decodeError(d.body, d.segs[first].Offset, fmt.Sprintf("not a PAXLST interchange: it starts with %s, expected UNB or UNH", t))
	}
	for i := first; i < len(d.segs); i++ {
		d.cur = i
		if err := d.segment(i, &d.segs[i]); err != nil {
			return err
		}
	}
	last := len(d.segs) - 1
	if d.inMsg {
		d.invalid(last, "", "the message that starts at segment %d has no UNT: the interchange is cut short", d.unh+1)
		d.endMessage(last)
	}
	if d.parts != nil {
		d.closeParts(last, false)
	}
	if d.inGroup {
		d.invalid(last, "", "the group has no UNE: the interchange is cut short")
	}
	if d.unb < 0 {
		d.add(CodeInvalid, manifest.Warning, first, "", "the interchange has no UNB header")
	} else if d.unz < 0 {
		d.invalid(last, "", "the interchange has no UNZ trailer: it is cut short")
	}
	if d.messages == 0 {
		return decodeError(d.body, len(d.body), "the interchange holds no PAXLST message")
	}
	return nil
}

func (d *decoder) segment(i int, s *Segment) error {
	d.tidy(i, s)
	switch s.Tag {
	case "UNB":
		if d.unb >= 0 || d.messages > 0 {
			d.invalid(i, "", "a second UNB: one interchange per body")
			return nil
		}
		d.unb = i
		d.unbRef = s.Value(4, 0)
		d.charset(i, s.Value(0, 0))
		if date := s.Value(3, 0); allDigits(date) {
			switch len(date) {
			case 6:
				d.prepared = 2000 + num(date[:2])
			case 8:
				d.prepared = num(date[:4])
			}
		}
		return nil
	case "UNZ":
		if d.unz >= 0 {
			d.invalid(i, "", "a second UNZ")
			return nil
		}
		d.unz = i
		if d.inMsg {
			d.invalid(i, "", "UNZ before the UNT of the message that starts at segment %d", d.unh+1)
			d.endMessage(i)
		}
		want, what := d.messages, "messages"
		if d.groups > 0 {
			want, what = d.groups, "groups"
		}
		d.checkCount(i, s.Value(0, 0), want, "UNZ", what)
		if d.unb >= 0 && s.Value(1, 0) != d.unbRef {
			d.add(CodeReferenceMismatch, manifest.Error, i, "", "UNZ reference %q does not match UNB reference %q", s.Value(1, 0), d.unbRef)
		}
		return nil
	case "UNG":
		if d.inMsg || d.inGroup {
			d.invalid(i, "", "UNG inside an open message or group")
		}
		d.inGroup, d.ungRef, d.groupMessages = true, s.Value(4, 0), 0
		d.groups++
		return nil
	case "UNE":
		if !d.inGroup {
			d.invalid(i, "", "UNE without UNG")
			return nil
		}
		if d.inMsg {
			d.invalid(i, "", "UNE before the UNT of the message that starts at segment %d", d.unh+1)
			d.endMessage(i)
		}
		d.checkCount(i, s.Value(0, 0), d.groupMessages, "UNE", "messages")
		if s.Value(1, 0) != d.ungRef {
			d.add(CodeReferenceMismatch, manifest.Error, i, "", "UNE reference %q does not match UNG reference %q", s.Value(1, 0), d.ungRef)
		}
		d.inGroup = false
		return nil
	case "UNH":
		return d.startMessage(i, s)
	case "UNT":
		if !d.inMsg {
			d.invalid(i, "", "UNT without UNH")
			return nil
		}
		d.checkCount(i, s.Value(0, 0), i-d.unh+1, "UNT", "segments")
		if s.Value(1, 0) != d.unhRef {
			d.add(CodeReferenceMismatch, manifest.Error, i, "", "UNT reference %q does not match UNH reference %q", s.Value(1, 0), d.unhRef)
		}
		d.endMessage(i)
		return nil
	}
	if d.unz >= 0 {
		d.invalid(i, "", "segment after the UNZ trailer")
		return nil
	}
	if !knownTags[s.Tag] {
		d.add(CodeUnknownSegment, manifest.Warning, i, "", "not a PAXLST segment; ignored")
		return nil
	}
	if !d.inMsg {
		d.invalid(i, "", "outside a message (between UNH and UNT); ignored")
		return nil
	}
	if s.Tag != "BGM" && d.list == "" {
		d.invalid(i, "", "before BGM, which must follow UNH")
	}
	d.messageSegment(i, s)
	return nil
}

// charset takes the syntax identifier of UNB (S001 0001). UNOA and UNOB (syntax levels A and B)
// are checked character by character. A body that is not UTF-8 is read as ISO 8859-1 (UNOC):
// the decoder has no table for the other ISO 8859 parts, and a Latin-1 letter is a better
// reading than U+FFFD, which would lose the letter; any level but UNOC says so.
func (d *decoder) charset(i int, id string) {
	switch id {
	case "UNOA":
		d.level = 'A'
	case "UNOB":
		d.level = 'B'
	}
	d.latin1 = !utf8.Valid(d.body)
	if d.latin1 && id != "UNOC" && d.level == 0 {
		d.add(CodeInvalid, manifest.Warning, i, "", "the interchange declares %s but is not UTF-8; characters beyond ASCII are read as ISO 8859-1 (UNOC)", clip(id))
	}
}

// tidy trims the spaces around each coded value of a segment and checks its characters against
// the declared syntax level. ISO 9735 has senders suppress insignificant characters; a code,
// date or number that starts with a space (" 1306212200" for a date) cannot mean it, so it is
// read without, with a warning. Trailing spaces, which fixed-width writers leave, are removed
// silently. Free text (names, addresses, contacts) is data as written and is left alone.
func (d *decoder) tidy(i int, s *Segment) {
	leading, level, lower := "", "", ""
	for e, el := range s.Elements {
		for c, v := range el {
			if v == "" {
				continue
			}
			if coded(s.Tag, e, c) {
				if leading == "" && v[0] == ' ' {
					leading = fmt.Sprintf("element %d component %d", e+1, c+1)
				}
				if v[0] == ' ' || v[len(v)-1] == ' ' {
					el[c] = strings.Trim(v, " ")
				}
			}
			if qualifier(s.Tag, e, c) && hasLower(el[c]) {
				// Code lists spell their values in capitals; "fl" can only mean FL, and a
				// qualifier not recognised drops the person, date or document it introduces.
				if lower == "" {
					lower = fmt.Sprintf("element %d component %d", e+1, c+1)
				}
				el[c] = strings.ToUpper(el[c])
			}
			if level == "" && d.level != 0 && d.unb >= 0 && d.unb < i {
				if what := d.outsideLevel(el[c]); what != "" {
					level = fmt.Sprintf("element %d component %d has %s, outside syntax level %c (UNO%c) that UNB declares", e+1, c+1, what, d.level, d.level)
				}
			}
		}
	}
	if leading != "" {
		d.add(CodeInvalid, manifest.Warning, i, "", "%s starts with a space; read without it", leading)
	}
	if lower != "" {
		d.add(CodeInvalid, manifest.Warning, i, "", "%s is a code in lowercase; read in capitals, as its code list spells it", lower)
	}
	if level != "" {
		what := "read as UTF-8"
		if d.latin1 {
			what = "read as ISO 8859-1"
		}
		d.add(CodeInvalid, manifest.Warning, i, "", "%s; %s", level, what)
	}
}

// qualifier says whether component c of element e of a segment is a value of a code list that
// the decoder tells apart: the qualifiers of the segments, the document type, sex, the COM
// channel, the FTX subject and paxscreen's FTX convention, the EMP occupation.
func qualifier(tag string, e, c int) bool {
	switch tag {
	case "BGM", "NAD", "LOC", "TDT", "RFF", "CNT", "NAT", "CTA":
		return e == 0 && c == 0
	case "DTM":
		return e == 0 && (c == 0 || c == 2)
	case "DOC":
		return e == 0 && c == 0
	case "ATT":
		return (e == 0 || e == 2) && c == 0
	case "COM":
		return c == 1
	case "FTX":
		return (e == 0 || e == 2) && c == 0
	case "EMP":
		return e == 2 && c == 0
	}
	return false
}

func hasLower(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] >= 'a' && v[i] <= 'z' {
			return true
		}
	}
	return false
}

// coded says whether component c of element e of a segment is a code, date or number rather
// than free text: NAD's name and address, CTA, COM, FTX and the place names of LOC (C517 3224)
// and carrier name of TDT (C040 3128) are text.
func coded(tag string, e, c int) bool {
	switch tag {
	case "NAD":
		return e == 0
	case "CTA", "FTX":
		return e == 0
	case "COM":
		return c == 1 // the channel, TE or EM
	case "LOC":
		return c != 3
	case "TDT":
		return !(e == 4 && c == 3)
	}
	return true
}

// outsideLevel describes the first character of v that syntax level A or B (ISO 9735 annex A)
// does not have, or returns "". Level A is capital letters, digits, space and . , - ( ) / = ' +
// : ? ! " % & * ; < >; level B adds lowercase letters and the rest of printable ASCII, as the
// encoder and most carriers' systems use it. The service characters UNA chose are the
// interchange's own, released where they are data.
func (d *decoder) outsideLevel(v string) string {
	if d.level == 'B' && printableASCII(v) {
		return ""
	}
	for k := 0; k < len(v); k++ {
		c := v[k]
		switch {
		case d.isService(c):
		case c >= 0x80:
			return "a character beyond ASCII"
		case c < 0x20 || c == 0x7f:
			return "a control character"
		case d.level == 'B':
		case c >= 'a' && c <= 'z':
			return "a lowercase letter"
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte(" .,-()/='+:?!\"%&*;<>", c) >= 0:
		default:
			return fmt.Sprintf("the character %q", c)
		}
	}
	return ""
}

func printableASCII(v string) bool {
	for k := 0; k < len(v); k++ {
		if c := v[k]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// checkCount compares a trailer's count with what was counted; both numbers go in the message,
// since either may be the wrong one.
func (d *decoder) checkCount(i int, said string, have int, tag, what string) {
	n, err := strconv.Atoi(said)
	if err != nil || n < 0 {
		d.invalid(i, "", "%s count must be a number", tag)
		return
	}
	if n != have {
		d.add(CodeCountMismatch, manifest.Error, i, "", "%s says %d %s, %s has %d", tag, n, what, map[string]string{"UNT": "message", "UNE": "group", "UNZ": "interchange"}[tag], have)
	}
}

func (d *decoder) startMessage(i int, s *Segment) error {
	if d.unz >= 0 {
		d.invalid(i, "", "segment after the UNZ trailer")
	}
	if d.inMsg {
		d.invalid(i, "", "UNH before the UNT of the message that starts at segment %d", d.unh+1)
		d.endMessage(i)
	}
	if typ := s.Value(1, 0); typ != "PAXLST" {
		return decodeError(d.body, s.Offset, fmt.Sprintf("segment %d (UNH): message type %q is not PAXLST", i+1, clip(typ)))
	}
	if v := s.Value(1, 1) + s.Value(1, 2); v != "D02B" && v != "D05B" {
		d.add(CodeInvalid, manifest.Warning, i, "", "message version %q is read as D05B; D02B and D05B are supported", clip(v))
	}
	d.messages++
	if d.inGroup {
		d.groupMessages++
	}
	d.inMsg, d.unh, d.unhRef = true, i, s.Value(0, 0)
	d.list, d.paxCount, d.crewCount, d.cnts = "", 0, 0, nil
	d.inParty, d.inFlight, d.itin, d.lastLoc = false, false, itinerary{}, -1
	d.person, d.doc, d.skipDoc = -1, -1, false
	d.transfer(i, s)
	return nil
}

// transfer reads the UNH status of the transfer (S010). A list too long for one message is sent
// in parts that share the common access reference (0068, the flight and date in the guide's
// examples): the first part is "01:C", the next ones "02", "03"... and the last "NN:F". A single
// message is "01:F" or has no S010.
func (d *decoder) transfer(i int, s *Segment) {
	d.part, d.partFinal = nil, false
	seqText, flag, ref := s.Value(3, 0), s.Value(3, 1), s.Value(2, 0)
	seq, err := strconv.Atoi(seqText)
	if seqText == "" {
		seq, err = 1, nil
	}
	if err != nil || seq < 1 {
		d.invalid(i, "", "UNH sequence of transfers must be a number from 1")
		return
	}
	if flag != "" && flag != "C" && flag != "F" {
		d.add(CodeInvalid, manifest.Warning, i, "", "UNH first and last transfer %q is not C (first of several) or F (last); read as an intermediate part", clip(flag))
		flag = ""
	}
	if pl := d.parts; pl != nil {
		if seq > 1 && ref == pl.ref {
			if seq != pl.seq+1 {
				d.invalid(i, "", "part %d of the list that starts at segment %d follows part %d: a part is missing or out of order", seq, pl.first+1, pl.seq)
			}
			pl.seq, pl.last = seq, i
			pl.parts++
			d.part, d.partFinal = pl, flag == "F"
			return
		}
		d.closeParts(i, false)
	}
	switch {
	case flag == "C":
		if seq != 1 {
			d.add(CodeInvalid, manifest.Warning, i, "", "the first part of a multi-part list is numbered %d, not 1", seq)
		}
		d.parts = &partList{ref: ref, first: i, last: i, seq: seq, parts: 1}
		d.part = d.parts
	case seq > 1:
		// A later part alone: the persons of the earlier parts are not in this body, and a
		// manifest without them would be screened as if complete.
		d.invalid(i, "", "part %d of a multi-part list without its earlier parts (UNH 01:C ...): persons are missing", seq)
	}
}

func (d *decoder) endMessage(i int) {
	if pl := d.part; pl != nil {
		if pl.list == "" {
			pl.list = d.list
		} else if d.list != pl.list {
			d.invalid(i, "", "a part with document code %q in a list whose first part has %q: the parts of one list are one list", clip(d.list), clip(pl.list))
		}
		pl.paxCount += d.paxCount
		pl.crewCount += d.crewCount
		pl.cnts = append(pl.cnts, d.cnts...)
		if d.partFinal {
			d.closeParts(i, true)
		}
	} else {
		d.missingTotal(i, d.list, d.cnts)
	}
	d.endFlight()
	d.inMsg = false
	d.part, d.partFinal = nil, false
	d.person, d.doc = -1, -1
}

// missingTotal warns about a list without its control total.
func (d *decoder) missingTotal(i int, list string, cnts []countTotal) {
	has := func(q string) bool {
		for _, c := range cnts {
			if c.qual == q {
				return true
			}
		}
		return false
	}
	switch {
	case list == "745" && !has("42"):
		d.add(CodeInvalid, manifest.Warning, i, "", "the passenger list has no CNT+42 total")
	case list == "250" && !has("41"):
		d.add(CodeInvalid, manifest.Warning, i, "", "the crew list has no CNT+41 total")
	}
}

// closeParts ends the open multi-part list at segment i: each part's CNT is the total of the
// whole list (the guide's parts each repeat it), so it is checked against every part's persons.
func (d *decoder) closeParts(i int, complete bool) {
	pl := d.parts
	d.parts = nil
	if pl == nil {
		return
	}
	if !complete {
		d.invalid(i, "", "the multi-part list that starts at segment %d has no last part (UNH ...:F) after part %d: persons may be missing", pl.first+1, pl.seq)
	}
	for _, c := range pl.cnts {
		have, what := pl.paxCount, "passengers"
		if c.qual == "41" {
			have, what = pl.crewCount, "crew members"
		}
		if c.n >= 0 && c.n != have {
			d.add(CodeCountMismatch, manifest.Error, c.seg, "", "CNT+%s says %d %s, the list of %d parts (segments %d to %d) has %d", c.qual, c.n, what, pl.parts, pl.first+1, i+1, have)
		}
	}
	d.missingTotal(i, pl.list, pl.cnts)
}

func (d *decoder) messageSegment(i int, s *Segment) {
	p := (*manifest.Person)(nil)
	if d.person >= 0 {
		p = &d.m.Persons[d.person]
	}
	switch s.Tag {
	case "BGM":
		if d.list != "" {
			d.invalid(i, "", "a second BGM in the message")
			return
		}
		switch code := s.Value(0, 0); code {
		case "745", "250":
			d.list = code
			// The document identifier (C106 1004) of the US CBP guide, which GTAS and other
			// receivers read alike, says when a list is a change to one sent before: changed or
			// cancelled passengers, a reduced party, a crew change. Such a message holds only
			// what changed, and read as the manifest it would leave out everyone else.
			if what, ok := changeLists[code+"+"+s.Value(1, 0)]; ok {
				d.invalid(i, "", "BGM+%s+%s is %s, not a whole list: send the complete list (a manifest is amended by sending it whole again)", code, s.Value(1, 0), what)
			}
		default:
			d.list = "?"
			d.invalid(i, "", "document code %q is not 745 (passenger list) or 250 (crew list)", clip(code))
		}
	case "NAD":
		d.nad(i, s)
	case "CTA":
		if d.inParty {
			d.sawCTA = true
		}
		if d.inParty && d.m.Organiser.EmergencyContact.Name == "" {
			d.m.Organiser.EmergencyContact.Name = d.text(firstNonEmpty(s.Value(1, 1), s.Value(1, 0)))
		}
	case "COM":
		if d.inParty {
			c := &d.m.Organiser.EmergencyContact
			for e := range s.Elements {
				switch v := s.Value(e, 0); s.Value(e, 1) {
				case "TE":
					if c.Phone == "" {
						c.Phone = v
					}
				case "EM":
					if c.Email == "" {
						c.Email = emailAddress(d.text(v))
					}
				}
			}
		}
	case "TDT":
		d.tdt(i, s)
	case "LOC":
		d.loc(i, s, p)
	case "DTM":
		d.dtm(i, s, p)
	case "ATT":
		if p != nil && s.Value(0, 0) == "2" {
			p.Sex = s.Value(2, 0)
			if p.Sex == "U" {
				p.Sex = "X"
			}
		}
	case "NAT":
		// A second nationality has no place in the manifest; the first is the one travelled on.
		if p != nil && p.Nationality == "" {
			p.Nationality = s.Value(1, 0)
		}
	case "RFF":
		if p != nil && s.Value(0, 0) == "ABO" {
			p.Ref = s.Value(0, 1)
		}
	case "DOC":
		if p == nil {
			d.invalid(i, "", "DOC outside a person (NAD+FL/FM/DDT/DDU)")
			d.skipDoc = true
			return
		}
		code := s.Value(0, 0)
		if code == "V" {
			d.skipDoc, d.doc = true, -1
			return
		}
		typ, ok := docTypes[code]
		if !ok {
			typ = code // left for validation to name, with the allowed values
		}
		p.Documents = append(p.Documents, manifest.Document{Type: typ, Number: s.Value(1, 0)})
		d.skipDoc, d.doc = false, len(p.Documents)-1
	case "FTX":
		if p != nil && s.Value(0, 0) == "ACB" {
			switch s.Value(2, 0) {
			case "GUARDIAN":
				p.Guardian = s.Value(3, 0)
			case "LAPINFANT":
				p.LapInfant = true
			case "DOCHOLDER":
				// Names the holder of the document just read (a child in a parent's passport).
				if d.doc < 0 || d.skipDoc || d.doc >= len(p.Documents) {
					d.invalid(i, d.personPath("/documents"), "FTX DOCHOLDER without a DOC before it")
					return
				}
				p.Documents[d.doc].Holder = s.Value(3, 0)
			}
		}
	case "EMP":
		if p != nil && s.Value(2, 0) == "PIC" {
			if p.Role != "CREW" {
				d.invalid(i, d.personPath("/role"), "only a crew member (NAD+FM) can be pilot in command")
				return
			}
			d.marked[d.person] = true
		}
	case "CNT":
		d.cntSegment(i, s)
	}
}

func (d *decoder) nad(i int, s *Segment) {
	d.inParty, d.doc, d.skipDoc = false, -1, false
	qual := s.Value(0, 0)
	var role string
	switch qual {
	case "MS":
		d.person = -1
		d.inParty = true
		if !d.organiserSeen {
			d.organiserSeen = true
			name := joinComponents(s.Elements, 3)
			if name == "" {
				name = joinComponents(s.Elements, 2)
			}
			d.m.Organiser.Name = d.text(name)
			d.partyName = d.m.Organiser.Name
		}
		return
	case "FL":
		role = "PAX"
	case "DDU":
		role = "TRANSIT"
	case "FM", "DDT":
		role = "CREW"
	default:
		d.person = -1
		d.add(CodeInvalid, manifest.Warning, i, "", "party qualifier %q is not MS, FL, FM, DDT or DDU; ignored", clip(qual))
		return
	}
	d.inFlight = false
	crew := role == "CREW"
	if crew {
		d.crewCount++
	} else {
		d.paxCount++
	}
	p := manifest.Person{Role: role, Surname: d.text(s.Value(3, 0))}
	var given []string
	if len(s.Elements) > 3 {
		for _, g := range s.Elements[3][min(1, len(s.Elements[3])):] {
			if g != "" {
				given = append(given, g)
			}
		}
	}
	p.GivenNames = d.text(strings.Join(given, " "))
	street, city, state, postal, country := joinComponents(s.Elements, 4), s.Value(5, 0), s.Value(6, 0), s.Value(7, 0), s.Value(8, 0)
	// The manifest keeps only an address in the United States (US APIS asks for it); an address
	// elsewhere has no field to go to.
	if street+city+state+postal != "" && (country == "" || country == "USA" || country == "US") {
		p.USAddress = &manifest.Address{Street: d.text(street), City: d.text(city), State: state, PostalCode: postal}
	}
	d.m.Persons = append(d.m.Persons, p)
	d.person = len(d.m.Persons) - 1
	if d.marked == nil {
		d.marked = map[int]bool{}
	}
	if (d.list == "745" && crew) || (d.list == "250" && !crew) {
		list := map[string]string{"745": "passenger list (BGM+745)", "250": "crew list (BGM+250)"}[d.list]
		d.add(CodeInvalid, manifest.Warning, i, d.personPath("/role"), "NAD+%s in a %s", qual, list)
	}
}

func (d *decoder) tdt(i int, s *Segment) {
	d.person, d.doc, d.inParty, d.inFlight, d.lastLoc = -1, -1, false, true, -1
	if q := s.Value(0, 0); q != "20" {
		d.add(CodeInvalid, manifest.Warning, i, "", "transport stage qualifier %q is read as 20 (main carriage)", clip(q))
	}
	it := &d.itin
	if it.number == "" {
		it.number = s.Value(1, 0)
	}
	if it.carrierID == "" && it.carrierName == "" {
		it.carrierID, it.carrierName = s.Value(4, 0), d.text(s.Value(4, 3))
	}
	if it.registration == "" {
		it.registration = s.Value(7, 0)
	}
}

func (d *decoder) loc(i int, s *Segment, p *manifest.Person) {
	qual, code := s.Value(0, 0), s.Value(1, 0)
	if p == nil {
		if d.inFlight {
			switch qual {
			case "125", "87", "92", "22":
				d.itin.locs = append(d.itin.locs, flightLoc{qual: qual, airport: code, seg: i, depSeg: -1, arrSeg: -1})
				d.lastLoc = len(d.itin.locs) - 1
			default:
				d.lastLoc = -1
			}
		}
		return
	}
	switch qual {
	case "91":
		switch {
		case d.skipDoc:
		case d.doc < 0:
			d.invalid(i, d.personPath("/documents"), "LOC+91 (issuing state) without a DOC before it")
		default:
			p.Documents[d.doc].IssuingState = code
		}
	case "174":
		p.Residence = code
	}
}

func (d *decoder) dtm(i int, s *Segment, p *manifest.Person) {
	qual, val, form := s.Value(0, 0), s.Value(0, 1), s.Value(0, 2)
	if p != nil {
		switch qual {
		case "329":
			d.pending = append(d.pending, pendingDate{seg: i, person: d.person, doc: -1, qual: qual, val: val, form: form})
		case "36", "182":
			switch {
			case d.skipDoc:
			case d.doc < 0:
				d.invalid(i, d.personPath("/documents"), "DTM+%s without a DOC before it", qual)
			default:
				d.pending = append(d.pending, pendingDate{seg: i, person: d.person, doc: d.doc, qual: qual, val: val, form: form})
			}
		}
		return
	}
	if !d.inFlight || d.lastLoc < 0 {
		return
	}
	l := &d.itin.locs[d.lastLoc]
	switch qual {
	case "189":
		l.dep, _, l.depWhy = flightTime(val, form)
		l.depSeg = i
	case "232":
		l.arr, _, l.arrWhy = flightTime(val, form)
		l.arrSeg = i
	}
}

func (d *decoder) cntSegment(i int, s *Segment) {
	qual := s.Value(0, 0)
	var have int
	var what string
	switch qual {
	case "42":
		have, what = d.paxCount, "passengers"
	case "41":
		have, what = d.crewCount, "crew members"
	default:
		return
	}
	n, err := strconv.Atoi(s.Value(0, 1))
	if err != nil || n < 0 {
		d.invalid(i, "", "CNT+%s total must be a number", qual)
		d.cnts = append(d.cnts, countTotal{seg: i, qual: qual, n: -1})
		return
	}
	if d.part != nil {
		// Checked over the whole list when its last part ends.
		d.cnts = append(d.cnts, countTotal{seg: i, qual: qual, n: n})
		return
	}
	d.cnts = append(d.cnts, countTotal{seg: i, qual: qual, n: -1})
	if n != have {
		d.add(CodeCountMismatch, manifest.Error, i, "", "CNT+%s says %d %s, message has %d", qual, n, what, have)
	}
}

// departs says whether a location of the flight group is a place departed from: LOC+125 (last
// place of departure) and LOC+22, which some gateways send in its stead, always are; LOC+87
// (first arrival) never is; a LOC+92 routing stop takes its role from its date, DTM+189
// departure from it or DTM+232 arrival at it, as in the guide's progressive-flight examples. A
// routing stop with both dates is departed from; one with none is read as the older
// convention, a departure in route order.
func (l *flightLoc) departs() bool {
	switch l.qual {
	case "87":
		return false
	case "92":
		return l.depSeg >= 0 || l.arrSeg < 0
	}
	return true
}

// endFlight turns the message's TDT and LOC groups into the manifest's flight. The places
// departed from, in the order written across every TDT leg, are stops: the last is the
// departure and the earlier ones the prior stops, each at its departure time. The last place
// arrived at is the arrival: an intermediate arrival (LOC+87 of a first leg, a LOC+92 with
// DTM+232 followed by the next leg's departure from the same airport) adds nothing the next
// departure does not say.
func (d *decoder) endFlight() {
	it := &d.itin
	if it.number == "" && len(it.locs) == 0 && it.carrierID == "" && it.carrierName == "" {
		return
	}
	var f manifest.Flight
	f.Number = it.number
	f.Operator = firstNonEmpty(it.carrierName, it.carrierID)
	f.AircraftRegistration = it.registration
	var deps []manifest.Stop
	var depLocs []*flightLoc
	var arr *flightLoc
	var stopSegs []int // LOC segment of each place departed from
	for k := range it.locs {
		l := &it.locs[k]
		if l.departs() {
			deps = append(deps, manifest.Stop{Airport: l.airport, Scheduled: l.dep})
			depLocs = append(depLocs, l)
			stopSegs = append(stopSegs, l.seg)
			continue
		}
		f.Arrival = manifest.Stop{Airport: l.airport, Scheduled: l.arr}
		arr = l
	}
	if n := len(deps); n > 0 {
		f.Departure = deps[n-1]
		if n > 1 {
			f.PriorStops = deps[:n-1]
		}
	}
	// Malformed times are reported now that each location's place in the manifest is known.
	dep := map[*flightLoc]string{}
	for k, l := range depLocs {
		dep[l] = "/flight/departure/scheduled"
		if k < len(depLocs)-1 {
			dep[l] = "/flight/priorStops/" + strconv.Itoa(k) + "/scheduled"
		}
	}
	for k := range it.locs {
		l := &it.locs[k]
		depPath, arrPath := dep[l], ""
		if l == arr {
			arrPath = "/flight/arrival/scheduled"
		}
		if l.depWhy != "" {
			d.invalid(l.depSeg, depPath, "scheduled departure %s", l.depWhy)
		}
		if l.arrWhy != "" {
			d.invalid(l.arrSeg, arrPath, "scheduled arrival %s", l.arrWhy)
		}
	}
	if !d.sawFlight {
		d.sawFlight = true
		d.flightMsg = d.unh
		d.carrierID = firstNonEmpty(it.carrierID, it.carrierName)
		mf := &d.m.Flight
		mf.Number, mf.Operator, mf.AircraftRegistration = f.Number, f.Operator, f.AircraftRegistration
		mf.Departure, mf.Arrival, mf.PriorStops = f.Departure, f.Arrival, f.PriorStops
		if n := len(stopSegs); n > 0 {
			d.priorSegs, d.depSeg = stopSegs[:n-1], stopSegs[n-1]
		}
		if arr != nil {
			d.arrSeg = arr.seg
		}
		return
	}
	mf := &d.m.Flight
	if f.Number != mf.Number || f.Departure != mf.Departure || f.Arrival != mf.Arrival || !sameStops(f.PriorStops, mf.PriorStops) {
		d.invalid(d.unh, "/flight", "the message describes another flight than the message at segment %d: one manifest is one flight", d.flightMsg+1)
	}
}

func sameStops(a, b []manifest.Stop) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// refYear anchors two-digit years: the flight's own date, else the interchange's, else today.
func (d *decoder) refYear() int {
	for _, s := range []string{d.m.Flight.Departure.Scheduled, d.m.Flight.Arrival.Scheduled} {
		if t, ok := manifest.ParseTime(s); ok {
			return t.Year()
		}
	}
	if d.prepared > 0 {
		return d.prepared
	}
	return time.Now().UTC().Year()
}

func (d *decoder) resolveDates() {
	ref := d.refYear()
	for _, pd := range d.pending {
		d.person, d.doc = pd.person, pd.doc
		p := &d.m.Persons[pd.person]
		switch pd.qual {
		case "329":
			v, problem := calendarDate(pd.val, pd.form, pastDate, true, ref)
			if problem != "" {
				d.invalid(pd.seg, d.personPath("/dateOfBirth"), "date of birth %s", problem)
				continue
			}
			p.DateOfBirth = v
		case "36":
			v, problem := calendarDate(pd.val, pd.form, expiryDate, false, ref)
			if problem != "" {
				d.invalid(pd.seg, d.docPath("/expiry"), "document expiry date %s", problem)
				continue
			}
			p.Documents[pd.doc].Expiry = v
		case "182":
			// The manifest has no issue date; it is still checked, as a malformed one says the
			// sender's data is not what it claims.
			if _, problem := calendarDate(pd.val, pd.form, pastDate, false, ref); problem != "" {
				d.invalid(pd.seg, d.docPath(""), "document issue date %s", problem)
			}
		}
	}
}

// emailAddress restores the '@' of an e-mail address written without it. Syntax level A (ISO
// 9735 annex A, UNOA), which most carriers declare, has no '@', so the WCO/IATA/ICAO guide's own
// reporting-party example writes the address with ".AT." in its place, and other systems with
// " AT "; the guide's example also leaves a space after it. An address that already has an '@',
// or in which the word AT does not stand exactly once between a local part and a domain, is
// returned as written, for validation to judge.
func emailAddress(v string) string {
	if strings.Contains(v, "@") {
		return v
	}
	upper := strings.ToUpper(v)
	for _, at := range []string{".AT.", " AT "} {
		i := strings.Index(upper, at)
		if i < 0 || strings.Contains(upper[i+len(at):], at) {
			continue
		}
		local, domain := strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+len(at):])
		if local == "" || !strings.Contains(domain, ".") || strings.ContainsAny(local+domain, " \t") {
			continue
		}
		return local + "@" + domain
	}
	return v
}

func joinComponents(elems [][]string, e int) string {
	if e >= len(elems) {
		return ""
	}
	var parts []string
	for _, c := range elems[e] {
		if c != "" {
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, " ")
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// clip bounds a code quoted in a message: codes are not personal data, but a garbage body could
// put kilobytes where a code belongs.
func clip(s string) string {
	if len(s) > 17 {
		return s[:17] + "..."
	}
	return s
}
