package country

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestISOTableIsWellFormed(t *testing.T) {
	seen := map[string]string{}
	for i, c := range isoCountries {
		if !allIn(c.alpha3, 'A', 'Z') || len(c.alpha3) != 3 {
			t.Errorf("row %d: alpha-3 %q is not 3 uppercase letters", i, c.alpha3)
		}
		if !allIn(c.alpha2, 'A', 'Z') || len(c.alpha2) != 2 {
			t.Errorf("%s: alpha-2 %q is not 2 uppercase letters", c.alpha3, c.alpha2)
		}
		if !allIn(c.numeric, '0', '9') || len(c.numeric) != 3 {
			t.Errorf("%s: numeric %q is not 3 digits", c.alpha3, c.numeric)
		}
		if c.name == "" {
			t.Errorf("%s has no name", c.alpha3)
		}
		if i > 0 && isoCountries[i-1].alpha3 >= c.alpha3 {
			t.Errorf("%s is out of order after %s: keep the table sorted so that additions are easy to review", c.alpha3, isoCountries[i-1].alpha3)
		}
		for _, code := range []string{c.alpha3, "2:" + c.alpha2, "n:" + c.numeric} {
			if other, dup := seen[code]; dup {
				t.Errorf("%s and %s share code %s", other, c.alpha3, code)
			}
			seen[code] = c.alpha3
		}
	}
}

func TestSpecialCodesAreNotISOCodes(t *testing.T) {
	iso := map[string]bool{}
	for _, c := range isoCountries {
		iso[c.alpha3] = true
	}
	seen := map[string]bool{}
	for _, c := range specialCodes {
		if iso[c.code] {
			t.Errorf("%s is listed both as ISO and as ICAO special", c.code)
		}
		if seen[c.code] {
			t.Errorf("%s is listed twice", c.code)
		}
		seen[c.code] = true
		if c.name == "" {
			t.Errorf("%s has no name", c.code)
		}
	}
}

// The hint tables exist to explain rejections; a hint for a code that is
// accepted would never be shown, and a correction to a code that is not
// accepted would send people from one rejection to the next.
func TestHintsOnlyExplainRejectedCodes(t *testing.T) {
	for code := range knownBad {
		if Valid(code) {
			t.Errorf("knownBad explains %s, which is accepted", code)
		}
	}
	for code, iso := range sportsCodes {
		if Valid(code) {
			t.Errorf("sports code %s is itself an acceptable code and must not be corrected", code)
		}
		if !Valid(iso) {
			t.Errorf("sports code %s points to %s, which is not acceptable", code, iso)
		}
		if _, bad := knownBad[code]; bad {
			t.Errorf("%s is both a sports code and in knownBad; only one message can win", code)
		}
	}
	for code := range twoLetterHints {
		if len(code) != 2 || !allIn(code, 'A', 'Z') {
			t.Errorf("twoLetterHints key %q is not 2 uppercase letters", code)
		}
	}
}

// TestISOCodesPackage compares the table with Debian's iso-codes package,
// the machine-readable copy of ISO 3166-1 most likely to be at hand, so that
// an ISO change shows up as a failing test rather than a rejected passenger.
// Names are not compared: the table may word them differently on purpose.
func TestISOCodesPackage(t *testing.T) {
	const path = "/usr/share/iso-codes/json/iso_3166-1.json"
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not installed (apt-get install iso-codes)", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Countries []struct {
			Alpha2  string `json:"alpha_2"`
			Alpha3  string `json:"alpha_3"`
			Numeric string `json:"numeric"`
		} `json:"3166-1"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}

	ours := map[string]isoCountry{}
	for _, c := range isoCountries {
		ours[c.alpha3] = c
	}
	for _, want := range doc.Countries {
		got, ok := ours[want.Alpha3]
		if !ok {
			t.Errorf("%s (%s) is in %s but not in the table", want.Alpha3, want.Alpha2, path)
			continue
		}
		if got.alpha2 != want.Alpha2 || got.numeric != want.Numeric {
			t.Errorf("%s: table has %s/%s, %s has %s/%s", want.Alpha3, got.alpha2, got.numeric, path, want.Alpha2, want.Numeric)
		}
		delete(ours, want.Alpha3)
	}
	for code := range ours {
		t.Errorf("%s is in the table but not in %s", code, path)
	}
}
