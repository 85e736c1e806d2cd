package watchlist

import (
	"testing"

	"github.com/paxscreen/paxscreen/shared/rules"
)

// The thresholds shipped in the default ruleset are the ones the figures in docs/SCREENING.md
// were measured at.
func TestRulesetShipsTheMeasuredThresholds(t *testing.T) {
	w := rules.Default().Watchlist
	if w.Threshold != DefaultThreshold || w.StrongThreshold != StrongThreshold {
		t.Errorf("ruleset thresholds %v/%v, measured at %v/%v", w.Threshold, w.StrongThreshold, DefaultThreshold, StrongThreshold)
	}
}
