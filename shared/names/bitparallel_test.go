package names

import (
	"math/rand/v2"
	"testing"
)

// randomToken draws a token over a small alphabet, so that equal letters,
// transpositions and shared subsequences are common; now and then one
// outside a–z, to reach the table fallback, and now and then one at the
// 64-letter edge of a word.
func randomToken(rng *rand.Rand) string {
	n := rng.IntN(13)
	if rng.IntN(40) == 0 {
		n = 58 + rng.IntN(10)
	}
	alphabet := "abcdehs"
	if rng.IntN(20) == 0 {
		alphabet = "abcd-é"
	}
	b := make([]byte, 0, n)
	for len(b) < n {
		b = append(b, alphabet[rng.IntN(len(alphabet))])
	}
	return string(b)
}

// TestBitParallelMeasuresAreTheTables: the word-parallel edit distance and
// common subsequence give exactly what the dynamic-programming tables give.
func TestBitParallelMeasuresAreTheTables(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for range 300000 {
		a, b := randomToken(rng), randomToken(rng)
		ta, tb := a[:min(len(a), 64)], b[:min(len(b), 64)]
		want := len(ta) + len(tb)
		if ta != "" && tb != "" {
			want = osaTable(ta, tb)
		}
		if got := EditDistance(a, b); got != want {
			t.Fatalf("EditDistance(%q, %q) = %d, the table gives %d", a, b, got, want)
		}
		if got, want := CommonSubsequence(a, b), lcsTable(ta, tb); got != want {
			t.Fatalf("CommonSubsequence(%q, %q) = %d, the table gives %d", a, b, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "abc", 0},
		{"ahmed", "ahmad", 1},
		{"ca", "ac", 1},  // one transposition
		{"ca", "abc", 3}, // optimal string alignment: no edit inside a transposed pair
		{"kuzmin", "kujin", 2},
		{"абв", "абд", 1}, // over bytes: в and д share their first byte
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
