package tui

import (
	"strings"
	"testing"
	"time"

	"align/tui/tuitest"
)

// TestEmptyWorkspaceSaysHowToImport: a workspace with no lead at all tells those who
// may import the command that does it, and the others who brings leads in; a new
// shared workspace opened over ssh showed "This queue is empty." and nothing more.
func TestEmptyWorkspaceSaysHowToImport(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Leads = nil
	for member, want := range map[string]string{
		"mia": "No leads yet. Import a CSV file: ssh -p 2222 align.example import - < leads.csv",
		"sam": "No leads yet; they arrive when marketing imports them.",
	} {
		st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member(member), 120, 40)
		h.app.ctx.Deps.Command = "ssh -p 2222 align.example"
		if v := plain(h.view()); !strings.Contains(v, want) {
			t.Errorf("%s sees:\n%s", member, v)
		}
	}
	h := newHarness(t, "mia", 120, 40)
	h.app.ctx.Deps.Command = "ssh -p 2222 align.example"
	h.keys("]", "]", "]") // Disputes: empty, in a workspace with leads
	if v := plain(h.view()); strings.Contains(v, "No leads yet") {
		t.Errorf("an empty queue of a workspace with leads offers an import:\n%s", v)
	}
}
