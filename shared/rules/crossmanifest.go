package rules

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// RuleProbableDuplicate: the same flight (organisation, flight number, registration, airports and
// times) submitted again as another manifest.
const RuleProbableDuplicate = "PROBABLE_DUPLICATE_SUBMISSION"

// crossManifestRules are the rules that name another manifest; a manifest they name is assessed
// again when it does not yet name this one (package scoring).
var crossManifestRules = []string{RuleProbableDuplicate, RuleDocumentOnOther, RuleOverlappingFlights}

// allRules is every rule code a ruleset may configure.
func allRules() []string {
	return append(append([]string(nil), knownRules...), RuleProbableDuplicate)
}

// OtherManifest is another live manifest as its header describes it: what the cross-manifest
// rules compare with this one.
type OtherManifest struct {
	ID               string
	Organisation     string
	FlightNumber     string
	Registration     string
	DepartureAirport string
	ArrivalAirport   string
	Departure        time.Time
	Arrival          time.Time
}

// sameFlight: the same organisation's same flight number, aircraft, route and schedule.
func sameFlight(in Input, o OtherManifest, departure, arrival time.Time) bool {
	f := in.Manifest.Flight
	return in.Organisation != "" && o.Organisation == in.Organisation &&
		strings.EqualFold(o.FlightNumber, f.Number) && strings.EqualFold(o.Registration, f.AircraftRegistration) &&
		o.DepartureAirport == f.Departure.Airport && o.ArrivalAirport == f.Arrival.Airport &&
		!departure.IsZero() && o.Departure.Equal(departure) && o.Arrival.Equal(arrival)
}

// NamedManifests lists the other manifests a's cross-manifest hits name, sorted.
func NamedManifests(a *Assessment) []string {
	seen := map[string]bool{}
	for _, h := range a.Hits {
		if !isCrossManifest(h.Rule) {
			continue
		}
		if id := evidenceManifest(h.Evidence); id != "" {
			seen[id] = true
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// OtherManifestOf is the other manifest a cross-manifest hit names, "" for any other hit.
func OtherManifestOf(h Hit) string {
	if !isCrossManifest(h.Rule) {
		return ""
	}
	return evidenceManifest(h.Evidence)
}

func isCrossManifest(rule string) bool {
	for _, r := range crossManifestRules {
		if r == rule {
			return true
		}
	}
	return false
}

// evidenceManifest reads the manifest id of a cross-manifest hit's evidence, as built here or as
// read back from JSON.
func evidenceManifest(ev any) string {
	switch e := ev.(type) {
	case crossEvidence:
		return e.ManifestID
	case *crossEvidence:
		return e.ManifestID
	case map[string]any:
		s, _ := e["manifestId"].(string)
		return s
	}
	return ""
}

// crossEvidence is what a reviewer needs to find the other manifest and the shared documents.
type crossEvidence struct {
	ManifestID string   `json:"manifestId"`
	Documents  int      `json:"documents"`
	Paths      []string `json:"paths,omitempty"`
	Departure  string   `json:"departure,omitempty"`
	Arrival    string   `json:"arrival,omitempty"`
}

// crossManifest aggregates the sightings of this manifest's documents per other manifest: one
// hit per manifest ("12 documents also on manifest X"), not one per person. A manifest that is
// the same flight submitted again gives one PROBABLE_DUPLICATE_SUBMISSION hit instead, whatever
// the documents they share.
func (a *assessor) crossManifest(in Input, departure, arrival time.Time) {
	dups := map[string]bool{}
	for _, o := range in.Others {
		if o.ID != "" && sameFlight(in, o, departure, arrival) {
			dups[o.ID] = true
		}
	}
	type agg struct {
		paths    []string
		persons  []int
		dep, arr time.Time
	}
	per := map[string]*agg{}
	for _, s := range in.Sightings {
		g := per[s.ManifestID]
		if g == nil {
			g = &agg{dep: s.Departure, arr: s.Arrival}
			per[s.ManifestID] = g
		}
		g.paths = append(g.paths, "/persons/"+strconv.Itoa(s.PersonIndex)+"/documents/"+strconv.Itoa(s.DocumentIndex)+"/number")
		g.persons = append(g.persons, s.PersonIndex)
	}
	ids := make([]string, 0, len(per)+len(dups))
	for id := range per {
		ids = append(ids, id)
	}
	for id := range dups {
		if per[id] == nil {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		g := per[id]
		if g == nil {
			g = &agg{}
		}
		sort.Strings(g.paths)
		ev := crossEvidence{ManifestID: id, Documents: len(g.paths), Paths: g.paths}
		if !g.dep.IsZero() {
			ev.Departure, ev.Arrival = g.dep.Format(time.RFC3339), g.arr.Format(time.RFC3339)
		}
		if dups[id] {
			a.hit(RuleProbableDuplicate, a.points(RuleProbableDuplicate), "/flight", -1, ev,
				fmt.Sprintf("probably the same flight submitted again as manifest %s (same organisation, flight number, registration, route and times; %d documents in common): keep one and close the other", id, len(g.paths)))
			continue
		}
		path, person := "/persons", -1
		if len(g.paths) == 1 {
			path, person = g.paths[0], g.persons[0]
		}
		// Two flights overlap when each departs before the other arrives: one person cannot be on both.
		if !departure.IsZero() && !arrival.IsZero() && g.dep.Before(arrival) && departure.Before(g.arr) {
			a.hit(RuleOverlappingFlights, a.points(RuleOverlappingFlights), path, person, ev,
				fmt.Sprintf("%s also on manifest %s, a flight at the same time: one person cannot be on both", documents(len(g.paths)), id))
			continue
		}
		a.hit(RuleDocumentOnOther, a.points(RuleDocumentOnOther), path, person, ev,
			fmt.Sprintf("%s also on live manifest %s", documents(len(g.paths)), id))
	}
}

func documents(n int) string {
	if n == 1 {
		return "1 document"
	}
	return strconv.Itoa(n) + " documents"
}
