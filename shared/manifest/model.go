// Package manifest is the canonical passenger manifest of a charter flight: its model, its
// decoders (JSON and CSV) and its validation. It knows nothing of AWS or HTTP.
//
// Dates and codes are kept as the submitter wrote them (strings), so that a malformed value is a
// validation finding pointing at its field rather than a decoding failure that hides every other
// problem in the manifest.
package manifest

// Manifest is one flight's list of people on board, as submitted by its organiser.
type Manifest struct {
	Organiser Organiser `json:"organiser"`
	Flight    Flight    `json:"flight"`
	Persons   []Person  `json:"persons"`
}

// Organiser is who arranged the flight and answers for the manifest.
type Organiser struct {
	Name             string  `json:"name"`
	Type             string  `json:"type"` // one of OrganiserTypes
	EmergencyContact Contact `json:"emergencyContact"`
}

// Contact is someone reachable while the flight is in the air.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email,omitempty"`
	// Organisation the contact works for, when it is not the organiser; screened against the
	// lists' entities.
	Organisation string `json:"organisation,omitempty"`
}

// Flight describes the aircraft, its operator and its schedule.
type Flight struct {
	Number               string `json:"number,omitempty"` // flight number or call sign, if any
	Direction            string `json:"direction"`        // INBOUND or OUTBOUND, seen from the destination base
	Regime               string `json:"regime"`           // one of Regimes
	Operator             string `json:"operator"`
	AircraftRegistration string `json:"aircraftRegistration"`
	AircraftType         string `json:"aircraftType"` // ICAO type designator, e.g. B738
	// AircraftSerialNumber is the manufacturer's serial number (MSN), optional; screened against
	// listed aircraft with the registration, since a listed airframe may fly under a new mark.
	AircraftSerialNumber string `json:"aircraftSerialNumber,omitempty"`
	SeatCapacity         int    `json:"seatCapacity"`
	Departure            Stop   `json:"departure"`
	Arrival              Stop   `json:"arrival"`
	PriorStops           []Stop `json:"priorStops,omitempty"`
}

// Stop is an aerodrome with its scheduled UTC time (RFC 3339, e.g. 2026-12-01T14:30:00Z). For
// the departure and prior stops the time is the scheduled departure; for the arrival, the
// scheduled arrival.
type Stop struct {
	Airport   string `json:"airport"`
	Scheduled string `json:"scheduled,omitempty"`
}

// Person is one human being on board.
type Person struct {
	// Ref is the submitter's own reference for the person, unique in the manifest; minors name
	// their guardian by it.
	Ref         string     `json:"ref,omitempty"`
	Role        string     `json:"role"` // PIC, CREW, PAX or TRANSIT
	Surname     string     `json:"surname"`
	GivenNames  string     `json:"givenNames,omitempty"`
	DateOfBirth string     `json:"dateOfBirth"` // YYYY-MM-DD, or YYYY-MM / YYYY when only that is known
	Sex         string     `json:"sex,omitempty"`
	Nationality string     `json:"nationality"`
	Residence   string     `json:"residence,omitempty"`
	Documents   []Document `json:"documents"`
	Guardian    string     `json:"guardian,omitempty"`  // Ref of the adult responsible for a minor
	LapInfant   bool       `json:"lapInfant,omitempty"` // under 2, seated on an adult's lap
	USAddress   *Address   `json:"usAddress,omitempty"` // address while in the United States
}

// Document is a travel or identity document carried by a person.
type Document struct {
	Type         string `json:"type"` // one of DocumentTypes
	Number       string `json:"number"`
	IssuingState string `json:"issuingState"`
	// Expiry is YYYY-MM-DD. Identity cards (type I) may have none (the Afghan tazkira and many
	// others are issued without one), and on evacuation regimes any document may lack it: both
	// are findings the rules weigh rather than refusals.
	Expiry string   `json:"expiry,omitempty"`
	MRZ    []string `json:"mrz,omitempty"`
	// Holder is the ref of the person whose document this is, when it is not the carrier's own:
	// a child inscribed in a parent's passport carries the parent's document with holder naming
	// the parent. Two persons may then list the same document without DUPLICATE_DOCUMENT.
	Holder string `json:"holder,omitempty"`
}

// Address is a postal address.
type Address struct {
	Street     string `json:"street"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postalCode"`
}

// Allowed values of the enumerated fields.
var (
	OrganiserTypes = []string{"NGO", "OPERATOR", "GOVERNMENT", "INTERNATIONAL_ORGANISATION", "PRIVATE", "OTHER"}
	Directions     = []string{"INBOUND", "OUTBOUND"}
	Regimes        = []string{"PRIVATE", "CHARTER", "HUMANITARIAN", "EVACUATION", "MEDEVAC", "STATE"}
	Roles          = []string{"PIC", "CREW", "PAX", "TRANSIT"}
	Sexes          = []string{"F", "M", "X"}
	// DocumentTypes: P passport, I identity card, V visa-bearing travel document, C crew member
	// certificate, L laissez-passer (UN, ICRC), R refugee travel document, T other travel document.
	DocumentTypes = []string{"P", "I", "C", "L", "R", "T"}
)

// Severity of a finding: an error makes the manifest invalid, a warning does not.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Finding is one problem in a manifest. Path is a JSON Pointer (RFC 6901) into the canonical
// JSON form. Messages name fields, never quote personal values.
type Finding struct {
	Code     string   `json:"code"`
	Path     string   `json:"path"`
	Message  string   `json:"message"`
	Severity Severity `json:"severity"`
}
