package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestTooSmallIgnoresKeys: while the terminal is too small, the placeholder hides the
// queue, so a triage key must not act on the hidden lead (a accepted it, r opened an
// invisible form); q quits, as the placeholder says.
func TestTooSmallIgnoresKeys(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	before, _ := h.queue().current()
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	if v := plain(h.view()); !strings.Contains(v, "press q to quit") {
		t.Errorf("the placeholder does not say how to leave:\n%s", v)
	}
	h.keys("a", "r", "space", "u", ":", "?", "2")
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	after, _ := h.queue().current()
	if after.ID != before.ID || after.Stage != before.Stage {
		t.Errorf("keys pressed while too small changed the lead: %v %s, was %v %s", after.ID, after.Stage, before.ID, before.Stage)
	}
	if h.app.form != nil || h.app.palette != nil || h.app.help || h.app.active != 0 || len(h.queue().marked) != 0 {
		t.Errorf("keys pressed while too small opened something:\n%s", plain(h.view()))
	}
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	h.key("q")
	if !h.app.quitting {
		t.Error("q on the placeholder did not quit")
	}
}

// TestTooSmallWithAFormSaysHowToQuit: with a form open the placeholder said "press q
// to quit", but q goes to the form, which keeps its text for a bigger terminal
// (new-user review); it now names ctrl+c.
func TestTooSmallWithAFormSaysHowToQuit(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	h.key("n")
	h.typeText("draft")
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	if v := plain(h.view()); strings.Contains(v, "press q") || !strings.Contains(v, "ctrl+c") {
		t.Errorf("too small with a form open:\n%s", v)
	}
	h.key("q")
	if h.app.quitting || h.app.form == nil {
		t.Error("q quit or closed the form")
	}
}
