package watchlist

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// dataDir is the shared reference data, read in place.
const dataDir = "../../../shared/data/watchlists"

func need(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Skipf("reference data %s is absent (../shared/data is not checked out here): %v", path, err)
	}
}

var (
	realOnce    sync.Once
	realEntries []Entry
	realErr     error
)

func realLists(t testing.TB) []Entry {
	un := filepath.Join(dataDir, "un-consolidated-2026-02-27.xml")
	ofac := filepath.Join(dataDir, "ofac-sdn-2021")
	need(t, un)
	need(t, ofac)
	realOnce.Do(func() {
		f, err := os.Open(un)
		if err != nil {
			realErr = err
			return
		}
		defer f.Close()
		es, err := ParseUN(f)
		if err != nil {
			realErr = err
			return
		}
		os, err := ParseOFACDir(ofac)
		if err != nil {
			realErr = err
			return
		}
		realEntries = append(es, os...)
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realEntries
}

func find(es []Entry, source, id string) *Entry {
	for i := range es {
		if es[i].Source == source && es[i].ID == id {
			return &es[i]
		}
	}
	return nil
}

func TestParseRealCounts(t *testing.T) {
	es := realLists(t)
	count := map[string]int{}
	for _, e := range es {
		count[e.Source+" "+string(e.Kind)]++
		count[e.Source]++
	}
	for k, want := range map[string]int{"UN": 1003, "UN individual": 730, "UN entity": 273, "OFAC": 8976, "OFAC individual": 4620} {
		if count[k] != want {
			t.Errorf("%s: %d records, want %d", k, count[k], want)
		}
	}
}

func TestParseRealEntries(t *testing.T) {
	es := realLists(t)
	for _, tc := range []struct {
		source, id string
		want       Entry
	}{
		{SourceUN, "CDi.001", Entry{ID: "CDi.001", Source: SourceUN, Kind: Individual,
			Names: []Name{{Full: "ERIC BADEGE", Quality: Primary}}, DatesOfBirth: []DOB{{Year: 1971}},
			Nationalities: []string{"COD"}, Programs: []string{"DRC"}}},
		{SourceUN, "CDi.006", Entry{ID: "CDi.006", Source: SourceUN, Kind: Individual,
			Names: []Name{{Full: "GERMAIN KATANGA", Quality: Primary}}, DatesOfBirth: []DOB{{Year: 1978, Month: 4, Day: 28}},
			Nationalities: []string{"COD"}, Programs: []string{"DRC"}}},
		{SourceOFAC, "2676", Entry{ID: "2676", Source: SourceOFAC, Kind: Individual,
			Names: []Name{{Full: "AL ZAWAHIRI, Dr. Ayman", Quality: Primary}, {Full: "AL-ZAWAHIRI, Ayman", Quality: Strong},
				{Full: "SALIM, Ahmad Fuad", Quality: Strong}, {Full: "AL-ZAWAHIRI, Aiman Muhammad Rabi", Quality: Strong}},
			DatesOfBirth: []DOB{{Year: 1951, Month: 6, Day: 19}},
			Documents:    []Document{{Type: "Passport", Number: "1084010", Country: "EGY"}, {Type: "Passport", Number: "19820215"}},
			Programs:     []string{"SDGT"}}},
	} {
		got := find(es, tc.source, tc.id)
		if got == nil {
			t.Errorf("%s %s missing", tc.source, tc.id)
			continue
		}
		if !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("%s %s:\n got %+v\nwant %+v", tc.source, tc.id, *got, tc.want)
		}
	}
	// Aliases keep their quality; ranges and circa dates are kept as such.
	e := find(es, SourceUN, "CDi.002")
	if e == nil || len(e.Names) != 4 || e.Names[1] != (Name{Full: "FRANK KAKORERE", Quality: Strong}) {
		t.Errorf("CDi.002 names: %+v", e)
	}
	var sawRange, sawCirca, sawWeak, sawOriginal bool
	for _, e := range es {
		for _, d := range e.DatesOfBirth {
			sawRange = sawRange || d.YearTo > d.Year
			sawCirca = sawCirca || d.Circa
		}
		for _, n := range e.Names {
			sawWeak = sawWeak || n.Quality == Weak
			sawOriginal = sawOriginal || n.Script == "original"
		}
	}
	if !sawRange || !sawCirca || !sawWeak || !sawOriginal {
		t.Errorf("range %v circa %v weak alias %v original script %v: want all", sawRange, sawCirca, sawWeak, sawOriginal)
	}
}

func TestOFACDOBForms(t *testing.T) {
	for in, want := range map[string]DOB{
		"10 Dec 1948":                {Year: 1948, Month: 12, Day: 10},
		"Dec 1948":                   {Year: 1948, Month: 12},
		"1948":                       {Year: 1948},
		"circa 1948":                 {Year: 1948, Circa: true},
		"1948 to 1950":               {Year: 1948, YearTo: 1950},
		"01 Jan 1948 to 31 Dec 1950": {Year: 1948, YearTo: 1950},
	} {
		if got, ok := ofacDOB(in); !ok || got != want {
			t.Errorf("ofacDOB(%q) = %+v, %v; want %+v", in, got, ok, want)
		}
	}
}

func TestParseUNRefusesDTD(t *testing.T) {
	bomb := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><CONSOLIDATED_LIST>&lol2;</CONSOLIDATED_LIST>`
	if _, err := ParseUN(strings.NewReader(bomb)); !errors.Is(err, ErrDTD) {
		t.Errorf("DTD: err = %v, want ErrDTD", err)
	}
	deep := "<a>" + strings.Repeat("<b>", 100) + strings.Repeat("</b>", 100) + "</a>"
	if _, err := ParseUN(strings.NewReader(deep)); err == nil || !strings.Contains(err.Error(), "deeper") {
		t.Errorf("deep nesting: err = %v", err)
	}
}

func TestOFACRowBound(t *testing.T) {
	row := `1,"` + strings.Repeat("A", MaxCSVRow) + `","individual",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-` + "\n"
	if _, err := ParseOFAC(strings.NewReader(row), nil, nil); !errors.Is(err, ErrRowTooLong) {
		t.Errorf("err = %v, want ErrRowTooLong", err)
	}
}

const sampleJSON = `{"source":"LOCAL","entries":[
 {"id":"L1","names":[{"full":"IVANOV, Sergei Petrovich"},{"full":"Сергей Иванов","quality":"strong"}],
  "datesOfBirth":["1961-03-04","~1960"],"nationalities":["RUS"],
  "documents":[{"type":"passport","number":"72 1234567","country":"RUS"}]},
 {"id":"L2","kind":"entity","names":[{"full":"ACME TRADING"}]}]}`

func TestParseJSONRoundTrip(t *testing.T) {
	es, err := ParseJSON(strings.NewReader(sampleJSON))
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 2 || es[0].Kind != Individual || es[1].Kind != Entity || es[0].Names[0].Quality != Primary ||
		es[0].DatesOfBirth[1] != (DOB{Year: 1960, Circa: true}) {
		t.Fatalf("parsed %+v", es)
	}
	b, err := MarshalEntriesJSON("LOCAL", es)
	if err != nil {
		t.Fatal(err)
	}
	again, err := ParseJSON(bytes.NewReader(b))
	if err != nil || !reflect.DeepEqual(again, es) {
		t.Fatalf("round trip: %v\n%+v\n%+v", err, again, es)
	}
	for _, bad := range []string{`{"source":"X","entries":[{"id":"a","names":[{"full":"A"}],"dob":[]}]}`, `{"source":"X","entries":[]}`, `{"source":"A/B","entries":[{"id":"a","names":[{"full":"A"}]}]}`, `{"source":"X","entries":[{"id":"a","names":[{"full":"A"}],"datesOfBirth":["1960-13-45x"]}]}`} {
		if _, err := ParseJSON(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseJSON(%s) accepted", bad)
		}
	}
}

func sampleIndex(t testing.TB) *Index {
	es, err := ParseJSON(strings.NewReader(sampleJSON))
	if err != nil {
		t.Fatal(err)
	}
	return Build(es)
}

func TestScreenExplanation(t *testing.T) {
	ix := sampleIndex(t)
	ms := ix.Screen(Query{Surname: "Ivanoff", GivenNames: "Sergey", DateOfBirth: "1961-03-04", Nationality: "RUS", Documents: []string{"721234567"}}, DefaultThreshold)
	if len(ms) != 1 {
		t.Fatalf("matches %+v", ms)
	}
	m := ms[0]
	if m.EntryID != "L1" || m.Source != "LOCAL" || !m.Strong || m.Score != 1 {
		t.Errorf("match %+v", m)
	}
	ex := m.Explanation
	kinds := map[string]string{}
	for _, e := range ex.Evidence {
		kinds[e.Kind] = e.Outcome
	}
	if kinds["dateOfBirth"] != Confirms || kinds["document"] != Confirms || kinds["nationality"] != Consistent {
		t.Errorf("evidence %+v", ex.Evidence)
	}
	hows := map[string]string{}
	for _, p := range ex.Parts {
		hows[p.Query] = p.How
	}
	if hows["ivanoff"] != "phonetic" || hows["sergey"] == "" {
		t.Errorf("parts %+v", ex.Parts)
	}
	if _, err := json.Marshal(m); err != nil {
		t.Error(err)
	}

	// A clearly different date of birth rules the same name out.
	if ms := ix.Screen(Query{FullName: "Sergei Ivanov", DateOfBirth: "1990-01-01"}, DefaultThreshold); len(ms) != 0 {
		t.Errorf("different DOB: %+v", ms)
	}
	// A missing one neither confirms nor rules out.
	ms = ix.Screen(Query{FullName: "Sergei Ivanov"}, DefaultThreshold)
	if len(ms) != 1 || ms[0].Strong || ms[0].Explanation.Evidence[0].Outcome != Missing {
		t.Errorf("no DOB: %+v", ms)
	}
	// Cyrillic script finds the Latin listing.
	if ms := ix.Screen(Query{FullName: "Иванов Сергей"}, DefaultThreshold); len(ms) != 1 {
		t.Errorf("Cyrillic: %+v", ms)
	}
	// Entities are never screened as persons.
	if ms := ix.Screen(Query{FullName: "Acme Trading"}, 0.1); len(ms) != 0 {
		t.Errorf("entity matched: %+v", ms)
	}
}

func TestNationalityNeverRaises(t *testing.T) {
	ix := sampleIndex(t)
	base := ix.Screen(Query{FullName: "Sergei Ivanov", DateOfBirth: "1961"}, 0)
	for _, nat := range []string{"RUS", "GBR", "AFG", ""} {
		got := ix.Screen(Query{FullName: "Sergei Ivanov", DateOfBirth: "1961", Nationality: nat}, 0)
		if len(got) != len(base) || got[0].Score != base[0].Score {
			t.Errorf("nationality %q changed the score: %+v vs %+v", nat, got, base)
		}
	}
}

func TestDOBOutcomes(t *testing.T) {
	for _, tc := range []struct {
		q, l DOB
		want string
	}{
		{DOB{Year: 1960, Month: 6, Day: 29}, DOB{Year: 1960, Month: 6, Day: 29}, Confirms},
		{DOB{Year: 1960}, DOB{Year: 1960, Month: 6, Day: 29}, Consistent},
		{DOB{Year: 1974, Month: 1, Day: 31}, DOB{Year: 1973, YearTo: 1974}, Consistent},
		{DOB{Year: 1968}, DOB{Year: 1966, Circa: true}, Consistent},
		{DOB{Year: 1986}, DOB{Year: 1985}, Near},
		{DOB{Year: 1969, Month: 7, Day: 16}, DOB{Year: 1969, Month: 6, Day: 16}, Near},
		{DOB{Year: 1990, Month: 1, Day: 1}, DOB{Year: 1961, Month: 3, Day: 4}, RulesOut},
	} {
		if got, _ := dobOutcome(tc.q, tc.l); got != tc.want {
			t.Errorf("dobOutcome(%v, %v) = %s, want %s", tc.q, tc.l, got, tc.want)
		}
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	ix := sampleIndex(t)
	b, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version() != ix.Version() || !reflect.DeepEqual(got.Sources(), ix.Sources()) || got.Len() != ix.Len() {
		t.Fatalf("version %s/%s sources %+v/%+v", got.Version(), ix.Version(), got.Sources(), ix.Sources())
	}
	q := Query{FullName: "Sergei Ivanov", DateOfBirth: "1961-03-04", Documents: []string{"72 1234567"}}
	if a, b := ix.Screen(q, 0.3), got.Screen(q, 0.3); !reflect.DeepEqual(a, b) {
		t.Errorf("loaded index screens differently:\n%+v\n%+v", a, b)
	}
	for i := 0; i < len(b); i += 1 + len(b)/200 {
		c := append([]byte(nil), b...)
		c[i] ^= 0x55
		if _, err := Load(c); err == nil {
			t.Errorf("corrupted byte %d accepted", i)
		}
	}
	if _, err := Load(b[:len(b)/2]); err == nil {
		t.Error("truncated snapshot accepted")
	}
}

func TestRealScreening(t *testing.T) {
	ix := Build(realLists(t))
	for _, tc := range []struct {
		q    Query
		want string
	}{
		{Query{FullName: "SALEK, ABDULHAI", DateOfBirth: "1965"}, "UN/TAi.108"},
		{Query{FullName: "Ayman al-Zawahiri", DateOfBirth: "1951-06-19", Documents: []string{"1084010"}}, "OFAC/2676"},
		{Query{FullName: "صدام حسين التكريتي"}, "UN/IQi.001"},
	} {
		ms := ix.Screen(tc.q, DefaultThreshold)
		if len(ms) == 0 || ms[0].Source+"/"+ms[0].EntryID != tc.want {
			t.Errorf("Screen(%+v) = %+v, want %s first", tc.q, ms, tc.want)
		}
	}
	// Deterministic: the same query gives the same answer every time.
	q := Query{FullName: "Mohammad Hassan", DateOfBirth: "1960"}
	first := ix.Screen(q, 0.5)
	for i := 0; i < 20; i++ {
		if again := ix.Screen(q, 0.5); !reflect.DeepEqual(first, again) {
			t.Fatal("Screen is not deterministic")
		}
	}
}

func TestRealSnapshotLoad(t *testing.T) {
	b, err := Build(realLists(t)).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	ix, err := Load(b)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("snapshot %d bytes, load %v, heap %d bytes, %d individuals, %d names", len(b), took, heap, ix.Len(), ix.Names())
	if heap > 64<<20 {
		t.Errorf("heap after load %d bytes, want < 64 MB", heap)
	}
	runtime.KeepAlive(ix)
}

func FuzzParseUN(f *testing.F) {
	f.Add(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>A</FIRST_NAME><INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1960</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`)
	f.Add(`<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>`)
	f.Add(`<a><b><c><d>` + "\xff" + `</d></c></b></a>`)
	f.Add(`<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><INDIVIDUAL_DATE_OF_BIRTH><DATE>1960-02-30</DATE></INDIVIDUAL_DATE_OF_BIRTH><NATIONALITY><VALUE>Korea, North</VALUE></NATIONALITY></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`)
	f.Fuzz(func(t *testing.T, s string) {
		es, err := ParseUN(strings.NewReader(s))
		if err == nil {
			_ = Build(es).Screen(Query{FullName: "A"}, 0)
		}
	})
}

