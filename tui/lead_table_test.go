package tui

import "testing"

// TestRowCacheHoldsThreeFrames: however far the cursor travels, the row cache holds
// the rows of the last three frames, not every row ever drawn; an unchanged row is
// reused, and a cursor move renders only the row it lands on.
func TestRowCacheHoldsThreeFrames(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	q := h.queue()
	for range 60 {
		h.key("j")
		_ = h.view()
	}
	if n, limit := len(q.table.cache)+len(q.table.prev)+len(q.table.older), 3*(q.tableRows()+1); n > limit {
		t.Fatalf("the row cache holds %d rows after 60 moves; at most %d expected", n, limit)
	}
	rows := q.rows()
	if len(rows) < 2 {
		t.Skip("the sample queue is too short")
	}
	cc := cellCtx{now: q.c.Now, theme: q.c.Theme, queue: q.queue(), names: q.c.Names}
	q.table.frame()
	a := q.table.row(cc, &rows[q.offset], false, false)
	q.table.frame()
	if b := q.table.row(cc, &rows[q.offset], false, false); b != a {
		t.Fatal("a row drawn in the last frame was rendered differently")
	}
	if len(q.table.cache) != 1 {
		t.Fatalf("the new frame holds %d rows, want the 1 reused", len(q.table.cache))
	}
	// A j press: only the row the cursor lands on is new.
	h.key("g")
	_ = h.view()
	h.key("j")
	_ = h.view()
	before := len(q.table.older) + len(q.table.prev) + len(q.table.cache)
	h.key("j")
	_ = h.view()
	missed := 0
	for k := range q.table.cache {
		_, inPrev := q.table.prev[k]
		_, inOlder := q.table.older[k]
		if !inPrev && !inOlder {
			missed++
		}
	}
	if missed != 1 {
		t.Fatalf("a j press rendered %d rows, want 1 (cache held %d rows)", missed, before)
	}
}
