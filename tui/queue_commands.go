package tui

import (
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// Commands offers the palette every triage action on the current lead, the queues,
// and the actions the member's role may not take, marked with who may.
func (s *queueScreen) Commands() []Command {
	var out []Command
	me := s.c.Me()
	cur, ok := s.current()
	name := ""
	if ok {
		name = " · " + leadName(cur)
	}
	for _, ak := range s.c.Keys.Queue.actionKeys() {
		a := ak.Action
		c := Command{Label: a.Label() + name, Key: ak.Key.Help().Key}
		if err := model.Check(me.Role, a); err != nil {
			c.Refusal = err
		} else {
			c.Run = func() tea.Cmd { return s.triage(a) }
		}
		out = append(out, c)
	}
	for _, q := range model.Queues {
		out = append(out, Command{Label: "Open queue: " + q.Title(), Run: func() tea.Cmd {
			return tea.Batch(
				func() tea.Msg { return switchScreenMsg{Number: 1} },
				func() tea.Msg { return setQueueMsg{Queue: q} })
		}})
	}
	return out
}
