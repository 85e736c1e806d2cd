package mrz_test

import (
	"strings"
	"testing"
	"time"

	"github.com/paxscreen/paxscreen/shared/mrz"
)

// FuzzParse feeds Parse the lines of text split at '\n'. Besides never panicking, Parse must keep
// its contract: an error leaves nothing else, a document has a known format, every problem is
// complete, and a document agrees with keyed data copied from it.
func FuzzParse(f *testing.F) {
	for _, lines := range [][]string{
		td3Specimen,
		td1Specimen,
		td1OverflowSpecimen,
		set(set(td3Specimen, 2, 10, '7'), 2, 43, '<'),
		set(td1Specimen, 1, 15, '<'),
		{strings.ToLower(td3Specimen[0]), td3Specimen[1] + "\r"},
		td2Specimen,
		mrvASpecimen,
		mrvBSpecimen,
		{"I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D23145890<UTO7408122F12041591234<<3"},
		{td1Specimen[0], td1Specimen[1], "MÜLLER<<ANNA<MARIA<<<<<<<<<<<<"},
		{"", ""},
	} {
		f.Add(strings.Join(lines, "\n"))
	}
	ref := time.Date(2026, 3, 15, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		doc, problems, err := mrz.Parse(strings.Split(text, "\n"))
		if err != nil {
			if doc != (mrz.Document{}) || problems != nil {
				t.Fatalf("error %q came with document %+v and problems %+v", err, doc, problems)
			}
			return
		}
		if doc.Format != mrz.TD1 && doc.Format != mrz.TD2 && doc.Format != mrz.TD3 && doc.Format != mrz.MRVA && doc.Format != mrz.MRVB {
			t.Fatalf("format %q", doc.Format)
		}
		for _, p := range problems {
			if p.Field == "" || p.Message == "" {
				t.Errorf("incomplete problem %+v", p)
			}
			if p.Warning && p.Code == mrz.CodeCheckDigit {
				t.Errorf("a failed check digit is never only a warning: %+v", p)
			}
			switch p.Code {
			case mrz.CodeCheckDigit:
				if len(p.Printed) != 1 || len(p.Computed) != 1 || p.Computed[0] < '0' || p.Computed[0] > '9' || p.Printed == p.Computed {
					t.Errorf("check digit problem %+v", p)
				}
			case mrz.CodeFormat:
				if p.Printed != "" || p.Computed != "" {
					t.Errorf("format problem with digits %+v", p)
				}
			case mrz.CodeIssuerVariant:
				if !p.Warning || p.Printed != "" || p.Computed != "" {
					t.Errorf("an issuer's variant is a warning without digits: %+v", p)
				}
			default:
				t.Errorf("problem with code %q", p.Code)
			}
		}

		k := mrz.Keyed{
			DocumentType: doc.DocumentCode, Number: doc.Number, IssuingState: doc.IssuingState,
			Nationality: doc.Nationality, Surname: doc.Surname, GivenNames: doc.GivenNames, Sex: doc.Sex,
		}
		if iso, ok := mrz.BirthDate(doc.BirthDate, ref); ok {
			k.DateOfBirth = iso
		}
		if iso, ok := mrz.ExpiryDate(doc.Expiry, ref); ok {
			k.Expiry = iso
		}
		if m := mrz.Compare(doc, k); m != nil {
			t.Errorf("document %+v disagrees with itself: %+v", doc, m)
		}
	})
}

// FuzzCompare feeds Compare arbitrary names and dates, keyed and in the document: it must not
// panic, must treat the same name alike wherever it appears, and must only ever say one of its
// fixed sentences, which therefore quote no value.
func FuzzCompare(f *testing.F) {
	f.Add("Müller", "MUELLER", false, "1974-08", "74<<<<")
	f.Add("Þórsdóttir-Đoković", "THORSDOTTIR DJOKOVIC", true, "1974", "740812")
	f.Add("Эрикссон", "ERIKSSON", false, "12/08/1974", "7408")
	f.Add("Ǆ\u0308ﬁ", "", true, "", "")
	f.Fuzz(func(t *testing.T, keyedName, mrzName string, truncated bool, keyedDate, mrzDate string) {
		doc := mrz.Document{Surname: mrzName, GivenNames: mrzName, NameTruncated: truncated, BirthDate: mrzDate, Expiry: mrzDate}
		k := mrz.Keyed{Surname: keyedName, GivenNames: keyedName, DateOfBirth: keyedDate, Expiry: keyedDate}
		said := map[string]string{}
		for _, m := range mrz.Compare(doc, k) {
			if _, dup := said[m.Field]; dup {
				t.Errorf("%s reported twice", m.Field)
			}
			said[m.Field] = strings.Replace(m.Message, m.Field, "FIELD", 1)
			switch said[m.Field] {
			case "FIELD differs from the MRZ",
				"FIELD has letters with no Latin transliteration and cannot be compared with the MRZ",
				"FIELD is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY and cannot be compared with the MRZ":
			default:
				t.Errorf("unexpected message %q", m.Message)
			}
		}
		if said["surname"] != said["givenNames"] || said["dateOfBirth"] != said["expiry"] {
			t.Errorf("the same values compared differently: %v", said)
		}
	})
}
