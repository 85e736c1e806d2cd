package country

// specialCodes are the codes ICAO Doc 9303 Part 3 (8th edition, section 5)
// allows in the nationality and issuing-state fields although they are not
// ISO 3166-1 countries.
//
// Names follow the Doc 9303 wording, shortened where the standard's entry is
// a definition rather than a name.
var specialCodes = [...]struct{ code, name string }{
	// Germany prints D, not DEU, in the MRZ of its own documents.
	{"D", "Germany"},

	// British nationality classes other than British citizen (GBR).
	{"GBD", "British Overseas Territories Citizen"},
	{"GBN", "British National (Overseas)"},
	{"GBO", "British Overseas Citizen"},
	{"GBP", "British Protected Person"},
	{"GBS", "British Subject"},

	// Kosovo has no ISO code; its own passports print RKS.
	{"RKS", "Kosovo"},

	// Reserved for ICAO by the ISO 3166 Maintenance Agency.
	{"EUE", "European Union"},

	// United Nations travel documents.
	{"UNO", "United Nations Organization or one of its officials"},
	{"UNA", "United Nations specialized agency or one of its officials"},
	{"UNK", "Kosovo resident with a travel document issued by UNMIK"},

	// Other organisations that issue travel documents.
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

	// Persons without a nationality to state.
	{"XXA", "Stateless person (1954 Convention)"},
	{"XXB", "Refugee (1951 Convention)"},
	{"XXC", "Refugee (other than under the 1951 Convention)"},
	{"XXX", "Unspecified nationality"},
}

// knownBad explains three-letter codes that turn up in travel data but must
// not be accepted. Each would otherwise get the bare "not a country code"
// message, which leaves the person fixing the manifest guessing.
var knownBad = map[string]string{
	// Doc 9303 lists these too, but none belongs on a document carried today.
	"UTO": "UTO is the ICAO specimen state Utopia, not a real country",
	"IAO": "IAO is ICAO itself, used only to sign certificate master lists, not on travel documents",
	"ANT": "ANT was the Netherlands Antilles, dissolved in 2010: use NLD, or CUW, SXM or BES for residence",
	"NTZ": "NTZ was the Saudi-Iraqi Neutral Zone, withdrawn from ISO 3166-1 in 1993",

	"XKX": "XKX is a user-assigned code some systems use for Kosovo: use RKS (Kosovo passports) or UNK (UNMIK documents)",

	// Withdrawn from ISO 3166-1 (now in ISO 3166-3). Old documents and old
	// databases still carry them.
	"AFI": "AFI was French Afars and Issas, withdrawn from ISO 3166-1 in 1977: use DJI",
	"ATB": "ATB was British Antarctic Territory, withdrawn from ISO 3166-1 in 1979: use ATA",
	"ATN": "ATN was Dronning Maud Land, withdrawn from ISO 3166-1 in 1983: use ATA",
	"BUR": "BUR was Burma, withdrawn from ISO 3166-1 in 1989: use MMR",
	"BYS": "BYS was the Byelorussian SSR, withdrawn from ISO 3166-1 in 1992: use BLR",
	"CSK": "CSK was Czechoslovakia, withdrawn from ISO 3166-1 in 1993: use CZE or SVK",
	"CTE": "CTE was Canton and Enderbury Islands, withdrawn from ISO 3166-1 in 1984: use KIR",
	"DDR": "DDR was the German Democratic Republic, withdrawn from ISO 3166-1 in 1990: use DEU",
	"DHY": "DHY was Dahomey, withdrawn from ISO 3166-1 in 1977: use BEN",
	"FXX": "FXX was Metropolitan France, withdrawn from ISO 3166-1 in 1997: use FRA",
	"GEL": "GEL was the Gilbert and Ellice Islands, withdrawn from ISO 3166-1 in 1979: use KIR or TUV",
	"HVO": "HVO was Upper Volta, withdrawn from ISO 3166-1 in 1984: use BFA",
	"JTN": "JTN was Johnston Island, withdrawn from ISO 3166-1 in 1986: use UMI",
	"MID": "MID was the Midway Islands, withdrawn from ISO 3166-1 in 1986: use UMI",
	"NHB": "NHB was the New Hebrides, withdrawn from ISO 3166-1 in 1980: use VUT",
	"PCI": "PCI was the Pacific Islands Trust Territory, withdrawn from ISO 3166-1 in 1986: use FSM, MHL, MNP or PLW",
	"PCZ": "PCZ was the Panama Canal Zone, withdrawn from ISO 3166-1 in 1980: use PAN",
	"PUS": "PUS was the US Miscellaneous Pacific Islands, withdrawn from ISO 3166-1 in 1986: use UMI",
	"RHO": "RHO was Southern Rhodesia, withdrawn from ISO 3166-1 in 1980: use ZWE",
	"ROM": "ROM was the code for Romania until 2002: use ROU",
	"SCG": "SCG was Serbia and Montenegro, withdrawn from ISO 3166-1 in 2006: use SRB or MNE",
	"SKM": "SKM was Sikkim, withdrawn from ISO 3166-1 in 1975: use IND",
	"SUN": "SUN was the USSR, withdrawn from ISO 3166-1 in 1992: use the code of the successor state",
	"TMP": "TMP was East Timor, withdrawn from ISO 3166-1 in 2002: use TLS",
	"VDR": "VDR was the Democratic Republic of Viet-Nam, withdrawn from ISO 3166-1 in 1977: use VNM",
	"WAK": "WAK was Wake Island, withdrawn from ISO 3166-1 in 1986: use UMI",
	"YMD": "YMD was South Yemen, withdrawn from ISO 3166-1 in 1990: use YEM",
	"YUG": "YUG was Yugoslavia, withdrawn from ISO 3166-1 in 2003: use the code of the successor state",
	"ZAR": "ZAR was Zaire, withdrawn from ISO 3166-1 in 1997: use COD",
}

