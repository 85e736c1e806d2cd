package manifest

import (
	"strings"

	"github.com/paxscreen/paxscreen/shared/aviation"
)

// Normalise trims every field and brings codes to their canonical case, so that what is validated
// is what is stored. Names keep their case and diacritics: they are evidence, and the MRZ and
// watchlist comparisons do their own folding.
func Normalise(m *Manifest) {
	o := &m.Organiser
	o.Name = strings.TrimSpace(o.Name)
	o.Type = code(o.Type)
	c := &o.EmergencyContact
	c.Name, c.Phone, c.Email = strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Email)
	c.Organisation = strings.TrimSpace(c.Organisation)

	f := &m.Flight
	f.Number = code(f.Number)
	f.Direction = code(f.Direction)
	f.Regime = code(f.Regime)
	f.Operator = strings.TrimSpace(f.Operator)
	f.AircraftRegistration = aviation.NormaliseRegistration(f.AircraftRegistration)
	f.AircraftType = code(f.AircraftType)
	f.AircraftSerialNumber = strings.TrimSpace(f.AircraftSerialNumber)
	normaliseStop(&f.Departure)
	normaliseStop(&f.Arrival)
	for i := range f.PriorStops {
		normaliseStop(&f.PriorStops[i])
	}

	for i := range m.Persons {
		p := &m.Persons[i]
		p.Ref = strings.TrimSpace(p.Ref)
		p.Role = code(p.Role)
		p.Surname = collapseSpaces(p.Surname)
		p.GivenNames = collapseSpaces(p.GivenNames)
		p.DateOfBirth = strings.TrimSpace(p.DateOfBirth)
		p.Sex = sex(p.Sex)
		p.Nationality = code(p.Nationality)
		p.Residence = code(p.Residence)
		p.Guardian = strings.TrimSpace(p.Guardian)
		for j := range p.Documents {
			d := &p.Documents[j]
			d.Type = code(d.Type)
			d.Number = code(d.Number)
			d.IssuingState = code(d.IssuingState)
			d.Expiry = strings.TrimSpace(d.Expiry)
			d.Holder = strings.TrimSpace(d.Holder)
			for k := range d.MRZ {
				d.MRZ[k] = strings.TrimSpace(d.MRZ[k])
			}
		}
		if a := p.USAddress; a != nil {
			a.Street, a.City = strings.TrimSpace(a.Street), strings.TrimSpace(a.City)
			a.State, a.PostalCode = code(a.State), strings.TrimSpace(a.PostalCode)
		}
	}
}

func normaliseStop(s *Stop) {
	s.Airport = code(s.Airport)
	s.Scheduled = strings.TrimSpace(s.Scheduled)
}

func code(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

func collapseSpaces(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func sex(s string) string {
	switch code(s) {
	case "F", "FEMALE":
		return "F"
	case "M", "MALE":
		return "M"
	case "X", "U", "<", "UNSPECIFIED", "OTHER":
		return "X"
	case "":
		return ""
	}
	return code(s)
}
