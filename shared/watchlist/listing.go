package watchlist

// IndexedEntry is one indexed individual as evaluation and generators see
// it: its names as listed and its identity data.
type IndexedEntry struct {
	Source, ID, ListedName string
	Names                  []IndexedName
	DatesOfBirth           []DOB
	Nationalities          []string
}

// IndexedName is one indexed name of an entry.
type IndexedName struct {
	Full    string
	Quality Quality
}

// Indexed returns the indexed individuals in index order. It copies; it is
// meant for evaluation and test generators, not for screening.
func (ix *Index) Indexed() []IndexedEntry {
	out := make([]IndexedEntry, len(ix.entries))
	for i, e := range ix.entries {
		out[i] = IndexedEntry{Source: e.source, ID: e.id, ListedName: e.listed,
			DatesOfBirth: append([]DOB(nil), e.dobs...), Nationalities: append([]string(nil), e.nats...)}
		for n := ix.entryNameAt[i]; n < ix.entryNameAt[i+1]; n++ {
			out[i].Names = append(out[i].Names, IndexedName{Full: ix.names[n].full, Quality: ix.names[n].quality})
		}
	}
	return out
}

// DOBCompatible reports whether a date of birth given by a passenger could
// be one of the listed dates (the same outcome screening uses, short of
// ruling the person out). No listed date, or none given, is compatible.
func DOBCompatible(q DOB, listed []DOB) bool {
	if q.Year == 0 || len(listed) == 0 {
		return true
	}
	for _, l := range listed {
		if o, _ := dobOutcome(q, l); o != RulesOut {
			return true
		}
	}
	return false
}
