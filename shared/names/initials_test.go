package names

import "testing"

// Two or three letters with no vowel are initials; a word, a title or a
// syllabic consonant is not.
func TestRunTogetherInitials(t *testing.T) {
	for _, c := range []struct {
		part string
		want bool
	}{
		{"jc", true}, {"jm", true}, {"jfk", true},
		{"j", false},    // already one initial
		{"jcvd", false}, // four letters: not read as initials
		{"ali", false}, {"kim", false}, {"yy", false}, {"wm", false},
		{"ng", false},                               // the surname Ng
		{"jr", false}, {"dr", false}, {"mr", false}, // titles
		{"mc", false}, {"st", false}, // Mc Donald, St John
		{"vlk", false}, {"krk", false}, // syllabic l, r
		{"жк", false}, // not Latin
	} {
		if got := RunTogetherInitials(c.part); got != c.want {
			t.Errorf("RunTogetherInitials(%q) = %v, want %v", c.part, got, c.want)
		}
	}
}
