package model

import (
	"testing"
	"time"
)

// TestUndoneSentence: an undo reads as a sentence that names the lead, where it is
// now and what was taken back, by name; it read "undid rejected: other", and an undone
// verdict "(was overturned the rejection: back to the MQL inbox)".
func TestUndoneSentence(t *testing.T) {
	names := NewNames(nil, []JourneyStage{{ID: "consideration", Name: "Consideration"}}, nil)
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		lead Lead
		ev   Event
		want string
	}{
		{"back to the inbox", Lead{ID: 42, Name: "Kate Bennett", Stage: StageMQL},
			Event{At: now, Action: ActUndo, Summary: "undid rejected: other", Changes: []Change{{Field: "stage", Before: "recycled", After: "mql"}}},
			"Undone “rejected: other”: Kate Bennett (#42) is back in the MQL inbox."},
		{"back a stage", Lead{ID: 7, Name: "Kim", Stage: StageSAL},
			Event{At: now, Action: ActUndo, Summary: "undid qualified to SQL", Changes: []Change{{Field: "stage", Before: "sql", After: "sal"}}},
			"Undone “qualified to SQL”: Kim (#7) is back at stage Accepted."},
		{"an overturned rejection taken back, whatever the summary's grammar", Lead{ID: 9, Name: "Ana", Stage: StageRecycled},
			Event{At: now, Action: ActUndo, Summary: "undid overturned the rejection: back to the MQL inbox", Changes: []Change{{Field: "stage", Before: "mql", After: "recycled"}}},
			"Undone “overturned the rejection: back to the MQL inbox”: Ana (#9) is back at stage Recycled."},
		{"stage left alone, by name", Lead{ID: 7, Name: "Kim\x1b[31m", Stage: StageMQL},
			Event{At: now, Action: ActUndo, Summary: "undid moved to journey stage consideration", Changes: []Change{{Field: "journey", Before: "consideration", After: "awareness"}}},
			"Undone “moved to journey stage Consideration” on Kim^[[31m (#7)."},
	}
	for _, c := range cases {
		if got := names.Undone(c.lead, c.ev); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}
