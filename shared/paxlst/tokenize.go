package paxlst

import (
	"fmt"
	"strings"

	"github.com/paxscreen/paxscreen/shared/manifest"
)

// Bounds on what Tokenize accepts. A real PAXLST for the largest aircraft has a few tens of
// thousands of segments of under 200 bytes; anything far beyond is garbage or an attack, and
// is refused before it costs memory.
const (
	MaxSegments     = 100_000
	MaxSegmentBytes = 10_000
)

// Separators are the service characters of an interchange (ISO 9735 UNA). Repetition is kept for
// completeness: no PAXLST element the decoder reads repeats, so a repetition separator in data is
// read as an ordinary character unless released.
type Separators struct {
	Component  byte // default ':'
	Element    byte // default '+'
	Decimal    byte // default '.'; no decoded field is a decimal number
	Release    byte // default '?'; a space in UNA means "no release character"
	Repetition byte // default ' ' (none, as in syntax version 3)
	Terminator byte // default '\''
}

// DefaultSeparators are those that apply when an interchange has no UNA.
var DefaultSeparators = Separators{Component: ':', Element: '+', Decimal: '.', Release: '?', Repetition: ' ', Terminator: '\''}

// Segment is one segment of an interchange: its tag and its data elements (after the tag), each
// a list of components with release characters already removed. Offset is the byte offset of the
// tag in the body.
type Segment struct {
	Tag      string
	Elements [][]string
	Offset   int
}

// Value returns component c of element e (both 0-based, the tag not counted), or "" when the
// segment is shorter: EDIFACT omits trailing empty elements and components.
func (s *Segment) Value(e, c int) string {
	if e < 0 || e >= len(s.Elements) || c < 0 || c >= len(s.Elements[e]) {
		return ""
	}
	return s.Elements[e][c]
}

// Tokenize splits an interchange into segments. A leading UNA sets the separators and is
// returned as a segment with no elements, so that segment positions count it as the reader of the
// file sees it. Line breaks (CR, LF) are not data: they are skipped between segments and removed
// inside them, as EDIFACT files are often written one segment per line or wrapped at a fixed
// width. Errors are *manifest.DecodeError with Format "paxlst".
func Tokenize(body []byte) ([]Segment, Separators, error) {
	s := string(body) // one copy; every component without escapes is a substring of it
	sep := DefaultSeparators
	var segs []Segment
	// What some systems write before the interchange is not data: a UTF-8 byte order mark
	// (Windows editors, .NET writers) and blank lines or indentation (files concatenated or
	// pasted). The UNA, if any, follows them.
	pos := leadingNoise(s)
	if strings.HasPrefix(s[pos:], "UNA") {
		una := pos
		if len(s)-una < 9 {
			return nil, sep, decodeError(body, una, "UNA service string advice must have 6 characters after UNA")
		}
		sep = Separators{Component: s[una+3], Element: s[una+4], Decimal: s[una+5], Release: s[una+6], Repetition: s[una+7], Terminator: s[una+8]}
		if msg := sep.check(); msg != "" {
			return nil, sep, decodeError(body, una+3, "UNA service string advice: "+msg)
		}
		if sep.Release == ' ' {
			sep.Release = 0
		}
		segs = append(segs, Segment{Tag: "UNA", Offset: una})
		pos = una + 9
	}

	// Sizing the arenas from a byte count keeps a 500-person message at a handful of allocations.
	nSeg := min(strings.Count(s, string(sep.Terminator))+1, MaxSegments+1)
	nComp := min(nSeg+strings.Count(s, string(sep.Element))+strings.Count(s, string(sep.Component)), len(s)+1)
	t := tokenizer{body: body, s: s, sep: sep,
		comps: make([]string, 0, nComp), elems: make([][]string, 0, nSeg+strings.Count(s, string(sep.Element)))}
	if cap(segs) < nSeg {
		segs = append(make([]Segment, 0, nSeg), segs...)
	}
	for {
		pos = t.skipBreaks(pos)
		if pos >= len(s) {
			break
		}
		if len(segs) >= MaxSegments {
			return nil, sep, decodeError(body, pos, fmt.Sprintf("more than %d segments: no passenger list is that long", MaxSegments))
		}
		seg, next, err := t.segment(pos, len(segs)+1)
		if err != nil {
			return nil, sep, err
		}
		segs = append(segs, seg)
		pos = next
	}
	return segs, sep, nil
}

// leadingNoise returns the length of the byte order mark and blanks at the start of s.
func leadingNoise(s string) int {
	pos := 0
	if strings.HasPrefix(s, "\uFEFF") {
		pos = len("\uFEFF")
	}
	for pos < len(s) && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r' || s[pos] == '\n') {
		pos++
	}
	return pos
}

func (sep Separators) check() string {
	chars := []byte{sep.Component, sep.Element, sep.Release, sep.Terminator}
	for i, c := range chars {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			return fmt.Sprintf("separator %q is a letter or digit, which data and tags use", c)
		}
		for _, d := range chars[:i] {
			if c == d && !(c == ' ' && i == 2) {
				return fmt.Sprintf("character %q is used for two different separators", c)
			}
		}
	}
	if sep.Component == ' ' || sep.Element == ' ' || sep.Terminator == ' ' {
		return "a space cannot separate components, elements or segments: names contain spaces"
	}
	return ""
}

