package tui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
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
	room := w - width(last)
	var parts []string
	used := 0
	for _, b := range bindings {
		if !b.Enabled() || b.Help().Key == "" {
			continue
		}
		s := item(b)
		if used+width(s)+width(sep) > room {
			break
		}
		parts = append(parts, s)
		used += width(s) + width(sep)
	}
	if last != "" {
		parts = append(parts, last)
	}
	return fit(strings.Join(parts, sep), w)
}
