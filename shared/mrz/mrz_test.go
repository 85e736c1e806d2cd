package mrz_test

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/mrz"
)

// The specimens of ICAO Doc 9303: Part 4 (TD3), Part 5 (TD1) and the Part 5 TD1 whose document
// number overflows into the optional data.
var (
	td3Specimen = []string{
		"P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L898902C36UTO7408122F1204159ZE184226B<<<<<10",
	}
	td1Specimen = []string{
		"I<UTOD231458907<<<<<<<<<<<<<<<",
		"7408122F1204159UTO<<<<<<<<<<<6",
		"ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
	}
	// The number D23145890734 has 12 characters: D23145890 in positions 6-14, '<' in 15, and 734
	// plus the check digit 9 open the optional data. Checked by hand (weights 7 3 1 repeating,
	// D = 13):
	//
	//	number     D  2  3  1  4  5  8  9  0  7  3  4
	//	weight     7  3  1  7  3  1  7  3  1  7  3  1
	//	product   91  6  3  7 12  5 56 27  0 49  9  4  = 269, check digit 9
	//
	// The composite covers line 1 positions 6-30, so the '<' in position 15 takes a weight as any
	// character does, and the 3 of 734 weighs 3 in the number but 1 in the composite:
	//
	//	D23145890<7349<<<<<<<<<<<   91+6+3+7+12+5+56+27+0 + 0+21+3+28+27 + 0 = 286
	//	3407127 (line 2, 1-7)       9+4+0+21+1+14+21                        =  70
	//	9507122 (line 2, 9-15)      9+35+0+7+7+6+2                          =  66
	//	<<<<<<<<<<< (line 2, 19-29)                                          =   0
	//	                                                      422, composite 2
	td1OverflowSpecimen = []string{
		"I<UTOD23145890<7349<<<<<<<<<<<",
		"3407127M9507122UTO<<<<<<<<<<<2",
		"STEVENSON<<PETER<JOHN<<<<<<<<<",
	}
	// Part 6 (TD2) and Part 7 (MRV-A, MRV-B) specimens: the card and the visas of the same
	// Utopian holder.
	td2Specimen = []string{
		"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
		"D231458907UTO7408122F1204159<<<<<<<6",
	}
	mrvASpecimen = []string{
		"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
		"L8988901C4XXX4009078F96121096ZE184226B<<<<<<",
	}
	mrvBSpecimen = []string{
		"V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
		"L8988901C4XXX4009078F9612109<<<<<<<<",
	}
)

var (
	td3SpecimenDoc = mrz.Document{
		Format:       mrz.TD3,
		DocumentCode: "P",
		IssuingState: "UTO",
		Number:       "L898902C3",
		Nationality:  "UTO",
		BirthDate:    "740812",
		Sex:          "F",
		Expiry:       "120415",
		Surname:      "ERIKSSON",
		GivenNames:   "ANNA MARIA",
		Optional1:    "ZE184226B",
	}
	td1SpecimenDoc = mrz.Document{
		Format:       mrz.TD1,
		DocumentCode: "I",
		IssuingState: "UTO",
		Number:       "D23145890",
		Nationality:  "UTO",
		BirthDate:    "740812",
		Sex:          "F",
		Expiry:       "120415",
		Surname:      "ERIKSSON",
		GivenNames:   "ANNA MARIA",
	}
)

func TestCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want byte
	}{
		{"520727", '3'},    // Doc 9303 Part 3 worked example
		{"AB2134<<<", '5'}, // Part 3 worked example: 70+33+2+7+9+4
		{"L898902C3", '6'},
		{"740812", '2'},
		{"120415", '9'},
		{"ZE184226B<<<<<", '1'},
		{"D23145890", '7'},
		{"D23145890734", '9'},
		{"<<<<<<<<<<<<<<", '0'}, // fillers count as zero
		{"", '0'},
		{"a*", '0'}, // outside the MRZ alphabet: counts as a filler
	}
	for _, tt := range tests {
		if got := mrz.CheckDigit(tt.in); got != tt.want {
			t.Errorf("CheckDigit(%q) = %c, want %c", tt.in, got, tt.want)
		}
	}
}

