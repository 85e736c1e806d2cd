package watchlist

import "testing"

// Entity and aircraft screening speed, per query on one core (run with -cpu 1), on the UN + OFAC
// lists. The organisation names mix what a manifest carries: listed names as written and damaged
// (legal form, typo, acronym, Cyrillic), and innocent names sharing industry words with the
// lists, which are the costly ones (many postings per weak word).
var benchOrgNames = []string{
	"Mahan Air", "Haqqani Network", "MAHAN AIRLINES LLC", "Islamic Revolutionary Guard Corps",
	"IRGC", "SEMT", "Syrian Arab Airlnies", "ООО Газпром",
	"Relief Without Borders e.V.", "Example Charter GmbH", "Nordic Cargo Logistics AB",
	"Atlas Air Transport International Holdings Ltd", "Blue Sky Aviation Services FZE", "Al Noor Trading Company",
}

func BenchmarkScreenEntity(b *testing.B) {
	ix := realIndex(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.ScreenEntity(benchOrgNames[i%len(benchOrgNames)], 0)
		i++
	}
}

func BenchmarkScreenAircraft(b *testing.B) {
	ix := realIndex(b)
	qs := []AircraftQuery{
		{Registration: "EP-MNG", SerialNumber: "1023409321"},
		{Registration: "ep mng"},
		{Registration: "D-ABCD", SerialNumber: "4711"}, // not listed
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.ScreenAircraft(qs[i%len(qs)])
		i++
	}
}

// BenchmarkEntityIndexBuild builds the entity and aircraft indexes from the listed entries: what
// Build does for them, and what Load does after reading the snapshot's entity section.
func BenchmarkEntityIndexBuild(b *testing.B) {
	es := partyEntries(realLists(b))
	b.ReportAllocs()
	for b.Loop() {
		buildParties(es)
	}
}