func FuzzParseOFAC(f *testing.F) {
	f.Add(`2676,"AL ZAWAHIRI, Dr. Ayman","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 19 Jun 1951; POB Giza, Egypt; Passport 1084010 (Egypt); alt. Passport 19820215; a.k.a. 'X'."`, `2676,1,"aka","AL-ZAWAHIRI, Ayman",-0- `)
	f.Add(`1,"A","individual",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-,"DOB circa 1960 to 1950; DOB 99 Foo 1960"`+"\n\x1a", "")
	f.Add(`"unterminated`, `1,2`)
	f.Fuzz(func(t *testing.T, sdn, alt string) {
		es, err := ParseOFAC(strings.NewReader(sdn), strings.NewReader(alt), nil)
		if err == nil {
			ix := Build(es)
			b, err := ix.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Load(b); err != nil {
				t.Fatalf("own snapshot does not load: %v", err)
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	b, _ := sampleIndex(f).MarshalBinary()
	f.Add(b)
	f.Add([]byte("PXWL\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if ix, err := Load(b); err == nil {
			ix.Screen(Query{FullName: "Sergei Ivanov", Documents: []string{"721234567"}}, 0)
		}
	})
}

func TestScreenConcurrent(t *testing.T) {
	ix := sampleIndex(t)
	q := Query{FullName: "Sergei Ivanov", DateOfBirth: "1961"}
	want := ix.Screen(q, 0.5)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if got := ix.Screen(q, 0.5); !reflect.DeepEqual(got, want) {
					t.Error("concurrent Screen differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestPairScore(t *testing.T) {
	for _, tc := range []struct {
		a, b   string
		lo, hi float64
	}{
		{"Olaf Scholz", "Olaf Scholz", 1, 1},
		{"SCHOLZ, Olaf", "Olaf Scholz", 1, 1},
		{"Olaf Scholze", "Olaf Scholz", 0.9, 1},
		{"Octavian Scholz", "Olaf Scholz", 0, 0.6},
		{"Muhammad bin Salman", "Salman bin Muhammad", 0, 0.8},
		{"V. Putin", "Vladimir Putin", 0.6, 0.95},
		{"", "Olaf Scholz", 0, 0},
	} {
		if got := NameSimilarity(tc.a, tc.b); got < tc.lo || got > tc.hi {
			t.Errorf("NameSimilarity(%q, %q) = %.4f, want in [%.2f, %.2f]", tc.a, tc.b, got, tc.lo, tc.hi)
		}
	}
}
