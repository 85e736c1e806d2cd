package watchlist

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Bounds on list files. The published files are far inside them; they keep
// a hostile or broken file from exhausting memory.
const (
	MaxListBytes = 256 << 20 // one list file
	maxXMLDepth  = 16
	maxNodeText  = 64 << 10 // text of one element
	maxChildren  = 10000    // children of one element below the record level
)

// ErrDTD is returned for XML with a document type declaration: the lists
// have none, and refusing them rules out entity expansion attacks.
var ErrDTD = errors.New("watchlist: XML document type declarations are not accepted")

// node is a bounded XML element tree for one list record.
type node struct {
	name     string
	text     strings.Builder
	children []*node
}

func (n *node) child(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (n *node) all(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

// str is the trimmed text of the named child, "" when absent.
func (n *node) str(name string) string {
	if c := n.child(name); c != nil {
		return strings.TrimSpace(c.text.String())
	}
	return ""
}

// ParseUN reads the UN Security Council Consolidated List XML (schema
// sc-sanctions.xsd) and returns its individuals and entities in file order.
func ParseUN(r io.Reader) ([]Entry, error) {
	d := xml.NewDecoder(io.LimitReader(r, MaxListBytes))
	d.Strict = true
	var (
		out   []Entry
		stack []*node
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("watchlist: UN XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return nil, ErrDTD
		case xml.StartElement:
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("watchlist: UN XML: elements nested deeper than %d", maxXMLDepth)
			}
			n := &node{name: t.Name.Local}
			// Records hang at depth 3 (list, group, record); keeping the
			// tree only inside a record bounds memory to one record.
			if len(stack) >= 3 {
				p := stack[len(stack)-1]
				if len(p.children) >= maxChildren {
					return nil, fmt.Errorf("watchlist: UN XML: more than %d children in <%s>", maxChildren, p.name)
				}
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) >= 3 {
				n := stack[len(stack)-1]
				if n.text.Len()+len(t) > maxNodeText {
					return nil, fmt.Errorf("watchlist: UN XML: text of <%s> longer than %d bytes", n.name, maxNodeText)
				}
				n.text.Write(t)
			}
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("watchlist: UN XML: unbalanced end element")
			}
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 2 {
				switch n.name {
				case "INDIVIDUAL":
					out = append(out, unIndividual(n))
				case "ENTITY":
					out = append(out, unEntity(n))
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, errors.New("watchlist: UN XML: no INDIVIDUAL or ENTITY records")
	}
	return out, nil
}

// unID prefers the permanent reference number (QDi.001) to the database id.
func unID(n *node) string {
	if ref := n.str("REFERENCE_NUMBER"); ref != "" {
		return ref
	}
	return n.str("DATAID")
}

func unIndividual(n *node) Entry {
	e := Entry{ID: unID(n), Source: SourceUN, Kind: Individual}
	var parts []string
	for _, f := range [...]string{"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"} {
		if s := n.str(f); s != "" {
			parts = append(parts, s)
		}
	}
	e.Names = append(e.Names, Name{Full: strings.Join(parts, " "), Quality: Primary})
	if s := n.str("NAME_ORIGINAL_SCRIPT"); s != "" {
		e.Names = append(e.Names, Name{Full: s, Quality: Strong, Script: "original"})
	}
	for _, a := range n.all("INDIVIDUAL_ALIAS") {
		e.Names = appendAlias(e.Names, a.str("ALIAS_NAME"), a.str("QUALITY"))
	}
	for _, nat := range n.all("NATIONALITY") {
		for _, v := range nat.all("VALUE") {
			if c := CountryCode(v.text.String()); c != "" {
				e.Nationalities = appendUnique(e.Nationalities, c)
			}
		}
	}
	for _, dob := range n.all("INDIVIDUAL_DATE_OF_BIRTH") {
		if d, ok := unDOB(dob); ok {
			e.DatesOfBirth = append(e.DatesOfBirth, d)
		}
	}
	for _, doc := range n.all("INDIVIDUAL_DOCUMENT") {
		num := doc.str("NUMBER")
		if num == "" {
			continue
		}
		c := CountryCode(doc.str("ISSUING_COUNTRY"))
		if c == "" {
			c = CountryCode(doc.str("COUNTRY_OF_ISSUE"))
		}
		e.Documents = append(e.Documents, Document{Type: strings.TrimSpace(doc.str("TYPE_OF_DOCUMENT")), Number: num, Country: c})
	}
	if p := n.str("UN_LIST_TYPE"); p != "" {
		e.Programs = []string{p}
	}
	return e
}

func unEntity(n *node) Entry {
	e := Entry{ID: unID(n), Source: SourceUN, Kind: Entity}
	e.Names = append(e.Names, Name{Full: n.str("FIRST_NAME"), Quality: Primary})
	for _, a := range n.all("ENTITY_ALIAS") {
		e.Names = appendAlias(e.Names, a.str("ALIAS_NAME"), a.str("QUALITY"))
	}
	if p := n.str("UN_LIST_TYPE"); p != "" {
		e.Programs = []string{p}
	}
	return e
}

// appendAlias adds an alias with its UN quality: "Low" aliases are weak
// (nicknames, call signs, partial names), everything else strong.
func appendAlias(ns []Name, alias, quality string) []Name {
	alias = strings.TrimSpace(alias)
	if alias == "" {
		return ns
	}
	q := Strong
	if strings.EqualFold(quality, "Low") {
		q = Weak
	}
	for _, n := range ns {
		if strings.EqualFold(n.Full, alias) {
			return ns
		}
	}
	return append(ns, Name{Full: alias, Quality: q})
}

// unDOB reads one INDIVIDUAL_DATE_OF_BIRTH: EXACT with DATE or YEAR,
// APPROXIMATELY with YEAR or DATE, BETWEEN with FROM_YEAR and TO_YEAR.
func unDOB(n *node) (DOB, bool) {
	typ := strings.ToUpper(n.str("TYPE_OF_DATE"))
	var d DOB
	switch {
	case n.str("FROM_YEAR") != "":
		from, err1 := strconv.Atoi(n.str("FROM_YEAR"))
		to, err2 := strconv.Atoi(n.str("TO_YEAR"))
		if err1 != nil || err2 != nil {
			return DOB{}, false
		}
		if to < from {
			from, to = to, from
		}
		d = DOB{Year: from}
		if to > from {
			d.YearTo = to
		}
	case n.str("DATE") != "":
		s := n.str("DATE")
		if i := strings.IndexByte(s, 'T'); i > 0 {
			s = s[:i]
		}
		var ok bool
		if d, ok = ParseDOB(s); !ok {
			return DOB{}, false
		}
	case n.str("YEAR") != "":
		y, err := strconv.Atoi(n.str("YEAR"))
		if err != nil {
			return DOB{}, false
		}
		d = DOB{Year: y}
	default:
		return DOB{}, false
	}
	d.Circa = typ == "APPROXIMATELY"
	return d, d.valid()
}

func appendUnique(ss []string, s string) []string {
	for _, x := range ss {
		if x == s {
			return ss
		}
	}
	return append(ss, s)
}
