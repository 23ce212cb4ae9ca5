package tui

import (
	"slices"
	"testing"
	"time"

	"align/model"
	"align/model/sample"
	"align/tui/tuitest"
)

// TestUndoPutsCursorOnRestoredLead accepts the third lead of the inbox, walks on, and
// undoes: the cursor lands on the lead the undo brought back, not where it was.
func TestUndoPutsCursorOnRestoredLead(t *testing.T) {
	h := newHarness(t, "sam", 80, 24)
	h.keys("j", "j")
	id := h.queue().selID
	h.key("a")
	if h.queue().index(id) >= 0 {
		t.Fatal("the accepted lead is still in the inbox")
	}
	h.keys("j", "j")
	h.key("u")
	if l, _ := h.store.Lead(id); l.Stage != model.StageMQL {
		t.Fatalf("undo left the lead %s", l.Stage)
	}
	if cur, ok := h.queue().current(); !ok || cur.ID != id {
		t.Errorf("after undo the cursor is on %d, want the restored lead %d", cur.ID, id)
	}
}

// TestUndoLoadsRestoredLeadBeyondWindow undoes a change to a lead far down the
// sample's inbox, beyond the first page the window holds: the window is loaded around
// it and the cursor stands on it.
func TestUndoLoadsRestoredLeadBeyondWindow(t *testing.T) {
	ws := sample.Generate(tuitest.Now)
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	me := ws.Members[slices.IndexFunc(ws.Members, func(m model.Member) bool { return m.Role == model.RoleAdmin })]
	inbox, err := st.Page(model.QueueMQL, me.Name, nil, 3*pageSize)
	if err != nil || len(inbox) < 2*pageSize {
		t.Fatalf("the sample inbox holds %d leads (%v), want more than two pages", len(inbox), err)
	}
	far := inbox[len(inbox)-1]
	h := newHarnessWith(t, st, me, 120, 40)
	if h.queue().index(far.ID) >= 0 {
		t.Fatal("the window already holds the far lead")
	}
	if _, _, err := st.Do(t.Context(), me, model.Command{Action: model.ActAccept, Lead: far.ID, ExpectVersion: far.Version}); err != nil {
		t.Fatal(err)
	}
	h.key("u")
	if h.app.status.err {
		t.Fatalf("undo failed: %s", h.app.status.text)
	}
	cur, ok := h.queue().current()
	if !ok || cur.ID != far.ID || h.queue().index(far.ID) < 0 {
		t.Errorf("after undo the cursor is on %d, want the restored lead %d in the window", cur.ID, far.ID)
	}
	if n := len(h.queue().rows()); n < 2 {
		t.Errorf("the window holds %d rows around the restored lead, want its neighbours too", n)
	}
}
