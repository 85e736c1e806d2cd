package aviation

// mark is a nationality mark (ICAO Annex 7) and the registrations that the
// register behind it issues.
type mark struct {
	// prefix is the nationality mark as written before the hyphen ("D",
	// "A9C", "VP"), or for a joined mark the letters the registration
	// starts with ("JA").
	prefix string
	// leads, when set, are the only letters a register puts first after the
	// hyphen, as C is in VP-C for the Cayman Islands. Where several
	// registers share a prefix, the lead says which register it is.
	leads []string
	// shapes are what may follow the prefix and lead: A stands for a letter,
	// 9 for a digit and X for either.
	shapes []string
	// check replaces shapes where a register's rule does not fit them; it
	// returns "" for an acceptable suffix, or the reason it is not.
	check func(suffix string) string
	// form replaces the description generated from shapes, for marks whose
	// rule shapes cannot say. A mark with a form but neither shapes nor
	// check is never valid: it exists to name the right mark in the reason.
	form string
	// state is the state or territory whose register uses the mark.
	state string
	// example is a valid registration of this form, quoted in reasons.
	example string
	// joined marks are written without a hyphen: N123AB, JA8089, HL7700.
	joined bool
}

var (
	threeLetters = []string{"AAA"}
	fourLetters  = []string{"AAAA"}
	twoLetters   = []string{"AA"}
)

