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

// TestUndoPastARescore: a rescore after my reject does not stop me undoing it either,
// and the lead keeps the score the rescore gave it.
func TestUndoPastARescore(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	importRows(t, s, t0, row(1, "a@x.com", true))
	if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActReject, Lead: 1, Reason: model.ReasonNoBudget}); err != nil {
		t.Fatal(err)
	}
	rs := testRules()
	rs.Rules = append(rs.Rules, model.Rule{ID: "acme", Dimension: model.DimFit, When: `company == "Acme"`, Points: 10, Reason: "Acme"})
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Rescore(ctx, mkt, nil); err != nil || res.Changed != 1 {
		t.Fatalf("rescore: %+v, %v", res, err)
	}
	l, _, err := s.Undo(ctx, sdr)
	if err != nil || l.Stage != model.StageMQL || l.Score != 70 {
		t.Fatalf("undo past a rescore: stage %s, score %d, %v; want MQL with the rescored 70", l.Stage, l.Score, err)
	}
	checkInvariant(t, s)
}
