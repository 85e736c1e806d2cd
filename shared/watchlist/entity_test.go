package watchlist

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

var (
	realIxOnce sync.Once
	realIx     *Index
)

func realIndex(t testing.TB) *Index {
	es := realLists(t)
	realIxOnce.Do(func() { realIx = Build(es) })
	return realIx
}

func orgEntries() []Entry {
	return []Entry{
		{ID: "E1", Source: "T", Kind: Entity, Names: []Name{{Full: "MAHAN AIR", Quality: Primary}, {Full: "MAHAN AIRLINES", Quality: Strong}}, Programs: []string{"SDGT"}},
		{ID: "E2", Source: "T", Kind: Entity, Names: []Name{{Full: "HAQQANI NETWORK (HQN)", Quality: Primary}}, Programs: []string{"Taliban"}},
		{ID: "E3", Source: "T", Kind: Entity, Names: []Name{{Full: "ISLAMIC REVOLUTIONARY GUARD CORPS", Quality: Primary}}},
		{ID: "E4", Source: "T", Kind: Entity, Names: []Name{{Full: "GAZPROM, OAO", Quality: Primary}, {Full: "ГАЗПРОМ", Quality: Strong}}},
		{ID: "E5", Source: "T", Kind: Entity, Names: []Name{{Full: "AL-QAIDA", Quality: Primary}}},
		{ID: "E6", Source: "T", Kind: Entity, Names: []Name{{Full: "BRIGADE 44", Quality: Primary}}},
		{ID: "A1", Source: "T", Kind: Aircraft, Names: []Name{{Full: "EP-MNG", Quality: Primary}}, Programs: []string{"SDGT"},
			Aircraft: &AircraftDetails{Registrations: []string{"EP-MNG"}, ConstructionNumbers: []string{"401"}, Model: "A300B4-603",
				Operators: []string{"MAHAN AIR"}, LinkedTo: []string{"MAHAN AIR"}}},
		{ID: "A2", Source: "T", Kind: Aircraft, Names: []Name{{Full: "MSN 391", Quality: Primary}},
			Aircraft: &AircraftDetails{SerialNumbers: []string{"1023409321"}, Registrations: []string{"EP-MMH"}, PreviousRegistrations: []string{"YI-NAE"},
				Operators: []string{"POUYA AIR"}}},
		{ID: "P1", Source: "T", Kind: Individual, Names: []Name{{Full: "Sergei Ivanov", Quality: Primary}}},
	}
}

