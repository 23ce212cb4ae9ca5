package tui

import tea "charm.land/bubbletea/v2"

// Following on the journey board: a follower's board shows the leader's column and,
// when the follower's column holds it, the card under the leader's cursor. A card
// beyond the cards the follower's column has read stays where it is; the column is
// still the leader's.

// place is the board's column and the card under the cursor.
func (s *journeyScreen) place() Place {
	st, ok := s.stage()
	if !ok {
		return Place{}
	}
	p := Place{Stage: st.ID}
	if l, ok := s.current(); ok {
		p.Lead, p.LeadName = l.ID, l.DisplayName()
	}
	return p
}

// followTo brings the board to a teammate's column and card.
func (s *journeyScreen) followTo(p Place) (bool, tea.Cmd) {
	if !s.loaded {
		return false, nil // the stages are on their way
	}
	for i, st := range s.stages {
		if st.ID == p.Stage {
			s.col = i
			s.clampCols()
			break
		}
	}
	if c := s.column(); c != nil && p.Lead != 0 {
		c.follow(p.Lead)
		c.scroll(s.visibleCards())
	}
	return true, nil
}
