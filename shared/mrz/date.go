package mrz

import (
	"fmt"
	"time"
)

// BirthDate converts a YYMMDD date of birth to "YYYY-MM-DD". The MRZ has no century, so it takes
// the latest century that does not put the birth after ref's calendar date (in ref's location):
// with ref in 2026, 74 is 1974 and 10 is 2010, and a date later in the year of ref is a century
// earlier. ok is false when the date has unknown parts ('<') or is not on the calendar.
func BirthDate(yymmdd string, ref time.Time) (iso string, ok bool) {
	yy, mm, dd, ok := splitYYMMDD(yymmdd)
	if !ok {
		return "", false
	}
	ry, rm, rd := ref.Date()
	y := century(ry) + yy
	if ymd(y, mm, dd) > ymd(ry, int(rm), rd) {
		y -= 100
	}
	return isoDate(y, mm, dd)
}

// ExpiryDate converts a YYMMDD date of expiry to "YYYY-MM-DD". It takes the century that puts the
// date in the 100 years [ref-50y, ref+50y), ref's calendar date in ref's location: documents both
// long expired and valid for decades to come resolve as expected, where a rule that forbade the
// past (or the future) would not. With ref 2026-03-15, 120415 is 2012-04-15, 760314 is 2076-03-14
// and 760315 is 1976-03-15. ok is false when the date has unknown parts or is not on the calendar.
func ExpiryDate(yymmdd string, ref time.Time) (iso string, ok bool) {
	yy, mm, dd, ok := splitYYMMDD(yymmdd)
	if !ok {
		return "", false
	}
	ry, rm, rd := ref.Date()
	y := century(ry) + yy
	switch d := ymd(y, mm, dd); {
	case d < ymd(ry-50, int(rm), rd):
		y += 100
	case d >= ymd(ry+50, int(rm), rd):
		y -= 100
	}
	return isoDate(y, mm, dd)
}

// splitYYMMDD reads six digits; calendar validity is left to isoDate, once the century is known.
func splitYYMMDD(s string) (yy, mm, dd int, ok bool) {
	if len(s) != 6 {
		return 0, 0, 0, false
	}
	var v [3]int
	for i := range v {
		a, b := s[2*i], s[2*i+1]
		if !isDigit(a) || !isDigit(b) {
			return 0, 0, 0, false
		}
		v[i] = int(a-'0')*10 + int(b-'0')
	}
	return v[0], v[1], v[2], true
}

// century is the first year of the century of y, e.g. 2000 for 2026.
func century(y int) int { return y - y%100 }

// ymd packs a date into an integer that orders like the date, for comparisons that must not be
// tripped up by normalisation of invalid dates (time.Date turns 31 April into 1 May).
func ymd(y, m, d int) int { return y*10000 + m*100 + d }

func isoDate(y, m, d int) (string, bool) {
	if y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
