package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// guideState is the stage guide: the selected stage's documentation over the board.
type guideState struct {
	open   bool
	scroll int
	cache  guideCache
}

// guideCache keeps the laid-out guide of the stage last shown.
type guideCache struct {
	id       string
	version  uint64
	width    int
	personas int
	count    int
	theme    *Theme
	lines    []string
}

func (g *guideState) show() { g.open, g.scroll = true, 0 }

// Nested reports whether the stage guide is open, where q goes back to the board.
func (s *journeyScreen) Nested() bool { return s.guide.open }

// guideKey scrolls the guide, edits it, or closes it.
func (s *journeyScreen) guideKey(msg tea.KeyPressMsg) tea.Cmd {
	lk, bk := s.c.Keys.List, s.c.Keys.Board
	switch {
	case key.Matches(msg, s.c.Keys.Global.Back), key.Matches(msg, bk.Guide):
		s.guide.open = false
	case key.Matches(msg, lk.Down):
		s.guide.scroll++
	case key.Matches(msg, lk.Up):
		s.guide.scroll = max(s.guide.scroll-1, 0)
	case key.Matches(msg, lk.PageDown):
		s.guide.scroll += max(s.h-2, 1)
	case key.Matches(msg, lk.PageUp):
		s.guide.scroll = max(s.guide.scroll-max(s.h-2, 1), 0)
	case key.Matches(msg, lk.Top):
		s.guide.scroll = 0
	case key.Matches(msg, bk.Left):
		s.col--
		s.clampCols()
		s.guide.scroll = 0
	case key.Matches(msg, bk.Right):
		s.col++
		s.clampCols()
		s.guide.scroll = 0
	case key.Matches(msg, bk.Edit):
		return s.editGuide()
	}
	return nil
}

// view renders the guide of the stage at w x h, scrolled.
func (g *guideState) view(s *journeyScreen, st model.JourneyStage, w, h int) string {
	c := g.cache
	count := -1
	if col := s.cols[st.ID]; col != nil && col.countKnown {
		count = col.count
	}
	if c.lines == nil || c.id != st.ID || c.version != st.Version || c.width != w || c.theme != s.c.Theme ||
		c.personas != len(s.personas) || c.count != count {
		lines := guideLines(s.c.Theme, st, s.cols[st.ID], s.personas, s.c, w)
		for i := range lines {
			lines[i] = fit(lines[i], w)
		}
		c = guideCache{id: st.ID, version: st.Version, width: w, personas: len(s.personas), count: count, theme: s.c.Theme, lines: lines}
		g.cache = c
	}
	g.scroll = min(g.scroll, max(len(c.lines)-h, 0))
	return stack(c.lines[g.scroll:], w, h)
}

// guideLines lays a stage's documentation out: the buyer's goals, activities,
// information consumed, channels, typical time frame, owner team and exit criteria,
// then the notes written for particular personas.
func guideLines(th *Theme, st model.JourneyStage, col *boardColumn, personas map[string]string, c *Context, w int) []string {
	var out []string
	add := func(s string) { out = append(out, trunc(s, w)) }
	title := th.Title.Render("Stage guide · " + clean(st.Name))
	if col != nil && col.countKnown {
		title += th.Muted.Render(fmt.Sprintf("  %d leads", col.count))
	}
	add(title)
	meta := "owner team not set"
	if st.OwnerTeam != "" {
		meta = th.Team(st.OwnerTeam).Render("owned by " + string(st.OwnerTeam))
	}
	frame := "no typical time frame set"
	if st.TypicalDays > 0 {
		frame = fmt.Sprintf("typical time frame %d days", st.TypicalDays)
	}
	add(meta + th.Muted.Render(" · "+frame))
	if st.UpdatedBy != "" {
		add(th.Muted.Render(fmt.Sprintf("version %d · updated %s by %s", st.Version, st.Updated.UTC().Format("Jan 2"), clean(st.UpdatedBy))))
	}
	section := func(title string, items []string) {
		out = append(out, "", th.Section.Render(title))
		if len(items) == 0 {
			add(th.Muted.Render("  not written yet"))
		}
		for _, it := range items {
			for i, ln := range wrap(clean(it), max(w-2, 1)) {
				lead := "• "
				if i > 0 {
					lead = "  "
				}
				add(lead + ln)
			}
		}
	}
	section("The buyer's goals", st.Goals)
	section("What the buyer does", st.Activities)
	section("Information they consume", st.Information)
	section("Channels", st.Channels)
	out = append(out, "", th.Section.Render("Exit criteria"))
	if st.ExitCriteria == "" {
		add(th.Muted.Render("  not written yet"))
	}
	for _, ln := range wrapBlock(st.ExitCriteria, w) {
		add(ln)
	}
	out = append(out, "", th.Section.Render("Per persona"))
	ids := make([]string, 0, len(st.PersonaNotes))
	for id := range st.PersonaNotes {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return strings.Compare(personas[a]+a, personas[b]+b) })
	if len(ids) == 0 {
		add(th.Muted.Render("  No persona has notes for this stage yet."))
	}
	for _, id := range ids {
		name := personas[id]
		if name == "" {
			name = id
		}
		add(th.Bold.Render(clean(name)))
		for _, ln := range wrapBlock(st.PersonaNotes[id], max(w-2, 1)) {
			add("  " + ln)
		}
	}
	if model.Can(c.Me().Role, model.ActEditJourney) {
		out = append(out, "", th.Muted.Render("e edits this guide · h/l other stages · esc back to the board"))
	} else {
		out = append(out, "", th.Muted.Render("h/l other stages · esc back to the board"))
	}
	return out
}
