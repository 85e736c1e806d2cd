package aviation_test

import (
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/aviation"
)

func FuzzValidRegistration(f *testing.F) {
	for _, seed := range []string{
		"", " ", "N1", "N123AB", "n123ab", "N-123AB", "N0123", "N1O1",
		"D-AIBC", "d aibc", "DAIBC", "D–AIBC", "D\u200bAIBC", "D--AIBC", "-", "--",
		"A9C-TA", "A9CTA", "A9-CAB", "VP-CBA", "VPCBA", "VP-XAB", "B-HNA", "B-18918",
		"CFTJO", "CF TCA", "C FTJO", "JA 8089", "HL7700", "RDPL34188", "RP-C1",
		"EX 32001", "DA IBC", "ABCDEFGHIJK", "Ñ-ABC", "ı", "D-\xffIBC", "\xff", "N\u0130",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, reg string) {
		state, ok, reason := aviation.ValidRegistration(reg)
		if ok != (reason == "") {
			t.Fatalf("ValidRegistration(%q) = %q, %v, %q: ok must mean no reason", reg, state, ok, reason)
		}
		norm := aviation.NormaliseRegistration(reg)
		if again := aviation.NormaliseRegistration(norm); again != norm {
			t.Fatalf("NormaliseRegistration not idempotent: %q -> %q -> %q", reg, norm, again)
		}
		if ok {
			if norm != reg {
				t.Fatalf("ValidRegistration accepts %q, which normalises to %q", reg, norm)
			}
			if len(reg) > 10 || strings.Trim(reg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
				t.Fatalf("ValidRegistration accepts %q", reg)
			}
		}
		// Whatever normalising fixes, ValidRegistration must then accept
		// and agree on the state.
		normState, normOK, _ := aviation.ValidRegistration(norm)
		if normOK && norm != reg && state != normState {
			t.Fatalf("ValidRegistration(%q) state %q, but of its normal form %q: %q", reg, state, norm, normState)
		}
	})
}

func FuzzValidAirport(f *testing.F) {
	for _, seed := range []string{"", "KJFK", "CDG", "kjfk", " EGLL", "IABC", "K1G4", "EGLLX", "ÉGLL", "EGL\xff"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, code string) {
		ok, reason := aviation.ValidAirport(code)
		if ok != (reason == "") {
			t.Fatalf("ValidAirport(%q) = %v, %q: ok must mean no reason", code, ok, reason)
		}
		if ok && (len(code) != 4 || strings.Trim(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || strings.ContainsAny(code[:1], "IJQX")) {
			t.Fatalf("ValidAirport accepts %q", code)
		}
	})
}

func FuzzValidICAOType(f *testing.F) {
	for _, seed := range []string{"", "B738", "H60", "b738", "737", "B7378", "Ä320"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if aviation.ValidICAOType(s) && (len(s) < 2 || len(s) > 4 || strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" || s[0] <= '9') {
			t.Fatalf("ValidICAOType accepts %q", s)
		}
	})
}
