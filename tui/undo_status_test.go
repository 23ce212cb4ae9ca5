package tui

import (
	"fmt"
	"strings"
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

// TestUndoOnlyWhereLeadsAre: u on the Personas screen undid an older, unrelated lead
// change (new-user review). On Personas and Team u is refused with a sentence that
// says what it undoes and where; on Queues, Journey and Feed it undoes as before.
func TestUndoOnlyWhereLeadsAre(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	l, _ := h.queue().current()
	h.key("a")
	accepted, _ := h.store.Lead(l.ID)
	for _, screen := range []string{"2", "6"} {
		h.keys(screen, "u")
		if got, _ := h.store.Lead(l.ID); got.Version != accepted.Version {
			t.Fatalf("u on screen %s undid the accept of %d", screen, l.ID)
		}
		if s := h.app.status.text; !strings.Contains(s, "your last change to a lead") || !strings.Contains(s, "Queues screen") {
			t.Errorf("u on screen %s says %q", screen, s)
		}
	}
	h.keys(":")
	h.typeText("undo")
	h.key("enter")
	if got, _ := h.store.Lead(l.ID); got.Version != accepted.Version {
		t.Fatal("the palette's Undo on the Team screen undid the accept")
	}
	for _, screen := range []string{"3", "5", "1"} {
		h.keys(screen, "u")
		if got, _ := h.store.Lead(l.ID); got.Stage != l.Stage {
			t.Errorf("u on screen %s did not undo: %d is %s; status %q", screen, l.ID, got.Stage, h.app.status.text)
		}
		h.key("1")
		l, _ = h.queue().current()
		h.key("a")
	}
}
