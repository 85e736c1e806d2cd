// Package watchlist parses sanctions lists (the UN Security Council
// Consolidated List, the OFAC SDN legacy CSV set and paxscreen's own JSON
// format), builds a compact screening index over their individuals, and
// screens passengers against it with explainable, deterministic scores.
//
// The package is pure: it reads bytes and returns values. Storing snapshots
// (DynamoDB chunks) and serving them is the caller's business.
package watchlist

import (
	"fmt"
	"strconv"
	"strings"
)

// Source names a list.
const (
	SourceUN   = "UN"
	SourceOFAC = "OFAC"
)

// Kind tells individuals from everything else on a list.
type Kind string

// Kinds of entries. Only individuals are screened as persons.
const (
	Individual Kind = "individual"
	Entity     Kind = "entity"
	Vessel     Kind = "vessel"
	Aircraft   Kind = "aircraft"
)

// Quality grades a name. The lists publish it: UN aliases are "Good" or
// "Low"; OFAC aliases in alt.csv are strong, the quoted a.k.a. in the remarks
// are weak.
type Quality string

// Name qualities. A primary name is the listed name itself.
const (
	Primary Quality = "primary"
	Strong  Quality = "strong"
	Weak    Quality = "weak"
)

// Name is one name of an entry.
type Name struct {
	Full    string  `json:"full"`
	Quality Quality `json:"quality"`
	// Script is "original" for a name in its original script (UN
	// NAME_ORIGINAL_SCRIPT), empty otherwise.
	Script string `json:"script,omitempty"`
}

// Document is an identity document of an entry.
type Document struct {
	Type    string `json:"type,omitempty"`
	Number  string `json:"number"`
	Country string `json:"country,omitempty"` // alpha-3 where known, else as listed
}

// Entry is one listed individual or entity.
type Entry struct {
	ID     string `json:"id"`     // source-scoped: UN reference number, OFAC ent_num
	Source string `json:"source"` // SourceUN, SourceOFAC or the JSON file's source
	Kind   Kind   `json:"kind"`
	Names  []Name `json:"names"` // Names[0] is the listed name
	// DatesOfBirth are all listed dates of birth; any of them may be the
	// true one.
	DatesOfBirth  []DOB      `json:"datesOfBirth,omitempty"`
	Nationalities []string   `json:"nationalities,omitempty"` // alpha-3
	Documents     []Document `json:"documents,omitempty"`
	Programs      []string   `json:"programs,omitempty"`
	// Aircraft holds what the lists say about a listed aircraft (kind aircraft only).
	Aircraft *AircraftDetails `json:"aircraft,omitempty"`
}

// ListedName is the entry's primary name.
func (e *Entry) ListedName() string {
	if len(e.Names) == 0 {
		return ""
	}
	return e.Names[0].Full
}

// DOB is a listed or claimed date of birth with its precision. Year-only
// and year-month dates keep the unknown parts at zero; they are never read as
// 1 January. A range covers Year..YearTo. Circa widens the year by
// CircaYears either side.
type DOB struct {
	Year   int  `json:"year"`
	Month  int  `json:"month,omitempty"`
	Day    int  `json:"day,omitempty"`
	YearTo int  `json:"yearTo,omitempty"`
	Circa  bool `json:"circa,omitempty"`
}

// CircaYears is how far either side of the year a "circa" or
// "approximately" date of birth reaches.
const CircaYears = 2

// String renders the date as ISO 8601 with its precision: 1958, 1958-03,
// 1958-03-01, 1973/1974, ~1966.
func (d DOB) String() string {
	var s string
	switch {
	case d.YearTo > d.Year:
		s = fmt.Sprintf("%04d/%04d", d.Year, d.YearTo)
	case d.Day > 0:
		s = fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case d.Month > 0:
		s = fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	default:
		s = fmt.Sprintf("%04d", d.Year)
	}
	if d.Circa {
		s = "~" + s
	}
	return s
}

// valid reports whether d is a plausible date of birth.
func (d DOB) valid() bool {
	if d.Year < 1800 || d.Year > 2200 || d.Month < 0 || d.Month > 12 || d.Day < 0 || d.Day > 31 {
		return false
	}
	if d.Day > 0 && d.Month == 0 {
		return false
	}
	return d.YearTo == 0 || (d.YearTo >= d.Year && d.YearTo-d.Year <= 50)
}

// ParseDOB reads a claimed date of birth: YYYY, YYYY-MM or YYYY-MM-DD, with
// unpadded parts accepted (1969-7-16). A day or month out of range is
// dropped rather than failing the whole date, since a typo in the day still
// leaves the year as evidence.
func ParseDOB(s string) (DOB, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 32 {
		return DOB{}, false
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return DOB{}, false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || len(p) > 4 {
			return DOB{}, false
		}
		n[i] = v
	}
	d := DOB{Year: n[0]}
	if len(parts) > 1 && n[1] >= 1 && n[1] <= 12 {
		d.Month = n[1]
		if len(parts) > 2 && n[2] >= 1 && n[2] <= daysIn(d.Year, d.Month) {
			d.Day = n[2]
		}
	}
	if !d.valid() {
		return DOB{}, false
	}
	return d, true
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
