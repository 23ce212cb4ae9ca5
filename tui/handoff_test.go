package tui

import (
	"slices"
	"testing"

	"align/model"
)

// TestAETakesOverInTheTUI: an AE's w, s and l on an SDR's lead open their forms, as
// the command line allows (the screen asked the model with every member standing in
// as an admin, so the owner read as nobody an AE may take a lead from, and it said
// "ask leadership to reassign it"); another AE's lead stays refused.
func TestAETakesOverInTheTUI(t *testing.T) {
	h := newHarness(t, "alex", 120, 40)
	c := h.app.ctx
	sql := model.Lead{ID: 901, Name: "Kim Lee", Stage: model.StageSQL, Owner: "sam", Version: 3}
	sal := sql
	sal.Stage = model.StageSAL
	for _, tt := range []struct {
		l model.Lead
		a model.Action
	}{{sql, model.ActWon}, {sql, model.ActLost}, {sal, model.ActQualify}} {
		if err := refusal(c, tt.l, tt.a); err != nil {
			t.Errorf("%s on sam's %s lead refused to an AE: %v", tt.a, tt.l.Stage, err)
		}
		if !slices.Contains(model.Available(tt.l, c.Me(), c.env()), tt.a) {
			t.Errorf("%s on sam's %s lead not offered to an AE", tt.a, tt.l.Stage)
		}
	}
	bens := sql
	bens.Owner = "ben"
	if err := refusal(c, bens, model.ActWon); err == nil {
		t.Error("an AE may win another AE's lead")
	}
}
