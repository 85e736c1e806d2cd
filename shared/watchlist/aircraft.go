package watchlist

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// AircraftDetails is what a list says about a listed aircraft. OFAC lists an aircraft under its
// registration (or, when it has none on record, "MSN 391") and writes the rest in the remarks:
// "Aircraft Model A300B4-603; Aircraft Operator MAHAN AIR; Aircraft Manufacturer's Serial Number
// (MSN) 1023409321; Aircraft Tail Number EP-MMH; Previous Aircraft Tail Number YI-NAE; Linked To:
// MAHAN AIR."
type AircraftDetails struct {
	// Registrations are the current nationality and registration marks (tail numbers).
	Registrations []string `json:"registrations,omitempty"`
	// PreviousRegistrations were the aircraft's marks before; a mark can be reissued to another
	// airframe, so a match on one is reported but is not strong by itself.
	PreviousRegistrations []string `json:"previousRegistrations,omitempty"`
	// SerialNumbers are manufacturer's serial numbers (MSN).
	SerialNumbers []string `json:"serialNumbers,omitempty"`
	// ConstructionNumbers are the construction, line or fuselage numbers (L/N, S/N, F/N); for
	// Airbus types the construction number is the MSN.
	ConstructionNumbers []string `json:"constructionNumbers,omitempty"`
	Model               string   `json:"model,omitempty"`
	Operators           []string `json:"operators,omitempty"`
	// LinkedTo are the listed parties the aircraft is designated for ("Linked To:").
	LinkedTo []string `json:"linkedTo,omitempty"`
}

// ofacAircraft reads an OFAC aircraft record: its name is the registration unless it is written
// "MSN n", and its remarks carry serial numbers, model, operator, tail numbers and links.
func ofacAircraft(name, remarks string) *AircraftDetails {
	a := &AircraftDetails{}
	name = strings.TrimSpace(name)
	if rest, ok := cutPrefixFold(name, "MSN "); ok {
		a.SerialNumbers = appendUnique(a.SerialNumbers, strings.TrimSpace(rest))
	} else if name != "" {
		a.Registrations = appendUnique(a.Registrations, name)
	}
	for _, part := range strings.Split(remarks, ";") {
		part = strings.TrimSpace(part)
		part = strings.TrimSpace(strings.TrimSuffix(part, "."))
		val := func(prefix string) (string, bool) {
			v, ok := cutPrefixFold(part, prefix)
			v = strings.TrimSpace(v)
			return v, ok && v != ""
		}
		if v, ok := val("Aircraft Manufacturer's Serial Number (MSN)"); ok {
			a.SerialNumbers = appendUnique(a.SerialNumbers, v)
		} else if v, ok := val("Aircraft Construction Number (also called L/N or S/N or F/N)"); ok {
			a.ConstructionNumbers = appendUnique(a.ConstructionNumbers, v)
		} else if v, ok := val("Aircraft Model"); ok {
			a.Model = v
		} else if v, ok := val("Aircraft Operator"); ok {
			a.Operators = appendUnique(a.Operators, v)
		} else if v, ok := val("Previous Aircraft Tail Number"); ok {
			a.PreviousRegistrations = appendUnique(a.PreviousRegistrations, v)
		} else if v, ok := val("Aircraft Tail Number"); ok {
			a.Registrations = appendUnique(a.Registrations, v)
		} else if v, ok := val("Linked To:"); ok {
			a.LinkedTo = appendUnique(a.LinkedTo, v)
		}
	}
	return a
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// checkAircraft fills an aircraft entry of the JSON format: the entry's names are its
// registrations unless the "aircraft" object lists them; details on another kind are an error.
func checkAircraft(e *Entry) error {
	if e.Aircraft == nil {
		if e.Kind == Aircraft {
			e.Aircraft = &AircraftDetails{}
			for _, n := range e.Names {
				e.Aircraft.Registrations = appendUnique(e.Aircraft.Registrations, n.Full)
			}
		}
		return nil
	}
	if e.Kind != Aircraft {
		return errors.New(`"aircraft" is only for kind aircraft`)
	}
	if len(e.Aircraft.Registrations) == 0 {
		for _, n := range e.Names {
			if _, isMSN := cutPrefixFold(n.Full, "MSN "); !isMSN {
				e.Aircraft.Registrations = appendUnique(e.Aircraft.Registrations, n.Full)
			}
		}
	}
	for _, r := range append(append([]string{}, e.Aircraft.Registrations...), e.Aircraft.PreviousRegistrations...) {
		if NormMark(r) == "" {
			return fmt.Errorf("aircraft registration %q has no letters or digits", r)
		}
	}
	for _, s := range append(append([]string{}, e.Aircraft.SerialNumbers...), e.Aircraft.ConstructionNumbers...) {
		if NormSerial(s) == "" {
			return fmt.Errorf("aircraft serial number %q has no letters or digits", s)
		}
	}
	return nil
}

// NormMark reduces a registration to upper-case letters and digits: EP-MNG, EPMNG and "ep mng"
// are one mark. The hyphen after the nationality prefix is a writing convention (ICAO Annex 7
// marks are letters and digits), so dropping it loses nothing.
func NormMark(s string) string {
	var b strings.Builder
	for i := 0; i < len(s) && b.Len() < 32; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'Z':
			b.WriteByte(c)
		case c >= 'a' && c <= 'z':
			b.WriteByte(c - 'a' + 'A')
		}
	}
	return b.String()
}

