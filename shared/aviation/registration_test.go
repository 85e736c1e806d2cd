package aviation_test

import (
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/aviation"
)

func TestValidRegistrationAccepts(t *testing.T) {
	tests := []struct {
		state string
		regs  []string
	}{
		// One to five characters after the N: digits first, the first of
		// them 1-9, then at most two letters.
		{"United States", []string{"N1", "N9", "N12", "N123", "N1234", "N12345", "N99999",
			"N1A", "N1AB", "N12A", "N12AB", "N123A", "N123AB", "N1234Z", "N628TS", "N1ZZ"}},
		{"Germany", []string{"D-AIBC", "D-ABYA", "D-EFGH", "D-HABC", "D-1234", "D-0815"}},
		{"United Kingdom", []string{"G-EUPT", "G-XLEA", "G-STBA"}},
		{"France", []string{"F-GKXA", "F-HBNA", "F-OHJP"}},
		{"Spain", []string{"EC-MXV"}},
		{"Italy", []string{"I-ADJU"}},
		{"Türkiye", []string{"TC-JJU"}},
		{"Qatar", []string{"A7-BAA", "A7-HHK"}},
		{"United Arab Emirates", []string{"A6-EDA"}},
		{"Bahrain", []string{"A9C-TA", "A9C-HMK"}},
		{"Oman", []string{"A4O-DA", "A4O-OMN"}},
		{"Saudi Arabia", []string{"HZ-AK11", "HZ-ARA", "HZ-HM1"}},
		{"Netherlands", []string{"PH-BXA"}},
		{"Belgium", []string{"OO-SNA"}},
		{"Switzerland", []string{"HB-JNA"}},
		{"Austria", []string{"OE-LBA"}},
		{"Ireland", []string{"EI-DVM"}},
		{"Canada", []string{"C-FTJO", "C-GKWS", "C-IABC", "CF-TCA"}},
		{"Australia", []string{"VH-OQA"}},
		{"Japan", []string{"JA8089", "JA743A", "JA01XJ"}},
		{"China", []string{"B-1234", "B-30EF", "B-652G"}},
		{"Taiwan", []string{"B-18918"}},
		{"Hong Kong", []string{"B-HNA", "B-KPA", "B-LRA"}},
		{"Macao", []string{"B-MAB"}},
		{"Russia", []string{"RA-89001", "RA-1555G"}},
		{"Ukraine", []string{"UR-PSA", "UR-82060"}},
		{"Poland", []string{"SP-LRA"}},
		{"Czechia", []string{"OK-TVR"}},
		{"Sweden", []string{"SE-RJE"}},
		{"Norway", []string{"LN-NGA"}},
		{"Denmark", []string{"OY-KBO"}},
		{"Finland", []string{"OH-LWA"}},
		{"Greece", []string{"SX-DGA"}},
		{"Portugal", []string{"CS-TUA"}},
		{"Israel", []string{"4X-EKA"}},
		{"Jordan", []string{"JY-AYA"}},
		{"Egypt", []string{"SU-GCA"}},
		{"Kenya", []string{"5Y-KZA"}},
		{"Nigeria", []string{"5N-MAD"}},
		{"South Africa", []string{"ZS-SXA", "ZT-RHA", "ZU-DKA"}},
		{"Brazil", []string{"PP-PJA", "PR-GUA", "PS-GPA", "PT-MUA", "PU-PDA"}},
		{"Mexico", []string{"XA-VOA", "XB-MTS", "XC-LNA"}},
		{"India", []string{"VT-ANA"}},
		{"Pakistan", []string{"AP-BHA"}},
		{"Afghanistan", []string{"YA-KAM"}},
		{"Iraq", []string{"YI-ASF"}},
		{"Iran", []string{"EP-IJA"}},
		{"Lebanon", []string{"OD-MRT"}},
		{"Syria", []string{"YK-AKA"}},
		{"Malta", []string{"9H-AEI"}},
		{"Cyprus", []string{"5B-DCL"}},
		{"Isle of Man", []string{"M-ABCD", "M-YULI"}},
		{"Guernsey", []string{"2-RLAP"}},
		{"Aruba", []string{"P4-KCA"}},
		{"Cayman Islands", []string{"VP-CBA", "VP-CKB"}},
		{"Bermuda", []string{"VP-BAT", "VQ-BIR"}},
		{"San Marino", []string{"T7-MRA"}},
		{"Kazakhstan", []string{"UP-A2001", "UP-CJ004"}},
		{"Georgia", []string{"4L-TGM"}},
		{"Armenia", []string{"EK-32008", "EK-RA01"}},
		{"Azerbaijan", []string{"4K-AZ81", "4K-8888", "4K-SW800"}},
		{"Ethiopia", []string{"ET-AOA"}},
		{"Libya", []string{"5A-LAQ"}},
		{"Sudan", []string{"ST-AQA"}},
		{"Somalia", []string{"6O-SBA"}},
		{"Yemen", []string{"7O-AFA"}},
		{"Kuwait", []string{"9K-AKA"}},
		{"Luxembourg", []string{"LX-VCA"}},
		{"Romania", []string{"YR-ATA"}},
		{"Bulgaria", []string{"LZ-FBA"}},
		{"Hungary", []string{"HA-LYA"}},
		{"Serbia", []string{"YU-APA"}},
		{"Croatia", []string{"9A-CTG"}},
		{"Slovenia", []string{"S5-AAA"}},
		{"Slovakia", []string{"OM-GTA"}},
		{"Lithuania", []string{"LY-BAA"}},
		{"Latvia", []string{"YL-BBA"}},
		{"Estonia", []string{"ES-ACB"}},
		{"Iceland", []string{"TF-FIA"}},
		{"Morocco", []string{"CN-ROA"}},
		{"Tunisia", []string{"TS-IMA"}},
		{"Algeria", []string{"7T-VJA"}},
		{"Singapore", []string{"9V-SKA"}},
		{"Malaysia", []string{"9M-MXA"}},
		{"Thailand", []string{"HS-TKA"}},
		{"Philippines", []string{"RP-C3240", "RP-C1"}},
		{"Indonesia", []string{"PK-GIA"}},
		{"South Korea", []string{"HL7700", "HL8001"}},
		{"New Zealand", []string{"ZK-OKA"}},
		{"Argentina", []string{"LV-FNA", "LQ-BLF"}},
		{"Chile", []string{"CC-BAA"}},
		{"Colombia", []string{"HK-5186", "HK-4955"}},
		{"Belarus", []string{"EW-455PA", "EW-78849"}},
		{"Moldova", []string{"ER-AXP"}},
		{"Laos", []string{"RDPL-34188"}},

		// A mark this package does not know is no error when the
		// registration has the general form.
		{"", []string{"EX-32001", "UK-67000", "9N-ALM", "S2-AJX", "4R-ALA", "DQ-FJA", "3B-NBL", "A5-JSW", "Z-W", "XY-12345"}},
	}
	for _, tt := range tests {
		for _, reg := range tt.regs {
			t.Run(reg, func(t *testing.T) {
				state, ok, reason := aviation.ValidRegistration(reg)
				if !ok || state != tt.state || reason != "" {
					t.Errorf("ValidRegistration(%q) = %q, %v, %q; want %q, true, \"\"", reg, state, ok, reason, tt.state)
				}
				if norm := aviation.NormaliseRegistration(reg); norm != reg {
					t.Errorf("NormaliseRegistration(%q) = %q; a valid registration is already normal", reg, norm)
				}
			})
		}
	}
}

