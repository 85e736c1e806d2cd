package names

// RunTogetherInitials reports whether a normalised part is initials written
// together (JC for Jean-Claude, JM for José María): two or three Latin
// letters with no vowel. Such a part cannot be a pronounceable word, so it
// abbreviates; read as one word it would only ever match another
// abbreviation. A part that is a real word or a known abbreviation is left
// whole:
//
//   - the titles and particles of the weak list (Mr, Dr, Jr, Sr);
//   - ng, a syllabic nasal and the Cantonese and Vietnamese surname Ng;
//   - mc, the Gaelic patronymic prefix (Mc Donald), and st (Saint);
//   - three letters with l or r in the middle, which Czech, Slovak and
//     Serbo-Croatian pronounce as the vowel (Vlk, Krk, Srb);
//   - w and y, vowels in Welsh (Cwm) and in most romanisations.
//
// Callers also leave whole any part their lists hold, since the list is the
// authority on what is a name.
func RunTogetherInitials(t string) bool {
	if len(t) < 2 || len(t) > 3 || weak[t] {
		return false
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c < 'a' || c > 'z' || isVowel(c) || c == 'w' {
			return false
		}
	}
	switch t {
	case "ng", "mc", "st":
		return false
	}
	if len(t) == 3 && (t[1] == 'l' || t[1] == 'r') {
		return false
	}
	return true
}

// AppendInitials appends to dst the tokens of a part that
// RunTogetherInitials accepts, one initial a token, as Normalize gives
// initials written apart (J. C.).
func AppendInitials(dst []Token, t string) []Token {
	for i := 0; i < len(t); i++ {
		dst = append(dst, Token{Text: t[i : i+1], Key: Key(t[i : i+1]), Weak: true})
	}
	return dst
}