// sportsCodes maps IOC and FIFA country codes, which people copy from
// scoreboards and team lists, to the ISO code they stand for. Only codes that
// are not valid themselves may be listed (a test enforces it), so that a real
// code is never "corrected" into another country.
var sportsCodes = map[string]string{
	"ALG": "DZA", "ANG": "AGO", "ARU": "ABW", "BAH": "BHS", "BAN": "BGD",
	"BAR": "BRB", "BER": "BMU", "BOT": "BWA", "BRU": "BRN", "BUL": "BGR",
	"CAM": "KHM", "CAY": "CYM", "CGO": "COG", "CHI": "CHL", "CRC": "CRI",
	"CRO": "HRV", "DEN": "DNK", "ENG": "GBR", "ESA": "SLV", "FIJ": "FJI",
	"GAM": "GMB", "GER": "DEU", "GRE": "GRC", "GUA": "GTM", "HAI": "HTI",
	"HON": "HND", "INA": "IDN", "IRI": "IRN", "ISV": "VIR", "IVB": "VGB",
	"KOS": "RKS", "KSA": "SAU", "KUW": "KWT", "LAT": "LVA", "LBA": "LBY",
	"LIB": "LBN", "MAD": "MDG", "MAS": "MYS", "MAW": "MWI", "MGL": "MNG",
	"MRI": "MUS", "MYA": "MMR", "NCA": "NIC", "NED": "NLD", "NEP": "NPL",
	"NGR": "NGA", "OMA": "OMN", "PAR": "PRY", "PHI": "PHL", "POR": "PRT",
	"PUR": "PRI", "RSA": "ZAF", "SAM": "WSM", "SLO": "SVN", "SRI": "LKA",
	"SUD": "SDN", "SUI": "CHE", "TAN": "TZA", "TGA": "TON", "TOG": "TGO",
	"TPE": "TWN", "UAE": "ARE", "URU": "URY", "VAN": "VUT", "VIE": "VNM",
	"ZAM": "ZMB", "ZIM": "ZWE",
}

// twoLetterHints covers two-letter codes that are not ISO alpha-2 codes, or
// whose ISO answer alone would mislead.
var twoLetterHints = map[string]string{
	"DE": "DE is 2 letters: use the 3-letter code DEU (German documents print D)",
	"UK": "UK is 2 letters: use the 3-letter code GBR",
	"EU": "EU is 2 letters: use EUE for the European Union",
	"UN": "UN is 2 letters: use UNO (United Nations) or UNA (UN specialized agency)",
	"XK": "XK is 2 letters: use RKS (Kosovo passports) or UNK (UNMIK documents)",
}