// Rejections whose reason matters most: the message is what the person
// correcting the manifest reads.
func TestValidRegistrationSaysWhy(t *testing.T) {
	tests := []struct {
		name   string
		reg    string
		state  string
		reason string
	}{
		{"US: zero after the N", "N0123", "United States",
			"not a valid United States registration: a digit 1-9 comes right after the N, e.g. N123AB"},
		{"US: three letters", "N12ABC", "United States",
			"not a valid United States registration: at most 2 letters end the registration, e.g. N123AB"},
		{"US: six characters", "N123ABC", "United States",
			"not a valid United States registration: at most 5 characters follow the N, e.g. N123AB"},
		{"US: letter O read as zero", "N1O1", "United States",
			"not a valid United States registration: the letters I and O are never used, e.g. N123AB"},
		{"US: letter before a digit", "N1A1", "United States",
			"not a valid United States registration: letters come only at the end, e.g. N123AB"},
		{"US: nothing after the N", "N", "United States",
			"not a valid United States registration: 1 to 5 characters follow the N, e.g. N123AB"},
		{"US: hyphen that cannot be removed", "N-0123", "United States",
			"United States registrations have no hyphen: expected N followed by a digit 1-9 and up to 4 more characters: digits, then at most 2 letters (never I or O), e.g. N123AB"},

		{"Germany: three letters", "D-ABC", "Germany",
			"not a valid Germany registration: expected D- followed by 4 letters or 4 digits, e.g. D-AIBC"},
		{"Canada: no F, G or I", "C-ABCD", "Canada",
			"not a valid Canada registration: expected C-F, C-G or C-I followed by 3 letters, e.g. C-FTJO"},
		{"Japan: letters only", "JAABCD", "Japan",
			"not a valid Japan registration: expected JA followed by 4 digits, 3 digits and a letter or 2 digits and 2 letters, e.g. JA8089"},
		{"Philippines: no C", "RP-3240", "Philippines",
			"not a valid Philippines registration: expected RP-C followed by 1 to 4 digits, e.g. RP-C3240"},

		{"Bahrain's bare ITU prefix", "A9-CAB", "Bahrain",
			"not a valid Bahrain registration: expected A9C- followed by 2 or 3 letters, e.g. A9C-TA"},
		{"Oman with a zero for the O", "A40-DA", "Oman",
			"not a valid Oman registration: expected A4O- (letter O, not zero) followed by 2 or 3 letters, e.g. A4O-DA"},
		{"Somalia with a zero for the O", "60-SBA", "Somalia",
			"not a valid Somalia registration: expected 6O- (letter O, not zero) followed by 3 letters, e.g. 6O-SBA"},
		{"Hong Kong lead, wrong rest", "B-H1", "Hong Kong",
			"not a valid Hong Kong registration: expected B-H, B-K or B-L followed by 2 letters, e.g. B-HNA"},
		{"B- fitting neither China nor Taiwan", "B-123", "",
			"not issued by any register using B-: China B- followed by a digit and 3 letters or digits (e.g. B-30EF); Taiwan B- followed by 5 digits (e.g. B-18918)"},
		{"VQ- with a letter no territory uses", "VQ-ZAB", "",
			"not issued by any register using VQ-: Bermuda VQ-B followed by 2 letters (e.g. VQ-BIR); Saint Helena VQ-H followed by 2 letters (e.g. VQ-HAA); Turks and Caicos Islands VQ-T followed by 2 letters (e.g. VQ-TAB)"},

		{"no hyphen, no known mark", "ABCDEF", "",
			"no hyphen: expected a nationality mark, a hyphen and the rest, as in D-AIBC (only United States, Japan and South Korea registrations have no hyphen)"},
		{"no hyphen, two readings", "CFTJO", "", "no hyphen: write it as C-FTJO or CF-TJO"},
		{"unknown mark too long", "ABCD-1", "", "ABCD- is not a nationality mark: marks are 1 to 3 letters or digits"},
		{"unknown mark without a letter", "12-345", "", "12- is not a nationality mark: marks other than Guernsey's 2- have a letter"},
		{"unknown mark, long suffix", "XY-123456", "", "6 characters after the hyphen: at most 5"},
		{"two hyphens", "D-AI-BC", "", "has more than one hyphen"},
		{"doubled hyphen", "D--AIBC", "", "has more than one hyphen"},
		{"hyphen first", "-AIBC", "", "nothing before the hyphen: expected a nationality mark, as in D-AIBC"},
		{"hyphen last", "D-", "", "nothing after the hyphen"},
		{"too long", "ABCDEFGHIJK", "", "too long: 11 characters, at most 10"},
		{"far too long", strings.Repeat("D-AIBC ", 40), "", "too long: 280 bytes, at most 10 characters"},
		{"slash", "D/AIBC", "", "contains '/': only letters A-Z, digits and a hyphen are allowed"},
		{"underscore", "D_AIBC", "", "contains '_': only letters A-Z, digits and a hyphen are allowed"},
		{"accented letter", "D-ÄIBC", "", "contains 'Ä': only letters A-Z, digits and a hyphen are allowed"},
		{"control character", "D-AIBC\x00", "", `contains '\x00': only letters A-Z, digits and a hyphen are allowed`},
		{"invalid UTF-8", "D-\xffIBC", "", `is not valid UTF-8; contains '�': only letters A-Z, digits and a hyphen are allowed`},
		{"empty", "", "", "empty: expected a registration such as N123AB or D-AIBC"},
		{"blank", " \t", "", "empty: expected a registration such as N123AB or D-AIBC"},
		{"invisible only", "\u200b", "", "empty: expected a registration such as N123AB or D-AIBC"},

		// Input that normalising would fix is reported with the fix.
		{"lowercase", "n123ab", "United States", "must be uppercase: write it as N123AB"},
		{"lowercase with a space", "d aibc", "Germany", "must be uppercase and must not contain spaces: write it as D-AIBC"},
		{"surrounding space", " G-EUPT ", "United Kingdom", "must not contain spaces: write it as G-EUPT"},
		{"missing hyphen", "DAIBC", "Germany", "is missing the hyphen after the nationality mark: write it as D-AIBC"},
		{"missing hyphen in a three-letter mark", "A9CHMK", "Bahrain", "is missing the hyphen after the nationality mark: write it as A9C-HMK"},
		{"hyphen in a US registration", "N-123AB", "United States", "must not have a hyphen: write it as N123AB"},
		{"hyphen in a Japanese registration", "JA-8089", "Japan", "must not have a hyphen: write it as JA8089"},
		{"en dash", "D–AIBC", "Germany", "must use a plain hyphen '-': write it as D-AIBC"},
		{"zero-width space", "D-\u200bAIBC", "Germany", "contains invisible characters: write it as D-AIBC"},
		{"lowercase and still wrong", "d-abc", "Germany",
			"must be uppercase; not a valid Germany registration: expected D- followed by 4 letters or 4 digits, e.g. D-AIBC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, ok, reason := aviation.ValidRegistration(tt.reg)
			if ok || state != tt.state || reason != tt.reason {
				t.Errorf("ValidRegistration(%q)\n got %q, %v, %q\nwant %q, false, %q", tt.reg, state, ok, reason, tt.state, tt.reason)
			}
		})
	}
}

