package watchlist

import (
	"strings"
	"sync"

	"github.com/paxscreen/paxscreen/shared/country"
	"github.com/paxscreen/paxscreen/shared/names"
)

// countryAliases maps the country names the lists use, where they differ
// from the ISO 3166 short names, to alpha-3 codes.
var countryAliases = map[string]string{
	"afghan": "AFG", "russia": "RUS", "russian federation": "RUS", "syria": "SYR",
	"syrian arab republic": "SYR", "iran": "IRN", "iran islamic republic of": "IRN",
	"korea north": "PRK", "north korea": "PRK", "democratic peoples republic of korea": "PRK",
	"korea south": "KOR", "south korea": "KOR", "republic of korea": "KOR",
	"burma": "MMR", "myanmar": "MMR", "congo democratic republic of the": "COD",
	"democratic republic of the congo": "COD", "congo republic of the": "COG", "congo": "COG",
	"united kingdom": "GBR", "united kingdom of great britain and northern ireland": "GBR",
	"turkey": "TUR", "turkiye": "TUR", "state of palestine": "PSE", "palestinian": "PSE",
	"palestine": "PSE", "west bank": "PSE", "gaza": "PSE", "venezuela": "VEN", "bolivia": "BOL",
	"tanzania": "TZA", "united republic of tanzania": "TZA", "vietnam": "VNM", "viet nam": "VNM",
	"laos": "LAO", "moldova": "MDA", "macedonia": "MKD", "north macedonia": "MKD",
	"czech republic": "CZE", "czechia": "CZE", "ivory coast": "CIV", "cote divoire": "CIV",
	"united states": "USA", "united states of america": "USA", "usa": "USA",
	"bosnia and herzegovina": "BIH", "bosnia herzegovina": "BIH", "the gambia": "GMB", "gambia": "GMB",
	"the bahamas": "BHS", "bahamas": "BHS", "brunei": "BRN", "cape verde": "CPV", "cabo verde": "CPV",
	"micronesia": "FSM", "taiwan": "TWN", "kosovo": "XKX", "libya": "LBY", "swaziland": "SWZ",
	"eswatini": "SWZ", "netherlands": "NLD", "the netherlands": "NLD", "yemen": "YEM",
	"sudan": "SDN", "south sudan": "SSD", "guinea bissau": "GNB", "saint kitts and nevis": "KNA",
	"st kitts and nevis": "KNA", "british virgin islands": "VGB", "virgin islands british": "VGB",
	"hong kong": "HKG", "macau": "MAC", "macao": "MAC", "uae": "ARE", "united arab emirates": "ARE",
	"kyrgyzstan": "KGZ", "belarus": "BLR", "ukraine": "UKR", "ukrainian": "UKR", "lebanon": "LBN",
	"iraq": "IRQ", "china": "CHN", "peoples republic of china": "CHN", "holy see": "VAT",
}

var (
	countryOnce  sync.Once
	countryNames map[string]string
)

// CountryCode maps a listed country name or code ("Afghanistan", "Korea,
// North", "Iran (Islamic Republic of)", "AFG") to its ISO 3166-1 alpha-3
// code, or "" when the name is not recognised.
func CountryCode(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 {
		return ""
	}
	if len(s) == 3 && country.Valid(strings.ToUpper(s)) {
		return strings.ToUpper(s)
	}
	countryOnce.Do(func() {
		// shared/country holds the ISO table; walking its code space once
		// gives the name index without a second copy of the table.
		countryNames = make(map[string]string, 300)
		var code [3]byte
		for a := byte('A'); a <= 'Z'; a++ {
			for b := byte('A'); b <= 'Z'; b++ {
				for c := byte('A'); c <= 'Z'; c++ {
					code = [3]byte{a, b, c}
					if name, kind, ok := country.Lookup(string(code[:])); ok && kind == country.ISO {
						countryNames[names.Fold(name)] = string(code[:])
					}
				}
			}
		}
	})
	key := names.Fold(s)
	if c, ok := countryAliases[key]; ok {
		return c
	}
	return countryNames[key]
}
