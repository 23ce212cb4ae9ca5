package model

import (
	"testing"
	"time"
)

// TestHoursMinutes: the screens and `align lead list` showed one clock as 23h53m and
// 23h54m at the same moment (new-user review), one cutting the minutes and the other
// rounding them; both write it with HoursMinutes now.
func TestHoursMinutes(t *testing.T) {
	for d, want := range map[time.Duration]string{
		23*time.Hour + 53*time.Minute + 59*time.Second: "23h53m",
		45*time.Minute + 30*time.Second:                "45m",
		0:                                              "0m",
		50*time.Hour + 10*time.Minute:                  "2d02h",
	} {
		if got := HoursMinutes(d); got != want {
			t.Errorf("HoursMinutes(%v) = %q, want %q", d, got, want)
		}
	}
}
