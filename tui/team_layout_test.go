package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestTeamLayout: at the common sizes the Team screen's headings are whole words ("Can
// do", not a bare "May" that read as a cut word), and what the member under the cursor
// may do is spelled out whole even where its column cuts the list.
func TestTeamLayout(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		h := newHarness(t, "sam", size[0], size[1])
		h.key("6")
		view := plain(h.view())
		lines := strings.Split(view, "\n")
		head := ""
		for _, ln := range lines {
			if strings.Contains(ln, "Name") && strings.Contains(ln, "Role") {
				head = ln
				break
			}
		}
		if !strings.HasSuffix(strings.TrimRight(head, " "), "Online  Can do") || strings.Contains(head, "…") {
			t.Errorf("%dx%d: the team table's headings read %q, want Name, Role, Online, Can do whole", size[0], size[1], head)
		}
		sel := h.app.screens[h.app.active].(*teamScreen).members()[0]
		whole := strings.Join(roleActions(sel.Role, model.Action.Label), ", ")
		if i := strings.LastIndex(whole, ", "); i >= 0 {
			whole = whole[:i] + " and " + whole[i+2:]
		}
		flat := strings.Join(strings.Fields(view), " ")
		want := clean(sel.Name) + " (" + sel.Role.Label() + ") can " + whole + "."
		if sel.Role == model.RoleViewer {
			want = clean(sel.Name) + " (Viewer) can only read."
		}
		if !strings.Contains(flat, want) {
			t.Errorf("%dx%d: the screen does not say %q whole:\n%s", size[0], size[1], want, view)
		}
	}
}

// TestTeamOfOneLocalAdmin: a local workspace whose only user is the local
// administrator holds no member, and the Team screen said "Loading the team…" for
// ever (new-user review). It lists the local user and says how to add teammates.
func TestTeamOfOneLocalAdmin(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Members = nil
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	// The command names the workspace's data directory: without --data it added the
	// teammate to the default one (new-user review).
	h := newHarnessDeps(t, st, Deps{Me: model.LocalAdmin("ada"), Local: true, Command: "align --data /srv/align"}, 80, 24)
	h.key("6")
	v := plain(h.view())
	for _, want := range []string{"Team · 1 member", "ada", "● you", "Nobody else is on the team yet", "align --data /srv/align user add NAME --role", "ROLE --key FILE.pub"} {
		if !strings.Contains(v, want) {
			t.Errorf("the Team screen of a team of one lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "Loading") {
		t.Errorf("the Team screen still says it is loading:\n%s", v)
	}
}
