package tui

import (
	"strings"
	"testing"
)

// TestSecondKeyWhileSaving: a second a on a lead whose first a is still on its way to
// the store is held back with a word, instead of going out at the version before the
// first and coming back as "changed by sam since you opened it" with sam at the keys
// (new-user review: a a a a). Once the store has answered, a acts again.
func TestSecondKeyWhileSaving(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	q := h.queue()
	first, _ := q.current()
	_, pending := h.app.Update(keyMsg("a")) // the accept, not yet run
	h.key("a")
	if !strings.Contains(h.app.status.text, "Still saving your change to "+leadName(first)) || h.app.status.err {
		t.Fatalf("second a while saving: status %q (err %v)", h.app.status.text, h.app.status.err)
	}
	h.run(pending)
	if got, _ := h.store.Lead(first.ID); got.Owner != "sam" {
		t.Fatalf("the first a did not accept %s: %+v", first.Name, got)
	}
	if strings.Contains(h.app.status.text, "changed") {
		t.Errorf("status after the accept: %q", h.app.status.text)
	}
	next, _ := q.current()
	h.key("a")
	if got, _ := h.store.Lead(next.ID); next.ID == first.ID || got.Owner != "sam" {
		t.Errorf("a after the answer did not accept the next lead %s: %+v", next.Name, got)
	}
}
