package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// palette is the command palette (`:` or ctrl+k): fuzzy search over every action the
// screen offers and every lead the store's search finds by name, company or email.
type palette struct {
	input    textinput.Model
	commands []Command // screens, queues and actions, built when the palette opens
	leads    []Command // lead hits of the last search
	shown    []Command
	sel      int
	query    string
}

// leadHits is how many leads one palette search lists.
const leadHits = 20

// paletteSearched carries the leads found for a palette query.
type paletteSearched struct {
	Query string
	Leads []model.Lead
	Err   error
}

func newPalette(th *Theme, cmds []Command) *palette {
	in := textinput.New()
	in.Prompt = ": "
	in.Placeholder = "an action, a screen, or a lead's name, company or email"
	in.CharLimit = 100
	in = restyleInput(in, th)
	in.Focus()
	p := &palette{input: in, commands: cmds}
	p.refilter()
	return p
}

// update handles keys and results while the palette is open; done says it closed, and
// the command is what the chosen entry runs.
func (p *palette) update(msg tea.Msg, c *Context) (done bool, cmd tea.Cmd) {
	switch msg := msg.(type) {
	case paletteSearched:
		if msg.Query == p.query && msg.Err == nil {
			p.leads = leadCommands(msg.Leads)
			p.refilter()
		}
		return false, nil
	case tea.KeyPressMsg:
		switch msg.String() {
		case "esc":
			return true, nil
		case "up", "ctrl+p":
			p.sel = max(p.sel-1, 0)
			return false, nil
		case "down", "ctrl+n", "tab":
			p.sel = min(p.sel+1, max(len(p.shown)-1, 0))
			return false, nil
		case "enter":
			if p.sel >= len(p.shown) {
				return true, nil
			}
			chosen := p.shown[p.sel]
			if chosen.Refusal != nil {
				return true, errCmd(chosen.Refusal)
			}
			return true, chosen.Run()
		}
	}
	var icmd tea.Cmd
	p.input, icmd = p.input.Update(msg)
	q := strings.TrimSpace(p.input.Value())
	if q == p.query {
		return false, icmd
	}
	p.query = q
	p.leads = nil
	p.refilter()
	if len(q) < 2 {
		return false, icmd
	}
	st := c.Deps.Store
	return false, tea.Batch(icmd, func() tea.Msg {
		ls, err := st.Search(q, leadHits)
		return paletteSearched{Query: q, Leads: ls, Err: err}
	})
}

// leadCommands turns search hits into palette entries that open the lead.
func leadCommands(ls []model.Lead) []Command {
	out := make([]Command, 0, len(ls))
	for _, l := range ls {
		id := l.ID
		label := "Lead: " + clean(l.DisplayName())
		for _, extra := range []string{l.Company, l.Email} {
			if extra != "" {
				label += " · " + clean(extra)
			}
		}
		out = append(out, Command{Label: label, Key: "#" + id.String(), Run: func() tea.Cmd { return openLead(id, 0) }})
	}
	return out
}

// refilter ranks the entries against the query (rankPalette); with no query, actions
// come first. An entry the member may not run is not offered: it shows only when the
// query asks for it, after the entries that run and match as well, so choosing it
// answers why not.
func (p *palette) refilter() {
	all := append(append([]Command(nil), p.commands...), p.leads...)
	p.sel = 0
	p.shown = p.shown[:0]
	if p.query == "" {
		for _, c := range all {
			if c.Refusal == nil {
				p.shown = append(p.shown, c)
			}
		}
		return
	}
	labels := make([]string, len(all))
	for i, c := range all {
		labels[i] = strings.TrimSpace(c.Label + " " + c.Also)
	}
	// Within each rank, entries that run come before those marked refused.
	var refused []Command
	rank := matchWord
	for _, m := range rankPalette(p.query, labels) {
		if m.rank != rank {
			p.shown, refused, rank = append(p.shown, refused...), nil, m.rank
		}
		if c := all[m.index]; c.Refusal != nil {
			refused = append(refused, c)
		} else {
			p.shown = append(p.shown, c)
		}
	}
	p.shown = append(p.shown, refused...)
	// Leads the store found by a field the label does not fuzzy-match still belong.
	for _, l := range p.leads {
		if !containsCommand(p.shown, l.Key) {
			p.shown = append(p.shown, l)
		}
	}
}

func containsCommand(cs []Command, k string) bool {
	for _, c := range cs {
		if c.Key == k {
			return true
		}
	}
	return false
}

// view renders the palette box, w cells wide and at most h lines tall.
func (p *palette) view(th *Theme, w, h int) string {
	inner := max(w-th.Box.GetHorizontalFrameSize(), 10)
	p.input.SetWidth(max(inner-4, 5))
	lines := []string{trunc(p.input.View(), inner), ""}
	room := max(h-th.Box.GetVerticalFrameSize()-len(lines)-1, 1)
	start := max(p.sel-room+1, 0)
	for i := start; i < len(p.shown) && i < start+room; i++ {
		c := p.shown[i]
		label, keyText := c.Label, c.Key
		if c.Refusal != nil {
			label += refusalMark(c.Refusal)
		}
		var line string
		switch {
		case i == p.sel:
			line = th.Selected.Render(fit("▸ "+label, inner-8) + fitRight(keyText, 8))
		case c.Refusal != nil:
			line = th.Muted.Render(fit("  "+label, inner-8) + fitRight(keyText, 8))
		default:
			line = "  " + fit(label, inner-10) + th.HelpKey.Render(fitRight(keyText, 8))
		}
		lines = append(lines, line)
	}
	if len(p.shown) == 0 {
		lines = append(lines, th.Muted.Render("Nothing matches."))
	}
	count := fmt.Sprintf("%d entries", len(p.shown))
	if len(p.shown) == 1 {
		count = "1 entry"
	}
	lines = append(lines, th.Muted.Render(trunc(count+" · enter run · esc close", inner)))
	return th.Box.Width(w).Render(strings.Join(lines, "\n"))
}

// refusalMark tells, next to an entry the member may not run, whether the role or the
// moment stands in the way; choosing the entry gives the whole sentence.
func refusalMark(err error) string {
	var perm *model.PermissionError
	if errors.As(err, &perm) {
		return " (not for your role)"
	}
	return " (not now)"
}
