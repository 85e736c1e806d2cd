package paxlst

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// flightParams checks the parameter names before any work is done: a misspelt key would
// otherwise leave a field empty while the submitter believes it was sent.
func flightParams(params map[string]string) (map[string]string, error) {
	known := map[string]bool{PICParam: true}
	for _, k := range manifest.FlightKeys {
		known[manifest.FoldKey(k)] = true
	}
	kv := make(map[string]string, len(params))
	var unknown []string
	for k, v := range params {
		ck := manifest.FoldKey(k)
		if !known[ck] {
			unknown = append(unknown, ck)
			continue
		}
		kv[ck] = strings.TrimSpace(v)
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, &manifest.DecodeError{Format: "paxlst", Line: 1, Column: 1,
			Msg: fmt.Sprintf("unknown flight fields %s; known fields are %s, %s", strings.Join(unknown, ", "), strings.Join(manifest.FlightKeys, ", "), PICParam)}
	}
	return kv, nil
}

// applyParams fills what the message left empty, with the CSV decoder's key meanings, and
// settles the pilot in command.
func (d *decoder) applyParams(kv map[string]string) error {
	get := func(k string) string { return kv[strings.ToLower(k)] }
	fill := func(dst *string, k string) {
		if *dst == "" {
			*dst = get(k)
		}
	}
	m := d.m
	fill(&m.Organiser.Name, "organiserName")
	fill(&m.Organiser.Type, "organiserType")
	c := &m.Organiser.EmergencyContact
	fill(&c.Name, "contactName")
	if c.Name == "" && !d.sawCTA {
		// Without CTA, the reporting party of NAD+MS is who answers at the phone its COM gives:
		// the guide's examples name a person (surname:given) or a desk there. It comes after
		// the parameter, as an inference from the message rather than what the message says.
		c.Name = d.partyName
	}
	// '+' is the element separator unless released, so the guide's examples write telephone
	// numbers without it, often without the country code either: such a number is not the
	// international one the manifest needs, and the parameter gives it.
	if v := get("contactPhone"); c.Phone == "" || (v != "" && !strings.HasPrefix(strings.TrimSpace(c.Phone), "+")) {
		c.Phone = v
	}
	fill(&c.Email, "contactEmail")
	fill(&c.Organisation, "contactOrganisation")
	f := &m.Flight
	fill(&f.Number, "flightNumber")
	fill(&f.Direction, "direction")
	fill(&f.Regime, "regime")
	fill(&f.Operator, "operator")
	fill(&f.AircraftRegistration, "aircraftRegistration")
	// General aviation flights have no carrier and go by their registration, which the IATA
	// profile then carries as the journey identifier of TDT.
	if f.AircraftRegistration == "" && d.sawFlight && d.carrierID == "" {
		f.AircraftRegistration = f.Number
	}
	fill(&f.AircraftType, "aircraftType")
	// The message has no element for the manufacturer's serial number; a parameter carries it.
	fill(&f.AircraftSerialNumber, "aircraftSerialNumber")
	if s := get("seatCapacity"); s != "" && f.SeatCapacity == 0 {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return &manifest.DecodeError{Format: "paxlst", Line: 1, Column: 1, Field: "seatCapacity", Msg: "must be a whole number"}
		}
		f.SeatCapacity = n
	}
	// The guide has LOC carry IATA airport codes, which the manifest does not take: an
	// aerodrome's ICAO code is then a field the message lacks, and its parameter gives it.
	airport := func(dst *string, k string) {
		if v := get(k); *dst == "" || (v != "" && iataCode(*dst)) {
			*dst = v
		}
	}
	airport(&f.Departure.Airport, "departureAirport")
	fill(&f.Departure.Scheduled, "departureTime")
	airport(&f.Arrival.Airport, "arrivalAirport")
	fill(&f.Arrival.Scheduled, "arrivalTime")
	// Same form as the CSV "#priorStops" line: "EDDF@2026-12-01T08:00:00Z LTAG".
	var given []manifest.Stop
	for _, s := range strings.FieldsFunc(get("priorStops"), func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		ap, at, _ := strings.Cut(s, "@")
		given = append(given, manifest.Stop{Airport: ap, Scheduled: at})
	}
	switch {
	case len(f.PriorStops) == 0:
		f.PriorStops = given
	case len(given) > 0 && slices.ContainsFunc(f.PriorStops, func(s manifest.Stop) bool { return iataCode(s.Airport) }):
		if len(given) != len(f.PriorStops) {
			return &manifest.DecodeError{Format: "paxlst", Line: 1, Column: 1, Field: "priorStops",
				Msg: fmt.Sprintf("gives %d prior stops for the %d of the message, whose airports it replaces: give the ICAO code of each, in order", len(given), len(f.PriorStops))}
		}
		for i := range given {
			f.PriorStops[i].Airport = given[i].Airport
			if f.PriorStops[i].Scheduled == "" {
				f.PriorStops[i].Scheduled = given[i].Scheduled
			}
		}
	}
	d.iataLeft()
	return d.applyPIC(get(PICParam))
}

// iataCode reports a code of three letters: an IATA airport code, where the manifest takes the
// four-letter ICAO location indicator.
func iataCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// iataLeft warns, at its LOC, about every IATA code no parameter replaced, naming the parameter
// that would: validation refuses the code, and the message has no ICAO code to offer instead.
func (d *decoder) iataLeft() {
	f := &d.m.Flight
	say := func(seg int, path, code, param string) {
		if seg >= 0 && iataCode(code) {
			d.add(CodeInvalid, manifest.Warning, seg, path, "%s is an IATA airport code, as the guide has LOC carry: give the aerodrome's ICAO code in the %s parameter", clip(code), param)
		}
	}
	for i, s := range f.PriorStops {
		if i < len(d.priorSegs) {
			say(d.priorSegs[i], "/flight/priorStops/"+strconv.Itoa(i)+"/airport", s.Airport, "priorStops")
		}
	}
	say(d.depSeg, "/flight/departure/airport", f.Departure.Airport, "departureAirport")
	say(d.arrSeg, "/flight/arrival/airport", f.Arrival.Airport, "arrivalAirport")
}

// applyPIC makes the marked crew member (EMP occupation "PIC") the pilot in command, or the one
// the pic parameter names when the message marks none. Nobody is guessed: a message that says
// nothing leaves validation to report the missing PIC.
func (d *decoder) applyPIC(param string) error {
	ps := d.m.Persons
	named := -1
	if param != "" {
		for i := range ps {
			if ps[i].Ref == param {
				named = i
				break
			}
		}
		if n, err := strconv.Atoi(param); named < 0 && err == nil && n >= 1 && n <= len(ps) {
			named = n - 1
		}
		if named < 0 {
			return &manifest.DecodeError{Format: "paxlst", Line: 1, Column: 1, Field: PICParam, Msg: "names no person of the message: give the ref (RFF+ABO) or the 1-based position of a crew member"}
		}
		if ps[named].Role != "CREW" {
			return &manifest.DecodeError{Format: "paxlst", Line: 1, Column: 1, Field: PICParam, Msg: "names a person who is not crew (NAD+FM)"}
		}
	}
	if len(d.marked) == 0 {
		if named >= 0 {
			ps[named].Role = "PIC"
		}
		return nil
	}
	if named >= 0 && !d.marked[named] {
		return &manifest.DecodeError{Format: "paxlst", Line: 1, Column: 1, Field: PICParam, Msg: "names another crew member than the one the message marks as pilot in command"}
	}
	for i := range d.marked {
		ps[i].Role = "PIC"
	}
	return nil
}
