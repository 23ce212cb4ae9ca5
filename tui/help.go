package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// helpLineCache remembers the help line for the bindings, width and theme it was
// drawn for; measuring every entry on every frame would cost more than the table.
type helpLineCache struct {
	key   string
	theme *Theme
	out   string
}

// render returns the help line, drawing it only when what it shows changed.
func (c *helpLineCache) render(th *Theme, bindings []key.Binding, w int, withHelp bool) string {
	var b strings.Builder
	for _, k := range bindings {
		if k.Enabled() {
			b.WriteString(k.Help().Key)
			b.WriteByte(0)
			b.WriteString(k.Help().Desc)
			b.WriteByte(0)
		}
	}
	b.WriteString(strconv.Itoa(w))
	b.WriteString(strconv.FormatBool(withHelp))
	if b.String() == c.key && th == c.theme {
		return c.out
	}
	c.key, c.theme, c.out = b.String(), th, helpLine(th, bindings, w, withHelp)
	return c.out
}

// helpLine renders the short help: the screen's keys while they fit, and "? help"
// last, except in a form or the palette, where "?" is typed text.
func helpLine(th *Theme, bindings []key.Binding, w int, withHelp bool) string {
	item := func(b key.Binding) string {
		h := b.Help()
		return th.HelpKey.Render(h.Key) + " " + th.HelpDesc.Render(h.Desc)
	}
	last := th.HelpKey.Render("?") + " " + th.HelpDesc.Render("help")
	if !withHelp {
		last = ""
	}
	sep := th.HelpDesc.Render(" · ")
	room := w - lipgloss.Width(last)
	var parts []string
	used := 0
	for _, b := range bindings {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		s := item(b)
		if used+lipgloss.Width(s)+lipgloss.Width(sep) > room {
			break
		}
		parts = append(parts, s)
		used += lipgloss.Width(s) + lipgloss.Width(sep)
	}
	if last != "" {
		parts = append(parts, last)
	}
	return fit(strings.Join(parts, sep), w)
}

// fullHelp renders the full help of the current screen and the global keys in a box.
func fullHelp(th *Theme, title string, groups [][]key.Binding, global []key.Binding, w, h int) string {
	inner := max(w-th.Box.GetHorizontalFrameSize(), 10)
	lines := []string{th.Title.Render(trunc("Help · "+title, inner)), ""}
	groups = append(groups, global)
	keyW := 0
	for _, g := range groups {
		for _, b := range g {
			keyW = max(keyW, lipgloss.Width(b.Help().Key))
		}
	}
	for gi, g := range groups {
		if gi > 0 {
			lines = append(lines, "")
		}
		for _, b := range g {
			if !b.Enabled() {
				continue
			}
			lines = append(lines, trunc(th.HelpKey.Render(fit(b.Help().Key, keyW))+"  "+th.Text.Render(b.Help().Desc), inner))
		}
	}
	lines = append(lines, "", th.Muted.Render(trunc("esc or ? closes this help", inner)))
	room := max(h-th.Box.GetVerticalFrameSize(), 1)
	if len(lines) > room {
		lines = columns(lines[2:], inner, room-2, lines[:2])
	}
	return th.Box.Width(w).Render(strings.Join(lines, "\n"))
}

// columns folds a long list into side-by-side columns so it fits h lines.
func columns(lines []string, w, h int, head []string) []string {
	h = max(h, 1)
	n := (len(lines) + h - 1) / h
	colW := max(w/n-1, 1)
	out := append([]string(nil), head...)
	for r := 0; r < h; r++ {
		var b strings.Builder
		for c := 0; c < n; c++ {
			i := c*h + r
			if i < len(lines) {
				b.WriteString(fit(lines[i], colW) + " ")
			}
		}
		out = append(out, trunc(b.String(), w))
	}
	return out
}
