package manifest

import (
	"strings"
	"testing"
)

// The fields screened against the lists' entities and aircraft arrive from every format.
func TestSerialNumberAndContactOrganisationInEveryFormat(t *testing.T) {
	j := loadValid(t)
	if j.Flight.AircraftSerialNumber != "" || j.Organiser.EmergencyContact.Organisation != "" {
		t.Fatal("the sample already carries the optional fields")
	}
	body := `{"organiser":{"name":"X","type":"NGO","emergencyContact":{"name":"A","phone":"+4930123456","organisation":" Example Logistics Ltd "}},` +
		`"flight":{"direction":"INBOUND","regime":"CHARTER","operator":"O","aircraftRegistration":"D-AXYZ","aircraftType":"A320","aircraftSerialNumber":" 1023409321 ","seatCapacity":1,` +
		`"departure":{"airport":"EDDF","scheduled":"2026-12-01T06:00:00Z"},"arrival":{"airport":"ETAR","scheduled":"2026-12-01T08:00:00Z"}},"persons":[]}`
	m, err := DecodeJSON([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	Normalise(m)
	if m.Flight.AircraftSerialNumber != "1023409321" || m.Organiser.EmergencyContact.Organisation != "Example Logistics Ltd" {
		t.Errorf("JSON: %q %q", m.Flight.AircraftSerialNumber, m.Organiser.EmergencyContact.Organisation)
	}
	csv := "#aircraftSerialNumber: 1023409321\n#contact organisation: Example Logistics Ltd\nsurname,role\nA,PAX\n"
	c, err := DecodeCSV([]byte(csv), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Flight.AircraftSerialNumber != "1023409321" || c.Organiser.EmergencyContact.Organisation != "Example Logistics Ltd" {
		t.Errorf("CSV: %q %q", c.Flight.AircraftSerialNumber, c.Organiser.EmergencyContact.Organisation)
	}
	long := *m
	long.Flight.AircraftSerialNumber = strings.Repeat("9", 33)
	found := false
	for _, f := range Validate(&long, Options{}) {
		found = found || f.Path == "/flight/aircraftSerialNumber"
	}
	if !found {
		t.Error("a 33-character serial number is not reported")
	}
}
