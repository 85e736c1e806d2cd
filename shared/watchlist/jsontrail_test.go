package watchlist

import (
	"strings"
	"testing"
)

// TestParseJSONRefusesTrailingData: one list object and nothing after it; a stray closing
// bracket or brace is data the publisher did not mean to send.
func TestParseJSONRefusesTrailingData(t *testing.T) {
	for _, tail := range []string{"]", "}", " x", "{}", `{"source":"Y"}`} {
		if _, err := ParseJSON(strings.NewReader(sampleJSON + tail)); err == nil {
			t.Errorf("ParseJSON accepted the list followed by %q", tail)
		}
	}
	if _, err := ParseJSON(strings.NewReader(sampleJSON + "\n\t ")); err != nil {
		t.Errorf("trailing white space refused: %v", err)
	}
}
