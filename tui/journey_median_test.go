package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestEmptyColumnHasNoMedian: after H or L moved a column's only card out, its header
// said "median 0d" from the median worked out before (new-user review).
func TestEmptyColumnHasNoMedian(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.key("3")
	s := h.app.screens[2].(*journeyScreen)
	c := &boardColumn{countKnown: true, medianKnown: true, median: h.app.ctx.Now.Add(-time.Hour)}
	head := s.header(model.JourneyStage{ID: "x", Name: "Expansion"}, c, 30, false)
	if got := plain(strings.Join(head[:], "\n")); !strings.Contains(got, "median –") {
		t.Errorf("an empty column's header:\n%s", got)
	}
}
