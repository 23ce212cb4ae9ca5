package tui

import (
	"context"
	"strings"
	"testing"

	"align/model"
	"align/tui/tuitest"
)

// TestFormKeptWhenTeammateChangesLead: I write a rejection with a note while a
// teammate assigns the lead; the store refuses my stale change, and the form comes
// back on the lead as it is now with my reason and note, so enter submits it. The
// form closed and the note was lost.
func TestFormKeptWhenTeammateChangesLead(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	cur, ok := h.queue().current()
	if !ok || cur.Stage != model.StageMQL {
		t.Fatalf("the inbox opens on %+v, want an MQL", cur)
	}
	h.key("r")
	if h.app.form == nil {
		t.Fatalf("r opened no form: %s", h.app.status.text)
	}
	h.keys("G", "enter") // the last reason: other, which needs the note
	h.typeText("Student, not a buyer")
	if _, _, err := h.store.Do(context.Background(), tuitest.Member("ada"), model.Command{Action: model.ActAssign, Lead: cur.ID, To: "sam"}); err != nil {
		t.Fatal(err)
	}
	h.key("enter")
	if h.app.form == nil {
		t.Fatalf("the form closed after the stale refusal: %s", h.app.status.text)
	}
	if h.app.form.v.Note != "Student, not a buyer" || h.app.form.v.Reason != model.ReasonOther {
		t.Errorf("the reopened form holds %+v, want the reason and the note typed", *h.app.form.v)
	}
	h.key("enter") // the reason, kept
	h.key("enter") // the note, kept: submit
	if h.app.form != nil {
		t.Fatalf("the reopened form did not submit:\n%s", plain(h.view()))
	}
	l, err := h.store.Lead(cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	if l.Rejection == nil || l.Rejection.Note != "Student, not a buyer" || l.Rejection.Reason != model.ReasonOther {
		t.Errorf("after submitting again: stage %s, rejection %+v", l.Stage, l.Rejection)
	}
}

// TestStaleFormThatNoLongerFits: when a teammate's change means the form's action no
// longer fits the lead, one sentence says who changed it, that nothing was sent and
// why; it ran "…reload it and try again." into the refusal.
func TestStaleFormThatNoLongerFits(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	cur, _ := h.queue().current()
	h.key("r")
	h.keys("enter") // the first reason
	if _, _, err := h.store.Do(context.Background(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: cur.ID}); err != nil {
		t.Fatal(err)
	}
	h.key("enter") // the optional note: submit
	// The test store does not say who changed the lead (the real one does: by).
	want := "A teammate changed " + leadName(cur) + " while your form was open, so it was not sent: " + leadName(cur) + " is sia's"
	if st := h.app.status.text; !strings.HasPrefix(st, want) || strings.Contains(st, "reload") {
		t.Errorf("status %q, want it to start %q", st, want)
	}
	if h.app.form != nil {
		t.Error("the form came back although its action no longer fits")
	}
}
