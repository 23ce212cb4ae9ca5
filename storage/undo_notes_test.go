package storage

import (
	"context"
	"testing"

	"align/model"
)

// TestUndoPastATeammatesNote: a note added after my reject does not stop me undoing
// it (it did: "changed again after your reject"); the note stays in the history, and
// a change that is not a note still stops the undo.
func TestUndoPastATeammatesNote(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	importRows(t, s, t0, row(1, "a@x.com", true), row(2, "b@x.com", true))
	for _, id := range []model.LeadID{1, 2} {
		if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActReject, Lead: id, Reason: model.ReasonNoBudget}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActDispute, Lead: 1, Note: "They asked for a demo."}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActNote, Lead: 2, Note: "Budget opens in Q3."}); err != nil {
		t.Fatal(err)
	}
	l, _, err := s.Undo(ctx, sdr) // my latest change: the reject of lead 2, noted since
	if err != nil || l.ID != 2 || l.Stage != model.StageMQL {
		t.Fatalf("undo past a note: lead %s at %s, %v", l.ID, l.Stage, err)
	}
	h, err := s.History(2)
	if err != nil || len(h) < 2 || h[len(h)-2].Action != model.ActNote {
		t.Errorf("the note left the history: %+v (%v)", h, err)
	}
	if _, _, err := s.Undo(ctx, sdr); err == nil { // lead 1's reject, disputed since
		t.Error("undo reverted a reject that marketing had disputed since")
	}
	checkInvariant(t, s)
}
