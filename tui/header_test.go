package tui

import (
	"strings"
	"testing"
	"time"

	"align/tui/tuitest"
)

// TestHeaderDefaultName: a new store's workspace is called "align", and nothing sets
// another name yet, so every header read "align · align"; the header and the window
// title now name the workspace only when it has a name of its own.
func TestHeaderDefaultName(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Settings.Name = "align"
	h := newHarnessWith(t, tuitest.NewStore(ws, func() time.Time { return tuitest.Now }), tuitest.Member("sam"), 120, 40)
	head := strings.SplitN(plain(h.view()), "\n", 2)[0]
	if !strings.HasPrefix(head, "align ") || strings.Contains(head, "align · align") {
		t.Errorf("header %q", head)
	}
	if got := h.app.View().WindowTitle; got != "align" {
		t.Errorf("window title %q", got)
	}
	if got := newHarness(t, "sam", 120, 40).app.View().WindowTitle; got != "align · Northwind Sales & Marketing" {
		t.Errorf("named workspace: window title %q", got)
	}
}
