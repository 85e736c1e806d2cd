package organisation_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/organisation"
)

func TestCheck(t *testing.T) {
	tests := []struct {
		id   string
		want error
	}{
		{"org-a", nil},
		{"MSF.be", nil},
		{"ngo_42", nil},
		{"A", nil},
		{strings.Repeat("a", 64), nil},
		{"", organisation.ErrEmpty},
		{strings.Repeat("a", 65), organisation.ErrTooLong},
		{organisation.Unowned, organisation.ErrAlphabet},
		{"--", organisation.ErrAlphabet},
		{"-org", organisation.ErrAlphabet},
		{"org-", organisation.ErrAlphabet},
		{"*", organisation.ErrAlphabet},
		{"org a", organisation.ErrAlphabet},
		{"org\x00", organisation.ErrAlphabet},
		{"org#b", organisation.ErrAlphabet}, // '#' separates key parts in the table
		{"orgé", organisation.ErrAlphabet},
		{"all", organisation.ErrReserved},
		{"NULL", organisation.ErrReserved},
		{"undefined", organisation.ErrReserved},
		{"None", organisation.ErrReserved},
	}
	for _, tt := range tests {
		if got := organisation.Check(tt.id); !errors.Is(got, tt.want) {
			t.Errorf("Check(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"org-a", "-", "", "all", "a.b_c-d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if organisation.Valid(id) {
			if id == organisation.Unowned || len(id) > organisation.MaxLength || strings.ContainsAny(id, "#\x00 *") {
				t.Fatalf("%q accepted", id)
			}
		}
	})
}
