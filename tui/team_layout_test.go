package tui

import (
	"strings"
	"testing"

	"align/model"
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