func TestOrgNormalisation(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Mahan Air LLC", "mahan air"},
		{"MAHAN AIRLINES, L.L.C.", "mahan air"},
		{"Mahan Airways", "mahan air"},
		{"Relief Without Borders e.V.", "relief without borders"},
		{"Siemens Aktiengesellschaft", "siemens"},
		{"SiemensAG", "siemens"},
		{"Open Joint Stock Company Gazprom", "gazprom"},
		{"ООО Газпром", "gazprom"},
		{"Smith & Sons", "smith sons"},
		{"Smith and Sons", "smith sons"},
		{"Deutsche Bank's AG", "deutsche bank"},
		{"Brigade Forty-Four", "brigade 44"},
		{"1st International Bank", "1 international bank"},
		{"First International Bank", "1 international bank"},
		{"I.R.G.C.", "irgc"},
		{"S.A. de C.V.", "sa de cv"}, // only a legal form: kept, it is all there is
		// A legal form or an industry word transcribed into Cyrillic is still one.
		{"ПУБЛИК ДЖОИНТ СТОКК КОМПАНЫ МОСКОВ БАНК", "moskov bank"},
		{"КАСТЛЕ ХОЛДИНГС", "kastle holding"},
		{"Fleurette Energy I B.V.", "fleurette energy i"}, // the numeral is not part of B.V.
		{"", ""},
	} {
		if got := normOrg(tc.in).String(); got != tc.want {
			t.Errorf("normOrg(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestScreenEntityVariants(t *testing.T) {
	ix := Build(orgEntries())
	if ix.Entities() != 6 || ix.AircraftCount() != 2 || ix.Len() != 1 {
		t.Fatalf("entities %d aircraft %d persons %d", ix.Entities(), ix.AircraftCount(), ix.Len())
	}
	for _, tc := range []struct {
		query, want string
		strong      bool
	}{
		{"Mahan Air", "E1", true},
		{"Mahan Airlines LLC", "E1", true},
		{"MAHAN AIR FZE", "E1", true},
		{"Air Mahan", "E1", true},  // word order
		{"Mahaan Air", "E1", true}, // doubled letter
		// One dropped vowel in the only distinctive word of a short name: found, for review, not
		// strong (a near spelling of one short word is weak evidence on its own).
		{"Mahn Air", "E1", false},
		{"MahanAir", "E1", true}, // joined
		{"Haqqani Network", "E2", true},
		{"The Haqqani Network", "E2", true},
		{"Gazprom PJSC", "E3x", false}, // placeholder replaced below
		{"Газпром", "E4", true},        // Cyrillic
		{"Al Qaida", "E5", true},
		{"Alqaida", "E5", true},
		{"Brigade Forty-Four", "E6", true},
	} {
		if tc.want == "E3x" {
			tc.want, tc.strong = "E4", true
		}
		ms := ix.ScreenEntity(tc.query, 0)
		if len(ms) == 0 || ms[0].EntryID != tc.want {
			t.Errorf("%q: got %+v, want %s first", tc.query, ms, tc.want)
			continue
		}
		if ms[0].Strong != tc.strong {
			t.Errorf("%q: strong %v (score %v), want %v: %+v", tc.query, ms[0].Strong, ms[0].Score, tc.strong, ms[0].Explanation)
		}
		if len(ms[0].Explanation.Parts) == 0 || ms[0].Explanation.Why == "" {
			t.Errorf("%q: unexplained match %+v", tc.query, ms[0])
		}
	}
	// An acronym of four letters of the whole listed name alerts for review, never as strong.
	if ms := ix.ScreenEntity("IRGC", 0); len(ms) == 0 || ms[0].EntryID != "E3" || ms[0].Strong || ms[0].Explanation.Parts[0].How != "acronym" {
		t.Errorf("IRGC: %+v", ms)
	}
	for _, innocent := range []string{"Relief Without Borders e.V.", "Example Charter GmbH", "Air Berlin", "Global Trading LLC", "Network Rail", "Brigade 45"} {
		if ms := ix.ScreenEntity(innocent, 0); len(ms) > 0 {
			t.Errorf("%q alerts: %+v", innocent, ms)
		}
	}
}

func TestOperatorOfListedAircraftIsOneRelation(t *testing.T) {
	ix := Build(orgEntries())
	var rel *EntityMatch
	ms := ix.ScreenEntity("Pouya Air", 0)
	for i := range ms {
		if ms[i].Relation == RelationOperator {
			rel = &ms[i]
		}
	}
	if rel == nil || rel.EntryID != "A2" || !rel.Strong || len(rel.Explanation.Aircraft) != 1 {
		t.Fatalf("Pouya Air: %+v", ms)
	}
	// MAHAN AIR is both the operator and the linked party of A1: one relation match.
	n := 0
	for _, m := range ix.ScreenEntity("Mahan Air", 0) {
		if m.Relation != RelationListed {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d relation matches for one aircraft", n)
	}
}

func TestScreenAircraftByMarkAndSerial(t *testing.T) {
	ix := Build(orgEntries())
	for _, tc := range []struct {
		q      AircraftQuery
		want   string
		on     string
		strong bool
	}{
		{AircraftQuery{Registration: "EP-MNG"}, "A1", "registration", true},
		{AircraftQuery{Registration: "epmng"}, "A1", "registration", true},
		{AircraftQuery{Registration: " ep mng "}, "A1", "registration", true},
		{AircraftQuery{Registration: "EP-MMH"}, "A2", "registration", true},
		{AircraftQuery{Registration: "YI-NAE"}, "A2", "previousRegistration", false},
		{AircraftQuery{Registration: "D-AXYZ", SerialNumber: "1023409321"}, "A2", "serialNumber", true},
		{AircraftQuery{Registration: "D-AXYZ", SerialNumber: "0401"}, "A1", "constructionNumber", false},
	} {
		ms := ix.ScreenAircraft(tc.q)
		if len(ms) != 1 || ms[0].EntryID != tc.want || ms[0].Explanation.MatchedOn != tc.on || ms[0].Strong != tc.strong {
			t.Errorf("%+v: %+v", tc.q, ms)
		}
	}
	if ms := ix.ScreenAircraft(AircraftQuery{Registration: "EP-MNH", SerialNumber: "402"}); len(ms) != 0 {
		t.Errorf("a neighbouring mark matched: %+v", ms)
	}
}

// Every aircraft on the real lists is found by each of its registrations written with the
// hyphen, without it, in lower case and spaced out.
func TestEveryListedAircraftFoundByRegistration(t *testing.T) {
	ix := realIndex(t)
	checked := 0
	for _, e := range ix.party().entries {
		if e.Kind != Aircraft {
			continue
		}
		for _, r := range e.Aircraft.Registrations {
			compact := NormMark(r)
			spaced := strings.Join(strings.Split(strings.ToLower(compact), ""), " ")
			for _, form := range []string{r, compact, strings.ToLower(r), spaced, strings.ReplaceAll(r, "-", " ")} {
				found := false
				for _, m := range ix.ScreenAircraft(AircraftQuery{Registration: form}) {
					found = found || (m.EntryID == e.ID && m.Strong)
				}
				if !found {
					t.Errorf("aircraft %s not found strongly by %q", e.ID, form)
				}
			}
			checked++
		}
	}
	if ix.AircraftCount() < 270 || checked < ix.AircraftCount()-20 {
		t.Errorf("%d aircraft, %d registrations checked", ix.AircraftCount(), checked)
	}
}

func TestRealEntityListings(t *testing.T) {
	ix := realIndex(t)
	for _, tc := range []struct{ q, source, id string }{
		{"Haqqani Network", "UN", "TAe.012"},
		{"Haqqani Network", "OFAC", "15484"},
		{"Mahan Air", "OFAC", "12927"},
		{"Mahan Airlines", "OFAC", "12927"},
	} {
		found := false
		for _, m := range ix.ScreenEntity(tc.q, 0) {
			found = found || (m.Source == tc.source && m.EntryID == tc.id && m.Strong)
		}
		if !found {
			t.Errorf("%q: no strong %s %s", tc.q, tc.source, tc.id)
		}
	}
	ms := ix.ScreenAircraft(AircraftQuery{Registration: "EP-MNG"})
	if len(ms) == 0 || ms[0].EntryID != "15438" || !ms[0].Strong || ms[0].Explanation.Model != "A300B4-603" ||
		!reflect.DeepEqual(ms[0].Explanation.Operators, []string{"MAHAN AIR"}) || !reflect.DeepEqual(ms[0].Explanation.LinkedTo, []string{"MAHAN AIR"}) {
		t.Errorf("EP-MNG: %+v", ms)
	}
}

func TestOFACAircraftRemarks(t *testing.T) {
	a := ofacAircraft("MSN 391", "Aircraft Manufacture Date 2002; Aircraft Model Airbus A340-642; Aircraft Manufacturer's Serial Number (MSN) 391; "+
		"Aircraft Tail Number EP-MMH; Previous Aircraft Tail Number YI-NAE; Aircraft Operator Mahan Air; Linked To: MAHAN AIR.")
	want := &AircraftDetails{Registrations: []string{"EP-MMH"}, PreviousRegistrations: []string{"YI-NAE"}, SerialNumbers: []string{"391"},
		Model: "Airbus A340-642", Operators: []string{"Mahan Air"}, LinkedTo: []string{"MAHAN AIR"}}
	if !reflect.DeepEqual(a, want) {
		t.Errorf("got %+v\nwant %+v", a, want)
	}
}

// The entity section survives the snapshot: same version, same answers.
func TestEntitySnapshotRoundTrip(t *testing.T) {
	ix := Build(orgEntries())
	b, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	ix2, err := Load(b)
	if err != nil {
		t.Fatal(err)
	}
	if ix2.Version() != ix.Version() || ix2.Entities() != ix.Entities() || ix2.AircraftCount() != ix.AircraftCount() {
		t.Fatalf("version %s/%s", ix2.Version(), ix.Version())
	}
	for _, q := range []string{"Mahan Air", "IRGC", "Газпром", "Pouya Air"} {
		if a, b := ix.ScreenEntity(q, 0.5), ix2.ScreenEntity(q, 0.5); !reflect.DeepEqual(a, b) {
			t.Errorf("%q differs after load:\n%+v\n%+v", q, a, b)
		}
	}
	if a, b := ix.ScreenAircraft(AircraftQuery{Registration: "EPMNG"}), ix2.ScreenAircraft(AircraftQuery{Registration: "EPMNG"}); !reflect.DeepEqual(a, b) {
		t.Errorf("aircraft differ after load")
	}
	// Changing one aircraft detail changes the version.
	es := orgEntries()
	es[6].Aircraft.Model = "A300"
	if Build(es).Version() == ix.Version() {
		t.Error("version ignores the aircraft details")
	}
	// Every truncation is an error, never a panic.
	for cut := len(b) - 1; cut > len(b)-400 && cut > 0; cut -= 7 {
		if _, err := Load(b[:cut]); err == nil {
			t.Fatalf("truncated at %d loaded", cut)
		}
	}
}

// Retrieval is complete: the blocked search returns exactly what scoring every indexed name
// returns, over listed names damaged at random and names built from list words.
func TestEntityRetrievalComplete(t *testing.T) {
	ix := realIndex(t)
	p := ix.party()
	rng := rand.New(rand.NewPCG(7, 11))
	var queries []string
	for i := 0; i < 40; i++ {
		nm := p.names[rng.IntN(len(p.names))]
		queries = append(queries, damageOrg(rng, nm.full))
		other := p.names[rng.IntN(len(p.names))].norm.Toks
		queries = append(queries, nm.norm.Toks[0].Text+" "+other[len(other)-1].Text+" air")
	}
	queries = append(queries, "AL-HARAMAYN LLC", "Al Qaida", "Alqaida", "IRGC", "Islamic Revolutionary Guard Corps", "Air Charter Trading")
	for _, q := range queries {
		qn := normOrg(q)
		qw := make([]float64, len(qn.Toks))
		for i, t := range qn.Toks {
			qw[i] = p.weight(t)
		}
		all := make([]float64, len(p.names))
		for ni := range p.names {
			all[ni] = p.score(qn, qw, &p.names[ni], ni).score
		}
		for _, th := range []float64{0.6, DefaultEntityThreshold} {
			got := map[int]bool{}
			for _, ni := range p.candidates(qn, qw, th) {
				got[int(ni)] = true
			}
			for ni, s := range all {
				if s >= th && !got[ni] {
					t.Errorf("%q: name %q (%.4f) scores above %.2f but was not retrieved", q, p.names[ni].full, s, th)
				}
			}
		}
	}
}

// Raising the threshold never adds a match.
func TestEntityThresholdMonotone(t *testing.T) {
	ix := realIndex(t)
	for _, q := range []string{"Mahan Air", "Bank Melli", "Islamic Revolutionary Guard", "Al Qaeda in Iraq"} {
		prev := -1
		for th := 0.5; th <= 1.0; th += 0.05 {
			n := len(ix.ScreenEntity(q, th))
			if prev >= 0 && n > prev {
				t.Errorf("%q: %d matches at %.2f, %d below", q, n, th, prev)
			}
			prev = n
		}
	}
}

func TestScreenEntityConcurrent(t *testing.T) {
	ix := Build(orgEntries())
	want := fmt.Sprint(ix.ScreenEntity("Mahan Airlines", 0))
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				if got := fmt.Sprint(ix.ScreenEntity("Mahan Airlines", 0)); got != want {
					t.Error("concurrent answers differ")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestJSONAircraftAndEntity(t *testing.T) {
	doc := `{"source":"LOCAL","entries":[
	 {"id":"X1","kind":"entity","names":[{"full":"Example Sanctioned Airlines LLC"}],"programs":["LOCAL"]},
	 {"id":"X2","kind":"aircraft","names":[{"full":"XX-ABC"}],"aircraft":{"serialNumbers":["12345"],"operators":["Example Sanctioned Airlines"]}},
	 {"id":"X3","kind":"aircraft","names":[{"full":"YY-DEF"}]}]}`
	es, err := ParseJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	ix := Build(es)
	if ms := ix.ScreenAircraft(AircraftQuery{Registration: "xxabc"}); len(ms) != 1 || !ms[0].Strong {
		t.Errorf("XX-ABC: %+v", ms)
	}
	if ms := ix.ScreenAircraft(AircraftQuery{Registration: "YY DEF"}); len(ms) != 1 {
		t.Errorf("YY-DEF from the name alone: %+v", ms)
	}
	if ms := ix.ScreenEntity("Example Sanctioned Airways", 0); len(ms) < 2 {
		t.Errorf("entity and operator relation: %+v", ms)
	}
	back, err := MarshalEntriesJSON("LOCAL", es)
	if err != nil {
		t.Fatal(err)
	}
	es2, err := ParseJSON(strings.NewReader(string(back)))
	if err != nil || !reflect.DeepEqual(es, es2) {
		t.Errorf("round trip: %v\n%+v\n%+v", err, es, es2)
	}
	if _, err := ParseJSON(strings.NewReader(`{"source":"L","entries":[{"id":"1","kind":"entity","names":[{"full":"A"}],"aircraft":{}}]}`)); err == nil {
		t.Error("aircraft details on an entity accepted")
	}
}

func FuzzOrgName(f *testing.F) {
	for _, s := range []string{"Mahan Air LLC", "ООО Газпром", "S.A. de C.V.", "Brigade Forty-Four", "1st", "((()))", "محمد للتجارة"} {
		f.Add(s)
	}
	ix := Build(orgEntries())
	f.Fuzz(func(t *testing.T, s string) {
		n := normOrg(s)
		if len(n.Toks) > maxOrgTokens {
			t.Fatalf("%d tokens", len(n.Toks))
		}
		for _, tk := range n.Toks {
			if tk.Text == "" {
				t.Fatal("empty token")
			}
		}
		for _, m := range ix.ScreenEntity(s, 0.5) {
			if m.Score < 0.5 || m.Score > 1 {
				t.Fatalf("score %v", m.Score)
			}
		}
		ix.ScreenAircraft(AircraftQuery{Registration: s, SerialNumber: s})
	})
}

func FuzzLoadEntities(f *testing.F) {
	b, _ := Build(orgEntries()).MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		if ix, err := Load(b); err == nil {
			ix.ScreenEntity("Mahan Air", 0)
			ix.ScreenAircraft(AircraftQuery{Registration: "EP-MNG", SerialNumber: "401"})
		}
	})
}

// damageOrg is a small independent damage for the retrieval test: drop, swap or mistype a word.
func damageOrg(rng *rand.Rand, s string) string {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return s
	}
	switch rng.IntN(4) {
	case 0:
		if len(ws) > 1 {
			ws = append(ws[:0:0], ws[1:]...)
		}
	case 1:
		i, j := rng.IntN(len(ws)), rng.IntN(len(ws))
		ws[i], ws[j] = ws[j], ws[i]
	case 2:
		w := []byte(ws[0])
		if len(w) > 2 {
			w[rng.IntN(len(w))] = byte('a' + rng.IntN(26))
		}
		ws[0] = string(w)
	default:
		ws = append(ws, "LLC")
	}
	return strings.Join(ws, " ")
}

func TestOrgAcronyms(t *testing.T) {
	for _, tc := range []struct {
		name      string
		has, hasn []string
	}{
		// Distinctive words always give their initial as written (Global, not international).
		{"GLOBAL DE TEXTILES ANDINO S.A.S.", []string{"gta", "gtas"}, []string{"ita", "gt"}},
		// Industry words may be left out or kept.
		{"SAKSOUK EXCHANGE AND MONEY TRANSFER COMPANY", []string{"semt", "semtc"}, []string{"saemt"}},
		{"NATIONAL IRANIAN OIL COMPANY", []string{"nioc", "nio"}, nil},
		// Arabic articles and prepositions may be left out; a hyphenated word gives its first
		// letter or its parts' initials.
		{"JAYSH KHALED BIN AL WALID", []string{"jkbw", "jkbaw"}, nil},
		{"HAYAT AL-DAM LIL-MUQAWAMA AL-ISLAMIYA", []string{"hala", "hdmi", "hadlmai"}, nil},
		{"ISLAMIC REVOLUTIONARY GUARD CORPS-QODS FORCE", []string{"irgcf", "irgcqf"}, nil},
		// A legal form gives the initials of its words or nothing.
		{"CHERNOMORSKI BANK RAZVITIYA I REKONSTRUKTSII, OTKRYTOE AKTSIONERNOE OBSHCHESTVO", []string{"cbrr", "cbrir", "cbriroao"}, nil},
		// Two words have no acronym of three letters.
		{"MAHAN AIR", nil, []string{"ma"}},
	} {
		got := map[string]bool{}
		for _, a := range normOrg(tc.name).Acronyms {
			got[a] = true
		}
		for _, a := range tc.has {
			if !got[a] {
				t.Errorf("%q: no acronym %q in %v", tc.name, a, normOrg(tc.name).Acronyms)
			}
		}
		for _, a := range tc.hasn {
			if got[a] {
				t.Errorf("%q: acronym %q should not be formed", tc.name, a)
			}
		}
	}
}

func TestScreenEntityAcronyms(t *testing.T) {
	ix := Build([]Entry{
		{ID: "S1", Source: "T", Kind: Entity, Names: []Name{{Full: "SAKSOUK COMPANY FOR EXCHANGE AND MONEY TRANSFER", Quality: Primary}}},
		{ID: "S2", Source: "T", Kind: Entity, Names: []Name{{Full: "MIR BIZNES BANK", Quality: Primary}, {Full: "MIR BIZNES BANK, AO", Quality: Strong}}},
		{ID: "S3", Source: "T", Kind: Entity, Names: []Name{{Full: "KISH ALPHA RESEARCH", Quality: Primary}}},
		{ID: "S4", Source: "T", Kind: Entity, Names: []Name{{Full: "STEP A.S.", Quality: Primary}}},
	})
	for _, tc := range []struct {
		query, want string
	}{
		{"SEMT", "S1"},     // the industry word Company left out of the acronym
		{"SCEMT", "S1"},    // or kept
		{"MBBA", "S2"},     // the legal form of another spelling of the name
		{"SEMT LLC", "S1"}, // a legal form beside the acronym says nothing against it
	} {
		ms := ix.ScreenEntity(tc.query, 0)
		if len(ms) == 0 || ms[0].EntryID != tc.want || ms[0].Strong || ms[0].Explanation.Parts[0].How != "acronym" {
			t.Errorf("%q: got %+v, want %s (acronym, not strong)", tc.query, ms, tc.want)
		}
	}
	for _, tc := range []struct{ query, why string }{
		{"KAR", "three letters name thousands of organisations"},
		{"SEMT Medical", "a distinctive word beside the acronym that the listed name lacks"},
		{"Silver Trust Energy PLC", "written out, it spells a listed acronym only with its industry word and legal form"},
	} {
		if ms := ix.ScreenEntity(tc.query, 0); len(ms) > 0 {
			t.Errorf("%q alerts (%s): %+v", tc.query, tc.why, ms)
		}
	}
}

func TestIndustryWordsAbbreviatedOrMistyped(t *testing.T) {
	for _, tc := range []struct {
		word   string
		dotted bool
		class  string // "" when the word is not read as an industry word
	}{
		{"airlines", false, "air"},
		{"airlin", true, "air"},           // cut with a full stop
		{"serv", true, "services"},        // cut with a full stop
		{"inds", false, "industry"},       // contracted without vowels
		{"svcs", false, "services"},       // contracted without vowels
		{"indusbries", false, "industry"}, // one keying slip in a long word
		{"aviatoin", false, "air"},        // two neighbours swapped
		{"tra", true, ""},                 // trading or transport: two classes
		{"aviat", false, ""},              // a cut is written with a full stop
		{"cars", false, ""},               // a vowel inside: a word, not a contraction of charters
		{"expert", false, ""},             // one letter from export, but six letters make other words
	} {
		c, ok := industryOf(tc.word, tc.dotted)
		if c != tc.class || ok != (tc.class != "") {
			t.Errorf("industryOf(%q, dotted %v) = %q, %v; want %q", tc.word, tc.dotted, c, ok, tc.class)
		}
	}
}

func TestCutIndustryWordStillBeginsOtherWords(t *testing.T) {
	// Trans. reads as the class transport, Glob. as international; written with a full stop, they
	// may still be the beginning of a distinctive listed word.
	ix := Build([]Entry{
		{ID: "T1", Source: "T", Kind: Entity, Names: []Name{{Full: "TRANSATLANTIC PARTNERS PTE. LTD.", Quality: Primary}}},
		{ID: "T2", Source: "T", Kind: Entity, Names: []Name{{Full: "GLOBOVISION", Quality: Primary}}},
		{ID: "T3", Source: "T", Kind: Entity, Names: []Name{{Full: "COMERCIAL ESTILO Y MODA", Quality: Primary}}},
	})
	for _, tc := range []struct{ query, want string }{
		{"TRANS. PARTNERS PTE.", "T1"},
		{"GLOB.", "T2"},
		{"COME. ESTILO Y MODA", "T3"}, // the listed Comercial read as the class trading
	} {
		if ms := ix.ScreenEntity(tc.query, 0.5); len(ms) == 0 || ms[0].EntryID != tc.want {
			t.Errorf("%q: got %+v, want %s", tc.query, ms, tc.want)
		}
	}
}

func TestThreeLetterContractionsAreForReviewOnlyWithOtherEvidence(t *testing.T) {
	ix := Build([]Entry{
		{ID: "C1", Source: "T", Kind: Entity, Names: []Name{{Full: "CUBANACAN", Quality: Primary}}},
		{ID: "C2", Source: "T", Kind: Entity, Names: []Name{{Full: "BANCO NATIONAL DE CUBA", Quality: Primary}}},
	})
	// Three consonants contract thousands of words (CNN: CubanacaN): no alert on their own.
	if ms := ix.ScreenEntity("CNN", 0); len(ms) > 0 {
		t.Errorf("CNN alerts: %+v", ms)
	}
	// Four letters are a contraction worth an alert beside the rest of the name.
	if ms := ix.ScreenEntity("Banco Natl de Cuba", 0); len(ms) == 0 || ms[0].EntryID != "C2" {
		t.Errorf("Banco Natl de Cuba: %+v", ms)
	}
}

// A relation match gathers the programs of every aircraft of the operator. Entries built in
// process (a JSON list) may hold slices with room to spare; the union must not be written into
// the listed entry's own slice, where concurrent screens and later results would see it.
func TestRelationProgramsLeaveTheListedEntryAlone(t *testing.T) {
	first := make([]string, 1, 4)
	first[0] = "SDGT"
	entries := []Entry{
		{ID: "A1", Source: "T", Kind: Aircraft, Names: []Name{{Full: "EP-AAA", Quality: Primary}}, Programs: first,
			Aircraft: &AircraftDetails{Registrations: []string{"EP-AAA"}, Operators: []string{"EXAMPLE SKY CARGO"}}},
		{ID: "A2", Source: "T", Kind: Aircraft, Names: []Name{{Full: "EP-BBB", Quality: Primary}}, Programs: []string{"IRGC"},
			Aircraft: &AircraftDetails{Registrations: []string{"EP-BBB"}, Operators: []string{"EXAMPLE SKY CARGO"}}},
	}
	ix := Build(entries)
	for range 2 {
		var rel *EntityMatch
		ms := ix.ScreenEntity("Example Sky Cargo", 0)
		for i := range ms {
			if ms[i].Relation == RelationOperator {
				rel = &ms[i]
			}
		}
		if rel == nil || !slices.Contains(rel.Programs, "SDGT") || !slices.Contains(rel.Programs, "IRGC") {
			t.Fatalf("operator match: %+v", ms)
		}
		if spare := first[:cap(first)]; spare[1] != "" {
			t.Fatalf("the listed entry's programs were written into: %q", spare)
		}
	}
}
