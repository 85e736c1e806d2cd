package watchlist

// Identity evidence: date of birth, document number and document country
// confirm or rule out that a passenger is the listed person. The name says
// who it could be; the evidence says whether it is.

// Outcomes of comparing one piece of evidence.
const (
	Confirms   = "confirms"   // identical: same document, same full date of birth
	Consistent = "consistent" // compatible at the precision listed (same year, within a range)
	Near       = "near"       // off by what a typo or a rounded year explains
	RulesOut   = "rulesOut"   // clearly a different person
	Missing    = "missing"    // not given on one side: neither for nor against
	Differs    = "differs"    // recorded, but not weighed (nationality)
)

// Score effects of date-of-birth outcomes. A clearly different date moves
// the score below any useful threshold; a typo-sized difference costs a
// little, so that a damaged date still finds a well-matched name.
const (
	dobConfirms   = 0.08
	dobConsistent = 0.04
	dobNear       = -0.04
	dobRulesOut   = -0.40
	docConfirms   = 0.50
)

// dobOutcome compares a claimed date of birth with one listed date and
// returns the outcome and its effect on the score.
func dobOutcome(q, l DOB) (string, float64) {
	lo, hi := l.Year, l.Year
	if l.YearTo > l.Year {
		hi = l.YearTo
	}
	if l.Circa {
		lo, hi = lo-CircaYears, hi+CircaYears
	}
	ranged := hi > lo
	switch {
	case q.Year >= lo && q.Year <= hi && ranged:
		return Consistent, dobConsistent
	case q.Year == l.Year:
		switch {
		case q.Month == 0 || l.Month == 0:
			return Consistent, dobConsistent
		case q.Month == l.Month && (q.Day == 0 || l.Day == 0):
			return Consistent, dobConsistent
		case q.Month == l.Month && q.Day == l.Day:
			return Confirms, dobConfirms
		case oneDigitApart(q.Month, l.Month) && q.Day == l.Day,
			q.Month == l.Month && (oneDigitApart(q.Day, l.Day) || abs(q.Day-l.Day) <= 1),
			q.Month == l.Day && q.Day == l.Month:
			return Near, dobNear
		}
		return Near, 2 * dobNear
	case q.Year >= lo-1 && q.Year <= hi+1:
		return Near, dobNear
	case q.Month == l.Month && q.Day == l.Day && q.Month > 0 && q.Day > 0 && oneDigitApart(q.Year, l.Year):
		return Near, 2 * dobNear
	}
	return RulesOut, dobRulesOut
}

// oneDigitApart reports whether a and b differ in exactly one decimal
// digit or by a swap of two adjacent digits: the typos of keyed dates.
func oneDigitApart(a, b int) bool {
	if a == b {
		return false
	}
	da, db := digits(a), digits(b)
	diff, first := 0, -1
	for i := range da {
		if da[i] != db[i] {
			if first < 0 {
				first = i
			}
			diff++
		}
	}
	if diff == 1 {
		return true
	}
	return diff == 2 && first+1 < len(da) && da[first] == db[first+1] && da[first+1] == db[first]
}

func digits(n int) [4]int {
	var d [4]int
	for i := 3; i >= 0; i-- {
		d[i] = n % 10
		n /= 10
	}
	return d
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// outcomeRank orders outcomes from best to worst for picking the most
// favourable of several listed dates: any listed date may be the true one.
func outcomeRank(o string) int {
	switch o {
	case Confirms:
		return 0
	case Consistent:
		return 1
	case Near:
		return 2
	}
	return 3
}
