package watchlist

import (
	"github.com/paxscreen/paxscreen/shared/listmatch"
	"github.com/paxscreen/paxscreen/shared/manifest"
)

// ScreenParties screens who organised the flight and whose aircraft it is, for the rules: the
// organiser's name (for PAXLST, the reporting party of NAD+MS), the operator and the emergency
// contact's organisation against the entities and the operators and linked parties of listed
// aircraft; the registration and serial number against the listed aircraft; the emergency
// contact's personal name as a person. Per field and snapshot it reports the best listed
// entity of each source and the best aircraft relation, in field order.
func (s *Set) ScreenParties(m *manifest.Manifest) []listmatch.Party {
	threshold := s.EntityThreshold
	if threshold <= 0 {
		threshold = DefaultEntityThreshold
	}
	var out []listmatch.Party
	fields := []struct{ path, role, name string }{
		{"/organiser/name", listmatch.RoleOrganiser, m.Organiser.Name},
		{"/flight/operator", listmatch.RoleOperator, m.Flight.Operator},
		{"/organiser/emergencyContact/organisation", listmatch.RoleContact, m.Organiser.EmergencyContact.Organisation},
	}
	for _, n := range s.Snapshots {
		for _, f := range fields {
			if f.name == "" {
				continue
			}
			seen := map[string]bool{}
			for _, em := range n.Index.ScreenEntity(f.name, threshold) {
				// Matches come best first: keep the first of each source, and one relation.
				key := em.Source
				if em.Relation != RelationListed {
					key = "relation"
				}
				if seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, listmatch.Party{Path: f.path, Role: f.role, Kind: string(em.Kind), Source: em.Source,
					EntryID: em.EntryID, ListedName: em.ListedName, Programs: em.Programs, Relation: relationOf(em.Relation),
					Score: em.Score, Strong: em.Strong, Why: em.Explanation.Why, Explanation: em.Explanation})
			}
		}
		q := AircraftQuery{Registration: m.Flight.AircraftRegistration, SerialNumber: m.Flight.AircraftSerialNumber}
		for _, am := range n.Index.ScreenAircraft(q) {
			path := "/flight/aircraftRegistration"
			if am.Explanation.MatchedOn == "serialNumber" || am.Explanation.MatchedOn == "constructionNumber" {
				path = "/flight/aircraftSerialNumber"
			}
			out = append(out, listmatch.Party{Path: path, Role: listmatch.RoleAircraft, Kind: string(Aircraft), Source: am.Source,
				EntryID: am.EntryID, ListedName: am.ListedName, Programs: am.Programs, Score: 1, Strong: am.Strong,
				Why: am.Explanation.Why, Explanation: am.Explanation})
		}
	}
	if c := m.Organiser.EmergencyContact.Name; c != "" {
		// The contact is a person with a name only: no date of birth or document to confirm it,
		// so at most a possible match, and the best one across the lists.
		for _, wm := range s.ScreenPersons([]manifest.Person{{GivenNames: c}}) {
			out = append(out, listmatch.Party{Path: "/organiser/emergencyContact/name", Role: listmatch.RoleContactPerson,
				Kind: string(Individual), Source: wm.Source, EntryID: wm.EntryID, ListedName: wm.ListedName, Score: wm.Score,
				Strong: wm.Strong, Explanation: wm.Explanation})
		}
	}
	return out
}

func relationOf(r string) string {
	if r == RelationListed {
		return ""
	}
	return r
}
