package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestPinnedLeadHidesTheCursor: a lead opened from the feed, the palette or a persona
// showed in the detail beside the queue while the list's cursor still marked another
// row, and `a` accepted the detail's lead, not the marked one (new-user review). While
// the detail shows a lead the list does not have under the cursor, no row is marked.
func TestPinnedLeadHidesTheCursor(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	q := h.queue()
	other := leadOutsideInbox(t, h)
	if !strings.Contains(plain(h.view()), "▸") {
		t.Fatal("no row is marked before the lead is opened")
	}
	h.send(showLeadMsg{ID: other, From: 5})
	if got, ok := q.current(); !ok || got.ID != other {
		t.Fatalf("the keys act on %d, want the opened lead %d", got.ID, other)
	}
	if v := plain(h.view()); strings.Contains(v, "▸") {
		t.Errorf("a row is still marked while the detail shows lead %d:\n%s", other, v)
	}
	h.key("j")
	if !strings.Contains(plain(h.view()), "▸") {
		t.Error("moving the cursor did not mark a row again")
	}
}

// TestViewerIsNotOfferedSelection: a viewer was offered "space select" with no bulk
// action to take on what they selected (new-user review).
func TestViewerIsNotOfferedSelection(t *testing.T) {
	h := newHarness(t, "val", 120, 40)
	if v := plain(h.view()); strings.Contains(v, "space select") {
		t.Errorf("a viewer is offered a selection:\n%s", v)
	}
	h.key("space")
	if q := h.queue(); len(q.marked) != 0 || !strings.Contains(h.app.status.text, "reads only") {
		t.Errorf("space selected %d leads for a viewer; status %q", len(q.marked), h.app.status.text)
	}
}

// TestSelectionActsOnlyWhereSeen: with a lead selected and then hidden by a filter, `a`
// accepted the hidden lead instead of the one marked on screen; with a lead opened
// from the palette, `a` accepted the selection instead of the lead shown (new-user
// review). A selection is acted on only where the list shows it.
func TestSelectionActsOnlyWhereSeen(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	q := h.queue()
	hidden, _ := q.current()
	h.key("space") // selects the top lead and moves down
	shown, _ := q.current()
	h.key("/")
	h.typeText(shown.Email)
	h.key("enter")
	if containsLead(q.rows(), hidden.ID) {
		t.Fatalf("the filter %q does not hide lead %d", shown.Email, hidden.ID)
	}
	if got := q.targets(model.ActAccept); len(got) != 1 || got[0].ID != shown.ID {
		t.Errorf("under a filter that hides the selected lead %d, a acts on %v, want %d", hidden.ID, leadIDs(got), shown.ID)
	}
	h.key("esc")
	other := leadOutsideInbox(t, h)
	h.send(showLeadMsg{ID: other, From: 5})
	if got := q.targets(model.ActAccept); len(got) != 1 || got[0].ID != other {
		t.Errorf("with lead %d opened from elsewhere, a acts on %v", other, leadIDs(got))
	}
}

// TestFirstMoveAfterOpenedLeadShowsTheCursor: after a lead opened from the feed, j
// stepped from the hidden cursor to the row below it (new-user review); the first
// move shows the cursor where it was.
func TestFirstMoveAfterOpenedLeadShowsTheCursor(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	q := h.queue()
	h.key("j")
	was, _ := q.current()
	other := leadOutsideInbox(t, h)
	h.send(showLeadMsg{ID: other, From: 5})
	h.key("j")
	if got, _ := q.current(); got.ID != was.ID {
		t.Errorf("the first j after an opened lead is on %d, want the cursor's row %d", got.ID, was.ID)
	}
}

// leadOutsideInbox is a lead the harness's inbox does not hold, to open from elsewhere.
func leadOutsideInbox(t *testing.T, h *harness) model.LeadID {
	t.Helper()
	all, _ := h.store.Page(model.QueueAll, "", nil, 1000)
	for _, l := range all {
		if !containsLead(h.queue().win.rows, l.ID) {
			return l.ID
		}
	}
	t.Fatal("every lead is in the inbox; the test needs one outside it")
	return 0
}

// TestSelectionFollowsTheList: with 3 leads selected in the MQL inbox, a teammate
// accepted one; the title still said "3 selected" with 2 rows marked (new-user
// review). A selected lead that leaves the list leaves the selection; esc clears the
// selection after a filter and before the detail (product.md's esc order).
func TestSelectionFollowsTheList(t *testing.T) {
	st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
	feed, stop := st.Subscribe()
	defer stop()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	q := h.queue()
	taken, _ := q.current()
	h.keys("space", "space", "space")
	if _, _, err := st.Do(t.Context(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: taken.ID}); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: <-feed})
	if v := plain(h.view()); len(q.marked) != 2 || q.marked[taken.ID] || !strings.Contains(v, "2 selected") {
		t.Fatalf("after sia accepted a selected lead, %d are selected:\n%s", len(q.marked), v)
	}
	h.keys("enter", "esc")
	if v := plain(h.view()); len(q.marked) != 0 || strings.Contains(v, "selected") || !q.detail.open {
		t.Errorf("esc in the detail did not clear the selection first (%d selected, detail open %v):\n%s", len(q.marked), q.detail.open, v)
	}
	h.key("esc")
	if q.detail.open {
		t.Error("the second esc did not leave the detail")
	}
}
