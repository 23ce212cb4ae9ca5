package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The frame: header, tabs, the active screen under any overlay, status bar, help line.

// View composes the frame; it is the only place that decides terminal modes.
func (a *App) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			v = tea.NewView(fmt.Sprintf("Something broke while drawing the screen (%v). Press q to quit.", r))
			v.AltScreen = true
		}
	}()
	v = tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "align"
	if name := workspaceName(a.ctx.Settings); name != "" {
		v.WindowTitle += " · " + name
	}
	return v
}

// render draws the frame as a string.
func (a *App) render() string {
	if a.quitting {
		return ""
	}
	w := a.width
	if a.tooSmall() {
		return a.placeholder()
	}
	if a.welcome != nil {
		return a.welcome.view(a.ctx.Theme, w, a.height)
	}
	th := a.ctx.Theme
	body := a.screens[a.active].View()
	bh := a.bodyHeight()
	switch {
	case a.form != nil:
		box := a.form.view(th, min(w-4, 72), bh)
		body = overlay(body, box, w, bh)
	case a.palette != nil:
		box := a.palette.view(th, min(w-4, 76), min(bh, 20))
		body = overlay(body, box, w, bh)
	case a.help:
		box, _ := a.helpBox()
		body = overlay(body, box, w, bh)
	}
	var short []key.Binding
	switch {
	case a.form != nil:
		short = []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "next, or submit on the last")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))}
	case a.palette != nil:
		short = []key.Binding{key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "run")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
	default:
		short = append(a.screens[a.active].ShortHelp(), a.ctx.Keys.Global.Palette)
		if c, ok := a.screens[a.active].(Capturer); a.ctx.room.following != "" && !(ok && c.Capturing()) && !a.filtered() {
			short = followingHelp(short, a.ctx.Keys.Team.Unfollow)
		}
	}
	bar, help, long := a.longError(w)
	if !long {
		bar, help = a.statusBar(w), a.helpLine.render(th, short, w, a.form == nil && a.palette == nil)
	}
	parts := []string{a.header(w), a.tabs(w), body, bar, help}
	return strings.Join(parts, "\n")
}

// globalHelp lists the keys that work everywhere, for the full help.
func (a *App) globalHelp() []HelpGroup {
	g := a.ctx.Keys.Global
	screens := []key.Binding{g.NextScreen, g.PrevScreen}
	for _, d := range a.defs {
		screens = append(screens, g.Screens[d.Number-1])
	}
	palette := key.NewBinding(key.WithKeys(g.Palette.Keys()...), key.WithHelp(strings.Join(g.Palette.Keys(), " "), g.Palette.Help().Desc))
	other := []key.Binding{palette}
	if a.undoRefusal() == nil {
		other = append(other, g.Undo)
	}
	if a.ctx.room.following != "" {
		other = append(other, a.ctx.Keys.Team.Unfollow)
	}
	quit := g.Quit
	switch {
	case a.ctx.room.following != "":
		quit = withHelp(g.Quit, "stop following")
	case a.nested():
		quit = withHelp(g.Quit, "back, like esc")
	}
	return []HelpGroup{{"Screens", screens}, {"Other", append(other, g.ForceQuit, g.Back, quit)}}
}

// placeholder asks for a bigger terminal.
func (a *App) placeholder() string {
	w, h := a.width, a.height
	if w <= 0 || h <= 0 {
		return ""
	}
	next := "Enlarge it, or press q to quit."
	if a.form != nil {
		// q would be typed into the form, which waits with its text for a bigger terminal.
		next = "Enlarge it to go on with the form, or press ctrl+c to quit."
	}
	msg := fmt.Sprintf("Terminal too small: align needs at least %dx%d, this one is %dx%d. %s", MinWidth, MinHeight, a.rawW, a.rawH, next)
	lines := wrap(msg, w)
	return block(lines, w, h)
}

// overlay centres a box over a body of w x h.
func overlay(body, box string, w, h int) string {
	bw, bh := width(box), lipgloss.Height(box)
	x, y := max((w-bw)/2, 0), max((h-bh)/2, 0)
	out := lipgloss.NewCompositor(
		lipgloss.NewLayer(body),
		lipgloss.NewLayer(box).X(x).Y(y).Z(1),
	).Render()
	lines := strings.Split(out, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}