// Each family's near misses: right mark, wrong rest.
func TestValidRegistrationRejectsNearMisses(t *testing.T) {
	tests := []struct {
		state string
		regs  []string
	}{
		{"United States", []string{"N0", "N01AB", "N1234AB", "N123456", "N1I", "N12O", "NABC", "N12A3", "N1AI", "N00001"}},
		{"Germany", []string{"D-ABCDE", "D-123", "D-12345", "D-A1BC", "D-AIB1"}},
		{"United Kingdom", []string{"G-ABC", "G-ABCDE", "G-1234", "G-ABC1"}},
		{"France", []string{"F-GKX", "F-1234"}},
		{"Spain", []string{"EC-MXVA", "EC-MX", "EC-123"}},
		{"Italy", []string{"I-ADJ", "I-ADJUX"}},
		{"Türkiye", []string{"TC-JJ", "TC-JJUU"}},
		{"Qatar", []string{"A7-BA", "A7-BAAA", "A7-BA1"}},
		{"United Arab Emirates", []string{"A6-ED1"}},
		{"Bahrain", []string{"A9C-T", "A9C-HMKA", "A9C-12", "A9-TA"}},
		{"Oman", []string{"A4O-D", "A4-ODA", "A40-OMN"}},
		{"Saudi Arabia", []string{"HZ-A", "HZ-AK111"}},
		{"Netherlands", []string{"PH-BX", "PH-BX1"}},
		{"Canada", []string{"C-FAB", "C-F123", "C-HABC", "C-FABCD", "CF-TC"}},
		{"Australia", []string{"VH-OQ", "VH-OQAA"}},
		{"Japan", []string{"JA808", "JA80899", "JAA089", "JA8A89", "JA-808"}},
		{"Hong Kong", []string{"B-HN", "B-KPAA"}},
		{"Macao", []string{"B-M1A"}},
		{"Russia", []string{"RA-8900", "RA-ABC", "RA-890012"}},
		{"Ukraine", []string{"UR-PS", "UR-8206"}},
		{"Cayman Islands", []string{"VP-C", "VP-CB", "VP-CBAA"}},
		{"Bermuda", []string{"VP-B12", "VQ-BI"}},
		{"Isle of Man", []string{"M-ABC", "M-AB12"}},
		{"Guernsey", []string{"2-RLA"}},
		{"Philippines", []string{"RP-C", "RP-C12345", "RP-CABC"}},
		{"South Korea", []string{"HL770", "HL77000", "HL-7700A", "HLA770"}},
		{"Kazakhstan", []string{"UP-12345", "UP-A200"}},
		{"Belarus", []string{"EW-4555P", "EW-ABC"}},
		{"Laos", []string{"RDPL-3418", "RDPL-ABCDE"}},
		{"Yemen", []string{"70-AFA", "7O-AF"}},
	}
	for _, tt := range tests {
		for _, reg := range tt.regs {
			t.Run(reg, func(t *testing.T) {
				state, ok, reason := aviation.ValidRegistration(reg)
				if ok || state != tt.state || reason == "" {
					t.Errorf("ValidRegistration(%q) = %q, %v, %q; want %q, false and a reason", reg, state, ok, reason, tt.state)
				}
			})
		}
	}
}

