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

// TestOpenLeadLeavesWithAWord: when a teammate's change takes the lead whose detail I
// have open out of the queue, the status says so instead of silently showing the next.
func TestOpenLeadLeavesWithAWord(t *testing.T) {
	st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
	feed, stop := st.Subscribe()
	defer stop()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	h.key("enter")
	open, _ := h.queue().current()
	if _, _, err := st.Do(t.Context(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: open.ID}); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: <-feed})
	want := leadName(open) + " left the MQL inbox while you had it open: sia"
	v := plain(h.view())
	if !strings.Contains(v, want) {
		t.Errorf("no word that the open lead left; want %q in:\n%s", want, v)
	}
}
