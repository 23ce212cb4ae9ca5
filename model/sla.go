package model

import (
	"fmt"
	"time"
)

// SLAPolicy holds the service-level targets of the handoff.
type SLAPolicy struct {
	// Accept is how long sales has to accept or reject a new MQL.
	Accept time.Duration `json:"accept"`
	// FirstTouch is how long an owner has to log a first contact after accepting.
	FirstTouch time.Duration `json:"first_touch"`
}

// DefaultSLA is product.md's default: accept within 24 hours, first touch within 4.
func DefaultSLA() SLAPolicy {
	return SLAPolicy{Accept: 24 * time.Hour, FirstTouch: 4 * time.Hour}
}

// AtRiskShare is the share of a clock's time left under which it is at risk.
const AtRiskShare = 0.25

// ClockState is how an SLA clock stands.
type ClockState int

// Clock states. A stopped clock is Met or Missed; a running one is on track, at risk or breached.
const (
	ClockNone ClockState = iota
	ClockOnTrack
	ClockAtRisk
	ClockBreached
	ClockMet
	ClockMissed
)

// String names the state as people say it.
func (s ClockState) String() string {
	switch s {
	case ClockOnTrack:
		return "on track"
	case ClockAtRisk:
		return "at risk"
	case ClockBreached:
		return "breached"
	case ClockMet:
		return "met"
	case ClockMissed:
		return "missed"
	}
	return "none"
}

// Clock is one SLA clock: when it started, its absolute deadline, and when it stopped.
// All three are UTC instants, so a clock never jumps when a wall clock is adjusted.
type Clock struct {
	Start    time.Time `json:"start,omitzero"`
	Deadline time.Time `json:"deadline,omitzero"`
	Stopped  time.Time `json:"stopped,omitzero"`
}

// StartClock starts a clock at now that runs for d.
func StartClock(now time.Time, d time.Duration) Clock {
	now = now.UTC()
	return Clock{Start: now, Deadline: now.Add(d)}
}

// Running reports whether the clock has started and not stopped.
func (c Clock) Running() bool { return !c.Start.IsZero() && c.Stopped.IsZero() }

// Stop stops the clock at now; stopping a stopped or unstarted clock changes nothing.
func (c Clock) Stop(now time.Time) Clock {
	if c.Running() {
		c.Stopped = now.UTC()
	}
	return c
}

// State is the clock's state at now.
func (c Clock) State(now time.Time) ClockState {
	switch {
	case c.Start.IsZero():
		return ClockNone
	case !c.Stopped.IsZero():
		if c.Stopped.After(c.Deadline) {
			return ClockMissed
		}
		return ClockMet
	case !now.Before(c.Deadline):
		return ClockBreached
	}
	total := c.Deadline.Sub(c.Start)
	if total > 0 && float64(c.Deadline.Sub(now)) < AtRiskShare*float64(total) {
		return ClockAtRisk
	}
	return ClockOnTrack
}

// Remaining is the time left at now, never negative, and never more than the clock's
// full span (so a wall clock set back cannot make a clock grow).
func (c Clock) Remaining(now time.Time) time.Duration {
	if c.Start.IsZero() {
		return 0
	}
	if !c.Stopped.IsZero() {
		now = c.Stopped
	}
	left := c.Deadline.Sub(now)
	if total := c.Deadline.Sub(c.Start); left > total {
		left = total
	}
	if left < 0 {
		return 0
	}
	return left
}

// Overdue is how far past the deadline the clock is at now (0 when not breached).
func (c Clock) Overdue(now time.Time) time.Duration {
	if c.Start.IsZero() {
		return 0
	}
	if !c.Stopped.IsZero() {
		now = c.Stopped
	}
	if d := now.Sub(c.Deadline); d > 0 {
		return d
	}
	return 0
}

// Elapsed is how long the clock ran (to now, or to when it stopped).
func (c Clock) Elapsed(now time.Time) time.Duration {
	if c.Start.IsZero() {
		return 0
	}
	if !c.Stopped.IsZero() {
		now = c.Stopped
	}
	if d := now.Sub(c.Start); d > 0 {
		return d
	}
	return 0
}

// LateBy writes how far a breached clock is overdue as "late 2h05m": a word, not a
// minus sign, so that a running clock never reads as a negative figure and the text
// alone (with NO_COLOR, or in `align lead list`) says the clock is breached.
func LateBy(d time.Duration) string {
	return "late " + HoursMinutes(d)
}

// HoursMinutes writes a clock's time left or overdue as "3h12m", "45m" or "2d03h",
// whole minutes cut, not rounded, so the screens and `align lead` show the same figure
// at the same moment (they differed by a minute).
func HoursMinutes(d time.Duration) string {
	m := int64(d / time.Minute)
	switch {
	case m >= 48*60:
		return fmt.Sprintf("%dd%02dh", m/(24*60), m%(24*60)/60)
	case m >= 60:
		return fmt.Sprintf("%dh%02dm", m/60, m%60)
	}
	return fmt.Sprintf("%dm", m)
}
