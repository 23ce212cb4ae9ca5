package tui

import (
	"slices"

	"align/model"
)

// leadWindow is the slice of a queue held in memory around the cursor. The queue may
// hold a million leads; the window holds a few hundred, and the screen asks the store
// for the next or previous page when the cursor nears an edge.
type leadWindow struct {
	queue model.Queue
	me    string
	rows  []model.Lead
	// atStart and atEnd say the window reaches the queue's first and last lead.
	atStart, atEnd bool
}

// Window sizes: a page is what one store call returns, the window at most a few pages.
const (
	pageSize  = 100
	windowMax = 4 * pageSize
)

// cursor is the queue position of row i.
func (w *leadWindow) cursor(i int) model.Cursor { return model.CursorOf(w.queue, &w.rows[i]) }

// index finds a lead in the window, -1 when absent.
func (w *leadWindow) index(id model.LeadID) int {
	for i := range w.rows {
		if w.rows[i].ID == id {
			return i
		}
	}
	return -1
}

// less orders cursors the way the store does: by key, then by lead ID.
func less(a, b model.Cursor) bool {
	return a.Key < b.Key || (a.Key == b.Key && a.ID < b.ID)
}

// compareCursor is less as a three-way comparison for slices.SortFunc.
func compareCursor(a, b model.Cursor) int {
	switch {
	case less(a, b):
		return -1
	case less(b, a):
		return 1
	}
	return 0
}

// row is a lead as the window keeps it: without the score's breakdown, which only the
// detail pane shows and reads in full (detail.go), and without the activity and the
// imported attributes, which no row shows. A window holds up to windowMax leads in every
// session; with a hundred sessions open those three fields were about a sixth of the
// server's heap and most of the garbage of a page load.
func row(l model.Lead) model.Lead {
	l.Breakdown, l.Activity, l.Attrs = nil, nil, nil
	return l
}

// reset replaces the window's content.
func (w *leadWindow) reset(rows []model.Lead, atStart, atEnd bool) {
	for i := range rows {
		rows[i] = row(rows[i])
	}
	w.rows, w.atStart, w.atEnd = rows, atStart, atEnd
}

// appendPage adds the page after the window; full says the store had more to give.
// It trims the far side when the window grows too long and returns how many rows were
// dropped from the front.
func (w *leadWindow) appendPage(page []model.Lead, full bool) (dropped int) {
	w.rows = w.merge(page)
	w.atEnd = !full
	if over := len(w.rows) - windowMax; over > 0 {
		w.rows = slices.Delete(w.rows, 0, over)
		w.atStart = false
		return over
	}
	return 0
}

// prependPage adds the page before the window and returns how many rows it added in
// front, so the screen can keep the cursor on the same lead.
func (w *leadWindow) prependPage(page []model.Lead, full bool) (added int) {
	before := len(w.rows)
	w.rows = w.merge(page)
	added = len(w.rows) - before
	w.atStart = !full
	if over := len(w.rows) - windowMax; over > 0 {
		w.rows = w.rows[:len(w.rows)-over]
		w.atEnd = false
	}
	return added
}

// merge adds leads to the window, drops duplicates (keeping the newest version) and
// restores the queue order.
func (w *leadWindow) merge(page []model.Lead) []model.Lead {
	rows := w.rows
	for _, l := range page {
		l = row(l)
		if i := w.indexIn(rows, l.ID); i >= 0 {
			if rows[i].Version <= l.Version {
				rows[i] = l
			}
			continue
		}
		rows = append(rows, l)
	}
	q := w.queue
	slices.SortFunc(rows, func(a, b model.Lead) int {
		return compareCursor(model.CursorOf(q, &a), model.CursorOf(q, &b))
	})
	return rows
}

func (w *leadWindow) indexIn(rows []model.Lead, id model.LeadID) int {
	for i := range rows {
		if rows[i].ID == id {
			return i
		}
	}
	return -1
}

// apply folds a committed change into the window: the lead leaves when the queue no
// longer holds it, and enters at its place when that place lies inside the window.
// It reports whether the window changed.
func (w *leadWindow) apply(l model.Lead) bool {
	changed := false
	if i := w.index(l.ID); i >= 0 {
		if w.rows[i].Version > l.Version {
			return false
		}
		w.rows = slices.Delete(w.rows, i, i+1)
		changed = true
	}
	if !w.queue.Holds(&l, w.me) {
		return changed
	}
	c := model.CursorOf(w.queue, &l)
	pos, _ := slices.BinarySearchFunc(w.rows, c, func(r model.Lead, c model.Cursor) int {
		return compareCursor(model.CursorOf(w.queue, &r), c)
	})
	inside := (pos > 0 || w.atStart) && (pos < len(w.rows) || w.atEnd)
	if !inside {
		return changed
	}
	w.rows = slices.Insert(w.rows, pos, row(l))
	return true
}

// matches reports whether a lead holds every word of the query (model.MatchesSearch).
func matches(l *model.Lead, q string) bool {
	return model.MatchesSearch(l, model.SearchWords(q))
}
