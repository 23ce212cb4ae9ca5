package tui

import (
	"slices"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// boardColumn is one journey stage on the board: a window of its cards, oldest in
// stage first, paged through the store around the cursor, with the stage's count
// and median time in stage. Only the window is held, never the whole column.
type boardColumn struct {
	stage string
	rows  []model.Lead
	sel   int // cursor row
	top   int // first visible row

	// atStart and atEnd say the window holds the column's first or last entry; head
	// and tail are where the next backward and forward scans start (exclusive),
	// which under a filter may lie beyond the first and last rows shown.
	atStart, atEnd bool
	head, tail     *model.Cursor
	busy           bool
	gen            int
	err            error

	count                 int
	countKnown, countBusy bool
	countDue              bool

	median                  time.Time
	medianKnown, medianBusy bool
	medianDue               bool
}

// Board paging: a page of cards, the index entries a filtered page may read, and
// the most cards a column keeps.
const (
	boardPage    = 60
	boardScan    = 1000
	boardKeepMax = 360
)

// columnLoaded is a page of a column, tagged with the column and its generation.
type columnLoaded struct {
	Stage   string
	Gen     int
	Kind    loadKind
	Leads   []model.Lead
	Last    model.Cursor
	End     bool
	Err     error
	Scanned bool // Last is set: at least one entry was read
}

// columnCounted is a column's count.
type columnCounted struct {
	Stage string
	N     int
	Err   error
}

// columnMedian is when a column's median lead entered it.
type columnMedian struct {
	Stage string
	At    time.Time
	Err   error
}

// load fetches a page of the column from a command: loadTop resets the window,
// loadNext and loadPrev extend it.
func (c *boardColumn) load(b BoardStore, kind loadKind, keep func(*model.Lead) bool) tea.Cmd {
	if kind == loadTop {
		c.gen++
	} else if c.busy {
		return nil
	}
	c.busy = true
	stage, gen := c.stage, c.gen
	var at *model.Cursor
	reverse := false
	switch kind {
	case loadNext:
		at = c.tail
	case loadPrev:
		at, reverse = c.head, true
	}
	scan := boardPage
	if keep != nil {
		scan = boardScan
	}
	return func() tea.Msg {
		ls, last, end, err := b.JourneyPage(stage, at, boardPage, scan, reverse, keep)
		if reverse {
			slices.Reverse(ls)
		}
		return columnLoaded{Stage: stage, Gen: gen, Kind: kind, Leads: ls, Last: last, End: end, Err: err,
			Scanned: last != (model.Cursor{}) || len(ls) > 0}
	}
}

// loaded folds a page into the window; a page of an older generation is dropped.
func (c *boardColumn) loaded(m columnLoaded) bool {
	if m.Gen != c.gen {
		return false
	}
	c.busy, c.err = false, m.Err
	if m.Err != nil {
		return true
	}
	selID := c.selected()
	last := m.Last
	switch m.Kind {
	case loadTop:
		c.rows, c.sel, c.top = m.Leads, 0, 0
		c.atStart, c.atEnd, c.head, c.tail = true, m.End, nil, nil
		if m.Scanned {
			c.tail = &last
		}
		selID = 0
	case loadNext:
		c.rows = append(c.rows, m.Leads...)
		c.atEnd = m.End
		if m.Scanned {
			c.tail = &last
		}
		if drop := len(c.rows) - boardKeepMax; drop > 0 {
			c.rows = c.rows[drop:]
			h := journeyCursor(&c.rows[0])
			c.head, c.atStart = &h, false
		}
	case loadPrev:
		c.rows = append(slices.Clone(m.Leads), c.rows...)
		c.atStart = m.End
		if m.Scanned {
			c.head = &last
		}
		if drop := len(c.rows) - boardKeepMax; drop > 0 {
			c.rows = c.rows[:len(c.rows)-drop]
			t := journeyCursor(&c.rows[len(c.rows)-1])
			c.tail, c.atEnd = &t, false
		}
	}
	c.follow(selID)
	return true
}

// selected is the ID of the card under the cursor, 0 for none.
func (c *boardColumn) selected() model.LeadID {
	if c.sel >= 0 && c.sel < len(c.rows) {
		return c.rows[c.sel].ID
	}
	return 0
}

// follow puts the cursor back on the lead it was on, or keeps its row.
func (c *boardColumn) follow(id model.LeadID) {
	if id != 0 {
		for i := range c.rows {
			if c.rows[i].ID == id {
				c.sel = i
				return
			}
		}
	}
	c.sel = min(max(c.sel, 0), max(len(c.rows)-1, 0))
}

// scroll keeps the cursor within the n visible cards.
func (c *boardColumn) scroll(n int) {
	n = max(n, 1)
	if c.sel < c.top {
		c.top = c.sel
	}
	if c.sel >= c.top+n {
		c.top = c.sel - n + 1
	}
	c.top = max(min(c.top, len(c.rows)-n), 0)
}

// edge fetches the next or previous page when the cursor is within margin of the
// window's edge, so the window grows ahead of the cursor.
func (c *boardColumn) edge(b BoardStore, margin int, keep func(*model.Lead) bool) tea.Cmd {
	switch {
	case c.busy:
		return nil
	case !c.atEnd && c.sel >= len(c.rows)-margin:
		return c.load(b, loadNext, keep)
	case !c.atStart && c.sel < margin:
		return c.load(b, loadPrev, keep)
	}
	return nil
}

// apply folds a changed lead in: it leaves the column when it moved away, and joins
// it when it is in this stage, passes the filter, and falls within the window.
func (c *boardColumn) apply(l model.Lead, keep func(*model.Lead) bool) bool {
	selID := c.selected()
	changed := false
	if i := slices.IndexFunc(c.rows, func(r model.Lead) bool { return r.ID == l.ID }); i >= 0 {
		c.rows = slices.Delete(c.rows, i, i+1)
		if i < c.sel {
			c.sel--
		}
		changed = true
	}
	if l.Journey == c.stage && (keep == nil || keep(&l)) {
		cur := journeyCursor(&l)
		pos, _ := slices.BinarySearchFunc(c.rows, cur, func(r model.Lead, k model.Cursor) int {
			return compareCursor(journeyCursor(&r), k)
		})
		inside := (pos > 0 || c.atStart) && (pos < len(c.rows) || c.atEnd)
		if inside {
			c.rows = slices.Insert(c.rows, pos, l)
			if pos <= c.sel && selID != l.ID && len(c.rows) > 1 {
				c.sel++
			}
			changed = true
		}
	}
	if selID == l.ID && l.Journey != c.stage {
		c.sel = min(c.sel, max(len(c.rows)-1, 0))
		return changed
	}
	c.follow(selID)
	return changed
}

// loadCount asks for the column's count; while one is on its way, another is owed.
func (c *boardColumn) loadCount(b BoardStore) tea.Cmd {
	if c.countBusy {
		c.countDue = true
		return nil
	}
	c.countBusy = true
	stage := c.stage
	return func() tea.Msg {
		n, err := b.JourneyCount(stage)
		return columnCounted{Stage: stage, N: n, Err: err}
	}
}

func (c *boardColumn) counted(m columnCounted, b BoardStore) tea.Cmd {
	c.countBusy = false
	if m.Err == nil {
		c.count, c.countKnown = m.N, true
	}
	if c.countDue {
		c.countDue = false
		return c.loadCount(b)
	}
	return nil
}

// loadMedian computes the median time in stage in a command: it walks half the
// column's keys, so it never runs in View, and one runs per column at a time.
func (c *boardColumn) loadMedian(b BoardStore) tea.Cmd {
	if c.medianBusy {
		c.medianDue = true
		return nil
	}
	c.medianBusy = true
	stage := c.stage
	return func() tea.Msg {
		at, err := b.JourneyMedian(stage)
		return columnMedian{Stage: stage, At: at, Err: err}
	}
}

func (c *boardColumn) medianDone(m columnMedian, b BoardStore) tea.Cmd {
	c.medianBusy = false
	if m.Err == nil {
		c.median, c.medianKnown = m.At, true
	}
	if c.medianDue {
		c.medianDue = false
		return c.loadMedian(b)
	}
	return nil
}
