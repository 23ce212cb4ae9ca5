package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestDetailLinesReadWell: a stopped clock says missed once, a lead with neither name
// nor email is not called by its ID twice, and imported columns are listed by header,
// each value apart from its key.
func TestDetailLinesReadWell(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	now := tuitest.Now
	l := model.Lead{ID: 2, Stage: model.StageSAL,
		AcceptClock: model.Clock{Start: now.Add(-48 * time.Hour), Deadline: now.Add(-40 * time.Hour), Stopped: now.Add(-30 * time.Hour)},
		Attrs: map[string]string{"TotalVisits": "7", "Lead Origin\x1b[31m": "API",
			"Asymmetrique Profile Index of the lead, a long header": "02.Medium"}}
	v := plain(strings.Join(detailLines(h.app.ctx, &l, true, nil, nil, 100), "\n"))
	for _, bad := range []string{"missed missed", "#2  Accepted  #2", "\x1b[31m"} {
		if strings.Contains(v, bad) {
			t.Errorf("detail has %q:\n%s", bad, v)
		}
	}
	// A key longer than its column is cut with a gap before the value: it ran into it.
	for _, want := range []string{"Acceptance   missed", "Other columns · 3", "TotalVisits", "Lead Origin", "API", "…  02.Medium"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
}

// TestOpenLeadStaysWhenATeammateTakesIt: sam had a lead open in the MQL inbox when a
// teammate accepted it; the detail moved on to the next row and sam's `a` accepted a
// lead sam had not read (new-user review). The detail keeps the lead, at its new
// version, with no row marked; `a` acts on it and gets the model's refusal; esc goes
// back to the list with the cursor on the row where the lead was. At 120 columns the
// detail sits beside the list, at 80 it fills the screen.
func TestOpenLeadStaysWhenATeammateTakesIt(t *testing.T) {
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
		feed, stop := st.Subscribe()
		h := newHarnessWith(t, st, tuitest.Member("sam"), size[0], size[1])
		q := h.queue()
		h.key("enter")
		open, _ := q.current()
		next := q.rows()[q.sel+1]
		if _, _, err := st.Do(t.Context(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: open.ID}); err != nil {
			t.Fatal(err)
		}
		h.send(feedMsg{Item: <-feed})
		v := plain(h.view())
		want := leadName(open) + " left the MQL inbox while you had it open: sia"
		if got, _ := q.current(); got.ID != open.ID || !q.detail.open || !strings.Contains(v, want) {
			t.Fatalf("%dx%d: after sia accepted %d the keys act on %d (detail open %v); want it kept with a word:\n%s",
				size[0], size[1], open.ID, got.ID, q.detail.open, v)
		}
		if strings.Contains(v, "▸") {
			t.Errorf("%dx%d: a row is marked while the detail shows the lead that left:\n%s", size[0], size[1], v)
		}
		h.key("a")
		if got, _ := st.Lead(next.ID); got.Version != next.Version {
			t.Errorf("%dx%d: a changed %d, the next row, instead of the lead shown", size[0], size[1], next.ID)
		}
		if !h.app.status.err || !strings.Contains(h.app.status.text, "sia") {
			t.Errorf("%dx%d: a on the lead sia accepted says %q, want the refusal", size[0], size[1], h.app.status.text)
		}
		h.key("esc")
		if got, _ := q.current(); q.detail.open || got.ID != next.ID {
			t.Errorf("%dx%d: after esc the cursor is on %d (detail open %v), want the next row %d", size[0], size[1], got.ID, q.detail.open, next.ID)
		}
		stop()
	}
}