// marks lists the nationality marks this package knows, with the suffixes
// their registers issue to aeroplanes and helicopters. Glider, balloon and
// microlight series, which never fly a charter, are left out except
// Germany's numeric gliders, so that D-1234 is not reported as a mistake.
//
// A registration with a prefix not listed here is accepted if it has the
// general form; see ValidRegistration.
var marks = []mark{
	{prefix: "N", joined: true, check: usSuffix, state: "United States", example: "N123AB",
		form: "N followed by a digit 1-9 and up to 4 more characters: digits, then at most 2 letters (never I or O)"},

	// Europe.
	{prefix: "D", shapes: []string{"AAAA", "9999"}, state: "Germany", example: "D-AIBC"},
	{prefix: "G", shapes: fourLetters, state: "United Kingdom", example: "G-EUPT"},
	{prefix: "F", shapes: fourLetters, state: "France", example: "F-GKXA"},
	{prefix: "EC", shapes: threeLetters, state: "Spain", example: "EC-MXV"},
	{prefix: "I", shapes: fourLetters, state: "Italy", example: "I-ADJU"},
	{prefix: "TC", shapes: threeLetters, state: "Türkiye", example: "TC-JJU"},
	{prefix: "PH", shapes: threeLetters, state: "Netherlands", example: "PH-BXA"},
	{prefix: "OO", shapes: threeLetters, state: "Belgium", example: "OO-SNA"},
	{prefix: "HB", shapes: threeLetters, state: "Switzerland", example: "HB-JNA"},
	{prefix: "OE", shapes: threeLetters, state: "Austria", example: "OE-LBA"},
	{prefix: "EI", shapes: threeLetters, state: "Ireland", example: "EI-DVM"},
	{prefix: "SP", shapes: threeLetters, state: "Poland", example: "SP-LRA"},
	{prefix: "OK", shapes: threeLetters, state: "Czechia", example: "OK-TVR"},
	{prefix: "SE", shapes: threeLetters, state: "Sweden", example: "SE-RJE"},
	{prefix: "LN", shapes: threeLetters, state: "Norway", example: "LN-NGA"},
	{prefix: "OY", shapes: threeLetters, state: "Denmark", example: "OY-KBO"},
	{prefix: "OH", shapes: threeLetters, state: "Finland", example: "OH-LWA"},
	{prefix: "SX", shapes: threeLetters, state: "Greece", example: "SX-DGA"},
	{prefix: "CS", shapes: threeLetters, state: "Portugal", example: "CS-TUA"},
	{prefix: "9H", shapes: threeLetters, state: "Malta", example: "9H-AEI"},
	{prefix: "5B", shapes: threeLetters, state: "Cyprus", example: "5B-DCL"},
	{prefix: "LX", shapes: threeLetters, state: "Luxembourg", example: "LX-VCA"},
	{prefix: "YR", shapes: threeLetters, state: "Romania", example: "YR-ATA"},
	{prefix: "LZ", shapes: threeLetters, state: "Bulgaria", example: "LZ-FBA"},
	{prefix: "HA", shapes: threeLetters, state: "Hungary", example: "HA-LYA"},
	{prefix: "YU", shapes: threeLetters, state: "Serbia", example: "YU-APA"},
	{prefix: "9A", shapes: threeLetters, state: "Croatia", example: "9A-CTG"},
	{prefix: "S5", shapes: threeLetters, state: "Slovenia", example: "S5-AAA"},
	{prefix: "OM", shapes: threeLetters, state: "Slovakia", example: "OM-GTA"},
	{prefix: "LY", shapes: threeLetters, state: "Lithuania", example: "LY-BAA"},
	{prefix: "YL", shapes: threeLetters, state: "Latvia", example: "YL-BBA"},
	{prefix: "ES", shapes: threeLetters, state: "Estonia", example: "ES-ACB"},
	{prefix: "TF", shapes: threeLetters, state: "Iceland", example: "TF-FIA"},
	{prefix: "T7", shapes: threeLetters, state: "San Marino", example: "T7-MRA"},
	{prefix: "M", shapes: fourLetters, state: "Isle of Man", example: "M-ABCD"},
	{prefix: "2", shapes: fourLetters, state: "Guernsey", example: "2-RLAP"},

	// Former Soviet Union. Registers there mix letter and number series.
	{prefix: "RA", shapes: []string{"99999", "9999A"}, state: "Russia", example: "RA-89001"},
	{prefix: "UR", shapes: []string{"AAA", "99999"}, state: "Ukraine", example: "UR-PSA"},
	{prefix: "EW", shapes: []string{"99999", "999AA"}, state: "Belarus", example: "EW-455PA"},
	{prefix: "ER", shapes: []string{"AAA", "99999"}, state: "Moldova", example: "ER-AXP"},
	{prefix: "UP", shapes: []string{"AXXXX"}, state: "Kazakhstan", example: "UP-A2001"},
	{prefix: "4L", shapes: threeLetters, state: "Georgia", example: "4L-TGM"},
	{prefix: "EK", shapes: []string{"AAA", "AA99", "99999"}, state: "Armenia", example: "EK-32008"},
	{prefix: "4K", shapes: []string{"AA99", "AA999", "9999", "99999"}, state: "Azerbaijan", example: "4K-AZ81"},

	// Middle East. Bahrain and Oman write a third character into the mark
	// itself; their bare ITU prefixes are listed only to say so. Marks with
	// a letter O are listed again with a zero, the usual misreading, which
	// would otherwise pass as an unknown mark.
	{prefix: "A7", shapes: threeLetters, state: "Qatar", example: "A7-BAA"},
	{prefix: "A6", shapes: threeLetters, state: "United Arab Emirates", example: "A6-EDA"},
	{prefix: "A9C", shapes: []string{"AA", "AAA"}, state: "Bahrain", example: "A9C-TA"},
	{prefix: "A9", form: "A9C- followed by 2 or 3 letters", state: "Bahrain", example: "A9C-TA"},
	{prefix: "A4O", shapes: []string{"AA", "AAA"}, state: "Oman", example: "A4O-DA"},
	{prefix: "A4", form: "A4O- followed by 2 or 3 letters", state: "Oman", example: "A4O-DA"},
	{prefix: "A40", form: "A4O- (letter O, not zero) followed by 2 or 3 letters", state: "Oman", example: "A4O-DA"},
	{prefix: "HZ", shapes: []string{"XXX", "XXXX"}, state: "Saudi Arabia", example: "HZ-AK11"},
	{prefix: "9K", shapes: threeLetters, state: "Kuwait", example: "9K-AKA"},
	{prefix: "4X", shapes: threeLetters, state: "Israel", example: "4X-EKA"},
	{prefix: "JY", shapes: threeLetters, state: "Jordan", example: "JY-AYA"},
	{prefix: "OD", shapes: threeLetters, state: "Lebanon", example: "OD-MRT"},
	{prefix: "YK", shapes: threeLetters, state: "Syria", example: "YK-AKA"},
	{prefix: "YI", shapes: threeLetters, state: "Iraq", example: "YI-ASF"},
	{prefix: "EP", shapes: threeLetters, state: "Iran", example: "EP-IJA"},
	{prefix: "7O", shapes: threeLetters, state: "Yemen", example: "7O-AFA"},
	{prefix: "70", form: "7O- (letter O, not zero) followed by 3 letters", state: "Yemen", example: "7O-AFA"},
	{prefix: "YA", shapes: threeLetters, state: "Afghanistan", example: "YA-KAM"},
	{prefix: "AP", shapes: threeLetters, state: "Pakistan", example: "AP-BHA"},

	// Africa. South Africa's ZS register continues in ZT (rotorcraft) and
	// ZU (non-type-certified aircraft).
	{prefix: "SU", shapes: threeLetters, state: "Egypt", example: "SU-GCA"},
	{prefix: "5A", shapes: threeLetters, state: "Libya", example: "5A-LAQ"},
	{prefix: "ST", shapes: threeLetters, state: "Sudan", example: "ST-AQA"},
	{prefix: "ET", shapes: threeLetters, state: "Ethiopia", example: "ET-AOA"},
	{prefix: "6O", shapes: threeLetters, state: "Somalia", example: "6O-SBA"},
	{prefix: "60", form: "6O- (letter O, not zero) followed by 3 letters", state: "Somalia", example: "6O-SBA"},
	{prefix: "5Y", shapes: threeLetters, state: "Kenya", example: "5Y-KZA"},
	{prefix: "5N", shapes: threeLetters, state: "Nigeria", example: "5N-MAD"},
	{prefix: "ZS", shapes: threeLetters, state: "South Africa", example: "ZS-SXA"},
	{prefix: "ZT", shapes: threeLetters, state: "South Africa", example: "ZT-RHA"},
	{prefix: "ZU", shapes: threeLetters, state: "South Africa", example: "ZU-DKA"},
	{prefix: "CN", shapes: threeLetters, state: "Morocco", example: "CN-ROA"},
	{prefix: "TS", shapes: threeLetters, state: "Tunisia", example: "TS-IMA"},
	{prefix: "7T", shapes: threeLetters, state: "Algeria", example: "7T-VJA"},

	// Asia and the Pacific.
	{prefix: "JA", joined: true, shapes: []string{"9999", "999A", "99AA"}, state: "Japan", example: "JA8089"},
	{prefix: "HL", joined: true, shapes: []string{"9999"}, state: "South Korea", example: "HL7700"},
	// B- is shared: mainland China (a digit first), Taiwan (five digits),
	// Hong Kong (B-H, B-K, B-L) and Macao (B-M).
	{prefix: "B", shapes: []string{"9XXX"}, state: "China", example: "B-30EF"},
	{prefix: "B", shapes: []string{"99999"}, state: "Taiwan", example: "B-18918"},
	{prefix: "B", leads: []string{"H", "K", "L"}, shapes: twoLetters, state: "Hong Kong", example: "B-HNA"},
	{prefix: "B", leads: []string{"M"}, shapes: twoLetters, state: "Macao", example: "B-MAB"},
	{prefix: "VT", shapes: threeLetters, state: "India", example: "VT-ANA"},
	{prefix: "9V", shapes: threeLetters, state: "Singapore", example: "9V-SKA"},
	{prefix: "9M", shapes: threeLetters, state: "Malaysia", example: "9M-MXA"},
	{prefix: "HS", shapes: threeLetters, state: "Thailand", example: "HS-TKA"},
	{prefix: "RP", leads: []string{"C"}, shapes: []string{"9", "99", "999", "9999"}, state: "Philippines", example: "RP-C3240"},
	{prefix: "PK", shapes: threeLetters, state: "Indonesia", example: "PK-GIA"},
	{prefix: "RDPL", shapes: []string{"99999"}, state: "Laos", example: "RDPL-34188"},
	{prefix: "VH", shapes: threeLetters, state: "Australia", example: "VH-OQA"},
	{prefix: "ZK", shapes: threeLetters, state: "New Zealand", example: "ZK-OKA"},

	// The Americas. Canada's pre-1974 CF- marks stay on the register for the
	// aircraft that carried them.
	{prefix: "C", leads: []string{"F", "G", "I"}, shapes: threeLetters, state: "Canada", example: "C-FTJO"},
	{prefix: "CF", shapes: threeLetters, state: "Canada", example: "CF-TCA"},
	{prefix: "XA", shapes: threeLetters, state: "Mexico", example: "XA-VOA"},
	{prefix: "XB", shapes: threeLetters, state: "Mexico", example: "XB-MTS"},
	{prefix: "XC", shapes: threeLetters, state: "Mexico", example: "XC-LNA"},
	{prefix: "PP", shapes: threeLetters, state: "Brazil", example: "PP-PJA"},
	{prefix: "PR", shapes: threeLetters, state: "Brazil", example: "PR-GUA"},
	{prefix: "PS", shapes: threeLetters, state: "Brazil", example: "PS-GPA"},
	{prefix: "PT", shapes: threeLetters, state: "Brazil", example: "PT-MUA"},
	{prefix: "PU", shapes: threeLetters, state: "Brazil", example: "PU-PDA"},
	{prefix: "LV", shapes: threeLetters, state: "Argentina", example: "LV-FNA"},
	{prefix: "LQ", shapes: threeLetters, state: "Argentina", example: "LQ-BLF"},
	{prefix: "CC", shapes: threeLetters, state: "Chile", example: "CC-BAA"},
	{prefix: "HK", shapes: []string{"999", "9999", "999A", "9999A"}, state: "Colombia", example: "HK-5186"},
	{prefix: "P4", shapes: threeLetters, state: "Aruba", example: "P4-KCA"},
	// VP- and VQ- are the United Kingdom's overseas territories; the letter
	// after the hyphen says which.
	{prefix: "VP", leads: []string{"A"}, shapes: twoLetters, state: "Anguilla", example: "VP-AAB"},
	{prefix: "VP", leads: []string{"B"}, shapes: twoLetters, state: "Bermuda", example: "VP-BAT"},
	{prefix: "VQ", leads: []string{"B"}, shapes: twoLetters, state: "Bermuda", example: "VQ-BIR"},
	{prefix: "VP", leads: []string{"C"}, shapes: twoLetters, state: "Cayman Islands", example: "VP-CBA"},
	{prefix: "VP", leads: []string{"F"}, shapes: twoLetters, state: "Falkland Islands", example: "VP-FBB"},
	{prefix: "VP", leads: []string{"G"}, shapes: twoLetters, state: "Gibraltar", example: "VP-GAB"},
	{prefix: "VP", leads: []string{"L"}, shapes: twoLetters, state: "British Virgin Islands", example: "VP-LVA"},
	{prefix: "VP", leads: []string{"M"}, shapes: twoLetters, state: "Montserrat", example: "VP-MON"},
	{prefix: "VQ", leads: []string{"H"}, shapes: twoLetters, state: "Saint Helena", example: "VQ-HAA"},
	{prefix: "VQ", leads: []string{"T"}, shapes: twoLetters, state: "Turks and Caicos Islands", example: "VQ-TAB"},
}

// usSuffix checks what follows the N of a United States registration
// (14 CFR 47.15): one to five characters, a digit 1-9 first, then digits,
// then at most two letters, never I or O, which read as 1 and 0.
func usSuffix(s string) string {
	switch {
	case s == "":
		return "1 to 5 characters follow the N"
	case len(s) > 5:
		return "at most 5 characters follow the N"
	case s[0] < '1' || s[0] > '9':
		return "a digit 1-9 comes right after the N"
	}
	digits := 1
	for digits < len(s) && isDigit(s[digits]) {
		digits++
	}
	letters := s[digits:]
	for i := 0; i < len(letters); i++ {
		switch c := letters[i]; {
		case c == 'I' || c == 'O':
			return "the letters I and O are never used"
		case !isLetter(c):
			return "letters come only at the end"
		}
	}
	if len(letters) > 2 {
		return "at most 2 letters end the registration"
	}
	return ""
}
