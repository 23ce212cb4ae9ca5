package tui

import (
	"strings"
	"testing"
	"time"

	"align/tui/tuitest"
)

// TestEmptyPersonasOfferOnlyNew: with no persona card, the help line offers to create
// one (to those who may) and nothing to open, edit or delete; it offered "enter open
// persona · o open its leads · e edit persona" on an empty screen (new-user review).
func TestEmptyPersonasOfferOnlyNew(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Personas = nil
	for member, want := range map[string]string{"mia": "c new persona", "sam": ""} {
		st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member(member), 120, 40)
		h.key("2")
		v := plain(h.view())
		if !strings.Contains(v, "No persona yet") {
			t.Fatalf("%s: the Personas screen is not the empty one:\n%s", member, v)
		}
		for _, bad := range []string{"open persona", "open its leads", "edit persona", "delete"} {
			if strings.Contains(v, bad) {
				t.Errorf("%s: an empty Personas screen offers %q:\n%s", member, bad, v)
			}
		}
		if want != "" && !strings.Contains(v, want) {
			t.Errorf("%s: the help line lacks %q:\n%s", member, want, v)
		}
	}
}