// NormSerial reduces a serial number as NormMark does and drops leading zeros of an all-digit
// number: manufacturers and registries write MSN 0401 and 401 alike.
func NormSerial(s string) string {
	m := NormMark(s)
	digits := m != ""
	for i := 0; i < len(m); i++ {
		digits = digits && m[i] >= '0' && m[i] <= '9'
	}
	if digits {
		m = strings.TrimLeft(m, "0")
		if m == "" {
			m = "0"
		}
	}
	return m
}

// minStrongSerial is the shortest serial number that identifies an airframe by itself. Serial
// numbers restart per manufacturer and type, so a three-digit number is carried by many aircraft
// of other types; a longer one (the 10 to 13 digits of Ilyushin and Antonov) practically by one.
const minStrongSerial = 5

// AircraftQuery is what a manifest says about its aircraft.
type AircraftQuery struct {
	Registration string
	SerialNumber string
}

// AircraftMatch is one listed aircraft a manifest's aircraft matches.
type AircraftMatch struct {
	EntryID    string   `json:"entryId"`
	Source     string   `json:"source"`
	ListedName string   `json:"listedName"`
	Programs   []string `json:"programs,omitempty"`
	// Strong: a current registration, or a serial number long enough to name one airframe.
	Strong      bool                `json:"strong"`
	Explanation AircraftExplanation `json:"explanation"`
}

// AircraftExplanation says on what the aircraft matched and what the list says about it.
type AircraftExplanation struct {
	// MatchedOn is registration, previousRegistration, serialNumber or constructionNumber.
	MatchedOn string `json:"matchedOn"`
	Query     string `json:"query"`
	Listed    string `json:"listed"`
	// Why is one sentence for the reviewer.
	Why string `json:"why"`
	AircraftDetails
}

// aircraftIndex finds listed aircraft by normalised registration and serial number.
type aircraftIndex struct {
	marks   map[string][]aircraftHit
	serials map[string][]aircraftHit
}

type aircraftHit struct {
	entry  int    // index into partyIndex.entries
	on     string // matchedOn
	listed string
}

func buildAircraft(entries []Entry) aircraftIndex {
	ax := aircraftIndex{marks: map[string][]aircraftHit{}, serials: map[string][]aircraftHit{}}
	for i := range entries {
		a := entries[i].Aircraft
		if entries[i].Kind != Aircraft || a == nil {
			continue
		}
		add := func(m map[string][]aircraftHit, key, on, listed string) {
			if key == "" {
				return
			}
			for _, h := range m[key] {
				if h.entry == i {
					return
				}
			}
			m[key] = append(m[key], aircraftHit{entry: i, on: on, listed: listed})
		}
		for _, r := range a.Registrations {
			add(ax.marks, NormMark(r), "registration", r)
		}
		for _, r := range a.PreviousRegistrations {
			add(ax.marks, NormMark(r), "previousRegistration", r)
		}
		for _, s := range a.SerialNumbers {
			add(ax.serials, NormSerial(s), "serialNumber", s)
		}
		for _, s := range a.ConstructionNumbers {
			add(ax.serials, NormSerial(s), "constructionNumber", s)
		}
	}
	return ax
}

// ScreenAircraft finds the listed aircraft a registration or serial number belongs to, strongest
// first. A current registration or a serial number of minStrongSerial characters or more is a
// strong match by itself; a previous registration or a short serial number is reported for review.
func (ix *Index) ScreenAircraft(q AircraftQuery) []AircraftMatch {
	p := ix.party()
	var out []AircraftMatch
	seen := map[int]int{}
	emit := func(h aircraftHit, query string, strong bool) {
		e := &p.entries[h.entry]
		why := ""
		switch h.on {
		case "registration":
			why = "the registration is that of a listed aircraft"
		case "previousRegistration":
			why = "the registration was a listed aircraft's earlier mark; marks can be reissued, so check the airframe"
		case "serialNumber", "constructionNumber":
			if strong {
				why = "the serial number is that of a listed aircraft"
			} else {
				why = "the serial number equals a listed aircraft's; short serial numbers recur across types, so check the type"
			}
		}
		m := AircraftMatch{EntryID: e.ID, Source: e.Source, ListedName: e.ListedName(), Programs: e.Programs, Strong: strong,
			Explanation: AircraftExplanation{MatchedOn: h.on, Query: query, Listed: h.listed, Why: why, AircraftDetails: *e.Aircraft}}
		if at, ok := seen[h.entry]; ok {
			if strong && !out[at].Strong {
				out[at] = m
			}
			return
		}
		seen[h.entry] = len(out)
		out = append(out, m)
	}
	if k := NormMark(q.Registration); k != "" {
		for _, h := range p.aircraft.marks[k] {
			emit(h, q.Registration, h.on == "registration")
		}
	}
	if k := NormSerial(q.SerialNumber); k != "" {
		for _, h := range p.aircraft.serials[k] {
			emit(h, q.SerialNumber, len(k) >= minStrongSerial)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Strong != out[j].Strong {
			return out[i].Strong
		}
		if out[i].Source != out[j].Source {
			return out[i].Source < out[j].Source
		}
		return out[i].EntryID < out[j].EntryID
	})
	return out
}
