package watchlist

import (
	"strings"
	"unicode"
)

// A name first written in Latin letters and then in Cyrillic (a Russian-language register
// writing a foreign company) comes back through the ICAO Doc 9303 romanisation changed: Russian
// has no letters for c, q, w, x, j or a bare h, and writes them by the practical transcription of
// English (Crown -> Кровн -> krovn, Jewelry -> Джевелры -> dzhevelry, Exchange -> Эксчейндж).
// cyrCanon is the form both spellings share: what romanising the Cyrillic writing of a Latin word
// gives. It is compared only when one side was written in Cyrillic, so that Latin-to-Latin
// spellings (Crown / Krovn) are not made equal.
func cyrCanon(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		rest := s[i:]
		switch {
		case strings.HasPrefix(rest, "shch"):
			b.WriteString("shch")
			i += 4
			continue
		case strings.HasPrefix(rest, "dzh"):
			// дж is English j.
			b.WriteString("dzh")
			i += 3
			continue
		case strings.HasPrefix(rest, "zh"), strings.HasPrefix(rest, "kh"), strings.HasPrefix(rest, "ts"),
			strings.HasPrefix(rest, "ch"), strings.HasPrefix(rest, "sh"):
			// One Cyrillic letter each (ж х ц ч ш): kept, so their h is not read as х.
			b.WriteString(rest[:2])
			i += 2
			continue
		case strings.HasPrefix(rest, "ya"), strings.HasPrefix(rest, "ia"):
			b.WriteString("ia") // я
			i += 2
			continue
		case strings.HasPrefix(rest, "yu"), strings.HasPrefix(rest, "iu"):
			b.WriteString("iu") // ю
			i += 2
			continue
		}
		switch c := s[i]; c {
		case 'c', 'q':
			b.WriteByte('k') // к
		case 'w':
			b.WriteByte('v') // в
		case 'x':
			b.WriteString("ks") // кс
		case 'j':
			b.WriteString("dzh") // дж
		case 'h':
			b.WriteString("kh") // х
		default:
			b.WriteByte(c)
		}
		i++
	}
	return b.String()
}

// hasCyrillic reports whether s holds a Cyrillic letter.
func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// cyrStop are the connectives of orgStop as they come back from Cyrillic (the -> тхе -> tkhe).
var cyrStop = func() map[string]bool {
	m := map[string]bool{}
	for w := range orgStop {
		m[cyrCanon(w)] = true
	}
	return m
}()
