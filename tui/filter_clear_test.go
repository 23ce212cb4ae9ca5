package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"align/tui/tuitest"
)

// TestClearingFilterKeepsTheLead filters a large queue to a lead the store search
// found far beyond the loaded window and clears the filter: with the detail open (esc
// clears the filter first, product.md), with the list only, and while still typing.
// The detail goes on showing that lead and the cursor stays on it in the whole queue,
// where the window was read around it; the next esc leaves the detail on the same row.
func TestClearingFilterKeepsTheLead(t *testing.T) {
	cases := []struct {
		name string
		keys []string // after typing the query
		open bool     // the detail is open when the filter clears
	}{
		{"detail", []string{"enter", "G", "enter", "esc"}, true},
		{"list", []string{"enter", "G", "esc"}, false},
		{"typing", []string{"enter", "G", "/", "esc"}, false},
	}
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(5000, tuitest.Now)
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s/%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
				h := newHarnessWith(t, st, tuitest.Member("sam"), size[0], size[1])
				h.key("/")
				h.typeText("Tanaka")
				h.keys(c.keys[:len(c.keys)-1]...)
				q := h.queue()
				want, ok := q.current()
				if !ok || containsLead(q.win.rows, want.ID) {
					t.Fatalf("lead %d is in the loaded window; the test needs one beyond it", want.ID)
				}
				h.key(c.keys[len(c.keys)-1])
				if q.filter.active() || q.filter.typing {
					t.Fatal("esc did not clear the filter")
				}
				if q.detail.open != c.open {
					t.Fatalf("detail open %v, want %v", q.detail.open, c.open)
				}
				got, _ := q.current()
				rows := q.rows()
				if got.ID != want.ID || q.selID != want.ID || q.sel >= len(rows) || rows[q.sel].ID != want.ID {
					t.Fatalf("after clearing the filter the keys act on lead %d, cursor on %d, want lead %d", got.ID, q.selID, want.ID)
				}
				if c.open {
					if v := plain(h.view()); !strings.Contains(v, "#"+want.ID.String()) {
						t.Errorf("the detail no longer shows lead #%s:\n%s", want.ID, v)
					}
					h.key("esc")
					if got, _ := q.current(); q.detail.open || got.ID != want.ID {
						t.Errorf("second esc: detail open %v, cursor on %d, want closed on %d", q.detail.open, got.ID, want.ID)
					}
				}
			})
		}
	}
}

// TestClearingFilterKeepsPinnedLead opens a lead from the palette that the queue does
// not hold, filters, and clears the filter: the pane keeps that lead open.
func TestClearingFilterKeepsPinnedLead(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key(":")
	h.typeText("Vandelay")
	h.key("enter")
	q := h.queue()
	pinned := q.detail.pinned
	if pinned == nil || q.queue().Holds(pinned, "sam") {
		t.Fatalf("the palette pinned %+v; the test needs a lead the inbox does not hold", pinned)
	}
	h.key("/")
	h.typeText("a")
	h.keys("enter", "esc")
	if got, _ := q.current(); q.filter.active() || !q.detail.open || got.ID != pinned.ID {
		t.Errorf("filter %v, detail open %v on %d, want the filter cleared and %d still open", q.filter.active(), q.detail.open, got.ID, pinned.ID)
	}
}
