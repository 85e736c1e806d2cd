package aviation

import (
	"strings"
	"testing"
)

func TestMarkTableIsWellFormed(t *testing.T) {
	for _, m := range marks {
		name := m.prefix + " (" + m.state + ")"
		if m.prefix == "" || len(m.prefix) > 4 || strings.ContainsFunc(m.prefix, func(r rune) bool { return r > 'Z' || !isAlnum(byte(r)) }) {
			t.Errorf("%s: prefix must be 1 to 4 letters or digits", name)
		}
		if m.state == "" {
			t.Errorf("%s: no state", name)
		}
		if len(m.shapes) == 0 && m.check == nil && m.form == "" {
			t.Errorf("%s: a mark that is never valid needs a form naming the right one", name)
		}
		for _, shape := range m.shapes {
			if shape == "" || strings.Trim(shape, "A9X") != "" {
				t.Errorf("%s: shape %q may only use A, 9 and X", name, shape)
			}
		}
		for _, lead := range m.leads {
			if len(lead) != 1 || !isLetter(lead[0]) {
				t.Errorf("%s: lead %q must be one letter", name, lead)
			}
		}
		if m.joined && len(m.leads) > 0 {
			t.Errorf("%s: joined marks have no hyphen for a lead to follow", name)
		}
	}
}

// Every example quoted in a reason must itself pass, and as the state whose
// reason quotes it.
func TestMarkExamplesAreValid(t *testing.T) {
	for _, m := range marks {
		state, ok, reason := ValidRegistration(m.example)
		if !ok || state != m.state {
			t.Errorf("%s example %q: ValidRegistration = %q, %v, %q; want %q", m.prefix, m.example, state, ok, reason, m.state)
		}
	}
}

// Marks sharing a prefix must accept disjoint sets of registrations, or the
// state of a registration would depend on the order of the table.
func TestMarksSharingAPrefixDoNotOverlap(t *testing.T) {
	type pattern struct {
		state string
		shape string // the lead in lowercase, then the shape
	}
	byPrefix := map[string][]pattern{}
	for _, m := range marks {
		for _, lead := range leadsOf(m) {
			for _, shape := range m.shapes {
				byPrefix[m.prefix] = append(byPrefix[m.prefix], pattern{m.state, strings.ToLower(lead) + shape})
			}
		}
	}
	for prefix, patterns := range byPrefix {
		for i, p := range patterns {
			for _, q := range patterns[i+1:] {
				if overlap(p.shape, q.shape) {
					t.Errorf("%s: %s (%s) and %s (%s) accept the same registrations", prefix, p.shape, p.state, q.shape, q.state)
				}
			}
		}
	}
}

// overlap reports whether some suffix fits both patterns, where A, 9 and X
// are shape classes and a lowercase letter stands for that letter.
func overlap(p, q string) bool {
	if len(p) != len(q) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if !positionOverlaps(p[i], q[i]) && !positionOverlaps(q[i], p[i]) {
			return false
		}
	}
	return true
}

func positionOverlaps(a, b byte) bool {
	literal := func(c byte) bool { return 'a' <= c && c <= 'z' }
	switch {
	case a == b, a == 'X':
		return true
	case a == 'A':
		return b == 'A' || literal(b)
	}
	return false
}

// A registration without a hyphen is read as a joined mark's whenever it
// starts with one, so no hyphenated mark may start the same way: its
// registrations, typed without the hyphen, would be misread.
func TestJoinedPrefixesStartNoOtherMark(t *testing.T) {
	for _, j := range joinedMarks {
		for _, m := range marks {
			if m.prefix != j.prefix && strings.HasPrefix(m.prefix, j.prefix) {
				t.Errorf("%s (%s) starts with joined mark %s (%s)", m.prefix, m.state, j.prefix, j.state)
			}
		}
	}
}

func TestDescribeShapes(t *testing.T) {
	tests := []struct {
		shapes []string
		want   string
	}{
		{[]string{"AAA"}, "3 letters"},
		{[]string{"AA", "AAA"}, "2 or 3 letters"},
		{[]string{"9", "99", "999", "9999"}, "1 to 4 digits"},
		{[]string{"AAAA", "9999"}, "4 letters or 4 digits"},
		{[]string{"XXX", "XXXX"}, "3 or 4 letters or digits"},
		{[]string{"9XXX"}, "a digit and 3 letters or digits"},
		{[]string{"9999", "999A", "99AA"}, "4 digits, 3 digits and a letter or 2 digits and 2 letters"},
		{[]string{"A", "AAA"}, "a letter or 3 letters"},
	}
	for _, tt := range tests {
		if got := describeShapes(tt.shapes); got != tt.want {
			t.Errorf("describeShapes(%q) = %q, want %q", tt.shapes, got, tt.want)
		}
	}
}
