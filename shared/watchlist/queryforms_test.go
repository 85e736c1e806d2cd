package watchlist

import (
	"reflect"
	"testing"
)

// A name written in Wade–Giles finds the person listed in pinyin, through
// the rendering the explanation names, and the result is still the
// brute-force scorer's and monotone in the threshold.
func TestScreenWadeGilesAsPinyin(t *testing.T) {
	ix := Build([]Entry{
		{ID: "1", Source: "T", Kind: Individual, Names: []Name{{Full: "MAO, Zedong", Quality: Primary}}},
		{ID: "2", Source: "T", Kind: Individual, Names: []Name{{Full: "JIANG, Jingguo", Quality: Primary}}},
		{ID: "3", Source: "T", Kind: Individual, Names: []Name{{Full: "XI, Jinping", Quality: Primary}}},
		{ID: "4", Source: "T", Kind: Individual, Names: []Name{{Full: "CHIANG, Kai-shek", Quality: Primary}}},
	})
	for _, tc := range []struct {
		query string
		want  string // entry id at the default threshold, "" none
		form  string // the explanation's QueryForm
	}{
		{"Mao Tse-tung", "1", "mao zedong"},
		{"MAO, Tse-tung", "1", "mao, zedong"},
		{"Chiang Ching-kuo", "2", "jiang jingguo"},
		{"Hsi Chin-p'ing", "3", "xi jinping"},
		// Without the apostrophe p is read unaspirated first (bing),
		// then aspirated: the second reading is exact.
		{"Hsi Chin-ping", "3", "xi jinping"},
		// Pinyin and a name that is not Wade–Giles are screened as given.
		{"Mao Zedong", "1", ""},
		{"Chiang Kai-shek", "4", ""},
	} {
		q := Query{FullName: tc.query}
		got := ix.Screen(q, DefaultThreshold)
		if len(got) == 0 || got[0].EntryID != tc.want {
			t.Errorf("Screen(%q) = %v, want entry %s first", tc.query, got, tc.want)
			continue
		}
		if got[0].Explanation.QueryForm != tc.form {
			t.Errorf("Screen(%q): matched as %q, want %q", tc.query, got[0].Explanation.QueryForm, tc.form)
		}
		low := ix.Screen(q, MinThreshold)
		if brute := ix.BruteScreen(q, MinThreshold); !reflect.DeepEqual(low, brute) {
			t.Errorf("Screen(%q, %.1f) differs from the brute-force scorer %v", tc.query, MinThreshold, brute)
		}
		var want []Match
		for _, m := range low {
			if m.Score >= DefaultThreshold {
				want = append(want, m)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Screen(%q) at %.2f is not the matches at %.1f filtered", tc.query, DefaultThreshold, MinThreshold)
		}
	}
	if a, b := ix.PairScore("Mao Tse-tung", "Mao Zedong"), ix.PairScore("Mao Zedong", "Mao Zedong"); a != b {
		t.Errorf("PairScore of the Wade–Giles form %.4f, of the pinyin %.4f: want equal", a, b)
	}
}

// Initials written together meet the names they abbreviate, unless the
// lists hold them as a part.
func TestScreenRunTogetherInitials(t *testing.T) {
	ix := Build([]Entry{
		{ID: "1", Source: "T", Kind: Individual, Names: []Name{{Full: "JUNCKER, Jean-Claude", Quality: Primary}}},
		{ID: "2", Source: "T", Kind: Individual, Names: []Name{{Full: "JM KOROMA", Quality: Primary}}},
		{ID: "3", Source: "T", Kind: Individual, Names: []Name{{Full: "Juma Mohamed KOROMA", Quality: Primary}}},
	})
	if got := ix.PairScore("JC Juncker", "Jean-Claude Juncker"); got < ix.PairScore("J. C. Juncker", "Jean-Claude Juncker") {
		t.Errorf("JC Juncker scores %.4f, less than J. C. Juncker", got)
	}
	ms := ix.Screen(Query{FullName: "JC JUNCKER"}, DefaultThreshold)
	if len(ms) == 0 || ms[0].EntryID != "1" {
		t.Errorf("JC JUNCKER: %v, want entry 1 first", ms)
	}
	// JM is a listed part: the query's JM meets it whole, first.
	ms = ix.Screen(Query{FullName: "JM KOROMA"}, MinThreshold)
	if len(ms) == 0 || ms[0].EntryID != "2" || ms[0].Score != 1 {
		t.Errorf("JM KOROMA: %v, want entry 2 first at 1", ms)
	}
	for _, q := range []string{"JC JUNCKER", "JM KOROMA", "JK KOROMA"} {
		if got, brute := ix.Screen(Query{FullName: q}, MinThreshold), ix.BruteScreen(Query{FullName: q}, MinThreshold); !reflect.DeepEqual(got, brute) {
			t.Errorf("Screen(%q) differs from the brute-force scorer %v", q, brute)
		}
	}
}