func TestNormaliseRegistration(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"US lowercase", "n123ab", "N123AB"},
		{"space where the hyphen belongs", "d aibc", "D-AIBC"},
		{"no hyphen", "DAIBC", "D-AIBC"},
		{"no hyphen, lowercase", "daibc", "D-AIBC"},
		{"space and hyphen", "D - AIBC", "D-AIBC"},
		{"surrounding space", "  g-eupt \n", "G-EUPT"},
		{"spaces everywhere", "D A I B C", "D-AIBC"},
		{"space in the wrong place", "DA IBC", "D-AIBC"},
		{"space after a mark this package does not know", "EX 32001", "EX-32001"},
		{"en dash", "D–AIBC", "D-AIBC"},
		{"minus sign", "D−AIBC", "D-AIBC"},
		{"fullwidth hyphen", "D－AIBC", "D-AIBC"},
		{"zero-width space", "D\u200bAIBC", "D-AIBC"},
		{"soft hyphen is invisible, not a hyphen", "D\u00adAIBC", "D-AIBC"},
		{"no-break space", "D\u00a0AIBC", "D-AIBC"},

		{"US hyphen removed", "N-123AB", "N123AB"},
		{"Japan hyphen removed", "JA-8089", "JA8089"},
		{"Korea space removed", "HL 7700", "HL7700"},
		{"US with a space", "N 12345", "N12345"},

		{"three-character mark", "A9CHMK", "A9C-HMK"},
		{"lead letter", "VPCBA", "VP-CBA"},
		{"Philippines", "rpc3240", "RP-C3240"},
		{"four-letter mark", "RDPL34188", "RDPL-34188"},
		{"China", "B1234", "B-1234"},
		{"Taiwan", "b 18918", "B-18918"},
		{"Hong Kong", "bhna", "B-HNA"},
		{"Canada modern, by its space", "C FTJO", "C-FTJO"},
		{"Canada legacy, by its space", "CF TCA", "CF-TCA"},

		{"ambiguous without a space: left alone", "CFTJO", "CFTJO"},
		{"unknown, no hyphen: left alone", "ABCDEF", "ABCDEF"},
		{"invalid with a hyphen: left alone", "N-0123", "N-0123"},
		{"invalid: left alone", "D-ABC", "D-ABC"},
		{"two hyphens: left alone", "D--AIBC", "D--AIBC"},
		{"already normal", "D-AIBC", "D-AIBC"},
		{"empty", "", ""},
		{"blank", " \t ", ""},
		{"non-ASCII letters are not case-mapped", "ñ-abc", "ñ-ABC"},
		{"dotless i stays", "ı", "ı"},
		{"sharp s stays", "ß", "ß"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := aviation.NormaliseRegistration(tt.in)
			if got != tt.want {
				t.Errorf("NormaliseRegistration(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := aviation.NormaliseRegistration(got); again != got {
				t.Errorf("NormaliseRegistration(%q) = %q: not idempotent", got, again)
			}
		})
	}
}

