package tui

import tea "charm.land/bubbletea/v2"

// Screens are built and loaded the first time they are shown, then kept: a session
// that only ever looks at the inbox never pays for the journey board, the feed, the
// personas or the team. Over SSH every session is its own App, so this is memory and
// start-up work saved per teammate.

// build constructs the screen at index i and sizes it to the body, without loading it.
func (a *App) build(i int) Screen {
	s := a.defs[i].New(a.ctx)
	if !a.tooSmall() {
		s.SetSize(a.width, a.bodyHeight())
	}
	a.screens[i] = s
	return s
}

// built returns the screen at index i, building it the first time; its first loads
// wait in a.starting until Update returns them.
func (a *App) built(i int) Screen {
	if s := a.screens[i]; s != nil {
		return s
	}
	s := a.build(i)
	a.starting = append(a.starting, s.Init())
	return s
}

// started adds the first loads of the screens built while handling a message to the
// command Update returns.
func (a *App) started(cmd tea.Cmd) tea.Cmd {
	if len(a.starting) == 0 {
		return cmd
	}
	cmds := append(a.starting, cmd)
	a.starting = nil
	return tea.Batch(cmds...)
}
