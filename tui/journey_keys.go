package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// key handles one key press on the board, or in the stage guide when it is open.
func (s *journeyScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.text.typing {
		return s.textUpdate(msg)
	}
	bk, lk, gk := s.c.Keys.Board, s.c.Keys.List, s.c.Keys.Global
	if s.guide.open {
		return s.guideKey(msg)
	}
	b, keep := s.c.board(), s.keep()
	col := s.column()
	switch {
	case key.Matches(msg, gk.Back):
		if s.filter.active() || s.text.active() {
			s.filter, s.text.query = boardFilter{}, ""
			s.text.clear()
			return s.reload()
		}
		return nil
	case key.Matches(msg, lk.Filter):
		return s.text.start()
	case key.Matches(msg, bk.Left):
		s.col--
		s.clampCols()
		return nil
	case key.Matches(msg, bk.Right):
		s.col++
		s.clampCols()
		return nil
	case key.Matches(msg, bk.MoveBack):
		return s.move(-1)
	case key.Matches(msg, bk.MoveOn):
		return s.move(1)
	case key.Matches(msg, bk.MoveNote):
		return s.moveWithNote()
	case key.Matches(msg, bk.Guide):
		s.guide.show()
		return nil
	case key.Matches(msg, bk.Filter):
		return s.chooseFilter()
	case key.Matches(msg, bk.Note):
		return s.note()
	case key.Matches(msg, bk.Edit):
		return s.editGuide()
	case key.Matches(msg, bk.AddStage):
		return s.addStage()
	case key.Matches(msg, bk.StageLeft):
		return s.reorder(-1)
	case key.Matches(msg, bk.StageRight):
		return s.reorder(1)
	case key.Matches(msg, lk.Open):
		if l, ok := s.current(); ok {
			return openLead(l.ID, 3)
		}
		return nil
	}
	if col == nil {
		return nil
	}
	n := s.visibleCards()
	switch {
	case key.Matches(msg, lk.Down):
		col.sel++
	case key.Matches(msg, lk.Up):
		col.sel--
	case key.Matches(msg, lk.PageDown):
		col.sel += n
	case key.Matches(msg, lk.PageUp):
		col.sel -= n
	case key.Matches(msg, lk.Top):
		if !col.atStart {
			return col.load(b, loadTop, keep)
		}
		col.sel = 0
	case key.Matches(msg, lk.Bottom):
		col.sel = len(col.rows) - 1
	default:
		return nil
	}
	col.sel = min(max(col.sel, 0), max(len(col.rows)-1, 0))
	col.scroll(n)
	return col.edge(b, n, keep)
}

// move moves the card under the cursor by step stages at once; m moves it with a note.
func (s *journeyScreen) move(step int) tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActJourney); err != nil {
		return errCmd(err)
	}
	l, ok := s.current()
	if !ok {
		return boardFlash("There is no card here to move; pick a column with cards.")
	}
	to := s.col + step
	if to < 0 || to >= len(s.stages) {
		where := "last"
		if step < 0 {
			where = "first"
		}
		return boardFlash(leadName(l) + " is in the " + where + " stage already.")
	}
	st := s.stages[to].ID
	return runActions(s.c, model.ActJourney, l.ID, []model.Lead{l}, func(l model.Lead) model.Command {
		return model.Command{Action: model.ActJourney, Lead: l.ID, To: st, ExpectVersion: l.Version}
	})
}

// moveWithNote asks for the stage to move the card under the cursor to, and a note
// that says why; the next stage is offered first.
func (s *journeyScreen) moveWithNote() tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActJourney); err != nil {
		return errCmd(err)
	}
	l, ok := s.current()
	if !ok {
		return boardFlash("There is no card here to move; pick a column with cards.")
	}
	f := newMoveForm(s.c, l, s.stages, s.col)
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// note adds a note to the card under the cursor, with the queues' note form.
func (s *journeyScreen) note() tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActNote); err != nil {
		return errCmd(err)
	}
	l, ok := s.current()
	if !ok {
		return nil
	}
	f := newActionForm(s.c, model.ActNote, l.ID, []model.Lead{l})
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// clampCols keeps the selected stage on the board and in view.
func (s *journeyScreen) clampCols() {
	s.col = min(max(s.col, 0), max(len(s.stages)-1, 0))
	n := s.visibleCols()
	if s.col < s.first {
		s.first = s.col
	}
	if s.col >= s.first+n {
		s.first = s.col - n + 1
	}
	s.first = max(min(s.first, len(s.stages)-n), 0)
	for _, c := range s.cols {
		c.scroll(s.visibleCards())
	}
}
