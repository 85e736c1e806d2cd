package names

// Canon returns the romanisation canon of a normalised Latin token: the
// spelling with the choices that romanisation systems and transcribers make
// differently for the same sound reduced to one. It keeps the vowels (unlike
// Key), so Omar and Amir stay apart, but long and short vowels meet:
//
//   - vowel length and its spellings: ee→i, oo→u, ou→u, and any doubled
//     letter is single (Saleem/Salim, Yoosuf/Yusuf, Moussa/Musa, Ali/Alee);
//   - consonant digraphs of Arabic, Persian and Slavic sounds: kh→h
//     (Khalid/Halid), gh→g, ph→f, th→t, dh→d, dj/zh/j→j, sh/ch/sch/tch/shch→x,
//     q/ck/c→k, w→v;
//   - y after the first letter is the vowel i (Yahya/Yahia, Aleksey/Aleksei),
//     and -iya/-iyya end like -ia (Zakariya/Zakaria);
//   - Russian -ov/-ev written -off/-eff/-ow (Ivanoff, Romanow) read -ov/-ev;
//   - a final h after a vowel is silent (Abdullah/Abdulla, Fatimah/Fatima).
//
// Tokens holding other than a–z are returned unchanged.
func Canon(t string) string {
	if len(t) < 2 || len(t) > 64 {
		return t
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; c < 'a' || c > 'z' {
			return t
		}
	}
	var buf [128]byte
	out := buf[:0]
	n := len(t)
	if n > 4 && (t[n-3:] == "off" || t[n-3:] == "eff") {
		n-- // ivanoff → ivanof, whose final f reads v below
	}
	for i := 0; i < n; i++ {
		c := t[i]
		next := byte(0)
		if i+1 < n {
			next = t[i+1]
		}
		switch {
		case c == 'e' && next == 'e', c == 'i' && next == 'i':
			out = append(out, 'i')
			i++
		case c == 'o' && (next == 'o' || next == 'u'):
			out = append(out, 'u')
			i++
		case c == 'k' && next == 'h':
			out = append(out, 'h')
			i++
		case c == 'g' && next == 'h', c == 't' && next == 'h', c == 'd' && next == 'h':
			out = append(out, c)
			i++
		case c == 'p' && next == 'h':
			out = append(out, 'f')
			i++
		case c == 'd' && (next == 'j' || next == 'z'), c == 'z' && next == 'h':
			out = append(out, 'j')
			i++
		case c == 's' && next == 'c' && i+2 < n && t[i+2] == 'h', c == 't' && next == 'c' && i+2 < n && t[i+2] == 'h':
			out = append(out, 'x')
			i += 2
		case c == 's' && next == 'h', c == 'c' && next == 'h':
			out = append(out, 'x')
			i++
			if i+2 < n && t[i+1] == 'c' && t[i+2] == 'h' { // shch
				i += 2
			}
		case c == 'c' && next == 'k':
			out = append(out, 'k')
			i++
		case c == 'q' || c == 'c':
			out = append(out, 'k')
		case c == 'w' && i == n-1 && n > 4 && t[n-2] == 'o' && !isVowel(t[n-3]):
			out = append(out, 'v') // Romanow
		case c == 'w':
			out = append(out, 'v')
		case c == 'y' && i > 0:
			out = append(out, 'i')
		case c == 'f' && i == n-1 && n < len(t):
			out = append(out, 'v') // the -off we shortened
		case c == 'h' && i == n-1 && i > 0 && isVowel(t[i-1]):
			// silent final h
		default:
			out = append(out, c)
		}
	}
	// Doubled letters are length or spelling, not identity; -iia (from
	// -iya, -iyya) is -ia.
	w := 0
	for i := 0; i < len(out); i++ {
		if w > 0 && out[w-1] == out[i] {
			continue
		}
		out[w] = out[i]
		w++
	}
	out = out[:w]
	if len(out) == 0 {
		return t[:1]
	}
	return string(out)
}
