package main

import (
	"encoding/json"
	"testing"
	"time"
)

// The samples are dated; the demo moves them by whole days so they arrive within the next day
// (and stay live for the rescan's window), whatever day it is run; a sample still ahead stays.
func TestShiftToArriveAfter(t *testing.T) {
	arrival := time.Date(2026, 12, 1, 10, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		t    time.Time
		want time.Duration
	}{
		{"arrival still ahead", time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC), 0},
		{"arrival exactly now", arrival, 0},
		{"a minute after arrival", arrival.Add(time.Minute), 24 * time.Hour},
		{"a day and a minute after", arrival.Add(24*time.Hour + time.Minute), 48 * time.Hour},
		{"a year after", arrival.AddDate(1, 0, 0), 365 * 24 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := shiftToArriveAfter(arrival, tt.t)
			if got != tt.want {
				t.Errorf("shift %v, want %v", got, tt.want)
			}
			if moved := arrival.Add(got); moved.Before(tt.t) || (got > 0 && moved.Sub(tt.t) >= 24*time.Hour) {
				t.Errorf("moved arrival %v is not within the day after %v", moved, tt.t)
			}
		})
	}
}

// Documents move with the flight: an expiry keeps its distance to arrival, so what expired or
// expires soon before the flight still does.
func TestRescheduleMovesExpiriesWithTheFlight(t *testing.T) {
	body := []byte(`{"flight":{"arrival":{"scheduled":"2026-12-01T10:30:00Z"}},"persons":[{"documents":[{"number":"X1","expiry":"2026-11-30"}]}]}`)
	var m struct {
		Flight struct {
			Arrival struct{ Scheduled time.Time }
		}
		Persons []struct {
			Documents []struct{ Number, Expiry string }
		}
	}
	if err := json.Unmarshal(reschedule(body, 3*24*time.Hour, "AB"), &m); err != nil {
		t.Fatal(err)
	}
	if got := m.Flight.Arrival.Scheduled.Format(time.RFC3339); got != "2026-12-04T10:30:00Z" {
		t.Errorf("arrival %s", got)
	}
	if d := m.Persons[0].Documents[0]; d.Expiry != "2026-12-03" || d.Number != "X1AB" {
		t.Errorf("document %+v, want expiry 2026-12-03 and number X1AB", d)
	}
}
