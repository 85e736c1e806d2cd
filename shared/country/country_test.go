package country_test

import (
	"testing"

	"github.com/paxscreen/paxscreen/shared/country"
)

func TestEveryICAOSpecialCodeIsAccepted(t *testing.T) {
	tests := []struct {
		code string
		name string
	}{
		{"D", "Germany"},
		{"GBD", "British Overseas Territories Citizen"},
		{"GBN", "British National (Overseas)"},
		{"GBO", "British Overseas Citizen"},
		{"GBP", "British Protected Person"},
		{"GBS", "British Subject"},
		{"RKS", "Kosovo"},
		{"EUE", "European Union"},
		{"UNO", "United Nations Organization or one of its officials"},
		{"UNA", "United Nations specialized agency or one of its officials"},
		{"UNK", "Kosovo resident with a travel document issued by UNMIK"},
		{"XBA", "African Development Bank (ADB)"},
		{"XIM", "African Export-Import Bank (Afreximbank)"},
		{"XCC", "Caribbean Community (CARICOM)"},
		{"XCE", "Council of Europe"},
		{"XCO", "Common Market for Eastern and Southern Africa (COMESA)"},
		{"XDC", "Southern African Development Community (SADC)"},
		{"XEC", "Economic Community of West African States (ECOWAS)"},
		{"XES", "Organisation of Eastern Caribbean States (OECS)"},
		{"XMP", "Parliamentary Assembly of the Mediterranean (PAM)"},
		{"XOM", "Sovereign Military Order of Malta"},
		{"XPO", "International Criminal Police Organization (INTERPOL)"},
		{"XXA", "Stateless person (1954 Convention)"},
		{"XXB", "Refugee (1951 Convention)"},
		{"XXC", "Refugee (other than under the 1951 Convention)"},
		{"XXX", "Unspecified nationality"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			name, kind, ok := country.Lookup(tt.code)
			if !ok || kind != country.Special || name != tt.name {
				t.Errorf("Lookup(%q) = %q, %v, %v; want %q, Special, true", tt.code, name, kind, ok, tt.name)
			}
			if !country.Valid(tt.code) {
				t.Errorf("Valid(%q) = false", tt.code)
			}
			if r := country.Reason(tt.code); r != "" {
				t.Errorf("Reason(%q) = %q; want empty for an acceptable code", tt.code, r)
			}
		})
	}
}

func TestISOCountriesAreAccepted(t *testing.T) {
	tests := []struct {
		code string
		name string
	}{
		// The everyday ones.
		{"USA", "United States"},
		{"GBR", "United Kingdom"},
		{"DEU", "Germany"},
		{"FRA", "France"},
		{"TUR", "Türkiye"},
		{"QAT", "Qatar"},
		{"ARE", "United Arab Emirates"},
		{"AFG", "Afghanistan"},
		{"UKR", "Ukraine"},
		{"CIV", "Côte d'Ivoire"},
		{"KOR", "Korea, Republic of"},
		{"PRK", "Korea, Democratic People's Republic of"},
		{"MKD", "North Macedonia"},
		{"SWZ", "Eswatini"},
		{"CZE", "Czechia"},
		{"ROU", "Romania"},
		{"TLS", "Timor-Leste"},
		{"MMR", "Myanmar"},
		// Territories and disputed or uninhabited places, easy to forget.
		{"ATA", "Antarctica"},
		{"ATF", "French Southern Territories"},
		{"BVT", "Bouvet Island"},
		{"HMD", "Heard Island and McDonald Islands"},
		{"UMI", "United States Minor Outlying Islands"},
		{"SGS", "South Georgia and the South Sandwich Islands"},
		{"IOT", "British Indian Ocean Territory"},
		{"ESH", "Western Sahara"},
		{"PSE", "Palestine, State of"},
		{"TWN", "Taiwan, Province of China"},
		{"VAT", "Holy See (Vatican City State)"},
		{"HKG", "Hong Kong"},
		{"MAC", "Macao"},
		// Codes assigned since 2000.
		{"SSD", "South Sudan"},
		{"CUW", "Curaçao"},
		{"SXM", "Sint Maarten (Dutch part)"},
		{"BES", "Bonaire, Sint Eustatius and Saba"},
		{"BLM", "Saint Barthélemy"},
		{"MAF", "Saint Martin (French part)"},
		{"ALA", "Åland Islands"},
		{"GGY", "Guernsey"},
		{"JEY", "Jersey"},
		{"IMN", "Isle of Man"},
		{"SRB", "Serbia"},
		{"MNE", "Montenegro"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			name, kind, ok := country.Lookup(tt.code)
			if !ok || kind != country.ISO || name != tt.name {
				t.Errorf("Lookup(%q) = %q, %v, %v; want %q, ISO, true", tt.code, name, kind, ok, tt.name)
			}
			if r := country.Reason(tt.code); r != "" {
				t.Errorf("Reason(%q) = %q; want empty for an acceptable code", tt.code, r)
			}
		})
	}
}

