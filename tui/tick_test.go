package tui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestEveryEndsWithContext: the minute tick of a session that ended must not wait
// for the next minute (it held the App and two goroutines per closed SSH session).
func TestEveryEndsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cmd := every(ctx, time.Hour, func(at time.Time) tea.Msg { return tickMsg{At: at} })
	got := make(chan tea.Msg, 1)
	go func() { got <- cmd() }()
	cancel()
	select {
	case msg := <-got:
		if msg != nil {
			t.Errorf("a cancelled tick returned %#v, want nil", msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the tick kept waiting after its context ended")
	}

	fired := every(context.Background(), 10*time.Millisecond, func(at time.Time) tea.Msg { return tickMsg{At: at} })
	done := make(chan tea.Msg, 1)
	go func() { done <- fired() }()
	select {
	case msg := <-done:
		if _, ok := msg.(tickMsg); !ok {
			t.Errorf("the tick returned %#v, want a tickMsg", msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the tick never fired")
	}
}
