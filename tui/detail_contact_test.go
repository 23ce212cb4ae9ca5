package tui

import (
	"strings"
	"testing"

	"align/model"
)

// TestDetailLeavesOutAnEmptyContact: a lead imported with no contact fields (Olist's
// MQLs have only an ID, a date and an origin) showed a Contact heading with nothing
// under it (new-user review).
func TestDetailLeavesOutAnEmptyContact(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	bare := model.Lead{ID: 9001, Stage: model.StageMQL}
	lines := plain(strings.Join(detailLines(h.app.ctx, &bare, true, nil, nil, 60), "\n"))
	if strings.Contains(lines, "Contact") {
		t.Errorf("an empty Contact section:\n%s", lines)
	}
	bare.Source = "paid search"
	if lines := plain(strings.Join(detailLines(h.app.ctx, &bare, true, nil, nil, 60), "\n")); !strings.Contains(lines, "Contact") {
		t.Errorf("no Contact section for a lead with a source:\n%s", lines)
	}
}