func TestParseReadsValidMRZs(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  mrz.Document
	}{
		{"ICAO TD3 specimen", td3Specimen, td3SpecimenDoc},
		{"ICAO TD1 specimen", td1Specimen, td1SpecimenDoc},
		{
			"ICAO TD1 specimen with a 12-character number",
			td1OverflowSpecimen,
			mrz.Document{
				Format: mrz.TD1, DocumentCode: "I", IssuingState: "UTO", Number: "D23145890734",
				Nationality: "UTO", BirthDate: "340712", Sex: "M", Expiry: "950712",
				Surname: "STEVENSON", GivenNames: "PETER JOHN",
			},
		},
		{
			"spaces around lines and carriage returns are tolerated",
			[]string{"  " + td3Specimen[0] + " \r", "\t" + td3Specimen[1] + "\r"},
			td3SpecimenDoc,
		},
		{
			"Germany is D padded with fillers, wherever a state code goes",
			td3Fields{code: "P", state: "D", name: "MUSTERMANN<<ERIKA", number: "C01X00T47", nationality: "D",
				birth: "640812", sex: "F", expiry: "270228"}.lines(),
			mrz.Document{
				Format: mrz.TD3, DocumentCode: "P", IssuingState: "D", Number: "C01X00T47",
				Nationality: "D", BirthDate: "640812", Sex: "F", Expiry: "270228",
				Surname: "MUSTERMANN", GivenNames: "ERIKA",
			},
		},
		{
			"an unused personal number may have '<' for its check digit",
			set(td3Fields{code: "P", state: "UTO", name: "ERIKSSON<<ANNA<MARIA", number: "L898902C3", nationality: "UTO",
				birth: "740812", sex: "F", expiry: "120415"}.lines(), 2, 43, '<'),
			withOptional1(td3SpecimenDoc, ""),
		},
		{
			"an unspecified sex is '<' and reads as X",
			set(td1Specimen, 2, 8, '<'),
			withSex(td1SpecimenDoc, "X"),
		},
		{
			"unknown parts of a date of birth are fillers",
			td3Fields{code: "PP", state: "UTO", name: "ERIKSSON<<ANNA<MARIA", number: "L898902C3", nationality: "UTO",
				birth: "74<<<<", sex: "F", expiry: "120415", personal: "ZE184226B"}.lines(),
			withBirthDate(withCode(td3SpecimenDoc, "PP"), "74<<<<"),
		},
		{
			"surnames of several words and a single name",
			td1Fields{code: "ID", state: "UTO", number: "D23145890", birth: "740812", sex: "F", expiry: "120415",
				nationality: "UTO", name: "VAN<DER<BERG<<ANNA"}.lines(),
			mrz.Document{
				Format: mrz.TD1, DocumentCode: "ID", IssuingState: "UTO", Number: "D23145890",
				Nationality: "UTO", BirthDate: "740812", Sex: "F", Expiry: "120415",
				Surname: "VAN DER BERG", GivenNames: "ANNA",
			},
		},
		{
			"a name filling the field may be truncated",
			td3Fields{code: "P", state: "UTO", name: "WOLFESCHLEGELSTEINHAUSEN<<HUBERT<BLAINE<WOLFE", number: "L898902C3",
				nationality: "UTO", birth: "740812", sex: "M", expiry: "120415"}.lines(),
			mrz.Document{
				Format: mrz.TD3, DocumentCode: "P", IssuingState: "UTO", Number: "L898902C3",
				Nationality: "UTO", BirthDate: "740812", Sex: "M", Expiry: "120415",
				Surname: "WOLFESCHLEGELSTEINHAUSEN", GivenNames: "HUBERT BLAINE", NameTruncated: true,
			},
		},
		{
			"a crew member certificate with optional data on both lines",
			td1Fields{code: "AC", state: "UTO", number: "C1234567", optional1: "X<12", birth: "820101", sex: "M",
				expiry: "300101", nationality: "UTO", optional2: "CAPT", name: "DOE<<JOHN"}.lines(),
			mrz.Document{
				Format: mrz.TD1, DocumentCode: "AC", IssuingState: "UTO", Number: "C1234567",
				Nationality: "UTO", BirthDate: "820101", Sex: "M", Expiry: "300101",
				Surname: "DOE", GivenNames: "JOHN", Optional1: "X<12", Optional2: "CAPT",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := mrz.Parse(tt.lines)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %+v", problems)
			}
			if got != tt.want {
				t.Errorf("document\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// Numbers longer than 9 characters overflow into the TD1 optional data, whatever their length.
func TestParseResolvesTD1NumberOverflow(t *testing.T) {
	tests := []struct {
		number, optional1 string
	}{
		{"ABC123456", ""},                   // 9 characters: no overflow
		{"ABC1234567", ""},                  // 1 character over
		{"ABC1234567", "XY"},                // optional data after the overflow
		{"ABC1234567890123456789", ""},      // the longest that fits: 13 over, check digit, filler
		{"D23145890734", "7<<"},             // the optional data may itself hold fillers
		{"000000000000", ""},                // all zero: check digit 0 is still a digit
		{"ZZZZZZZZZZZZZZZZZZZZZZ", "<<<<<"}, // the largest values
	}
	for _, tt := range tests {
		lines := td1Fields{code: "I", state: "UTO", number: strings.TrimRight(tt.number, "<"), optional1: tt.optional1,
			birth: "740812", sex: "F", expiry: "120415", nationality: "UTO", name: "ERIKSSON<<ANNA"}.lines()
		doc, problems, err := mrz.Parse(lines)
		if err != nil {
			t.Errorf("%s: Parse: %v", tt.number, err)
			continue
		}
		if len(problems) > 0 {
			t.Errorf("%s: problems %+v", tt.number, problems)
		}
		if want := strings.TrimRight(tt.number, "<"); doc.Number != want {
			t.Errorf("%s: Number = %q, want %q", tt.number, doc.Number, want)
		}
		if want := strings.Trim(tt.optional1, "<"); doc.Optional1 != want {
			t.Errorf("%s: Optional1 = %q, want %q", tt.number, doc.Optional1, want)
		}
	}
}

// Belgian identity cards compute the check digit of an overflowing number over the number and
// its overflow filler (the '<' at position 15); that reading is accepted for BEL only, with a
// warning that names it.
func TestParseAcceptsTheBelgianNumberCheckDigit(t *testing.T) {
	const number = "B05551234077" // 12 characters, as on the current Belgian cards
	belgian := func(state string, digit string) []string {
		l := td1Fields{code: "ID", state: state, number: number, birth: "850101", sex: "F", expiry: "300101",
			nationality: state, name: "DUPONT<<MARIE"}.lines()
		l1 := l[0][:15] + pad(number[9:]+digit+"<", 15)
		l2 := l[1][:29] + check(l1[5:30]+l[1][0:7]+l[1][8:15]+l[1][18:29])
		return []string{l1, l2, l[2]}
	}
	bel, std := check(number[:9]+"<"+number[9:]), check(number)
	if bel == std {
		t.Fatalf("the test number must tell the two computations apart")
	}
	variant := mrz.Problem{Field: "number", Code: mrz.CodeIssuerVariant, Warning: true,
		Message: "number check digit is computed over the number and its overflow filler, as Belgian identity cards do, not over the number alone as Doc 9303 prescribes; accepted"}
	wrong := "0"
	for wrong == bel || wrong == std {
		wrong = string(wrong[0] + 1)
	}
	tests := []struct {
		name  string
		lines []string
		want  []mrz.Problem
	}{
		{"a Belgian card with the Belgian digit", belgian("BEL", bel), []mrz.Problem{variant}},
		{"a Belgian card with the Doc 9303 digit", belgian("BEL", std), nil},
		{"another state's card with the Belgian digit", belgian("UTO", bel), []mrz.Problem{digit("number", bel, std)}},
		{"a Belgian card with neither digit", belgian("BEL", wrong), []mrz.Problem{digit("number", wrong, std)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, problems, err := mrz.Parse(tt.lines)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(problems, tt.want) {
				t.Errorf("problems %+v, want %+v", problems, tt.want)
			}
			if doc.Number != number {
				t.Errorf("number %q, want %q", doc.Number, number)
			}
		})
	}
}

// Each case corrupts one character of a valid MRZ. The expected digits follow from the weights:
// raising a character by k raises every check digit that covers it by k times its weight (7, 3
// or 1 by its place in the checked string), modulo 10.
func TestParseReportsEveryFailingCheckDigit(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []mrz.Problem
	}{
		{
			"TD3 number check digit 6→7 (weight 7 in the composite)",
			set(td3Specimen, 2, 10, '7'),
			[]mrz.Problem{digit("number", "7", "6"), digit("composite", "0", "7")},
		},
		{
			"TD3 birth date check digit 2→3 (weight 3 in the composite)",
			set(td3Specimen, 2, 20, '3'),
			[]mrz.Problem{digit("birthDate", "3", "2"), digit("composite", "0", "3")},
		},
		{
			"TD3 expiry check digit 9→0 (weight 1 in the composite)",
			set(td3Specimen, 2, 28, '0'),
			[]mrz.Problem{digit("expiry", "0", "9"), digit("composite", "0", "1")},
		},
		{
			"TD3 personal number check digit 1→2",
			set(td3Specimen, 2, 43, '2'),
			[]mrz.Problem{digit("optional", "2", "1"), digit("composite", "0", "1")},
		},
		{
			"TD3 personal number check digit '<' while the field is in use",
			set(td3Specimen, 2, 43, '<'),
			[]mrz.Problem{digit("optional", "<", "1"), digit("composite", "0", "9")},
		},
		{
			"TD3 composite check digit 0→1",
			set(td3Specimen, 2, 44, '1'),
			[]mrz.Problem{digit("composite", "1", "0")},
		},
		{
			"TD3 number L→M",
			set(td3Specimen, 2, 1, 'M'),
			[]mrz.Problem{digit("number", "6", "3"), digit("composite", "0", "7")},
		},
		{
			"TD3 birth date 7→8",
			set(td3Specimen, 2, 14, '8'),
			[]mrz.Problem{digit("birthDate", "2", "9"), digit("composite", "0", "3")},
		},
		{
			"TD3 personal number Z→Y",
			set(td3Specimen, 2, 29, 'Y'),
			[]mrz.Problem{digit("optional", "1", "4"), digit("composite", "0", "3")},
		},
		{
			"TD3 check digits are letters",
			set(set(td3Specimen, 2, 10, 'O'), 2, 44, 'A'),
			[]mrz.Problem{digit("number", "O", "6"), digit("composite", "A", "6")},
		},
		{
			"TD3 every check digit wrong",
			set(set(set(set(set(td3Specimen, 2, 10, '7'), 2, 20, '3'), 2, 28, '0'), 2, 43, '2'), 2, 44, '1'),
			[]mrz.Problem{
				digit("number", "7", "6"), digit("birthDate", "3", "2"), digit("expiry", "0", "9"),
				digit("optional", "2", "1"), digit("composite", "1", "2"),
			},
		},
		{
			"TD3 sex and nationality are covered by no check digit",
			set(set(td3Specimen, 2, 21, 'M'), 2, 13, 'A'),
			nil,
		},
		{
			"TD1 number check digit 7→8 (weight 7 in the composite)",
			set(td1Specimen, 1, 15, '8'),
			[]mrz.Problem{digit("number", "8", "7"), digit("composite", "6", "3")},
		},
		{
			"TD1 birth date check digit 2→3 (weight 3 in the composite)",
			set(td1Specimen, 2, 7, '3'),
			[]mrz.Problem{digit("birthDate", "3", "2"), digit("composite", "6", "9")},
		},
		{
			"TD1 expiry check digit 9→0 (weight 1 in the composite)",
			set(td1Specimen, 2, 15, '0'),
			[]mrz.Problem{digit("expiry", "0", "9"), digit("composite", "6", "7")},
		},
		{
			"TD1 composite check digit 6→7",
			set(td1Specimen, 2, 30, '7'),
			[]mrz.Problem{digit("composite", "7", "6")},
		},
		{
			"TD1 optional data of line 2 is covered by the composite only",
			set(td1Specimen, 2, 19, '1'),
			[]mrz.Problem{digit("composite", "6", "3")},
		},
		{
			"TD1 overflowed number check digit 9→0",
			set(td1OverflowSpecimen, 1, 19, '0'),
			[]mrz.Problem{digit("number", "0", "9"), digit("composite", "2", "5")},
		},
		{
			// The 3 is the 11th character of the number (weight 3) but the 12th of the composite
			// (weight 1): the number's check digit is computed without the '<' at position 15.
			"TD1 overflowed part of the number 3→4",
			set(td1OverflowSpecimen, 1, 17, '4'),
			[]mrz.Problem{digit("number", "9", "2"), digit("composite", "2", "3")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems, err := mrz.Parse(tt.lines)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(problems, tt.want) {
				t.Errorf("problems\n got %+v\nwant %+v", problems, tt.want)
			}
		})
	}
}

func TestCheckDigitProblemMessage(t *testing.T) {
	_, problems, err := mrz.Parse(set(set(td1Specimen, 2, 7, '3'), 2, 30, '9'))
	if err != nil {
		t.Fatal(err)
	}
	want := mrz.Problem{
		Field: "birthDate", Code: "MRZ_CHECK_DIGIT", Message: "check digit for birthDate is 3, computed 2",
		Printed: "3", Computed: "2",
	}
	if len(problems) != 1 || problems[0] != want {
		t.Errorf("problems = %+v, want [%+v]", problems, want)
	}
}

// Malformed fields are reported and parsing goes on; the check digits of these MRZs are right.
func TestParseReportsFormatProblems(t *testing.T) {
	valid := td3Fields{code: "P", state: "UTO", name: "ERIKSSON<<ANNA<MARIA", number: "L898902C3", nationality: "UTO",
		birth: "740812", sex: "F", expiry: "120415", personal: "ZE184226B"}
	validTD1 := td1Fields{code: "I", state: "UTO", number: "D23145890", birth: "740812", sex: "F", expiry: "120415",
		nationality: "UTO", name: "ERIKSSON<<ANNA<MARIA"}
	tests := []struct {
		name  string
		lines []string
		want  []mrz.Problem // check digit problems are not expected here
	}{
		{
			"lowercase letters are read, but not silently",
			[]string{strings.ToLower(td3Specimen[0]), td3Specimen[1]},
			[]mrz.Problem{format("characters", "MRZ line 1 has lowercase letters (the first at position 1): an MRZ is printed in capitals")},
		},
		{
			"lowercase on several lines",
			[]string{td1Specimen[0], "7408122f1204159UTO<<<<<<<<<<<6", "ERIKSSON<<anna<MARIA<<<<<<<<<<"},
			[]mrz.Problem{
				format("characters", "MRZ line 2 has lowercase letters (the first at position 8): an MRZ is printed in capitals"),
				format("characters", "MRZ line 3 has lowercase letters (the first at position 11): an MRZ is printed in capitals"),
			},
		},
		{
			"TD3 document code other than P",
			valid.with(func(f *td3Fields) { f.code = "I" }).lines(),
			[]mrz.Problem{format("documentCode", "TD3 document code must be P followed by a letter or '<'")},
		},
		{
			"TD1 document code other than A, C or I",
			validTD1.with(func(f *td1Fields) { f.code = "P" }).lines(),
			[]mrz.Problem{format("documentCode", "TD1 document code must be A, C or I followed by a letter or '<'")},
		},
		{
			"document code with a digit",
			validTD1.with(func(f *td1Fields) { f.code = "I1" }).lines(),
			[]mrz.Problem{format("documentCode", "TD1 document code must be A, C or I followed by a letter or '<'")},
		},
		{
			"issuing state with a digit",
			valid.with(func(f *td3Fields) { f.state = "UT0" }).lines(),
			[]mrz.Problem{format("issuingState", "issuingState must be a code of letters, padded with '<'")},
		},
		{
			"nationality starting with a filler",
			valid.with(func(f *td3Fields) { f.nationality = "<UT" }).lines(),
			[]mrz.Problem{format("nationality", "nationality must be a code of letters, padded with '<'")},
		},
		{
			"nationality all fillers",
			validTD1.with(func(f *td1Fields) { f.nationality = "<<<" }).lines(),
			[]mrz.Problem{format("nationality", "nationality must be a code of letters, padded with '<'")},
		},
		{
			"sex other than F, M or '<'",
			set(td3Specimen, 2, 21, 'X'),
			[]mrz.Problem{format("sex", "sex must be F, M or '<'")},
		},
		{
			"month 13",
			valid.with(func(f *td3Fields) { f.birth = "741312" }).lines(),
			[]mrz.Problem{format("birthDate", "birthDate is not a calendar date")},
		},
		{
			"31 April",
			valid.with(func(f *td3Fields) { f.expiry = "300431" }).lines(),
			[]mrz.Problem{format("expiry", "expiry is not a calendar date")},
		},
		{
			"29 February of a year that is a leap year in no century",
			valid.with(func(f *td3Fields) { f.birth = "010229" }).lines(),
			[]mrz.Problem{format("birthDate", "birthDate is not a calendar date")},
		},
		{
			"29 February of a leap year",
			valid.with(func(f *td3Fields) { f.birth = "040229" }).lines(),
			nil,
		},
		{
			"day 00 with the month unknown",
			valid.with(func(f *td3Fields) { f.birth = "74<<00" }).lines(),
			[]mrz.Problem{format("birthDate", "birthDate is not a calendar date")},
		},
		{
			// OCR and retyping confuse the letter O with the digit 0; where only digits may stand
			// the problem says so.
			"a date of birth with the letter O",
			valid.with(func(f *td3Fields) { f.birth = "74O812" }).lines(),
			[]mrz.Problem{format("birthDate", "birthDate must be YYMMDD digits, with '<<' for an unknown part; the letter O stands where only a digit may: an OCR misreading of 0?")},
		},
		{
			"a date of birth with another letter",
			valid.with(func(f *td3Fields) { f.birth = "74X812" }).lines(),
			[]mrz.Problem{format("birthDate", "birthDate must be YYMMDD digits, with '<<' for an unknown part")},
		},
		{
			"an expiry with the letter O and another letter",
			valid.with(func(f *td3Fields) { f.expiry = "O2O4X5" }).lines(),
			[]mrz.Problem{format("expiry", "expiry must be YYMMDD digits")},
		},
		{
			"half of a part of a date of birth unknown",
			valid.with(func(f *td3Fields) { f.birth = "7<0812" }).lines(),
			[]mrz.Problem{format("birthDate", "birthDate must be YYMMDD digits, with '<<' for an unknown part")},
		},
		{
			"an expiry date cannot be unknown",
			valid.with(func(f *td3Fields) { f.expiry = "1204<<" }).lines(),
			[]mrz.Problem{format("expiry", "expiry must be YYMMDD digits")},
		},
		{
			"a name with a digit",
			valid.with(func(f *td3Fields) { f.name = "ERIKSS0N<<ANNA<MARIA" }).lines(),
			[]mrz.Problem{format("name", "name has digits: only letters and '<' may appear")},
		},
		{
			"a name without primary identifier",
			validTD1.with(func(f *td1Fields) { f.name = "<<ANNA<MARIA" }).lines(),
			// Readable, only the split differs: a warning, not a format error.
			[]mrz.Problem{{Field: "name", Code: mrz.CodeFormat, Warning: true, Message: "name has no primary identifier (it starts with '<<'): read as given names only"}},
		},
		{
			"a name that starts with a single filler",
			validTD1.with(func(f *td1Fields) { f.name = "<ANNA<<MARIA" }).lines(),
			[]mrz.Problem{format("name", "name must start with the primary identifier (surname)")},
		},
		{
			"an empty name",
			validTD1.with(func(f *td1Fields) { f.name = "" }).lines(),
			[]mrz.Problem{format("name", "name is empty")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems, err := mrz.Parse(tt.lines)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(problems, tt.want) {
				t.Errorf("problems\n got %+v\nwant %+v", problems, tt.want)
			}
		})
	}
}

func TestParseReadsDespiteProblems(t *testing.T) {
	lower := []string{strings.ToLower(td3Specimen[0]), strings.ToLower(td3Specimen[1])}
	doc, problems, err := mrz.Parse(lower)
	if err != nil {
		t.Fatal(err)
	}
	if doc != td3SpecimenDoc {
		t.Errorf("lowercase MRZ read as %+v, want %+v", doc, td3SpecimenDoc)
	}
	if len(problems) != 2 {
		t.Errorf("problems = %+v, want one for each line", problems)
	}
}

// A '<' where a TD1 number's check digit belongs announces an overflow; without one it is a
// malformed number, and the composite (which covers position 15) fails too.
func TestParseReportsBrokenTD1Overflow(t *testing.T) {
	tests := []struct {
		name       string
		line1      string
		wantNumber string
		want       []mrz.Problem
	}{
		{
			"no continuation",
			"I<UTOD23145890<<<<<<<<<<<<<<<<",
			"D23145890",
			[]mrz.Problem{
				format("number", "number check digit is '<', which announces a number longer than 9 characters, but the optional data does not continue it with a check digit"),
				digit("composite", "6", "7"),
			},
		},
		{
			"a check digit but no continuation",
			"I<UTOD23145890<7<<<<<<<<<<<<<<",
			"D23145890",
			[]mrz.Problem{
				format("number", "number check digit is '<', which announces a number longer than 9 characters, but the optional data does not continue it with a check digit"),
				digit("composite", "6", "8"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, problems, err := mrz.Parse([]string{tt.line1, td1Specimen[1], td1Specimen[2]})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Number != tt.wantNumber {
				t.Errorf("Number = %q, want %q", doc.Number, tt.wantNumber)
			}
			if !reflect.DeepEqual(problems, tt.want) {
				t.Errorf("problems\n got %+v\nwant %+v", problems, tt.want)
			}
		})
	}
}

func TestParseRejectsWhatCannotBeAnMRZ(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"no lines", nil, "an MRZ has 2 lines (TD3, TD2 or a visa) or 3 lines (TD1), got 0"},
		{"one line", td3Specimen[:1], "an MRZ has 2 lines (TD3, TD2 or a visa) or 3 lines (TD1), got 1"},
		{"four lines", append(td1Specimen[:3:3], ""), "an MRZ has 2 lines (TD3, TD2 or a visa) or 3 lines (TD1), got 4"},
		{"TD3 line too short", []string{td3Specimen[0], td3Specimen[1][:43]}, "TD3 MRZ lines must be 44 characters, line 2 has 43"},
		{"TD3 line too long", []string{td3Specimen[0] + "<", td3Specimen[1]}, "TD3 MRZ lines must be 44 characters, line 1 has 45"},
		{"TD3 line empty", []string{td3Specimen[0], "  "}, "TD3 MRZ lines must be 44 characters, line 2 has 0"},
		{"TD1 line too short", []string{td1Specimen[0], td1Specimen[1][:29], td1Specimen[2]}, "TD1 MRZ lines must be 30 characters, line 2 has 29"},
		{"TD1 lines of TD3 length", []string{td3Specimen[0], td3Specimen[1], td3Specimen[1]}, "TD1 MRZ lines must be 30 characters, line 1 has 44"},
		{
			"TD2 line too short",
			[]string{td2Specimen[0], td2Specimen[1][:35]},
			"TD2 MRZ lines must be 36 characters, line 2 has 35",
		},
		{
			"a TD3 first line and a TD2 second",
			[]string{td3Specimen[0], td2Specimen[1]},
			"TD3 MRZ lines must be 44 characters, line 2 has 36",
		},
		{
			"a visa line too long",
			[]string{mrvBSpecimen[0] + "<", mrvBSpecimen[1]},
			"MRV-B MRZ lines must be 36 characters, line 1 has 37",
		},
		{
			"a space inside a line",
			[]string{td3Specimen[0], "L898902C36 UTO7408122F1204159ZE184226B<<<<<1"},
			"MRZ line 2 has ' ' at position 11: only A-Z, 0-9 and '<' may appear",
		},
		{"an illegal character", set(td1Specimen, 3, 9, '*'), "MRZ line 3 has '*' at position 9: only A-Z, 0-9 and '<' may appear"},
		{
			"a letter with a diacritic, counted as one character",
			[]string{td1Specimen[0], td1Specimen[1], "MÜLLER<<ANNA<MARIA<<<<<<<<<<<<"},
			"MRZ line 3 has 'Ü' at position 2: only A-Z, 0-9 and '<' may appear",
		},
		{"a carriage return inside a line", set(td1Specimen, 1, 15, '\r'), `MRZ line 1 has '\r' at position 15: only A-Z, 0-9 and '<' may appear`},
		{"invalid UTF-8", set(td1Specimen, 2, 1, 0xff), `MRZ line 2 has '�' at position 1: only A-Z, 0-9 and '<' may appear`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, problems, err := mrz.Parse(tt.lines)
			if err == nil {
				t.Fatalf("no error; read %+v", doc)
			}
			if err.Error() != tt.want {
				t.Errorf("error %q, want %q", err, tt.want)
			}
			if doc != (mrz.Document{}) || problems != nil {
				t.Errorf("with an error, got document %+v and problems %+v, want neither", doc, problems)
			}
		})
	}
}

func TestBirthDate(t *testing.T) {
	ref := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in, want string // want "" when not ok
	}{
		{"740812", "1974-08-12"},
		{"100101", "2010-01-01"},
		{"260315", "2026-03-15"}, // born on the reference day
		{"260316", "1926-03-16"}, // the day after cannot be a birth yet
		{"991231", "1999-12-31"},
		{"000101", "2000-01-01"},
		{"000229", "2000-02-29"},
		{"990229", ""}, // 1999 is no leap year
		{"741312", ""},
		{"740431", ""},
		{"740800", ""},
		{"74<<<<", ""}, // unknown parts
		{"<<<<<<", ""},
		{"7408", ""},
		{"74081", ""},
		{"7408122", ""},
		{"74O812", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := mrz.BirthDate(tt.in, ref)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("BirthDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	// The century follows from the reference, leap years with it: 29 February 2000 was a date,
	// 29 February 1900 was not.
	if got, ok := mrz.BirthDate("000229", time.Date(1999, 6, 1, 0, 0, 0, 0, time.UTC)); ok {
		t.Errorf("BirthDate(000229) in 1999 = %q, want not ok", got)
	}
}

func TestExpiryDate(t *testing.T) {
	ref := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in, want string // want "" when not ok
	}{
		{"120415", "2012-04-15"}, // long expired
		{"260314", "2026-03-14"},
		{"360101", "2036-01-01"}, // valid for years
		{"760314", "2076-03-14"}, // the last day of [ref-50y, ref+50y)
		{"760315", "1976-03-15"}, // the first day of [ref-50y, ref+50y)
		{"991231", "1999-12-31"},
		{"000229", "2000-02-29"},
		{"270229", ""},
		{"271301", ""},
		{"2703<<", ""},
		{"27031", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := mrz.ExpiryDate(tt.in, ref)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ExpiryDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	matching := mrz.Keyed{
		DocumentType: "P", Number: "L898902C3", IssuingState: "UTO", Nationality: "UTO",
		Surname: "Eriksson", GivenNames: "Anna Maria", Sex: "F", DateOfBirth: "1974-08-12", Expiry: "2012-04-15",
	}
	tests := []struct {
		name  string
		doc   mrz.Document
		keyed mrz.Keyed
		want  []mrz.Mismatch
	}{
		{"the keyed data of the specimen", td3SpecimenDoc, matching, nil},
		{"nothing keyed", td3SpecimenDoc, mrz.Keyed{}, nil},
		{"blank keyed fields are not compared", td3SpecimenDoc, mrz.Keyed{Surname: "  ", Number: " "}, nil},
		{"keyed data in other cases and spacing", td3SpecimenDoc, mrz.Keyed{
			DocumentType: "pp", Number: " l898 902c3 ", IssuingState: "uto", Nationality: "Uto",
			Surname: "ERIKSSON", GivenNames: "anna  maria", Sex: "f",
		}, nil},

		{"document type", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.DocumentType = "I" }), differs("documentType")},
		{"number", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.Number = "L898902C4" }), differs("number")},
		{"issuing state", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.IssuingState = "UTA" }), differs("issuingState")},
		{"nationality", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.Nationality = "UTA" }), differs("nationality")},
		{"surname", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.Surname = "Eriksen" }), differs("surname")},
		{"given names", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.GivenNames = "Anna" }), differs("givenNames")},
		{"sex", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.Sex = "M" }), differs("sex")},
		{"date of birth", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.DateOfBirth = "1974-08-13" }), differs("dateOfBirth")},
		{"expiry", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) { k.Expiry = "2022-04-15" }), differs("expiry")},
		{"surname and given names swapped", td3SpecimenDoc, keyed(matching, func(k *mrz.Keyed) {
			k.Surname, k.GivenNames = k.GivenNames, k.Surname
		}), differs("surname", "givenNames")},
		{"everything", td3SpecimenDoc, mrz.Keyed{
			DocumentType: "I", Number: "X", IssuingState: "X", Nationality: "X", Surname: "X", GivenNames: "X",
			Sex: "M", DateOfBirth: "1975", Expiry: "2012-04-16",
		}, differs("documentType", "number", "issuingState", "nationality", "surname", "givenNames", "sex", "dateOfBirth", "expiry")},

		{"a TD1 overflowed number is compared in full", td1OverflowDoc(), mrz.Keyed{Number: "D23145890734"}, nil},
		{"a TD1 overflowed number is not its first 9 characters", td1OverflowDoc(), mrz.Keyed{Number: "D23145890"}, differs("number")},
		{"'<' in a keyed number", td3SpecimenDoc, mrz.Keyed{Number: "L898902C3<<"}, nil},

		{"keyed DEU for MRZ D", germanDoc(), mrz.Keyed{IssuingState: "DEU", Nationality: "deu"}, nil},
		{"keyed D for MRZ D", germanDoc(), mrz.Keyed{IssuingState: "D", Nationality: "D"}, nil},
		{"keyed D for MRZ DEU", withStates(td3SpecimenDoc, "DEU"), mrz.Keyed{IssuingState: "D", Nationality: "D"}, nil},
		{"keyed AUT for MRZ D", germanDoc(), mrz.Keyed{IssuingState: "AUT", Nationality: "DE"}, differs("issuingState", "nationality")},

		{"ID card keyed I", withCode(td1SpecimenDoc, "ID"), mrz.Keyed{DocumentType: "I"}, nil},
		{"ID card keyed ID", td1SpecimenDoc, mrz.Keyed{DocumentType: "ID"}, nil},
		{"ID card keyed P", td1SpecimenDoc, mrz.Keyed{DocumentType: "P"}, differs("documentType")},
		{"crew member certificate keyed C", withCode(td1SpecimenDoc, "AC"), mrz.Keyed{DocumentType: "C"}, nil},
		{"card A keyed C", withCode(td1SpecimenDoc, "A"), mrz.Keyed{DocumentType: "C"}, differs("documentType")},
		{"residence card AR keyed I", withCode(td1SpecimenDoc, "AR"), mrz.Keyed{DocumentType: "I"}, nil},
		{"card C keyed I", withCode(td1SpecimenDoc, "C"), mrz.Keyed{DocumentType: "I"}, nil},
		{"crew member certificate keyed I", withCode(td1SpecimenDoc, "AC"), mrz.Keyed{DocumentType: "I"}, differs("documentType")},
		{"visa keyed P", withCode(td3SpecimenDoc, "V"), mrz.Keyed{DocumentType: "P"}, differs("documentType")},
		{"laissez-passer keyed L", withCode(td3SpecimenDoc, "P"), mrz.Keyed{DocumentType: "L"}, nil},
		{"refugee travel document keyed R", withCode(td3SpecimenDoc, "PT"), mrz.Keyed{DocumentType: "R"}, nil},
		{"other travel document keyed T", withCode(td3SpecimenDoc, "P"), mrz.Keyed{DocumentType: "T"}, nil},
		{"passport keyed R when the MRZ is a card", td1SpecimenDoc, mrz.Keyed{DocumentType: "R"}, differs("documentType")},
		{"no document code in the MRZ", withCode(td3SpecimenDoc, ""), mrz.Keyed{DocumentType: "P"}, differs("documentType")},

		{"sex unspecified keyed X", withSex(td3SpecimenDoc, "X"), mrz.Keyed{Sex: "X"}, nil},
		{"sex unspecified keyed U", withSex(td3SpecimenDoc, "X"), mrz.Keyed{Sex: "u"}, nil},
		{"sex unspecified keyed F", withSex(td3SpecimenDoc, "X"), mrz.Keyed{Sex: "F"}, differs("sex")},
		{"sex F keyed X", td3SpecimenDoc, mrz.Keyed{Sex: "X"}, differs("sex")},

		{"born in a known year", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "1974"}, nil},
		{"born in a known month", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "1974-08"}, nil},
		{"born in another year", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "1975"}, differs("dateOfBirth")},
		{"born in another month", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "1974-09"}, differs("dateOfBirth")},
		{"the MRZ has no century", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "2074-08-12"}, nil},
		{"day unknown in the MRZ", withBirthDate(td3SpecimenDoc, "7408<<"), mrz.Keyed{DateOfBirth: "1974-08-12"}, nil},
		{"month and day unknown in the MRZ", withBirthDate(td3SpecimenDoc, "74<<<<"), mrz.Keyed{DateOfBirth: "1974-08-12"}, nil},
		{"year differs, month and day unknown", withBirthDate(td3SpecimenDoc, "74<<<<"), mrz.Keyed{DateOfBirth: "1973-08-12"}, differs("dateOfBirth")},
		{"keyed date not ISO", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "12/08/1974"}, cannotCompareDate("dateOfBirth")},
		{"keyed date not on the calendar", td3SpecimenDoc, mrz.Keyed{DateOfBirth: "1974-02-30"}, cannotCompareDate("dateOfBirth")},
		{"keyed expiry not ISO", td3SpecimenDoc, mrz.Keyed{Expiry: "15.04.2012"}, cannotCompareDate("expiry")},
		{"keyed month 13", td3SpecimenDoc, mrz.Keyed{Expiry: "2012-13"}, cannotCompareDate("expiry")},

		{"keyed name in another script", td3SpecimenDoc, mrz.Keyed{Surname: "Эрикссон"}, []mrz.Mismatch{{
			Field: "surname", Message: "surname has letters with no Latin transliteration and cannot be compared with the MRZ",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mrz.Compare(tt.doc, tt.keyed)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("mismatches\n got %+v\nwant %+v", got, tt.want)
			}
			for _, m := range got {
				assertNoValues(t, m.Message, tt.keyed, tt.doc)
			}
		})
	}
}

