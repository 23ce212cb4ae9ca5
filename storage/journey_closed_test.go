package storage

import (
	"testing"

	"align/model"
)

// TestClosedLeadsLeaveTheBoard: a lead lost or disqualified leaves the journey board
// (its column's count and pages), and one won stays. Lost deals sat in Decision as
// cards with their days in the stage growing (new-user review).
func TestClosedLeadsLeaveTheBoard(t *testing.T) {
	for _, tt := range []struct {
		stage model.Stage
		on    bool
	}{{model.StageLost, false}, {model.StageDisqualified, false}, {model.StageWon, true}, {model.StageRecycled, true}} {
		l := &model.Lead{ID: 7, Journey: "decision", Stage: tt.stage}
		found := false
		for _, e := range entries(l) {
			if e.counter == "j"+l.Journey {
				found = true
			}
		}
		if found != tt.on {
			t.Errorf("%s lead on the board: %v, want %v", tt.stage, found, tt.on)
		}
	}
}
