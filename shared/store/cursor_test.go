package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paxscreen/paxscreen/shared/paxscreen"
)

// FuzzReadCursor: the only cursor text a store accepts is one it signed; anything else, however
// close, is ErrBadCursor, and nothing panics.
func FuzzReadCursor(f *testing.F) {
	s := New(nil, "t", nil, "")
	if err := s.SetCursorKey([]byte(strings.Repeat("fuzz", 8))); err != nil {
		f.Fatal(err)
	}
	fp := paxscreen.ListQuery{Status: paxscreen.StatusReceived}.Fingerprint("org-a")
	want := cursor{Query: fp, Status: 0, Key: map[string]string{"PK": "MANIFEST#X", "SK": "META", "GSI2PK": "ORG#org-a", "GSI2SK": "2027#X"}}
	good := s.signCursor(want)
	f.Add(good)
	f.Add(good + "A")
	f.Add(strings.Replace(good, ".", "..", 1))
	f.Add("e30.AAAAAAAAAAAAAAAAAAAAAA")
	f.Add("")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := s.readCursor(text, fp, 1)
		if err != nil {
			return
		}
		if text != good || !reflect.DeepEqual(c, want) {
			t.Fatalf("accepted %q as %+v; only %q was issued", text, c, good)
		}
	})
}