// Names are compared after transliterating the keyed name as Doc 9303 Part 3 prescribes for the
// MRZ, accepting every recommended form.
func TestCompareNames(t *testing.T) {
	tests := []struct {
		mrz       string // as Document holds it
		truncated bool
		keyed     string
		match     bool
	}{
		{"ERIKSSON", false, "Eriksson", true},
		{"ERIKSSON", false, "Ériksson", true},
		{"MUELLER", false, "Müller", true},
		{"MULLER", false, "Müller", true},
		{"MUXXLLER", false, "Müller", true}, // older editions of Doc 9303
		{"MUELLER", false, "MÜLLER", true},
		{"MUELLER", false, "Mu\u0308ller", true}, // decomposed: U and a combining diaeresis
		{"MUELLER", false, "Mueller", true},
		{"MULLER", false, "Mueller", false}, // a keyed E is a letter, not a transliteration
		{"MILLER", false, "Müller", false},
		{"BAECKSTROEM", false, "Bäckström", true},
		{"BACKSTROM", false, "Bäckström", true},
		{"BAECKSTROM", false, "Bäckström", true}, // each letter on its own
		{"AASA", false, "Åsa", true},
		{"ASA", false, "Åsa", true},
		{"LAERKE", false, "Lærke", true},
		{"HOEGH", false, "Høgh", true},
		{"HOGH", false, "Høgh", true},
		{"COEUR", false, "Cœur", true},
		{"GROSS", false, "Groß", true},
		{"GROSS", false, "GROẞ", true},
		{"NUNEZ", false, "Núñez", true},
		{"THORSDOTTIR", false, "Þórsdóttir", true},
		{"GUDMUNDSSON", false, "Guðmundsson", true},
		{"DJOKOVIC", false, "Đoković", true},
		{"DOKOVIC", false, "Đoković", true},
		{"IJSSEL", false, "Ĳssel", true},
		{"CAKIR", false, "Çakır", true},
		{"SIMSEK", false, "Şimşek", true},
		{"STEFANESCU", false, "Ștefănescu", true}, // not in the table: its base letters
		{"WALESA", false, "Wałęsa", true},
		{"DVORAK", false, "Dvořák", true},
		{"OBRIEN", false, "O'Brien", true},
		{"OBRIEN", false, "O’Brien", true},
		{"SMITH JONES", false, "Smith-Jones", true},
		{"SMITH JONES", false, "Smith Jones", true},
		{"SMITH JONES", false, "SmithJones", true}, // issuers differ on whether a hyphen is kept
		{"VAN DER BERG", false, "van der Berg", true},
		{"ANNA MARIA", false, "Anna-Maria", true},
		{"ANNA MARIA", false, "Anna<Maria", true},
		{"ANNA MARIA", false, "Maria Anna", false},
		{"SCHMIDT", false, "Schmitt", false},

		// A full name field may have been cut short: the keyed name needs only to start with it.
		{"HUBERT BLAINE", true, "Hubert Blaine Wolfe", true},
		{"HUBERT BLAINE", false, "Hubert Blaine Wolfe", false},
		{"HUBERT BL", true, "Hubert Blaine", true},
		{"HUBERT BLAINE", true, "Hubert", false}, // the keyed name is the shorter
		{"HUBERT BLAINE", true, "Hubert Blayne", false},
		{"", true, "Hubert", true}, // cut before the given names began
		{"MU", true, "Müller", true},
		{"MUE", true, "Müller", true},
		{"MUEL", true, "Müller", true},
		{"MUL", true, "Müller", true},
		{"MUX", true, "Müller", true},
		{"MUO", true, "Müller", false},
	}
	for _, tt := range tests {
		doc := mrz.Document{Surname: tt.mrz, NameTruncated: tt.truncated}
		got := mrz.Compare(doc, mrz.Keyed{Surname: tt.keyed})
		if match := len(got) == 0; match != tt.match {
			t.Errorf("keyed %q against MRZ %q (truncated %v): match %v, want %v", tt.keyed, tt.mrz, tt.truncated, match, tt.match)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	for _, bm := range []struct {
		name  string
		lines []string
	}{
		{"TD3", td3Specimen},
		{"TD1 overflow", td1OverflowSpecimen},
		{"TD3 corrupted", set(set(td3Specimen, 2, 10, '7'), 1, 6, 'e')},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := mrz.Parse(bm.lines); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	k := mrz.Keyed{
		DocumentType: "P", Number: "L898902C3", IssuingState: "UTO", Nationality: "UTO",
		Surname: "Ériksson", GivenNames: "Anna Maria", Sex: "F", DateOfBirth: "1974-08-12", Expiry: "2012-04-15",
	}
	b.ReportAllocs()
	for b.Loop() {
		if m := mrz.Compare(td3SpecimenDoc, k); m != nil {
			b.Fatal(m)
		}
	}
}

// td3Fields builds a TD3 MRZ from its fields, padding each with fillers and computing every
// check digit, so that a test can vary one field and keep the rest valid.
type td3Fields struct {
	code, state, name, number, nationality, birth, sex, expiry, personal string
}

func (f td3Fields) with(change func(*td3Fields)) td3Fields {
	change(&f)
	return f
}

func (f td3Fields) lines() []string {
	number, personal := pad(f.number, 9), pad(f.personal, 14)
	l2 := number + check(number) + pad(f.nationality, 3) + f.birth + check(f.birth) + f.sex +
		f.expiry + check(f.expiry) + personal + check(personal)
	l2 += check(l2[0:10] + l2[13:20] + l2[21:43])
	return []string{pad(f.code, 2) + pad(f.state, 3) + pad(f.name, 39), l2}
}

// td1Fields builds a TD1 MRZ the same way, overflowing numbers longer than 9 characters into the
// optional data as Doc 9303 Part 5 prescribes.
type td1Fields struct {
	code, state, number, optional1, birth, sex, expiry, nationality, optional2, name string
}

func (f td1Fields) with(change func(*td1Fields)) td1Fields {
	change(&f)
	return f
}

func (f td1Fields) lines() []string {
	l1 := pad(f.code, 2) + pad(f.state, 3)
	if len(f.number) <= 9 {
		number := pad(f.number, 9)
		l1 += number + check(number) + pad(f.optional1, 15)
	} else {
		l1 += f.number[:9] + "<" + pad(f.number[9:]+check(f.number)+"<"+f.optional1, 15)
	}
	l2 := f.birth + check(f.birth) + f.sex + f.expiry + check(f.expiry) + pad(f.nationality, 3) + pad(f.optional2, 11)
	l2 += check(l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29])
	return []string{l1, l2, pad(f.name, 30)}
}

func check(s string) string { return string(mrz.CheckDigit(s)) }

func pad(s string, n int) string {
	if len(s) >= n {
		return s[:n]
	}
	return s + strings.Repeat("<", n-len(s))
}

// set returns a copy of lines with character pos (1-based, as Doc 9303 counts) of line (1-based)
// replaced by c.
func set(lines []string, line, pos int, c byte) []string {
	out := append([]string(nil), lines...)
	b := []byte(out[line-1])
	b[pos-1] = c
	out[line-1] = string(b)
	return out
}

func digit(field, printed, computed string) mrz.Problem {
	return mrz.Problem{
		Field:    field,
		Code:     mrz.CodeCheckDigit,
		Message:  "check digit for " + field + " is " + printed + ", computed " + computed,
		Printed:  printed,
		Computed: computed,
	}
}

func format(field, message string) mrz.Problem {
	return mrz.Problem{Field: field, Code: mrz.CodeFormat, Message: message}
}

func differs(fields ...string) []mrz.Mismatch {
	var m []mrz.Mismatch
	for _, f := range fields {
		m = append(m, mrz.Mismatch{Field: f, Message: f + " differs from the MRZ"})
	}
	return m
}

func cannotCompareDate(field string) []mrz.Mismatch {
	return []mrz.Mismatch{{
		Field:   field,
		Message: field + " is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY and cannot be compared with the MRZ",
	}}
}

func keyed(k mrz.Keyed, change func(*mrz.Keyed)) mrz.Keyed {
	change(&k)
	return k
}

func withCode(d mrz.Document, code string) mrz.Document      { d.DocumentCode = code; return d }
func withSex(d mrz.Document, sex string) mrz.Document        { d.Sex = sex; return d }
func withBirthDate(d mrz.Document, date string) mrz.Document { d.BirthDate = date; return d }
func withOptional1(d mrz.Document, data string) mrz.Document { d.Optional1 = data; return d }
func withStates(d mrz.Document, state string) mrz.Document {
	d.IssuingState, d.Nationality = state, state
	return d
}
func germanDoc() mrz.Document                               { return withStates(td3SpecimenDoc, "D") }
func td1OverflowDoc() mrz.Document                          { return withNumber(td1SpecimenDoc, "D23145890734") }
func withNumber(d mrz.Document, number string) mrz.Document { d.Number = number; return d }

// assertNoValues fails when a message quotes a keyed or MRZ value. Values of one or two
// characters (F, M, D) cannot be told apart from ordinary words, so only longer ones are checked.
func assertNoValues(t *testing.T, message string, k mrz.Keyed, d mrz.Document) {
	t.Helper()
	for _, v := range []string{
		k.Number, k.IssuingState, k.Nationality, k.Surname, k.GivenNames, k.DateOfBirth, k.Expiry,
		d.Number, d.IssuingState, d.Nationality, d.Surname, d.GivenNames, d.BirthDate, d.Expiry,
	} {
		v = strings.TrimSpace(v)
		if len(v) >= 3 && strings.Contains(strings.ToUpper(message), strings.ToUpper(v)) {
			t.Errorf("message %q quotes a value", message)
		}
	}
}

// TD2 cards (Doc 9303 Part 6) and machine-readable visas (Part 7) are read with their own layouts:
// a TD2 has TD3's fields on 36 characters with 7 of optional data and a composite digit; a visa
// has the rest of line 2 as optional data and no composite digit, so a visa's MRZ is never
// reported as a passport with failed check digits. The national specimens show real issuers'
// fillers: Germany's one-letter code and unspecified sex on its identity card, a Dutch surname
// with a particle.
func TestParseReadsTD2AndVisasAndNationalSpecimens(t *testing.T) {
	// A TD2 number of 12 characters overflows into the optional data as on TD1 (Part 6, 4.2.2
	// note j): its check digit follows the rest of the number, and the number's own check digit
	// position holds '<'.
	over := "D23145890" + "<" + "UTO7408122F1204159" + "734" + string(mrz.CheckDigit("D23145890734")) + "<<<"
	over += string(mrz.CheckDigit(over[0:10] + over[13:20] + over[21:35]))
	utopian := mrz.Document{IssuingState: "UTO", Nationality: "UTO", BirthDate: "740812", Sex: "F", Expiry: "120415", Surname: "ERIKSSON", GivenNames: "ANNA MARIA"}
	doc := func(f mrz.Format, code, number, opt string) mrz.Document {
		d := utopian
		d.Format, d.DocumentCode, d.Number, d.Optional1 = f, code, number, opt
		return d
	}
	visa := func(f mrz.Format, opt string) mrz.Document {
		d := doc(f, "V", "L8988901C", opt)
		d.Nationality, d.BirthDate, d.Expiry = "XXX", "400907", "961210"
		return d
	}
	tests := []struct {
		name  string
		lines []string
		want  mrz.Document
	}{
		{"the TD2 specimen", td2Specimen, doc(mrz.TD2, "I", "D23145890", "")},
		{"a TD2 number overflowing into the optional data", []string{td2Specimen[0], over}, doc(mrz.TD2, "I", "D23145890734", "")},
		{"the MRV-A specimen", mrvASpecimen, visa(mrz.MRVA, "6ZE184226B")},
		{"the MRV-B specimen", mrvBSpecimen, visa(mrz.MRVB, "")},
		{
			"the German identity card specimen (TD1)",
			[]string{"IDD<<T220001293<<<<<<<<<<<<<<<", "6408125<2010315D<<<<<<<<<<<<<4", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"},
			mrz.Document{Format: mrz.TD1, DocumentCode: "ID", IssuingState: "D", Number: "T22000129", Nationality: "D",
				BirthDate: "640812", Sex: "X", Expiry: "201031", Surname: "MUSTERMANN", GivenNames: "ERIKA"},
		},
		{
			"the Dutch passport specimen (TD3)",
			[]string{"P<NLDDE<BRUIJN<<WILLEKE<LISELOTTE<<<<<<<<<<<", "SPECI20142NLD6503101F2403096999999990<<<<<84"},
			mrz.Document{Format: mrz.TD3, DocumentCode: "P", IssuingState: "NLD", Number: "SPECI2014", Nationality: "NLD",
				BirthDate: "650310", Sex: "F", Expiry: "240309", Surname: "DE BRUIJN", GivenNames: "WILLEKE LISELOTTE", Optional1: "999999990"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problems, err := mrz.Parse(tt.lines)
			if err != nil || len(problems) != 0 {
				t.Fatalf("err %v, problems %+v", err, problems)
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// The check digits of TD2 and of the visas are those their Parts define, and only those.
func TestTD2AndVisaCheckDigits(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string // fields whose check digit fails
	}{
		{"TD2 composite", set(td2Specimen, 2, 36, '7'), []string{"composite"}},
		{"TD2 birth date", set(td2Specimen, 2, 20, '3'), []string{"birthDate", "composite"}},
		{"MRV-A number, no composite to fail with it", set(mrvASpecimen, 2, 10, '5'), []string{"number"}},
		{"MRV-B expiry", set(mrvBSpecimen, 2, 28, '0'), []string{"expiry"}},
		{"MRV-A optional data carries no check digit", set(mrvASpecimen, 2, 44, 'Z'), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems, err := mrz.Parse(tt.lines)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range problems {
				if p.Code != mrz.CodeCheckDigit {
					t.Errorf("unexpected problem %+v", p)
				}
				got = append(got, p.Field)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("failing check digits %v, want %v", got, tt.want)
			}
		})
	}
}

// An MRZ copied without the fillers that end a line loses nothing (Doc 9303 Part 3: '<' only
// fills the unused positions of a field), where the line ends with a field and not with a check
// digit: it is read with them restored and a warning. A line that ends with a check digit and is
// short has lost data, and is refused.
func TestParseRestoresTrailingFillers(t *testing.T) {
	trim := func(lines []string, i int) []string {
		out := append([]string(nil), lines...)
		out[i] = strings.TrimRight(out[i], "<")
		return out
	}
	restored := func(line, n, width int) mrz.Problem {
		return mrz.Problem{Field: "characters", Code: mrz.CodeFormat, Warning: true,
			Message: "MRZ line " + strconv.Itoa(line) + " has " + strconv.Itoa(n) + " characters, not " + strconv.Itoa(width) + ": read with the fillers that end it restored"}
	}
	tests := []struct {
		name        string
		full, lines []string
		want        []mrz.Problem
	}{
		{"TD3 name line", td3Specimen, trim(td3Specimen, 0), []mrz.Problem{restored(1, 25, 44)}},
		{"TD2 name line", td2Specimen, trim(td2Specimen, 0), []mrz.Problem{restored(1, 25, 36)}},
		{"TD1 optional data and name", td1Specimen, trim(trim(td1Specimen, 0), 2), []mrz.Problem{restored(1, 15, 30), restored(3, 20, 30)}},
		{"visa optional data", mrvBSpecimen, trim(mrvBSpecimen, 1), []mrz.Problem{restored(2, 28, 36)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			full, _, err := mrz.Parse(tt.full)
			if err != nil {
				t.Fatal(err)
			}
			got, problems, err := mrz.Parse(tt.lines)
			if err != nil {
				t.Fatal(err)
			}
			if got != full || !reflect.DeepEqual(problems, tt.want) {
				t.Errorf("got %+v %+v\nwant %+v %+v", got, problems, full, tt.want)
			}
		})
	}
	if _, _, err := mrz.Parse([]string{td3Specimen[0], strings.TrimRight(td3Specimen[1], "0")}); err == nil {
		t.Error("a line that ends with a check digit was padded")
	}
}

// A check digit printed as the letter O where the digit 0 is computed is a failed check that
// says it is likely an OCR misreading; any other wrong check digit says nothing of the kind.
func TestCheckDigitPrintedAsTheLetterO(t *testing.T) {
	// The specimen with an empty personal number, whose check digit is 0 (fillers count 0).
	l2 := "L898902C36UTO7408122F1204159" + strings.Repeat("<", 14)
	lines := []string{td3Specimen[0], l2 + "O" + string(mrz.CheckDigit(l2[0:10]+l2[13:20]+l2[21:42]+"0"))}
	_, problems, err := mrz.Parse(lines)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Field+": "+p.Message)
	}
	want := []string{
		"optional: check digit for optional is O, computed 0; the letter O stands where only a digit may: an OCR misreading of 0?",
		"composite: check digit for composite is " + lines[1][43:] + ", computed " + string(mrz.CheckDigit(l2[0:10]+l2[13:20]+l2[21:42]+"O")),
	}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("got  %q\nwant %q", msgs, want)
	}
}
