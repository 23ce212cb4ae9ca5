package tui

import (
	"testing"
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
