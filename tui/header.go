package tui

import (
	"fmt"
	"strings"

	"align/model"
)

// chromeCache keeps the header and the tabs between frames (linecache.go).
type chromeCache struct {
	head lineCache[headerKey]
	tabs lineCache[tabsKey]
}

// headerKey is everything the header shows.
type headerKey struct {
	theme    *Theme
	name, me string
	role     model.Role
	local    bool
	minute   int64
	width    int
}

// tabsKey is everything the tabs show.
type tabsKey struct {
	theme         *Theme
	active, width int
}

// header renders the top line: the workspace, who you are and your role, the time.
func (a *App) header(w int) string {
	me := a.ctx.Me()
	k := headerKey{theme: a.ctx.Theme, name: a.ctx.Settings.Name, me: me.Name, role: me.Role,
		local: a.ctx.Deps.Local, minute: a.ctx.Now.Unix() / 60, width: w}
	return a.chrome.head.get(k, func() string { return a.drawHeader(w) })
}

func (a *App) drawHeader(w int) string {
	th := a.ctx.Theme
	me := a.ctx.Me()
	left := th.Header.Render("align")
	if name := workspaceName(a.ctx.Settings); name != "" {
		left += th.HeaderDim.Render(" · ") + th.Bold.Render(name)
	}
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
	k := tabsKey{theme: a.ctx.Theme, active: a.active, width: w}
	return a.chrome.tabs.get(k, func() string { return a.drawTabs(w) })
}

func (a *App) drawTabs(w int) string {
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

// workspaceName is the workspace's name for the header and the window title, cleaned;
// empty when it only repeats the product's name (a new store is called "align"), which
// drew "align · align".
func workspaceName(set model.Settings) string {
	if name := clean(set.Name); name != "align" {
		return name
	}
	return ""
}
