package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The full help (`?`): the screen's keys and the global ones, grouped under short
// headings, in as few columns as fit the box and never fewer cells than a description
// needs: a description too long for its column wraps under itself rather than being
// cut. When even the most columns do not fit, the box scrolls and says so.

// HelpGroup is one group of keys in the full help, under a short heading such as
// Move or Triage.
type HelpGroup struct {
	Title string
	Keys  []key.Binding
}

// Full help layout: the narrowest column it uses, and the space between columns.
const (
	helpColMin = 30
	helpGap    = 3
)

// fullHelp renders the help box, w x at most h cells, scrolled down by scroll lines;
// it also returns the furthest scroll, for App to clamp what keys ask for.
func fullHelp(th *Theme, km KeyMap, title string, groups []HelpGroup, w, h, scroll int) (string, int) {
	inner := max(w-th.Box.GetHorizontalFrameSize(), 1)
	room := max(h-th.Box.GetVerticalFrameSize()-2, 1) // under the title, above the footer
	rows := helpRows(th, groups, inner, room)
	most := max(len(rows)-room, 0)
	scroll = min(max(scroll, 0), most)
	lines := []string{th.Title.Render(trunc("Help · "+title, inner))}
	if len(rows) < room {
		lines = append(lines, "")
	}
	lines = append(lines, rows[scroll:min(scroll+room, len(rows))]...)
	lines = append(lines, th.Muted.Render(helpFooter(km, most-scroll, most > 0, inner)))
	return th.Box.Width(w).Render(strings.Join(lines, "\n")), most
}

// helpFooter says how to close the help and, when it scrolls, how much is below and
// how to scroll: the longest wording that fits w cells.
func helpFooter(km KeyMap, below int, scrolls bool, w int) string {
	back, help := km.Global.Back.Help().Key, km.Global.Help.Help().Key
	if !scrolls {
		return trunc(fmt.Sprintf("%s or %s closes this help", back, help), w)
	}
	keys := km.List.Down.Help().Key + " " + km.List.Up.Help().Key
	more, short := fmt.Sprintf("%d more lines below", below), fmt.Sprintf("↓ %d more", below)
	switch below {
	case 0:
		more, short = "end of help", "end"
	case 1:
		more = "1 more line below"
	}
	for _, s := range []string{
		fmt.Sprintf("%s · %s scroll · %s or %s closes this help", more, keys, back, help),
		fmt.Sprintf("%s · %s scroll · %s or %s closes", short, keys, back, help),
		fmt.Sprintf("%s · %s · %s closes", short, keys, back),
	} {
		if width(s) <= w {
			return s
		}
	}
	return trunc(fmt.Sprintf("%s · %s", short, keys), w)
}

// helpRows lays the groups out in the fewest columns that fit room lines; when none
// do, in the most columns that keep helpColMin cells each, as tall as they must be.
func helpRows(th *Theme, groups []HelpGroup, inner, room int) []string {
	most := max((inner+helpGap)/(helpColMin+helpGap), 1)
	for n := 1; ; n++ {
		colW := max((inner-helpGap*(n-1))/n, 1)
		sections := helpSections(th, groups, colW)
		cols := packHelp(sections, room)
		if len(cols) <= n {
			return joinHelp(cols, colW)
		}
		if n == most {
			total := len(sections) - 1 // the blank lines between sections
			for _, sec := range sections {
				total += len(sec)
			}
			for height := max(room+1, (total+n-1)/n); ; height++ {
				if cols = packHelp(sections, height); len(cols) <= n {
					return joinHelp(cols, colW)
				}
			}
		}
	}
}

// helpSections renders each group as a heading over its keys, colW cells wide; a key's
// description wraps under itself.
func helpSections(th *Theme, groups []HelpGroup, colW int) [][]string {
	var out [][]string
	for _, g := range groups {
		var keys []key.Binding
		keyW := 0
		for _, b := range g.Keys {
			if b.Enabled() && b.Help().Key != "" {
				keys = append(keys, b)
				keyW = max(keyW, width(b.Help().Key))
			}
		}
		if len(keys) == 0 {
			continue
		}
		keyW = min(keyW, max(colW/3, 1))
		descW := max(colW-keyW-2, 1)
		lines := []string{th.Section.Render(trunc(g.Title, colW))}
		for _, b := range keys {
			desc := wrap(b.Help().Desc, descW)
			for i, d := range desc {
				k := strings.Repeat(" ", keyW)
				if i == 0 {
					k = th.HelpKey.Render(fit(b.Help().Key, keyW))
				}
				lines = append(lines, k+"  "+th.Text.Render(d))
			}
		}
		out = append(out, lines)
	}
	return out
}

// packHelp fills columns of height lines with the sections in order, a blank line
// between two in one column; a section starts a new column rather than break, unless
// it is taller than a column.
func packHelp(sections [][]string, height int) [][]string {
	height = max(height, 1)
	var cols [][]string
	var cur []string
	for _, s := range sections {
		if len(cur) > 0 && len(cur)+1+len(s) > height {
			cols, cur = append(cols, cur), nil
		}
		if len(cur) > 0 {
			cur = append(cur, "")
		}
		for _, ln := range s {
			if len(cur) == height {
				cols, cur = append(cols, cur), nil
			}
			cur = append(cur, ln)
		}
	}
	if len(cur) > 0 {
		cols = append(cols, cur)
	}
	return cols
}

// joinHelp sets the columns side by side, each colW cells wide.
func joinHelp(cols [][]string, colW int) []string {
	height := 0
	for _, c := range cols {
		height = max(height, len(c))
	}
	gap := strings.Repeat(" ", helpGap)
	out := make([]string, height)
	for r := range out {
		var b strings.Builder
		for i, c := range cols {
			if i > 0 {
				b.WriteString(gap)
			}
			ln := ""
			if r < len(c) {
				ln = c[r]
			}
			b.WriteString(fit(ln, colW))
		}
		out[r] = b.String()
	}
	return out
}

// helpKey closes the help (esc, ? or q) or scrolls it (the list keys).
func (a *App) helpKey(msg tea.KeyPressMsg) {
	g, lk := a.ctx.Keys.Global, a.ctx.Keys.List
	page := max(a.bodyHeight()-4, 1)
	switch {
	case key.Matches(msg, g.Back, g.Help, g.Quit):
		a.help, a.helpScroll = false, 0
		return
	case key.Matches(msg, lk.Down):
		a.helpScroll++
	case key.Matches(msg, lk.Up):
		a.helpScroll--
	case key.Matches(msg, lk.PageDown):
		a.helpScroll += page
	case key.Matches(msg, lk.PageUp):
		a.helpScroll -= page
	case key.Matches(msg, lk.Top):
		a.helpScroll = 0
	case key.Matches(msg, lk.Bottom):
		a.helpScroll = MaxHeight
	}
	_, most := a.helpBox()
	a.helpScroll = min(max(a.helpScroll, 0), most)
}

// helpBox lays the full help out for the active screen: the box and its furthest scroll.
func (a *App) helpBox() (string, int) {
	groups := append(append([]HelpGroup(nil), a.screens[a.active].FullHelp()...), a.globalHelp()...)
	return fullHelp(a.ctx.Theme, a.ctx.Keys, a.defs[a.active].Name, groups, min(a.width-4, 100), a.bodyHeight(), a.helpScroll)
}
