package tui

import (
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// The queue screen's part in follow mode: where it is, and how it gets to where the
// followed teammate is.

// whose is the member whose leads "My leads" shows: the teammate I follow, so that I
// see their queue (mine was empty beside their two leads), else me.
func (s *queueScreen) whose() string {
	if name := s.c.room.following; name != "" {
		return name
	}
	return s.c.Me().Name
}

// followChangedMsg says following started or stopped: "My leads" may now be another's.
type followChangedMsg struct{}

// followChanged opens "My leads" again when it shows someone else's leads now.
func (s *queueScreen) followChanged() tea.Cmd {
	if s.queue() == model.QueueMine && s.win.me != s.whose() {
		return s.open(s.qi)
	}
	return nil
}

// queueTitle is the queue's name, "sam's leads" for another's "My leads".
func (s *queueScreen) queueTitle() string {
	if s.queue() == model.QueueMine && s.whose() != s.c.Me().Name {
		return clean(s.whose()) + "'s leads"
	}
	return s.queue().Title()
}

// place is the queue, the lead the keys act on and whether its detail is open.
func (s *queueScreen) place() Place {
	p := Place{Queue: s.queue(), Detail: s.detail.open}
	switch rows := s.rows(); {
	case s.detail.pinned != nil:
		p.Lead, p.LeadName = s.detail.pinned.ID, s.detail.pinned.DisplayName()
	case s.sel >= 0 && s.sel < len(rows):
		p.Lead, p.LeadName = rows[s.sel].ID, rows[s.sel].DisplayName()
	}
	return p
}

// followTo brings the screen to a teammate's place: their queue first (its first page
// comes back later, so it is not done yet), then their lead under the cursor. A lead
// the window does not hold (they jumped far) is read from the store and pinned, then
// the window is loaded around it. Last, the detail is opened or closed as theirs is.
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
		switch i := s.rowOf(p.Lead); {
		case i >= 0:
			cmds = append(cmds, s.moveTo(i))
		case s.asked != p.Lead:
			s.asked = p.Lead
			return false, s.detail.show(p.Lead, s)
		default:
			return false, nil // asked for already: wait for it (or for their next move)
		}
	}
	around := false
	if pin := s.detail.pinned; pin != nil && pin.ID == p.Lead && s.rowOf(p.Lead) < 0 && s.queue().Holds(pin, s.whose()) {
		s.selID, around = p.Lead, true
		cmds = append(cmds, s.load(loadAround)) // around the pinned lead, read now
	}
	switch {
	case p.Detail && !s.detail.open:
		cmds = append(cmds, s.openDetail())
	case !p.Detail && s.detail.open:
		s.detail.close()
		s.table.setWidth(s.tableWidth())
		if !around { // the page on its way puts the cursor on the lead
			s.restoreCursor()
		}
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
