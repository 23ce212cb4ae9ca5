package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestOverdueClockSaysLate: an overdue clock read "-11d14h" in the queue table and
// "-11d00h" in the detail pane, a negative figure product.md rules out for a running
// clock. It reads "late 11d14h", in full in the table's SLA column at 80 columns, and
// the word alone says the clock is breached when there is no colour.
func TestOverdueClockSaysLate(t *testing.T) {
	now := tuitest.Now
	ck := model.Clock{Start: now.Add(-(24*time.Hour + 278*time.Hour)), Deadline: now.Add(-(278*time.Hour + 5*time.Minute))}
	if got, want := clockFigure(ck, now), "late 11d14h"; got != want {
		t.Errorf("clockFigure of a clock 11d14h overdue = %q, want %q", got, want)
	}
	l := model.Lead{ID: 7, Stage: model.StageMQL, Name: "Olivia Brien", AcceptClock: ck}

	h := newHarness(t, "sam", 80, 24)
	c := cellCtx{now: now, theme: h.app.ctx.Theme, queue: model.QueueMQL, names: h.app.ctx.Names}
	tb := leadTable{queue: model.QueueMQL}
	tb.setWidth(80)
	row := plain(tb.row(c, &l, false, false))
	if !strings.Contains(row, "late 11d14h") || strings.Contains(row, "-11d") {
		t.Errorf("the table row at 80 columns shows the overdue clock as:\n%q", row)
	}
	if head := plain(tb.header(h.app.ctx.Theme)); len([]rune(head)) > 80 || !strings.Contains(head, "Age") {
		t.Errorf("the table no longer fits 80 columns with its Age column:\n%q", head)
	}

	v := plain(strings.Join(detailLines(h.app.ctx, &l, true, nil, nil, 100), "\n"))
	if !strings.Contains(v, "Acceptance   late 11d14h") || strings.Contains(v, "-11d") {
		t.Errorf("the detail pane shows the overdue clock as:\n%s", v)
	}
}
