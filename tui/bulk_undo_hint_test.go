package tui

import (
	"strings"
	"testing"
)

// TestBulkOutcomeSaysHowToUndo: after a bulk action the status says that u takes the
// leads back one at a time; one u undid one of three rejected leads and nothing said
// the other two were still rejected.
func TestBulkOutcomeSaysHowToUndo(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.keys("space", "space", "space", "r", "enter")
	if h.app.form != nil {
		h.key("enter")
	}
	if !strings.HasPrefix(h.app.status.text, "3 leads — rejected") || !strings.Contains(h.app.status.text, "u undoes them one lead at a time") {
		t.Errorf("status after a bulk reject: %q", h.app.status.text)
	}
}
