package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/tui/tuitest"
)

// statusApp is an App whose status bar timer runs, shortened to ttl.
func statusApp(t *testing.T, ctx context.Context, ttl time.Duration) *App {
	t.Helper()
	st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
	a := New(Deps{Store: st, Me: tuitest.Member("sam"), Now: func() time.Time { return tuitest.Now }, Context: ctx})
	a.statusTimer.ttl = ttl
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return a
}

// expiry runs the commands of one Update and returns the status timer's message
// among them, if any.
func expiry(t *testing.T, cmd tea.Cmd) (statusExpiredMsg, bool) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runWithin(c, cmdWait)
		if !ok {
			t.Fatal("a command of the status bar did not return")
		}
		switch m := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, m...)
		case statusExpiredMsg:
			return m, true
		}
	}
	return statusExpiredMsg{}, false
}

// TestStatusMessageClears: a message in the status bar stayed there forever after an
// action; now it clears when its time is up, unless a newer message took its place,
// whose own time then counts.
func TestStatusMessageClears(t *testing.T) {
	a := statusApp(t, context.Background(), time.Millisecond)
	_, cmd := a.Update(flashMsg{Text: "Kim: accepted."})
	first, ok := expiry(t, cmd)
	if !ok || a.status.text != "Kim: accepted." {
		t.Fatalf("a message started no timer (%v) or is gone at once: %q", ok, a.status.text)
	}
	_, cmd = a.Update(flashMsg{Text: "Lee: accepted."})
	second, ok := expiry(t, cmd)
	if !ok {
		t.Fatal("the second message started no timer")
	}
	a.Update(first)
	if a.status.text != "Lee: accepted." {
		t.Errorf("the first message's timer cleared the second: %q", a.status.text)
	}
	if _, cmd := a.Update(second); cmd != nil {
		if _, again := expiry(t, cmd); again {
			t.Error("clearing the bar started another timer")
		}
	}
	if a.status.text != "" {
		t.Errorf("the message stayed after its time: %q", a.status.text)
	}
	if view := plain(a.View().Content); strings.Contains(view, "Lee: accepted.") {
		t.Error("the cleared message is still drawn")
	}
}

// TestStatusErrorWaitsForAKey: an error does not time out (it might be missed), and
// the next key clears it, short or long.
func TestStatusErrorWaitsForAKey(t *testing.T) {
	a := statusApp(t, context.Background(), time.Millisecond)
	_, cmd := a.Update(flashMsg{Text: "Only an MQL can be accepted.", Err: true})
	if _, ok := expiry(t, cmd); ok {
		t.Error("an error started a timer")
	}
	a.Update(statusExpiredMsg{gen: a.statusTimer.gen})
	if a.status.text == "" {
		t.Fatal("an error was cleared by a timer")
	}
	a.Update(keyMsg("j"))
	if a.status.text != "" {
		t.Errorf("the error stayed after a key: %q", a.status.text)
	}
}

// TestStatusTimerEndsWithSession: the timer of a message waits no longer than the
// session, so a closed session leaves no goroutine behind for the timer's length.
func TestStatusTimerEndsWithSession(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	a := statusApp(t, ctx, time.Hour)
	_, cmd := a.Update(flashMsg{Text: "Kim: accepted."})
	cancel()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg, ok := runWithin(c, cmdWait)
		if !ok {
			t.Fatal("the status timer outlived its session")
		}
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
		}
	}
}
