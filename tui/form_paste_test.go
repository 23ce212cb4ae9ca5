package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestLongPasteIsRefusedNotCut: 2,000 characters pasted into a persona's name were
// cut to the field's 80 without a word and saved (new-user review). The field now
// holds the paste and its check refuses it with its length, so nothing is lost
// silently.
func TestLongPasteIsRefusedNotCut(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("2", "c")
	if h.app.form == nil {
		t.Fatal("c did not open the persona form")
	}
	h.send(tea.PasteMsg{Content: strings.Repeat("x", 2000)})
	h.key("enter")
	if h.app.form == nil {
		t.Fatal("the form closed on a 2,000-character name")
	}
	if v := plain(h.view()); !strings.Contains(v, "persona name is longer than the 80 characters allowed") {
		t.Errorf("the form does not say the name is too long:\n%s", v)
	}
}
