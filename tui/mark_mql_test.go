package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestMarkMQLKey: marketing hands an inquiry to sales with M, as `align lead mql` does;
// the workspace had no way to mark a lead MQL, so a marketer needed the command line.
// A role that may not hears who may, and the lead stays.
func TestMarkMQLKey(t *testing.T) {
	for _, me := range []string{"mia", "sam"} {
		ws := tuitest.Workspace()
		id := model.LeadID(0)
		for i := range ws.Leads {
			if ws.Leads[i].Stage == model.StageInquiry {
				id = model.LeadID(i + 1)
				break
			}
		}
		if id == 0 {
			t.Fatal("the test workspace has no inquiry")
		}
		st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member(me), 120, 40)
		h.send(showLeadMsg{ID: id})
		allowed := model.Can(tuitest.Member(me).Role, model.ActMarkMQL)
		if got := strings.Contains(plain(h.view()), "M mark as MQL"); got != allowed {
			t.Errorf("%s: the help line offers M: %v, want %v", me, got, allowed)
		}
		h.key("M")
		l, _ := st.Lead(id)
		if allowed && l.Stage != model.StageMQL {
			t.Errorf("%s: M left the lead at %s (status %q)", me, l.Stage, h.app.status.text)
		}
		if !allowed && (l.Stage != model.StageInquiry || !h.app.status.err) {
			t.Errorf("%s: M on a role that may not: stage %s, status %q", me, l.Stage, h.app.status.text)
		}
	}
}
