package manifest

import (
	"time"
)

// Precision of a date of birth: many people, refugees above all, know only the year or month.
type Precision int

// Precisions, coarsest first.
const (
	Year Precision = iota + 1
	Month
	Day
)

// PartialDate is a calendar date known to a precision.
type PartialDate struct {
	Year, Month, Day int
	Precision        Precision
}

// ParseDate reads YYYY-MM-DD, or YYYY-MM / YYYY when partial is true. ok is false for anything
// else, including dates that are not on the calendar (2026-02-30).
func ParseDate(s string, partial bool) (PartialDate, bool) {
	var d PartialDate
	switch {
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		d.Precision = Day
	case partial && len(s) == 7 && s[4] == '-':
		d.Precision = Month
	case partial && len(s) == 4:
		d.Precision = Year
	default:
		return d, false
	}
	var ok bool
	if d.Year, ok = digits(s[0:4]); !ok || d.Year < 1 {
		return d, false
	}
	d.Month, d.Day = 1, 1
	if d.Precision >= Month {
		if d.Month, ok = digits(s[5:7]); !ok || d.Month < 1 || d.Month > 12 {
			return d, false
		}
	}
	if d.Precision == Day {
		if d.Day, ok = digits(s[8:10]); !ok || d.Day < 1 || d.Day > daysIn(d.Year, d.Month) {
			return d, false
		}
	}
	return d, true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Earliest is the first day the date may stand for.
func (d PartialDate) Earliest() time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// Latest is the last day the date may stand for.
func (d PartialDate) Latest() time.Time {
	switch d.Precision {
	case Year:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case Month:
		return time.Date(d.Year, time.Month(d.Month), daysIn(d.Year, d.Month), 0, 0, 0, 0, time.UTC)
	}
	return d.Earliest()
}

// ageRange gives the youngest and oldest the person can be on day at, in whole years.
func (d PartialDate) ageRange(at time.Time) (youngest, oldest int) {
	return age(d.Latest(), at), age(d.Earliest(), at)
}

func age(born, at time.Time) int {
	// Date once each: Year, Month and Day each convert the instant again.
	by, bm, bd := born.Date()
	ay, am, ad := at.Date()
	years := ay - by
	if am < bm || (am == bm && ad < bd) {
		years--
	}
	return years
}

// ParseTime reads an RFC 3339 time with a zone designator (Z or an offset) and returns it in UTC.
func ParseTime(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}
