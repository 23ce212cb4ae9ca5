package tui

import (
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// The queue screen's part in follow mode: where it is, and how it gets to where the
// followed teammate is.

// place is the queue, the lead the keys act on and whether its detail is open.
func (s *queueScreen) place() Place {
	p := Place{Queue: s.queue(), Detail: s.detail.open}
	switch rows := s.rows(); {
	case s.detail.pinned != nil:
		p.Lead = s.detail.pinned.ID
	case s.sel >= 0 && s.sel < len(rows):
		p.Lead = rows[s.sel].ID
	}
	return p
}

// followTo brings the screen to a teammate's place: their queue first (its first page
// comes back later, so it is not done yet), then their lead under the cursor, or
// opened from the store when the window does not hold it, then the detail open or
// closed as theirs is.
func (s *queueScreen) followTo(p Place) (bool, tea.Cmd) {
	if p.Queue != "" && p.Queue != s.queue() {
		for i, q := range model.Queues {
			if q == p.Queue {
				return false, s.open(i)
			}
		}
		return true, nil
	}
	if !s.ready || s.busy {
		return false, nil
	}
	var cmds []tea.Cmd
	if p.Lead != 0 && s.place().Lead != p.Lead {
		s.filter.clear() // a filter of their own would hide the teammate's rows
		i := s.rowOf(p.Lead)
		switch {
		case i >= 0:
			cmds = append(cmds, s.moveTo(i))
		default:
			// Not in this window (they jumped far, or it left the queue): pin it.
			return true, s.detail.show(p.Lead, s)
		}
	}
	switch {
	case p.Detail && !s.detail.open:
		cmds = append(cmds, s.openDetail())
	case !p.Detail && s.detail.open:
		s.detail.close()
		s.table.setWidth(s.tableWidth())
		s.restoreCursor()
	}
	return true, tea.Batch(cmds...)
}

// rowOf is the window row holding a lead, or -1.
func (s *queueScreen) rowOf(id model.LeadID) int {
	for i := range s.win.rows {
		if s.win.rows[i].ID == id {
			return i
		}
	}
	return -1
}
