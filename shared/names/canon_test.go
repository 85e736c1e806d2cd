package names

import (
	"strings"
	"testing"
)

func TestCanonMeetsRomanisationVariants(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"ali", "alee"}, {"kim", "keem"}, {"yusuf", "yoosuf"}, {"salim", "saleem"},
		{"khalid", "halid"}, {"musa", "moussa"}, {"ivanov", "ivanoff"}, {"abdullah", "abdulla"},
		{"zakariya", "zakaria"}, {"yahya", "yahia"}, {"ghani", "gani"}, {"farid", "pharid"},
		{"djamal", "jamal"}, {"shamil", "chamil"}, {"qasim", "kasim"}, {"vali", "wali"},
		{"romanov", "romanow"}, {"tariq", "tarik"}, {"samir", "saamir"},
	} {
		if ca, cb := Canon(tc.a), Canon(tc.b); ca != cb {
			t.Errorf("Canon(%s) = %s, Canon(%s) = %s: want equal", tc.a, ca, tc.b, cb)
		}
	}
	for _, tc := range []struct{ a, b string }{
		{"omar", "amir"}, {"ali", "ala"}, {"hassan", "hussein"},
	} {
		if Canon(tc.a) == Canon(tc.b) {
			t.Errorf("Canon(%s) = Canon(%s) = %s: different names must stay apart", tc.a, tc.b, Canon(tc.a))
		}
	}
}

func TestHangulArithmeticRomanisation(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"김정은", "kim jong un"},
		{"최룡해", "choe ryong hae"},
		{"장성택", "jang song thaek"},
		{"박 봉주", "pak pong ju"},
		{"리수용", "ri su yong"},
	} {
		if got := strings.Join(texts(Normalize(tc.in)), " "); got != tc.want {
			t.Errorf("Normalize(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAbdTranspositionIsANeighbourSwapOnly(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// A neighbour swap inside the particle is a keying slip.
		{"ADBUL RAHMAN", "abdrahman"},
		{"ABDLU RAHMAN", "abdrahman"},
		// The particle's vowel in another romanisation.
		{"ABDOOR RAUF", "abdrauf"},
		{"ABDOOL KARIM", "abdkarim"},
		// Other permutations are other names: Badal and Badru are given
		// names, not the particle.
		{"Badal Chakraborty", "badal chakraborty"},
		{"BADRU KATUMBA", "badru katumba"},
		{"Lucia Belda Romero", "lucia belda romero"},
	} {
		if got := strings.Join(texts(Normalize(tc.in)), " "); got != tc.want {
			t.Errorf("Normalize(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSurnamesAreNotWeak(t *testing.T) {
	// Common surnames of Vietnam, Korea, China and England that double as
	// particles or titles elsewhere.
	for _, s := range []string{"le", "do", "an", "la", "di", "du", "king", "don"} {
		if IsWeak(s) {
			t.Errorf("IsWeak(%q): a real surname must weigh in full", s)
		}
	}
	for _, s := range []string{"al", "bin", "abu", "van", "de", "mullah", "haji"} {
		if !IsWeak(s) {
			t.Errorf("IsWeak(%q) = false: a particle or honorific is weak", s)
		}
	}
}