type tokenizer struct {
	body  []byte
	s     string
	sep   Separators
	comps []string   // arena of every component of every segment
	elems [][]string // arena of every element
	buf   []byte     // scratch for components that need unescaping
}

// skipBreaks passes line breaks and blanks between segments, unless the interchange uses one of
// them as a separator.
func (t *tokenizer) skipBreaks(pos int) int {
	for pos < len(t.s) {
		c := t.s[pos]
		if (c != '\r' && c != '\n' && c != ' ' && c != '\t') || t.isService(c) {
			return pos
		}
		pos++
	}
	return pos
}

func (t *tokenizer) isService(c byte) bool {
	return c == t.sep.Terminator || c == t.sep.Element || c == t.sep.Component || (t.sep.Release != 0 && c == t.sep.Release)
}

// segment reads the segment starting at start; n is its 1-based position, for messages.
func (t *tokenizer) segment(start, n int) (Segment, int, error) {
	s, sep := t.s, t.sep
	end := min(len(s), start+MaxSegmentBytes+1)
	// The tag: up to the first element separator or the terminator.
	i := start
	for i < end && s[i] != sep.Element && s[i] != sep.Terminator {
		i++
	}
	tag := s[start:i]
	if len(tag) > 3 {
		tag = tag[:3]
	}
	if !validTag(s[start:i]) {
		return Segment{}, 0, decodeError(t.body, start, fmt.Sprintf("segment %d: a segment must start with a tag of three capital letters or digits", n))
	}
	seg := Segment{Tag: tag, Offset: start}
	elemStart := len(t.elems)
	if i < end && s[i] == sep.Element {
		i++
		compStart := len(t.comps)
		valStart := i
		escaped := false // the value holds a release character or a line break to remove
		for {
			if i >= end {
				if end < len(s) {
					return Segment{}, 0, decodeError(t.body, start, fmt.Sprintf("segment %d (%s) is longer than %d bytes", n, tag, MaxSegmentBytes))
				}
				return Segment{}, 0, decodeError(t.body, start, fmt.Sprintf("segment %d (%s) has no segment terminator %q: the interchange is cut short", n, tag, sep.Terminator))
			}
			c := s[i]
			switch {
			case sep.Release != 0 && c == sep.Release:
				// The released character may sit after a line break: a writer that wraps
				// at a fixed width can break right after the release character.
				escaped = true
				i = t.skipWrap(i+1, end) + 1
				continue
			case c == '\r' || c == '\n':
				if c != sep.Component && c != sep.Element && c != sep.Terminator {
					escaped = true
					i++
					continue
				}
			}
			if c == sep.Component || c == sep.Element || c == sep.Terminator {
				t.comps = append(t.comps, t.value(valStart, i, escaped))
				escaped = false
				valStart = i + 1
				if c != sep.Component {
					t.elems = append(t.elems, t.comps[compStart:len(t.comps):len(t.comps)])
					compStart = len(t.comps)
				}
				if c == sep.Terminator {
					break
				}
			}
			i++
		}
	} else if i >= end {
		if end < len(s) {
			return Segment{}, 0, decodeError(t.body, start, fmt.Sprintf("segment %d is longer than %d bytes", n, MaxSegmentBytes))
		}
		return Segment{}, 0, decodeError(t.body, start, fmt.Sprintf("segment %d (%s) has no segment terminator %q: the interchange is cut short", n, tag, sep.Terminator))
	}
	seg.Elements = t.elems[elemStart:len(t.elems):len(t.elems)]
	return seg, i + 1, nil
}

// value returns s[from:to] with release characters applied and line breaks removed. A release
// character before a character that is not a separator is kept with it: ISO 9735 does not allow
// it, and dropping it would alter data silently.
func (t *tokenizer) value(from, to int, escaped bool) string {
	if !escaped {
		return t.s[from:to]
	}
	b := t.buf[:0]
	for i := from; i < to; i++ {
		c := t.s[i]
		switch {
		case c == '\r' || c == '\n':
			continue
		case t.sep.Release != 0 && c == t.sep.Release && i+1 < to:
			k := t.skipWrap(i+1, to)
			if k >= to {
				break
			}
			if next := t.s[k]; t.isService(next) || (t.sep.Repetition != ' ' && next == t.sep.Repetition) {
				b = append(b, next)
				i = k
				continue
			}
		}
		b = append(b, c)
	}
	t.buf = b
	return string(b)
}

// skipWrap returns the position of the first character from pos (before end) that is not a line
// break, unless the interchange uses CR or LF as a separator.
func (t *tokenizer) skipWrap(pos, end int) int {
	for pos < end && (t.s[pos] == '\r' || t.s[pos] == '\n') && !t.isService(t.s[pos]) {
		pos++
	}
	return pos
}

func validTag(tag string) bool {
	if len(tag) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		c := tag[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// decodeError places a problem at a byte offset, with the 1-based line and column a text editor
// shows.
func decodeError(body []byte, offset int, msg string) *manifest.DecodeError {
	return manifest.NewDecodeError("paxlst", body, int64(offset), "", msg)
}
