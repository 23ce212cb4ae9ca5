package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// cardKey is everything a rendered persona card depends on.
type cardKey struct {
	id       string
	version  uint64
	stat     personaStat
	width    int
	height   int
	selected bool
	theme    *Theme
}

// cardCacheMax bounds the card cache; it is cleared when full.
const cardCacheMax = 256

// card renders the persona at index i as a box of cardHeight lines, each exactly w
// cells wide, from the cache when nothing it shows changed.
func (s *personaScreen) card(i, w int) string {
	p := s.personas[i]
	k := cardKey{id: p.ID, version: p.Version, stat: s.stats[p.ID], width: w, height: s.cardHeight(), selected: i == s.sel, theme: s.c.Theme}
	if out, ok := s.cards[k]; ok {
		return out
	}
	if len(s.cards) >= cardCacheMax {
		s.cards = map[cardKey]string{}
	}
	out := renderCard(s.c.Theme, &p, k.stat, w, k.height, k.selected)
	s.cards[k] = out
	return out
}

// renderCard lays a persona out as a card of h lines: name, role in the decision, the
// top pains and goals (two of each, or one on a compact card), preferred channels,
// and the linked leads with their conversion rate.
func renderCard(th *Theme, p *model.Persona, st personaStat, w, h int, selected bool) string {
	top := 2
	if h < cardHeight {
		top = 1
	}
	box := th.Box.Width(w).Height(h)
	if !selected && th.Palette.Muted != nil {
		box = box.BorderForeground(th.Palette.Muted)
	}
	inner := max(w-box.GetHorizontalFrameSize(), 1)
	name := th.Title.Render(trunc(clean(p.Name), inner))
	if selected {
		name = th.Selected.Render(fit(clean(p.Name), inner))
	}
	lines := []string{name, roleLine(th, p, inner)}
	list := func(label string, style func(...string) string, items []string) {
		lines = append(lines, style(label))
		for j := 0; j < top; j++ {
			switch {
			case j < len(items):
				lines = append(lines, th.Text.Render(trunc("• "+clean(items[j]), inner)))
			case j == 0:
				lines = append(lines, th.Muted.Render("  none written yet"))
			default:
				lines = append(lines, "")
			}
		}
	}
	list("Pains", th.Danger.Bold(true).Render, p.Pains)
	list("Goals", th.OK.Bold(true).Render, p.Goals)
	channels := "no channel written yet"
	if len(p.Channels) > 0 {
		channels = clean(strings.Join(p.Channels, ", "))
	}
	lines = append(lines, th.Muted.Render(trunc("◦ "+channels, inner)), statLine(th, st, inner))
	return box.Render(strings.Join(lines, "\n"))
}

// roleLine is the persona's role in the decision, company size and industry.
func roleLine(th *Theme, p *model.Persona, w int) string {
	role := string(p.DecisionRole)
	if role == "" {
		role = "role not set"
	}
	rest := strings.Trim(clean(p.CompanySize)+" · "+clean(p.Industry), " ·")
	if rest != "" {
		rest = " · " + rest
	}
	return trunc(th.Sales.Render(role)+th.Muted.Render(rest), w)
}

// statLine is the linked leads and their conversion rate.
func statLine(th *Theme, st personaStat, w int) string {
	if st.Linked == 0 {
		return th.Muted.Render(trunc("no linked lead yet", w))
	}
	return trunc(th.Bold.Render(model.Plural(st.Linked, "lead"))+th.Muted.Render(" · ")+
		th.OK.Render(fmt.Sprintf("%.0f %% won", st.Rate()))+th.Muted.Render(" ("+model.GroupDigits(int64(st.Won))+")"), w)
}

// boardFlash returns a command that puts a sentence in the status bar.
func boardFlash(text string) tea.Cmd {
	return func() tea.Msg { return flashMsg{Text: text} }
}
