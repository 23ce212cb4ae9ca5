package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestVerdictFormShowsTheDispute: leadership decides a dispute with the rejection and
// marketing's argument in the form, as marketing disputes with the rejection in view;
// the form showed neither, so a verdict from the list was taken blind. At the smallest
// size the brief gives way, and the choices stay visible.
func TestVerdictFormShowsTheDispute(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 15}} {
		ws := tuitest.Workspace()
		var l *model.Lead
		for i := range ws.Leads {
			if ws.Leads[i].DisputeOpen() && ws.Leads[i].Rejection != nil {
				l = &ws.Leads[i]
				break
			}
		}
		if l == nil {
			t.Fatal("the test workspace has no open dispute")
		}
		l.Rejection.Note = "Said call back in spring"
		st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member("lee"), size[0], size[1])
		h.send(showLeadMsg{ID: l.ID})
		h.key("V")
		if h.app.form == nil {
			t.Fatalf("%v: V opened no form: %s", size, h.app.status.text)
		}
		v := plain(h.view())
		want := []string{"Uphold the rejection", "Overturn"}
		if size[1] >= 24 {
			want = append(want, "Rejected by "+l.Rejection.By+": "+l.Rejection.Reason.Label()+" (Said call back in spring).",
				"Disputed by "+l.Dispute.By+": "+strings.Split(l.Dispute.Argument, "\n")[0])
		}
		for _, w := range want {
			if !strings.Contains(v, w) {
				t.Errorf("%v: the verdict form lacks %q:\n%s", size, w, plain(h.view()))
			}
		}
	}
}

// TestDisputeBriefSaysDisqualified: the dispute form on a disqualified lead said
// "Rejected by sam: duplicate."; it says "Disqualified by sam: ...", and a recycled
// lead's still says "Rejected by".
func TestDisputeBriefSaysDisqualified(t *testing.T) {
	for _, c := range []struct {
		stage model.Stage
		want  string
	}{
		{model.StageDisqualified, "Disqualified by sam: "},
		{model.StageRecycled, "Rejected by sam: "},
	} {
		ws := tuitest.Workspace()
		var l *model.Lead
		for i := range ws.Leads {
			if ws.Leads[i].Stage == c.stage && ws.Leads[i].Rejection != nil && ws.Leads[i].Dispute == nil {
				l = &ws.Leads[i]
				break
			}
		}
		if l == nil {
			t.Fatalf("the test workspace has no undisputed %s lead", c.stage)
		}
		st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member("mia"), 120, 40)
		h.send(showLeadMsg{ID: l.ID})
		h.key("D")
		if h.app.form == nil {
			t.Fatalf("%s: D opened no form: %s", c.stage, h.app.status.text)
		}
		want := c.want + l.Rejection.Reason.Label()
		if v := plain(h.view()); !strings.Contains(v, want) {
			t.Errorf("%s: the dispute form lacks %q:\n%s", c.stage, want, v)
		}
	}
}
