// Package listmatch is what a watchlist screening finds, in the terms the risk rules read it:
// a person's match and a party's (organiser, operator, contact, aircraft). It stands between the
// engine that produces matches (shared/watchlist) and the rules that weigh them (shared/rules),
// so that neither imports the other: a new engine or a new rule changes one side only.
package listmatch

// Person is a screening engine's answer for one person of a manifest.
type Person struct {
	PersonIndex int     `json:"personIndex"`
	Source      string  `json:"source"`
	EntryID     string  `json:"entryId"`
	ListedName  string  `json:"listedName"`
	Score       float64 `json:"score"`
	Strong      bool    `json:"strong"`
	Explanation any     `json:"explanation,omitempty"`
}

// Roles of a screened party.
const (
	RoleOrganiser     = "organiser"     // organiser.name (the PAXLST reporting party, NAD+MS)
	RoleOperator      = "operator"      // flight.operator
	RoleContact       = "contact"       // the emergency contact's organisation
	RoleContactPerson = "contactPerson" // the emergency contact's personal name, screened as a person
	RoleAircraft      = "aircraft"      // registration or serial number
)

// Party is a screening engine's answer for one party of the flight.
type Party struct {
	// Path is the JSON Pointer of the screened field.
	Path string `json:"path"`
	Role string `json:"role"`
	// Kind is what the listing is: entity, aircraft or individual.
	Kind       string   `json:"kind"`
	Source     string   `json:"source"`
	EntryID    string   `json:"entryId"`
	ListedName string   `json:"listedName"`
	Programs   []string `json:"programs,omitempty"`
	// Relation is set when the party matched the operator of, or a party linked to, listed
	// aircraft rather than a listed entity's own name.
	Relation string  `json:"relation,omitempty"`
	Score    float64 `json:"score"`
	Strong   bool    `json:"strong"`
	// Why is one sentence for the reviewer; Explanation the engine's full account.
	Why         string `json:"why,omitempty"`
	Explanation any    `json:"explanation,omitempty"`
}
