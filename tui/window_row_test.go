package tui

import (
	"strings"
	"testing"
)

// TestWindowKeepsRowsDetailReadsInFull checks that the queue's window holds leads
// without their breakdown, activity and attributes, and that the detail pane still
// explains the score, also when it is closed and opened again on the same lead.
func TestWindowKeepsRowsDetailReadsInFull(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	s := h.queue()
	if len(s.win.rows) == 0 {
		t.Fatal("the inbox is empty")
	}
	for _, l := range s.win.rows {
		if l.Breakdown != nil || l.Activity != nil || l.Attrs != nil {
			t.Fatalf("lead %s is kept in full in the window", l.ID)
		}
	}
	first, err := h.store.Lead(s.win.rows[0].ID)
	if err != nil || len(first.Breakdown) == 0 {
		t.Fatalf("lead %s: %v, breakdown %v", first.ID, err, first.Breakdown)
	}
	reason := first.Breakdown[0].Reason
	for round := range 2 {
		h.key("enter")
		if v := plain(h.view()); !strings.Contains(v, reason) || strings.Contains(v, "Reading the reasons") {
			t.Fatalf("round %d: the detail pane does not explain the score with %q:\n%s", round, reason, v)
		}
		h.key("esc")
	}
}
