package mrz

// CheckDigit computes the ICAO 9303 check digit of s (Part 3, 4.9): each character's value (0-9 for
// digits, 10-35 for A-Z, 0 for '<') is multiplied by the weights 7, 3, 1 repeated from the first
// character, and the digit is the sum modulo 10. It returns '0'..'9'.
//
// Any other character counts as 0, like a filler; Parse rejects such characters before it
// computes anything, so this only matters to callers passing unchecked text.
func CheckDigit(s string) byte {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i := 0; i < len(s); i++ {
		sum = (sum + value(s[i])*weights[i%3]) % 10
	}
	return byte('0' + sum)
}

func value(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'A' <= c && c <= 'Z':
		return int(c-'A') + 10
	}
	return 0
}
