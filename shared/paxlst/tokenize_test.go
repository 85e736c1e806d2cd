package paxlst

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

func TestTokenizeSplitsSegmentsElementsAndComponents(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []Segment // Offset ignored
		sep  Separators
	}{
		{
			name: "default separators without UNA, one line",
			body: "UNB+UNOA:4+A+B'UNZ+0+1'",
			want: []Segment{{Tag: "UNB", Elements: [][]string{{"UNOA", "4"}, {"A"}, {"B"}}}, {Tag: "UNZ", Elements: [][]string{{"0"}, {"1"}}}},
			sep:  DefaultSeparators,
		},
		{
			name: "one segment per line with CRLF",
			body: "UNA:+.? '\r\nUNB+UNOA:4'\r\nUNZ+0'\r\n",
			want: []Segment{{Tag: "UNA"}, {Tag: "UNB", Elements: [][]string{{"UNOA", "4"}}}, {Tag: "UNZ", Elements: [][]string{{"0"}}}},
			sep:  DefaultSeparators,
		},
		{
			name: "custom UNA: component *, element |, release !, terminator ~",
			body: "UNA*|.! ~NAD|FL|||O'NEILL*ANN!|MARIE!*!!~",
			want: []Segment{{Tag: "UNA"}, {Tag: "NAD", Elements: [][]string{{"FL"}, {""}, {""}, {"O'NEILL", "ANN|MARIE*!"}}}},
			sep:  Separators{Component: '*', Element: '|', Decimal: '.', Release: '!', Repetition: ' ', Terminator: '~'},
		},
		{
			name: "release character before each service character",
			body: "COM+?+49 30 1?:2?'3??:TE'",
			want: []Segment{{Tag: "COM", Elements: [][]string{{"+49 30 1:2'3?", "TE"}}}},
			sep:  DefaultSeparators,
		},
		{
			name: "a release character before an ordinary character is kept",
			body: "FTX+A?B'",
			want: []Segment{{Tag: "FTX", Elements: [][]string{{"A?B"}}}},
			sep:  DefaultSeparators,
		},
		{
			name: "line breaks inside a wrapped segment are not data",
			body: "NAD+FL+++ERIK\r\nSSON:ANNA'\nUNZ+1'",
			want: []Segment{{Tag: "NAD", Elements: [][]string{{"FL"}, {""}, {""}, {"ERIKSSON", "ANNA"}}}, {Tag: "UNZ", Elements: [][]string{{"1"}}}},
			sep:  DefaultSeparators,
		},
		{
			// ISO 9735-1 has the release character restore the character of the data that
			// follows it; line breaks are not data, and a writer wrapping at a fixed width may
			// break between the two.
			name: "a line break between a release character and what it releases",
			body: "NAD+FL+++O?\r\n'BRIEN:ANN?\n+MARIE'\nUNZ+1'",
			want: []Segment{{Tag: "NAD", Elements: [][]string{{"FL"}, {""}, {""}, {"O'BRIEN", "ANN+MARIE"}}}, {Tag: "UNZ", Elements: [][]string{{"1"}}}},
			sep:  DefaultSeparators,
		},
		{
			name: "a segment with no elements",
			body: "UNB+X'BGM'",
			want: []Segment{{Tag: "UNB", Elements: [][]string{{"X"}}}, {Tag: "BGM", Elements: [][]string{}}},
			sep:  DefaultSeparators,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs, sep, err := Tokenize([]byte(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			wantSep := tt.sep
			if wantSep.Release == ' ' {
				wantSep.Release = 0
			}
			if sep != wantSep {
				t.Errorf("separators %+v, want %+v", sep, wantSep)
			}
			for i := range segs {
				segs[i].Offset = 0
				if len(segs[i].Elements) == 0 {
					segs[i].Elements = nil
				}
			}
			for i := range tt.want {
				if len(tt.want[i].Elements) == 0 {
					tt.want[i].Elements = nil
				}
			}
			if !reflect.DeepEqual(segs, tt.want) {
				t.Errorf("got  %+v\nwant %+v", segs, tt.want)
			}
		})
	}
}

func TestTokenizeRefusesWhatIsNotEDIFACTWithAPlace(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		line, col   int
		msgContains string
	}{
		{"UNA too short", "UNA:+", 1, 1, "6 characters"},
		{"UNA with a letter separator", "UNA:A.? 'UNB'", 1, 4, "letter or digit"},
		{"UNA with one character for two separators", "UNA::.? 'UNB'", 1, 4, "two different separators"},
		{"lower-case tag", "UNB+X'\nunh+1'", 2, 1, "tag of three capital letters"},
		{"JSON sent as PAXLST", `{"persons":[]}`, 1, 1, "tag"},
		{"missing terminator", "UNB+X'\nUNZ+1", 2, 1, "cut short"},
		{"release character at the very end", "UNB+X?", 1, 1, "cut short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Tokenize([]byte(tt.body))
			var de *manifest.DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *manifest.DecodeError", err)
			}
			if de.Format != "paxlst" || de.Line != tt.line || de.Column != tt.col || !strings.Contains(de.Msg, tt.msgContains) {
				t.Errorf("got %+v, want line %d column %d and a message with %q", de, tt.line, tt.col, tt.msgContains)
			}
			if !errors.Is(err, manifest.ErrMalformed) {
				t.Error("error does not wrap manifest.ErrMalformed")
			}
		})
	}
}

func TestTokenizeIsBounded(t *testing.T) {
	t.Run("more than MaxSegments segments", func(t *testing.T) {
		body := strings.Repeat("BGM'", MaxSegments+1)
		_, _, err := Tokenize([]byte(body))
		var de *manifest.DecodeError
		if !errors.As(err, &de) || de.Offset != int64(4*MaxSegments) || !strings.Contains(de.Msg, "more than 100000 segments") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a segment over MaxSegmentBytes", func(t *testing.T) {
		body := "UNB+X'\nFTX+" + strings.Repeat("A", MaxSegmentBytes) + "'"
		_, _, err := Tokenize([]byte(body))
		var de *manifest.DecodeError
		if !errors.As(err, &de) || de.Line != 2 || de.Column != 1 || !strings.Contains(de.Msg, "segment 2 (FTX) is longer than 10000 bytes") {
			t.Fatalf("got %v", err)
		}
	})
}
