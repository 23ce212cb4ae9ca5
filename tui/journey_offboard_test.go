package tui

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestJourneySaysWhichStagesShow: when the stages do not all fit, the title says which
// show and out of how many, with an arrow toward the hidden ones; it said "◂ 0 · 1 ▸",
// which nobody could read.
func TestJourneySaysWhichStagesShow(t *testing.T) {
	h := newBoardHarness(t, "sam", 80, 24)
	h.key("3")
	n := len(h.board().stages)
	title := func() string { return strings.Split(plain(h.view()), "\n")[2] }
	if want := "stages 1-3 of " + strconv.Itoa(n) + " ▸"; !strings.HasSuffix(strings.TrimRight(title(), " "), want) {
		t.Errorf("at the left edge the title is %q, want it to end %q", title(), want)
	}
	for range n {
		h.key("l")
	}
	if want := "◂ stages " + strconv.Itoa(n-2) + "-" + strconv.Itoa(n) + " of " + strconv.Itoa(n); !strings.HasSuffix(strings.TrimRight(title(), " "), want) {
		t.Errorf("at the right edge the title is %q, want it to end %q", title(), want)
	}
	h.send(tea.WindowSizeMsg{Width: 400, Height: 40})
	if strings.Contains(title(), "stages ") {
		t.Errorf("every stage fits, yet the title says %q", title())
	}
}
