package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// every is tea.Every that also ends when ctx does. tea.Every waits for its timer even
// after the program has quit, so each closed SSH session kept two goroutines and its
// whole App alive until the next minute.
func every(ctx context.Context, d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		now := time.Now()
		return after(ctx, now.Truncate(d).Add(d).Sub(now), fn)()
	}
}

// after is tea.Tick that also ends when ctx does, for the same reason.
func after(ctx context.Context, d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case at := <-t.C:
			return fn(at)
		case <-ctx.Done():
			return nil
		}
	}
}
