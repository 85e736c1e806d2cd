package paxlst

import (
	"fmt"
	"time"
)

// Date/time format codes (UN/EDIFACT 2379) read and written.
const (
	fmtYYMMDD       = "101"
	fmtCCYYMMDD     = "102"
	fmtYYMMDDHHMM   = "201"
	fmtCCYYMMDDHHMM = "203"
	fmtCCYY         = "602"
	fmtCCYYMM       = "610"
)

// dateKind says which way a two-digit year leans: birth and issue dates are in the past,
// expiry dates in the future.
type dateKind int

const (
	pastDate dateKind = iota
	expiryDate
)

// flightTime reads a DTM+189/232 value as an RFC 3339 UTC time. PAXLST carries no zone; see the
// package documentation for why it is read as UTC.
func flightTime(val, format string) (string, time.Time, string) {
	if format == "" {
		switch len(val) {
		case 10:
			format = fmtYYMMDDHHMM
		case 12:
			format = fmtCCYYMMDDHHMM
		}
	}
	var year int
	switch format {
	case fmtYYMMDDHHMM:
		if len(val) != 10 || !allDigits(val) {
			return "", time.Time{}, "must be YYMMDDHHMM for format 201"
		}
		// Flights are scheduled in this century: no earlier century is plausible for a manifest.
		year = 2000 + num(val[0:2])
		val = val[2:]
	case fmtCCYYMMDDHHMM:
		if len(val) != 12 || !allDigits(val) {
			return "", time.Time{}, "must be CCYYMMDDHHMM for format 203"
		}
		year = num(val[0:4])
		val = val[4:]
	default:
		return "", time.Time{}, fmt.Sprintf("date/time format %q is not 201 (YYMMDDHHMM) or 203 (CCYYMMDDHHMM)", format)
	}
	month, day, hour, minute := num(val[0:2]), num(val[2:4]), num(val[4:6]), num(val[6:8])
	if !validDay(year, month, day) || hour > 23 || minute > 59 {
		return "", time.Time{}, "is not a calendar date and time"
	}
	t := time.Date(year, time.Month(month), day, hour, minute, 0, 0, time.UTC)
	return t.Format(time.RFC3339), t, ""
}

// calendarDate reads a DTM+329/36/182 value as YYYY-MM-DD, or YYYY-MM / YYYY for a birth date
// known only that far (formats 610 and 602). A six-digit YYMMDD takes the century that puts a
// past date at or before refYear and an expiry within 30 years of it: passports run ten years,
// and reading an expired 1999 document as valid until 2099 would be the dangerous mistake.
func calendarDate(val, format string, kind dateKind, partial bool, refYear int) (string, string) {
	if format == "" {
		switch len(val) {
		case 6:
			format = fmtYYMMDD
		case 8:
			format = fmtCCYYMMDD
		case 4:
			format = fmtCCYY
		}
	}
	if !allDigits(val) {
		return "", "must be digits"
	}
	switch format {
	case fmtYYMMDD:
		if len(val) != 6 {
			return "", "must be YYMMDD for format 101"
		}
		year := 2000 + num(val[0:2])
		switch kind {
		case pastDate:
			if year > refYear {
				year -= 100
			}
		case expiryDate:
			if year > refYear+30 {
				year -= 100
			}
		}
		return ymd(year, num(val[2:4]), num(val[4:6]))
	case fmtCCYYMMDD:
		if len(val) != 8 {
			return "", "must be CCYYMMDD for format 102"
		}
		return ymd(num(val[0:4]), num(val[4:6]), num(val[6:8]))
	case fmtCCYYMM:
		if !partial {
			return "", "must be a full date: format 610 (CCYYMM) gives only the month"
		}
		if len(val) != 6 {
			return "", "must be CCYYMM for format 610"
		}
		y, m := num(val[0:4]), num(val[4:6])
		if y < 1 || m < 1 || m > 12 {
			return "", "is not a calendar month"
		}
		return fmt.Sprintf("%04d-%02d", y, m), ""
	case fmtCCYY:
		if !partial {
			return "", "must be a full date: format 602 (CCYY) gives only the year"
		}
		if len(val) != 4 || num(val) < 1 {
			return "", "must be CCYY for format 602"
		}
		return val, ""
	}
	return "", fmt.Sprintf("date format %q is not 101 (YYMMDD), 102 (CCYYMMDD), 610 (CCYYMM) or 602 (CCYY)", format)
}

func ymd(y, m, d int) (string, string) {
	if y < 1 || !validDay(y, m, d) {
		return "", "is not a calendar date"
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), ""
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// num reads a string already known to be digits (and short enough not to overflow).
func num(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
