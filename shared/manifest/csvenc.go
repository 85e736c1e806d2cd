package manifest

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/paxscreen/paxscreen/shared/spreadsheet"
)

// EncodeCSV writes m in the CSV layout DecodeCSV reads ("#key: value" flight lines, a header
// row, one row per person), for reviewers and organisers who work in spreadsheets. Every value is
// neutralised for spreadsheets (package spreadsheet): one that could start a formula is written
// with a leading apostrophe, so it reads back with it. EncodeCSV refuses what the layout cannot
// hold rather than drop it: a person with more than one document, and values with line breaks or
// other control characters.
func EncodeCSV(m *Manifest) ([]byte, error) {
	var buf bytes.Buffer
	f := &m.Flight
	var stops []string
	for _, s := range f.PriorStops {
		if s.Scheduled != "" {
			stops = append(stops, s.Airport+"@"+s.Scheduled)
		} else {
			stops = append(stops, s.Airport)
		}
	}
	seats := ""
	if f.SeatCapacity != 0 {
		seats = strconv.Itoa(f.SeatCapacity)
	}
	o := &m.Organiser
	lines := [][2]string{
		{"organiserName", o.Name}, {"organiserType", o.Type}, {"contactName", o.EmergencyContact.Name},
		{"contactPhone", o.EmergencyContact.Phone}, {"contactEmail", o.EmergencyContact.Email},
		{"flightNumber", f.Number}, {"direction", f.Direction}, {"regime", f.Regime}, {"operator", f.Operator},
		{"aircraftRegistration", f.AircraftRegistration}, {"aircraftType", f.AircraftType}, {"seatCapacity", seats},
		{"departureAirport", f.Departure.Airport}, {"departureTime", f.Departure.Scheduled},
		{"arrivalAirport", f.Arrival.Airport}, {"arrivalTime", f.Arrival.Scheduled}, {"priorStops", strings.Join(stops, " ")},
	}
	for _, kv := range lines {
		v := strings.TrimSpace(kv[1])
		if v == "" {
			continue
		}
		if !spreadsheet.Printable(v) {
			return nil, fmt.Errorf("csv: %s holds a line break or control character, which a CSV flight line cannot carry", kv[0])
		}
		fmt.Fprintf(&buf, "#%s: %s\r\n", kv[0], spreadsheet.Line(v))
	}

	mrzLines, us := 0, false
	for i := range m.Persons {
		p := &m.Persons[i]
		if len(p.Documents) > 1 {
			return nil, fmt.Errorf("csv: /persons/%d/documents: %d documents; the CSV layout holds one per person (export as JSON or PAXLST)", i, len(p.Documents))
		}
		if len(p.Documents) == 1 {
			mrzLines = max(mrzLines, len(p.Documents[0].MRZ))
		}
		us = us || p.USAddress != nil
	}
	if mrzLines > 3 {
		return nil, fmt.Errorf("csv: a document has %d MRZ lines; at most 3 exist", mrzLines)
	}
	header := []string{"ref", "role", "surname", "given names", "date of birth", "sex", "nationality", "residence",
		"document type", "document number", "document issuing state", "document expiry", "guardian", "lap infant"}
	for i := 1; i <= mrzLines; i++ {
		header = append(header, "mrz"+strconv.Itoa(i))
	}
	if us {
		header = append(header, "us street", "us city", "us state", "us postal code")
	}
	w := spreadsheet.NewWriter(&buf)
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for i := range m.Persons {
		p := &m.Persons[i]
		var d Document
		if len(p.Documents) == 1 {
			d = p.Documents[0]
		}
		lap := ""
		if p.LapInfant {
			lap = "yes"
		}
		row := []string{p.Ref, p.Role, p.Surname, p.GivenNames, p.DateOfBirth, p.Sex, p.Nationality, p.Residence,
			d.Type, d.Number, d.IssuingState, d.Expiry, p.Guardian, lap}
		for j := 0; j < mrzLines; j++ {
			line := ""
			if j < len(d.MRZ) {
				line = d.MRZ[j]
			}
			row = append(row, line)
		}
		if us {
			a := Address{}
			if p.USAddress != nil {
				a = *p.USAddress
			}
			row = append(row, a.Street, a.City, a.State, a.PostalCode)
		}
		for j, v := range row {
			if !spreadsheet.Printable(v) {
				return nil, fmt.Errorf("csv: /persons/%d: the %s column holds a line break or control character", i, header[j])
			}
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	if err := w.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
