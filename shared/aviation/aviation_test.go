package aviation_test

import (
	"testing"

	"github.com/paxscreen/paxscreen/shared/aviation"
)

func TestValidAirport(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		reason string // "" when valid
	}{
		{"New York JFK", "KJFK", ""},
		{"London Heathrow", "EGLL", ""},
		{"Ramstein Air Base", "ETAR", ""},
		{"Al Udeid Air Base", "OTBH", ""},
		{"Incirlik Air Base", "LTAG", ""},
		{"Kabul", "OAKB", ""},
		{"Anchorage (P region)", "PANC", ""},
		{"Beijing (Z region)", "ZBAA", ""},
		{"Sydney (Y region)", "YSSY", ""},
		{"Thule (B region)", "BGTL", ""},
		{"Diego Garcia (F region)", "FJDG", ""},

		{"IATA code", "CDG", "must be 4 letters (ICAO), got 3: IATA codes such as CDG are not accepted"},
		{"IATA code of a base", "RMS", "must be 4 letters (ICAO), got 3: IATA codes such as RMS are not accepted"},
		{"too long", "EGLLX", "must be 4 letters (ICAO), got 5"},
		{"too short", "EG", "must be 4 letters (ICAO), got 2"},
		{"empty", "", "empty: must be 4 letters (ICAO)"},
		{"blank", "  ", "empty: must be 4 letters (ICAO)"},
		{"FAA identifier with a digit", "K1G4", "must be 4 letters (ICAO): '1' is not a letter A-Z"},
		{"FAA identifier, 3 characters", "1G4", "must be 4 letters (ICAO): '1' is not a letter A-Z"},
		{"punctuation", "EG-L", "must be 4 letters (ICAO): '-' is not a letter A-Z"},
		{"accented letter", "ÉGLL", "must be 4 letters (ICAO): 'É' is not a letter A-Z"},
		{"Cyrillic look-alike", "ЕGLL", "must be 4 letters (ICAO): 'Е' is not a letter A-Z"},
		{"control character", "EGL\x00", `must be 4 letters (ICAO): '\x00' is not a letter A-Z`},
		{"invalid UTF-8", "EGL\xff", `must be 4 letters (ICAO): '�' is not a letter A-Z`},

		{"lowercase", "kjfk", "must be uppercase: use KJFK"},
		{"lowercase IATA", "jfk", "must be uppercase; must be 4 letters (ICAO), got 3: IATA codes such as JFK are not accepted"},
		{"padded", " EGLL\t", "has spaces around it: use EGLL"},
		{"padded and lowercase", " egll", "has spaces around it; must be uppercase: use EGLL"},

		{"region letter I", "IABC", "IABC starts with I, which is not an ICAO region letter for aerodromes"},
		{"region letter J", "JFKA", "JFKA starts with J, which is not an ICAO region letter for aerodromes"},
		{"region letter Q", "QQQQ", "QQQQ starts with Q, which is not an ICAO region letter for aerodromes"},
		{"region letter X", "XXXX", "XXXX starts with X, which is not an ICAO region letter for aerodromes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, reason := aviation.ValidAirport(tt.code)
			if ok != (tt.reason == "") || reason != tt.reason {
				t.Errorf("ValidAirport(%q) = %v, %q\nwant %v, %q", tt.code, ok, reason, tt.reason == "", tt.reason)
			}
		})
	}
}

func TestEveryRegionLetterButIJQXStartsAnAerodrome(t *testing.T) {
	for c := 'A'; c <= 'Z'; c++ {
		code := string(c) + "AAA"
		ok, _ := aviation.ValidAirport(code)
		want := c != 'I' && c != 'J' && c != 'Q' && c != 'X'
		if ok != want {
			t.Errorf("ValidAirport(%q) = %v, want %v", code, ok, want)
		}
	}
}

func TestValidICAOType(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"Boeing 737-800", "B738", true},
		{"Airbus A320", "A320", true},
		{"Hercules", "C130", true},
		{"Gulfstream V", "GLF5", true},
		{"Black Hawk, 3 characters", "H60", true},
		{"Concorde, 4 letters", "CONC", true},
		{"A320neo", "A20N", true},
		{"C-17 Globemaster III", "C17", true},
		{"two characters", "V1", true},
		{"no designator placeholder has the form", "ZZZZ", true},

		{"empty", "", false},
		{"one character", "B", false},
		{"five characters", "B7378", false},
		{"starts with a digit", "737", false},
		{"lowercase", "b738", false},
		{"hyphen", "B-38", false},
		{"space", "B73 ", false},
		{"marketing name", "B737-800", false},
		{"unicode letter", "Ä320", false},
		{"unicode digit", "A٣20", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := aviation.ValidICAOType(tt.s); got != tt.want {
				t.Errorf("ValidICAOType(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}
