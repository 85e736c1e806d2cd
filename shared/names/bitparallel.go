package names

import "math/bits"

// Bit-parallel forms of the string measures retrieval calls on every listed
// part a query part's neighbourhood reaches: for tokens of a–z up to 64
// letters, each position of the pattern is one bit of a word, so a whole
// column of the dynamic-programming table moves in a few word operations.
// They give exactly what the table gives (tests compare them on random
// tokens); the table remains for other input.

// letterMasks sets pm[c] to the positions of letter 'a'+c in s. It reports
// false when s is longer than 64 bytes or holds anything outside a–z.
func letterMasks(s string, pm *[26]uint64) bool {
	if len(s) > 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] - 'a'
		if c >= 26 {
			return false
		}
		pm[c] |= 1 << i
	}
	return true
}

// maskOf is the mask of letter c in pm, none for a byte outside a–z.
func maskOf(pm *[26]uint64, c byte) uint64 {
	if c -= 'a'; c < 26 {
		return pm[c]
	}
	return 0
}

// osaBits is the optimal string alignment distance of a (1 to 64 letters,
// masks pm) and b: Hyyrö's bit-parallel edit distance with adjacent
// transpositions (H. Hyyrö, "A bit-vector algorithm for computing
// Levenshtein and Damerau edit distances", Nordic Journal of Computing,
// 2003).
func osaBits(pm *[26]uint64, la int, b string) int {
	vp, vn, d0, pmOld := ^uint64(0), uint64(0), uint64(0), uint64(0)
	last := uint64(1) << (la - 1)
	dist := la
	for i := 0; i < len(b); i++ {
		pmj := maskOf(pm, b[i])
		tr := ((^d0 & pmj) << 1) & pmOld
		d0 = (((pmj & vp) + vp) ^ vp) | pmj | vn | tr
		hp := vn | ^(d0 | vp)
		hn := d0 & vp
		if hp&last != 0 {
			dist++
		}
		if hn&last != 0 {
			dist--
		}
		hp = hp<<1 | 1
		hn <<= 1
		vp = hn | ^(d0 | hp)
		vn = hp & d0
		pmOld = pmj
	}
	return dist
}

// lcsBits is the length of the longest common subsequence of a (up to 64
// letters, masks pm) and b (L. Allison and T. I. Dix, "A bit-string
// longest-common-subsequence algorithm", Information Processing Letters,
// 1986, in Hyyrö's form).
func lcsBits(pm *[26]uint64, la int, b string) int {
	v := ^uint64(0)
	for i := 0; i < len(b); i++ {
		u := v & maskOf(pm, b[i])
		v = (v + u) | (v - u)
	}
	used := ^uint64(0)
	if la < 64 {
		used = 1<<la - 1
	}
	return bits.OnesCount64(^v & used)
}

// CommonSubsequence is the length of the longest common subsequence of a
// and b, tokens of up to 64 bytes (longer ones are compared on their first
// 64).
func CommonSubsequence(a, b string) int {
	a, b = a[:min(len(a), 64)], b[:min(len(b), 64)]
	var pm [26]uint64
	if letterMasks(a, &pm) {
		return lcsBits(&pm, len(a), b)
	}
	return lcsTable(a, b)
}

// lcsTable is CommonSubsequence by the dynamic-programming table.
func lcsTable(a, b string) int {
	var rows [2][65]uint8
	prev, cur := &rows[0], &rows[1]
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			switch {
			case a[i-1] == b[j-1]:
				cur[j] = prev[j-1] + 1
			case prev[j] >= cur[j-1]:
				cur[j] = prev[j]
			default:
				cur[j] = cur[j-1]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}
