package tui

import (
	"context"
	"strings"
	"testing"

	"align/model"
	"align/tui/tuitest"
)

// TestNoteSurvivesTeammateChange: a teammate accepts the lead while I write a note on
// it; the note is still saved. It was refused as "changed since you opened it" and the
// typed text was gone.
func TestNoteSurvivesTeammateChange(t *testing.T) {
	h := newHarness(t, "mia", 120, 40)
	cur, ok := h.queue().current()
	if !ok || cur.Stage != model.StageMQL {
		t.Fatalf("the inbox opens on %+v, want an MQL", cur)
	}
	h.key("n")
	if h.app.form == nil {
		t.Fatalf("n opened no form: %s", h.app.status.text)
	}
	h.typeText("Called twice, no answer")
	if _, _, err := h.store.Do(context.Background(), tuitest.Member("sam"), model.Command{Action: model.ActAccept, Lead: cur.ID}); err != nil {
		t.Fatal(err)
	}
	h.key("enter")
	if h.app.status.err {
		t.Fatalf("the note was refused: %s", h.app.status.text)
	}
	hist, err := h.store.History(cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := hist[len(hist)-1]; !strings.Contains(last.Note, "Called twice") {
		t.Errorf("the last event is %+v, want the note", last)
	}
}
