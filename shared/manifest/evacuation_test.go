package manifest

import (
	"strings"
	"testing"
)

// TestDocumentProblemsByRegime holds the evacuation intake rule: on EVACUATION, HUMANITARIAN and
// MEDEVAC flights a person's document problems are warnings with their own codes; on every other
// regime they refuse the manifest as before.
func TestDocumentProblemsByRegime(t *testing.T) {
	problems := []struct {
		name             string
		mutate           func(m *Manifest)
		path             string
		strict, tolerant string // codes; severity is error for strict, warning for tolerant
	}{
		{"expired passport", func(m *Manifest) {
			p := person(m, "p1")
			p.Documents[0].Expiry = "2026-11-30"
			p.Documents[0].MRZ = nil
		},
			"/persons/2/documents/0/expiry", CodeDocumentExpired, CodeDocumentExpiredAccepted},
		{"no document", func(m *Manifest) { person(m, "p1").Documents = nil }, "/persons/2/documents", CodeNoDocument, CodeNoDocumentAccepted},
		{"passport without expiry", func(m *Manifest) { p := person(m, "p1"); p.Documents[0].Expiry = ""; p.Documents[0].MRZ = nil },
			"/persons/2/documents/0/expiry", CodeRequired, CodeExpiryMissing},
	}
	for _, regime := range Regimes {
		for _, pr := range problems {
			t.Run(regime+"/"+pr.name, func(t *testing.T) {
				m := loadValid(t)
				m.Flight.Regime = regime
				pr.mutate(m)
				fs := Validate(m, Options{})
				want, sev := pr.strict, Error
				if Tolerant(regime) {
					want, sev = pr.tolerant, Warning
				}
				var got []Finding
				for _, f := range fs {
					if f.Path == pr.path {
						got = append(got, f)
					}
				}
				if len(got) != 1 || got[0].Code != want || got[0].Severity != sev {
					t.Fatalf("want one %s %s at %s, got %+v", sev, want, pr.path, got)
				}
				if Tolerant(regime) && HasErrors(fs) {
					t.Fatalf("a tolerant regime refused the manifest: %+v", fs)
				}
			})
		}
	}
}

// TestIdentityCardWithoutExpiry: many national identity cards (the Afghan tazkira among them)
// have no expiry; type I without one is a warning on every regime, never a refusal.
func TestIdentityCardWithoutExpiry(t *testing.T) {
	for _, regime := range Regimes {
		m := loadValid(t)
		m.Flight.Regime = regime
		d := &person(m, "p1").Documents[0]
		d.Type, d.Number, d.Expiry, d.MRZ = "I", "T12345678", "", nil
		fs := Validate(m, Options{})
		if HasErrors(fs) {
			t.Fatalf("%s: identity card without expiry refused: %+v", regime, fs)
		}
		if !hasFinding(fs, CodeExpiryMissing, "/persons/2/documents/0/expiry") {
			t.Fatalf("%s: want %s, got %+v", regime, CodeExpiryMissing, fs)
		}
	}
}

func hasFinding(fs []Finding, code, path string) bool {
	for _, f := range fs {
		if f.Code == code && f.Path == path {
			return true
		}
	}
	return false
}

// TestChildOnParentsPassport: a child inscribed in the father's passport lists the father's
// document with holder naming him; two persons then share one document without
// DUPLICATE_DOCUMENT, and the arrangement is a finding for the rules. Without holder, the same
// two documents are still a duplicate.
func TestChildOnParentsPassport(t *testing.T) {
	for _, regime := range Regimes {
		m := loadValid(t)
		m.Flight.Regime = regime
		child := person(m, "p2")
		child.Documents = []Document{person(m, "p1").Documents[0]}
		child.Documents[0].MRZ = person(m, "p1").Documents[0].MRZ // the father's MRZ: not compared with the child
		child.Documents[0].Holder = "p1"
		fs := Validate(m, Options{})
		if HasErrors(fs) {
			t.Fatalf("%s: child on the father's passport refused: %+v", regime, fs)
		}
		if !hasFinding(fs, CodeOnHolderDocument, "/persons/3/documents/0/holder") {
			t.Fatalf("%s: want %s, got %+v", regime, CodeOnHolderDocument, fs)
		}
		child.Documents[0].Holder = ""
		child.Documents[0].MRZ = nil
		if fs := Validate(m, Options{}); !hasFinding(fs, CodeDuplicateDocument, "/persons/3/documents/0/number") {
			t.Fatalf("%s: without holder, want %s, got %+v", regime, CodeDuplicateDocument, fs)
		}
	}
}

func TestHolderMustBeOnBoard(t *testing.T) {
	m := loadValid(t)
	person(m, "p2").Documents[0].Holder = "nobody"
	fs := Validate(m, Options{})
	if !hasFinding(fs, CodeUnknownHolder, "/persons/3/documents/0/holder") || !HasErrors(fs) {
		t.Fatalf("want %s error, got %+v", CodeUnknownHolder, fs)
	}
	// Two children both in the father's passport, and two strangers with one document.
	m = loadValid(t)
	for _, ref := range []string{"p2", "p3"} {
		c := person(m, ref)
		c.Documents = []Document{{Type: "P", Number: "L898902C3", IssuingState: "SWE", Expiry: "2032-04-15", Holder: "p1"}}
	}
	if fs := Validate(m, Options{}); HasErrors(fs) {
		t.Fatalf("two children in one passport: %+v", fs)
	}
	person(m, "p3").Documents[0].Holder = ""
	if fs := Validate(m, Options{}); !hasFinding(fs, CodeDuplicateDocument, "/persons/4/documents/0/number") {
		t.Fatalf("a third person claiming the document as their own: want duplicate, got %+v", fs)
	}
}

// TestHolderTravelsThroughEveryFormat: CSV carries holder in a column, JSON as a member.
func TestHolderInCSV(t *testing.T) {
	body := "#organiserName: X\n" +
		"ref,role,surname,given names,date of birth,nationality,document type,document number,document issuing state,document expiry,document holder,guardian\n" +
		"f,PIC,Ahmadi,Karim,1980-01-01,AFG,P,P01234567,AFG,2030-01-01,,\n" +
		"c,PAX,Ahmadi,Sara,2019-05-05,AFG,P,P01234567,AFG,2030-01-01,f,f\n" +
		"n,PAX,Rahimullah,,1990,AFG,,,,,,\n"
	m, err := DecodeCSV([]byte(body), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Persons[1].Documents[0].Holder; got != "f" {
		t.Fatalf("holder: got %q", got)
	}
	if len(m.Persons[2].Documents) != 0 {
		t.Fatalf("a row with empty document columns has no document, got %+v", m.Persons[2].Documents)
	}
	j, err := DecodeJSON([]byte(strings.Replace(`{"persons":[{"documents":[{"holder":"f"}]}]}`, "\n", "", -1)))
	if err != nil || j.Persons[0].Documents[0].Holder != "f" {
		t.Fatalf("JSON holder: %v %+v", err, j)
	}
}
