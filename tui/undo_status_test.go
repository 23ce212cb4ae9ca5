package tui

import (
	"fmt"
	"testing"
)

// TestUndoStatusSentence: the status bar after an undo says which lead, where it is
// now and what was taken back; it read "Name: undid accepted.".
func TestUndoStatusSentence(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	l, ok := h.queue().current()
	if !ok {
		t.Fatal("the inbox is empty")
	}
	h.key("a")
	h.key("u")
	want := fmt.Sprintf("Undone “accepted”: %s (#%s) is back in the MQL inbox.", clean(l.DisplayName()), l.ID)
	if h.app.status.text != want || h.app.status.err {
		t.Errorf("status after undo: %q (error %v), want %q", h.app.status.text, h.app.status.err, want)
	}
}
