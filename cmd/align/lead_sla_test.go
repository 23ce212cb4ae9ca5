package main

import (
	"testing"
	"time"

	"align/model"
)

// TestLeadSLASaysLate: `align lead list` and `lead show` wrote an overdue clock as
// "-11d14h", a negative figure for a running clock; they say "late 11d14h", as the
// screens do.
func TestLeadSLASaysLate(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		deadline time.Time
		want     string
	}{
		{now.Add(-278*time.Hour - 5*time.Minute), "late 11d14h"},
		{now.Add(-2*time.Hour - 5*time.Minute), "late 2h05m"},
		{now.Add(3 * time.Hour), "3h00m!"},
		{now.Add(20 * time.Hour), "20h00m"},
	} {
		l := model.Lead{Stage: model.StageMQL, AcceptClock: model.Clock{Start: c.deadline.Add(-24 * time.Hour), Deadline: c.deadline}}
		if got := slaText(&l, now); got != c.want {
			t.Errorf("deadline %s: slaText = %q, want %q", c.deadline.Sub(now), got, c.want)
		}
	}
}
