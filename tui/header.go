package tui

import (
	"fmt"
	"strings"
)

// header renders the top line: the workspace, who you are and your role, the time.
func (a *App) header(w int) string {
	th := a.ctx.Theme
	name := a.ctx.Settings.Name
	if name == "" {
		name = "workspace"
	}
	me := a.ctx.Me()
	left := th.Header.Render("align") + th.HeaderDim.Render(" · ") + th.Bold.Render(clean(name))
	role := me.Role.Label()
	if a.ctx.Deps.Local {
		role += ", this terminal"
	}
	right := th.Team(me.Role.Team()).Render(clean(me.Name)) + th.HeaderDim.Render(fmt.Sprintf(" (%s) · %s",
		role, a.ctx.Now.Format("15:04")))
	return spread(left, right, w)
}

// tabs renders the screen tabs, numbered by their keys.
func (a *App) tabs(w int) string {
	th := a.ctx.Theme
	parts := make([]string, len(a.defs))
	for i, d := range a.defs {
		label := fmt.Sprintf("%d %s", d.Number, d.Name)
		if i == a.active {
			parts[i] = th.TabActive.Render(label)
		} else {
			parts[i] = th.Tab.Render(label)
		}
	}
	return fit(strings.Join(parts, "   "), w)
}
