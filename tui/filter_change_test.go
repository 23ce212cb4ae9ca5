package tui

import (
	"strings"
	"testing"

	"align/tui/tuitest"
)

// TestFilteredLeadStaysAfterAChange: a lead found by its ID ("/27") left the filtered
// list as soon as anyone changed it, a note being enough (new-user review): the store's
// search knew IDs, the check the change feed ran did not.
func TestFilteredLeadStaysAfterAChange(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	q := h.queue()
	target := q.win.rows[3]
	h.key("/")
	h.typeText(target.ID.String())
	h.key("enter")
	if got, ok := q.current(); !ok || got.ID != target.ID {
		t.Fatalf("the filter on %s selects %d, want lead %d", target.ID, got.ID, target.ID)
	}
	h.key("n")
	h.typeText("Called, left a message")
	h.key("enter")
	if got, ok := q.current(); !ok || got.ID != target.ID || len(q.rows()) == 0 {
		t.Fatalf("after a note the filtered list holds %d leads and selects %d, want lead %d\n%s",
			len(q.rows()), got.ID, target.ID, plain(h.view()))
	}
}

// TestFilterLineBeforeTyping: on the board and the Team screen `/` showed "/ n  302
// matching" before anything was typed, the placeholder cut to its first letter (the
// input had no width) and a count of what was loaded; the queue's said "0 matching"
// (new-user review). An empty filter now shows its whole placeholder and no count.
func TestFilterLineBeforeTyping(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	for _, scr := range []string{"1", "3", "6"} {
		h.keys(scr, "/")
		v := plain(h.view())
		if strings.Contains(v, "matching") || !strings.Contains(v, "/ name") {
			t.Errorf("screen %s: the empty filter line is not its placeholder alone:\n%s", scr, v)
		}
		h.key("esc")
	}
}

// TestBoardFilterCountSaysItIsPartial: the board's filter said "302 matching" while its
// columns read "60+ of 517": the count was of the cards read so far (new-user review).
func TestBoardFilterCountSaysItIsPartial(t *testing.T) {
	st := bigBoardStore()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	h.keys("3", "/")
	h.typeText("a")
	if v := plain(h.view()); !strings.Contains(v, "+ matching so far") {
		t.Errorf("a partial count on the board does not say so:\n%s", v)
	}
}
