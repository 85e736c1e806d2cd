package main

import (
	"testing"
	"time"
)

// TestAlertPrinterBacksOff: with its queue gone, the console's alert printer waits longer and
// longer between receives, up to maxPause, instead of spinning.
func TestAlertPrinterBacksOff(t *testing.T) {
	var pauses []time.Duration
	p := time.Duration(0)
	for range 10 {
		p = nextPause(p)
		pauses = append(pauses, p)
	}
	want := []time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second,
		8 * time.Second, 16 * time.Second, maxPause, maxPause, maxPause}
	for i := range want {
		if pauses[i] != want[i] {
			t.Fatalf("pauses %v, want %v", pauses, want)
		}
	}
}