// The most specific mark decides: A9C- is Bahrain whatever A9 would say, and
// VP-C is the Cayman Islands, not just any VP- registration.
func TestLongestMarkWins(t *testing.T) {
	tests := []struct{ reg, state string }{
		{"A9C-TA", "Bahrain"},
		{"A4O-DA", "Oman"},
		{"VP-CBA", "Cayman Islands"},
		{"VP-BAT", "Bermuda"},
		{"VP-LVA", "British Virgin Islands"},
		{"VQ-TAB", "Turks and Caicos Islands"},
		{"B-HNA", "Hong Kong"},
		{"B-MAB", "Macao"},
		{"B-1234", "China"},
		{"RP-C3240", "Philippines"},
		{"RDPL-34188", "Laos"},
	}
	for _, tt := range tests {
		if state, ok, reason := aviation.ValidRegistration(tt.reg); !ok || state != tt.state {
			t.Errorf("ValidRegistration(%q) = %q, %v, %q; want %q", tt.reg, state, ok, reason, tt.state)
		}
	}
}

func TestRegistrationReasonsDoNotEchoLongInput(t *testing.T) {
	long := strings.Repeat("A", 10000) + "-B"
	_, ok, reason := aviation.ValidRegistration(long)
	if ok || len(reason) > 200 {
		t.Errorf("ValidRegistration(10002 characters) = %v, reason of %d bytes", ok, len(reason))
	}
}