// Every three-letter combination is asked about, so the counts hold whatever
// the tables look like inside.
func TestThereAre249ISOCodesAnd25ThreeLetterSpecialCodes(t *testing.T) {
	var iso, special int
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			for c := 'A'; c <= 'Z'; c++ {
				code := string([]rune{a, b, c})
				_, kind, ok := country.Lookup(code)
				switch {
				case ok && kind == country.ISO:
					iso++
				case ok && kind == country.Special:
					special++
				case ok:
					t.Errorf("Lookup(%q) accepted it with kind %v", code, kind)
				}
			}
		}
	}
	if iso != 249 {
		t.Errorf("ISO 3166-1 alpha-3 codes: got %d, want 249", iso)
	}
	if special != 25 {
		t.Errorf("three-letter ICAO 9303 special codes: got %d, want 25", special)
	}
}

func TestOnlyDIsAcceptedWithOneLetter(t *testing.T) {
	for r := rune(0); r < 128; r++ {
		code := string(r)
		if got, want := country.Valid(code), code == "D"; got != want {
			t.Errorf("Valid(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestRejectedCodesSayWhy(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		reason string
	}{
		{"specimen state", "UTO", "UTO is the ICAO specimen state Utopia, not a real country"},
		{"ICAO itself", "IAO", "IAO is ICAO itself, used only to sign certificate master lists, not on travel documents"},
		{"Kosovo user-assigned code", "XKX", "XKX is a user-assigned code some systems use for Kosovo: use RKS (Kosovo passports) or UNK (UNMIK documents)"},
		{"dissolved state", "ANT", "ANT was the Netherlands Antilles, dissolved in 2010: use NLD, or CUW, SXM or BES for residence"},
		{"withdrawn code", "YUG", "YUG was Yugoslavia, withdrawn from ISO 3166-1 in 2003: use the code of the successor state"},
		{"changed code", "ROM", "ROM was the code for Romania until 2002: use ROU"},
		{"unknown code", "ABC", "ABC is not an ISO 3166-1 country code or an ICAO 9303 code"},

		{"alpha-2", "GB", "GB is 2 letters: use the 3-letter code GBR"},
		{"alpha-2 of Germany", "DE", "DE is 2 letters: use the 3-letter code DEU (German documents print D)"},
		{"UK", "UK", "UK is 2 letters: use the 3-letter code GBR"},
		{"EU", "EU", "EU is 2 letters: use EUE for the European Union"},
		{"UN", "UN", "UN is 2 letters: use UNO (United Nations) or UNA (UN specialized agency)"},
		{"Kosovo alpha-2", "XK", "XK is 2 letters: use RKS (Kosovo passports) or UNK (UNMIK documents)"},
		{"unassigned alpha-2", "QQ", "QQ is 2 letters: must be 3 uppercase letters, or D for Germany"},
		{"one letter", "G", "G is 1 letter: must be 3 uppercase letters, or D for Germany"},
		{"four letters", "GBRX", "GBRX is 4 letters: must be 3 uppercase letters, or D for Germany"},
		{"long letters are not repeated", "UNITEDKINGDOM", "is 13 letters: must be 3 uppercase letters, or D for Germany"},

		{"sports code", "GER", "GER is a sports-team code, not ISO: use DEU (Germany)"},
		{"sports code for a special", "KOS", "KOS is a sports-team code, not ISO: use RKS (Kosovo)"},
		{"football code", "ENG", "ENG is a sports-team code, not ISO: use GBR (United Kingdom)"},

		{"empty", "", "empty: must be 3 uppercase letters, or D for Germany"},
		{"blank", "   ", "empty: must be 3 uppercase letters, or D for Germany"},
		{"padded", " GBR ", "has spaces around it: use GBR"},
		{"padded and wrong", "\tUTO", "has spaces around it; UTO is the ICAO specimen state Utopia, not a real country"},
		{"MRZ filler", "D<<", "has the MRZ filler '<': use D"},
		{"filler only", "<<<", "contains '<': must be 3 uppercase letters, or D for Germany"},

		{"lowercase", "gbr", "must be uppercase: use GBR"},
		{"mixed case", "Deu", "must be uppercase: use DEU"},
		{"lowercase D", "d", "must be uppercase: use D"},
		{"lowercase specimen", "uto", "must be uppercase; UTO is the ICAO specimen state Utopia, not a real country"},
		{"lowercase alpha-2", "gb", "must be uppercase; GB is 2 letters: use the 3-letter code GBR"},

		{"country name", "AFGHANISTAN", "is the name of a country (Afghanistan): use its code AFG"},
		{"country name as typed", "United Kingdom", "is the name of a country (United Kingdom): use its code GBR"},
		{"country name with a diacritic", "ÅLAND ISLANDS", "is the name of a country (Åland Islands): use its code ALA"},
		{"a demonym is no country name", "AFGHAN", "AFGHAN is 6 letters: must be 3 uppercase letters, or D for Germany"},

		{"ISO numeric", "826", "826 is the ISO 3166-1 numeric code for United Kingdom: use GBR"},
		{"other number", "999", "999 is a number: must be 3 uppercase letters, or D for Germany"},
		{"letters and digits", "GB1", "contains '1': must be 3 uppercase letters, or D for Germany"},
		{"punctuation", "G-B", "contains '-': must be 3 uppercase letters, or D for Germany"},
		{"accented letter", "ÅLA", "contains 'Å': must be 3 uppercase letters, or D for Germany"},
		{"fullwidth letters", "ＧＢＲ", "contains 'Ｇ': must be 3 uppercase letters, or D for Germany"},
		{"Cyrillic look-alike", "GВR", "contains 'В': must be 3 uppercase letters, or D for Germany"},
		{"dotless i is not case-mapped", "ıRL", "contains 'ı': must be 3 uppercase letters, or D for Germany"},
		{"control character", "GB\x00", `contains '\x00': must be 3 uppercase letters, or D for Germany`},
		{"invalid UTF-8", "GB\xff", `contains '�': must be 3 uppercase letters, or D for Germany`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if country.Valid(tt.code) {
				t.Fatalf("Valid(%q) = true, want false", tt.code)
			}
			if name, kind, ok := country.Lookup(tt.code); ok || name != "" || kind != 0 {
				t.Errorf("Lookup(%q) = %q, %v, %v; want zero values", tt.code, name, kind, ok)
			}
			if got := country.Reason(tt.code); got != tt.reason {
				t.Errorf("Reason(%q)\n got %q\nwant %q", tt.code, got, tt.reason)
			}
		})
	}
}

func TestKindNamesItsStandard(t *testing.T) {
	tests := []struct {
		kind country.Kind
		want string
	}{
		{country.ISO, "ISO 3166-1"},
		{country.Special, "ICAO 9303"},
		{0, "Kind(0)"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.kind), got, tt.want)
		}
	}
}

func FuzzReason(f *testing.F) {
	for _, seed := range []string{"", "D", "GBR", "UTO", "gb", " GBR", "D<<", "826", "ÅLA", "GB\xff", "XKX"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, code string) {
		reason := country.Reason(code)
		name, kind, ok := country.Lookup(code)
		if ok != country.Valid(code) {
			t.Fatalf("Lookup(%q) ok = %v but Valid = %v", code, ok, !ok)
		}
		if ok != (reason == "") {
			t.Fatalf("Valid(%q) = %v but Reason = %q", code, ok, reason)
		}
		if ok && (name == "" || (kind != country.ISO && kind != country.Special)) {
			t.Fatalf("Lookup(%q) = %q, %v, true", code, name, kind)
		}
	})
}
