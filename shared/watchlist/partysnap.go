package watchlist

// The entities-and-aircraft section of a snapshot follows the person index: the marker "PXEA",
// then the entries themselves (id, source, kind, names with quality, programs, aircraft details).
// The entity and aircraft indexes are rebuilt from them when first screened against: storing the
// entries rather than derived tables keeps the section small and the format independent of the
// matching rules, and building on first use keeps that build (four fifths of decoding a
// snapshot) off the load of a process that screens only persons. A snapshot written before the section existed
// loads with no entities; publishing the lists again adds them.

const partySection = "PXEA"

// maxPartyList bounds the strings of one list field of one entry in a snapshot.
const maxPartyList = 4096

func (p *partyIndex) encode(e *enc) {
	e.b = append(e.b, partySection...)
	e.u32(uint32(len(p.entries)))
	for _, en := range p.entries {
		e.str(en.ID)
		e.str(en.Source)
		e.str(string(en.Kind))
		e.u32(uint32(len(en.Names)))
		for _, n := range en.Names {
			e.str(n.Full)
			e.str(string(n.Quality))
			e.str(n.Script)
		}
		e.strs(en.Programs)
		if en.Kind != Aircraft || en.Aircraft == nil {
			continue
		}
		a := en.Aircraft
		e.strs(a.Registrations)
		e.strs(a.PreviousRegistrations)
		e.strs(a.SerialNumbers)
		e.strs(a.ConstructionNumbers)
		e.str(a.Model)
		e.strs(a.Operators)
		e.strs(a.LinkedTo)
	}
}

// decodeParties reads the section's entries, or returns nil when the body ends before it (an
// older snapshot). Malformed content fails d. The index over them is built on first use
// (Index.party), not here.
func decodeParties(d *dec) []Entry {
	if d.err != nil || d.off == len(d.s) {
		return nil
	}
	if len(d.s)-d.off < len(partySection) || d.s[d.off:d.off+len(partySection)] != partySection {
		d.fail("no entity section")
		return nil
	}
	d.off += len(partySection)
	n := d.count(16)
	entries := make([]Entry, 0, n)
	list := func() []string {
		v := d.strs()
		if len(v) > maxPartyList {
			d.fail("entity list too long")
		}
		if len(v) == 0 {
			return nil
		}
		return v
	}
	for i := 0; i < n && d.err == nil; i++ {
		en := Entry{ID: d.str(), Source: d.str(), Kind: Kind(d.str())}
		nn := d.count(12)
		for j := 0; j < nn && d.err == nil; j++ {
			nm := Name{Full: d.str(), Quality: Quality(d.str()), Script: d.str()}
			switch nm.Quality {
			case Primary, Strong, Weak:
			default:
				d.fail("bad name quality")
			}
			en.Names = append(en.Names, nm)
		}
		en.Programs = list()
		switch en.Kind {
		case Entity:
		case Aircraft:
			en.Aircraft = &AircraftDetails{Registrations: list(), PreviousRegistrations: list(), SerialNumbers: list(),
				ConstructionNumbers: list()}
			en.Aircraft.Model = d.str()
			en.Aircraft.Operators, en.Aircraft.LinkedTo = list(), list()
		default:
			d.fail("bad entity kind")
		}
		if en.ID == "" || len(en.Names) == 0 {
			d.fail("entity without id or name")
		}
		entries = append(entries, en)
	}
	if d.err != nil {
		return nil
	}
	return entries
}
