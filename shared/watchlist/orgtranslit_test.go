package watchlist

import "testing"

func TestCyrCanonTranscription(t *testing.T) {
	cases := []struct {
		latin, cyrillic string
		same            bool
	}{
		{"crown", "Кровн", true},       // w -> в, c -> к
		{"jewelry", "Джевелры", true},  // j -> дж
		{"exchange", "Ексчанге", true}, // x -> кс
		{"the", "Тхе", true},           // h -> х
		{"quran", "Куран", true},       // q -> к
		{"shipping", "Шиппинг", true},  // ш stays one letter
		{"crown", "Кровата", false},    // a different word
		{"valfajr", "Валфаджр", true},  // the Latin v and the transcribed j
		{"khalid", "Халид", true},      // kh is х
		{"yujong", "Юджонг", true},     // ю
		{"society", "Сокиеты", true},   // y -> ы
		{"society", "Социеты", false},  // ц is ts, not c
	}
	for _, c := range cases {
		q := normOrg(c.cyrillic)
		if len(q.Toks) != 1 || !q.Toks[0].Cyr {
			t.Fatalf("%s: want one Cyrillic part, got %+v", c.cyrillic, q.Toks)
		}
		l := normOrg(c.latin)
		s, how := orgSim(q.Toks[0], l.Toks[0])
		if got := how == "transliterated" || how == "exact"; got != c.same {
			t.Errorf("%s / %s: transliterated %v (sim %.2f %s), want %v", c.latin, c.cyrillic, got, s, how, c.same)
		}
	}
	// Latin against Latin is never transcription: Crown and Krovn are different spellings.
	if _, how := orgSim(normOrg("Krovn").Toks[0], normOrg("Crown").Toks[0]); how == "transliterated" {
		t.Error("Latin Krovn / Crown compared as a transcription")
	}
	// Connectives come back from Cyrillic changed and are still connectives.
	if got := normOrg("Ассембли фор тхе Коран").String(); got != "assembli koran" {
		t.Errorf("connectives in Cyrillic: got %q", got)
	}
}

// A near spelling of the only distinctive part of a listed name is weaker evidence than the
// same near spelling among other agreeing parts: the short name scores lower than the long one.
func TestNearSpellingOfOnlyDistinctivePart(t *testing.T) {
	ix := Build([]Entry{
		{ID: "S", Source: "T", Kind: Entity, Names: []Name{{Full: "AMAN GROUP", Quality: Primary}}},
		{ID: "L", Source: "T", Kind: Entity, Names: []Name{{Full: "AMAN BAGHDAD PETROLEUM GROUP", Quality: Primary}}},
	})
	short := ix.CompareOrganisations("Amani Group", "AMAN GROUP")
	long := ix.CompareOrganisations("Amani Baghdad Petroleum Group", "AMAN BAGHDAD PETROLEUM GROUP")
	if short >= long {
		t.Errorf("one edit in the only distinctive word %.3f, among agreeing words %.3f: want lower", short, long)
	}
	if short >= StrongEntityThreshold {
		t.Errorf("Amani Group / AMAN GROUP strong (%.3f)", short)
	}
	if exact := ix.CompareOrganisations("Aman Group", "AMAN GROUP"); exact < StrongEntityThreshold {
		t.Errorf("exact short name %.3f, want strong", exact)
	}
}
