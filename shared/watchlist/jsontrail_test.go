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

// TestParseJSONErrorsSpeakJSON: a value of the wrong kind is named by its member and JSON kind,
// never by the Go type it was to fill.
func TestParseJSONErrorsSpeakJSON(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"the list is an array", `[{"source":"X"}]`, "the list must be an object, got array"},
		{"entries is an object", `{"source":"X","entries":{}}`, "entries must be an array, got object"},
		{"an id is a number", `{"source":"X","entries":[{"id":1,"names":[{"full":"A B"}]}]}`, "entries.id must be a string, got number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseJSON(strings.NewReader(tt.body))
			if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "Go ") || strings.Contains(err.Error(), "watchlist.json") {
				t.Errorf("error %v, want one saying %q in JSON's terms", err, tt.want)
			}
		})
	}
}
