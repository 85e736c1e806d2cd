package watchlist

import (
	"sort"
	"strings"

	"github.com/paxscreen/paxscreen/shared/listmatch"
	"github.com/paxscreen/paxscreen/shared/manifest"
)

// Named is a snapshot under the name it was published as (a source such as UN or OFAC, or the
// sources a file was built from, joined with "+").
type Named struct {
	Name  string
	Index *Index
}

// NameOf names an index by the sources it was built from.
func NameOf(ix *Index) string {
	var names []string
	for _, s := range ix.Sources() {
		names = append(names, s.Name)
	}
	sort.Strings(names)
	return strings.Join(names, "+")
}

// Set screens manifest persons against several snapshots, for the rules.
type Set struct {
	Snapshots []Named
	// Threshold is the lowest score reported (DefaultThreshold when zero). StrongThreshold, when
	// above the engine's own, raises the bar for a strong identity match.
	Threshold, StrongThreshold float64
	// EntityThreshold is the lowest organisation-name score reported (DefaultEntityThreshold
	// when zero); see ScreenParties.
	EntityThreshold float64
}

// Versions maps each snapshot's name to its version, recorded on every assessment.
func (s *Set) Versions() map[string]string {
	v := make(map[string]string, len(s.Snapshots))
	for _, n := range s.Snapshots {
		v[n.Name] = n.Index.Version()
	}
	return v
}

// ScreenPersons screens every person by name, date of birth, nationality and document numbers,
// in person order, and returns the matches as the rules take them.
func (s *Set) ScreenPersons(persons []manifest.Person) []listmatch.Person {
	threshold := s.Threshold
	if threshold <= 0 {
		threshold = DefaultThreshold
	}
	var out []listmatch.Person
	for i, p := range persons {
		q := Query{Surname: p.Surname, GivenNames: p.GivenNames, DateOfBirth: p.DateOfBirth, Nationality: p.Nationality}
		for _, d := range p.Documents {
			q.Documents = append(q.Documents, d.Number)
		}
		for _, n := range s.Snapshots {
			// The best candidate of each source: a common name resembling several entries is one
			// reason for review, not several, and the reviewer sees the rest with paxscreen
			// match. Per source rather than per snapshot, so that one snapshot built from UN and
			// OFAC screens as the two published apart do (the rules keep one hit per person).
			seen := map[string]bool{}
			for _, m := range n.Index.Screen(q, threshold) {
				if seen[m.Source] {
					continue
				}
				seen[m.Source] = true
				out = append(out, listmatch.Person{
					PersonIndex: i, Source: m.Source, EntryID: m.EntryID, ListedName: m.ListedName, Score: m.Score,
					Strong: m.Strong && m.Score >= s.StrongThreshold, Explanation: m.Explanation,
				})
			}
		}
	}
	return out
}
