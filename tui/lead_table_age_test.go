package tui

import (
	"testing"
	"time"
)

// TestShortDurationYears: an age past a year reads in years; Olist's leads of 2018
// read "460w" (new-user review).
func TestShortDurationYears(t *testing.T) {
	day := 24 * time.Hour
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30m", 5 * time.Hour: "5h", 3 * day: "3d", 20 * day: "2w", 364 * day: "52w", 460 * 7 * day: "8y",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%v) = %q, want %q", d, got, want)
		}
	}
}
