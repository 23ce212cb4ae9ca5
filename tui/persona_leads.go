package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// personaLeadList is a persona's linked leads as a list, opened from its card. It
// pages by lead ID and keeps at most personaLeadsMax rows.
type personaLeadList struct {
	persona model.Persona
	// linked is how many leads the persona's counter says it has, as its card shows;
	// -1 when not known, and the title then counts the rows read ("200+").
	linked      int
	rows        []model.Lead
	sel, offset int
	h           int
	gen         int
	busy, done  bool
	err         error
}

// personaLeadsPage is how many leads one load reads; personaLeadsMax caps the list.
const (
	personaLeadsPage = 200
	personaLeadsMax  = 5000
)

// personaLeadsLoaded is a page of a persona's leads, tagged with the list's generation.
type personaLeadsLoaded struct {
	Gen   int
	Leads []model.Lead
	Err   error
}

// open shows the persona's leads from the first; linked is their number, or -1.
func (l *personaLeadList) open(p model.Persona, linked int, c *Context) tea.Cmd {
	l.gen++
	*l = personaLeadList{persona: p, linked: linked, gen: l.gen}
	return l.more(c)
}

// more loads the next page, unless one is on its way or the list is complete.
func (l *personaLeadList) more(c *Context) tea.Cmd {
	if l.busy || l.done || len(l.rows) >= personaLeadsMax {
		return nil
	}
	l.busy = true
	b, id, gen := c.board(), l.persona.ID, l.gen
	var after model.LeadID
	if n := len(l.rows); n > 0 {
		after = l.rows[n-1].ID
	}
	return func() tea.Msg {
		ls, err := b.PersonaLeads(id, after, personaLeadsPage)
		return personaLeadsLoaded{Gen: gen, Leads: ls, Err: err}
	}
}

func (l *personaLeadList) loaded(m personaLeadsLoaded) {
	if m.Gen != l.gen {
		return
	}
	l.busy, l.err = false, m.Err
	l.rows = append(l.rows, m.Leads...)
	l.done = m.Err == nil && len(m.Leads) < personaLeadsPage
}

// apply keeps a listed lead current, and drops it once it is linked elsewhere.
func (l *personaLeadList) apply(lead model.Lead) {
	for i := range l.rows {
		if l.rows[i].ID != lead.ID {
			continue
		}
		if lead.Persona != l.persona.ID {
			l.rows = append(l.rows[:i], l.rows[i+1:]...)
			l.sel = min(l.sel, max(len(l.rows)-1, 0))
			return
		}
		l.rows[i] = lead
		return
	}
}

// key moves through the list and opens a lead in the queues' detail pane.
func (l *personaLeadList) key(msg tea.KeyPressMsg, c *Context) tea.Cmd {
	lk := c.Keys.List
	page := max(l.h-2, 1)
	switch {
	case key.Matches(msg, lk.Down):
		l.sel++
	case key.Matches(msg, lk.Up):
		l.sel--
	case key.Matches(msg, lk.PageDown):
		l.sel += page
	case key.Matches(msg, lk.PageUp):
		l.sel -= page
	case key.Matches(msg, lk.Top):
		l.sel = 0
	case key.Matches(msg, lk.Bottom):
		l.sel = len(l.rows) - 1
	case key.Matches(msg, lk.Open):
		if l.sel < len(l.rows) {
			return openLead(l.rows[l.sel].ID, 2)
		}
	}
	l.sel = min(max(l.sel, 0), max(len(l.rows)-1, 0))
	if l.sel < l.offset {
		l.offset = l.sel
	}
	if l.sel >= l.offset+page {
		l.offset = l.sel - page + 1
	}
	if l.sel >= len(l.rows)-page {
		return l.more(c)
	}
	return nil
}

// view lists the leads: name, company, stage, owner and journey stage.
func (l *personaLeadList) view(c *Context, w, h int) string {
	l.h = h
	th := c.Theme
	count := fmt.Sprint(len(l.rows))
	switch {
	case l.linked >= 0 && !l.done:
		count = fmt.Sprint(l.linked) // the card's figure: "200+" read beside "331 leads"
	case !l.done:
		count += "+"
	}
	lines := []string{spread(th.Title.Render("Leads of "+clean(l.persona.Name)+" · "+count),
		th.Muted.Render("enter opens the lead in Queues"), w)}
	nameW := max(w/4, 10)
	compW := max(w/4, 8)
	head := "  " + fit("Name", nameW) + " " + fit("Company", compW) + " " + fit("Stage", 12) + " " + fit("Owner", 10) + " Journey"
	lines = append(lines, th.TableHeader.Render(fit(head, w)))
	for i := l.offset; i < len(l.rows) && len(lines) < h; i++ {
		r := &l.rows[i]
		cells := fit(clean(r.DisplayName()), nameW) + " " + fit(clean(r.Company), compW) + " "
		// The journey stage by its name and an empty owner as "—", as the board and the
		// queues show them (this list showed "onboarding" and a blank).
		owner, journey := "—", c.Names.Stage(r.Journey)
		if r.Owner != "" {
			owner = clean(r.Owner)
		}
		if i == l.sel {
			line := "▸ " + cells + fit(r.Stage.Label(), 12) + " " + fit(owner, 10) + " " + journey
			lines = append(lines, th.Selected.Render(fit(line, w)))
			continue
		}
		line := "  " + th.Bold.Render(fit(clean(r.DisplayName()), nameW)) + " " + th.Text.Render(fit(clean(r.Company), compW)) + " " +
			th.Stage(r.Stage).Render(fit(r.Stage.Label(), 12)) + " " + th.Muted.Render(fit(owner, 10)+" "+journey)
		lines = append(lines, trunc(line, w))
	}
	switch {
	case l.err != nil:
		lines = append(lines, th.StatusError.Render(sentence(l.err)))
	case len(l.rows) == 0 && l.done:
		lines = append(lines, th.Muted.Render("  No lead is linked to this persona yet; link leads with p in Queues."))
	case len(l.rows) == 0:
		lines = append(lines, th.Muted.Render("  Loading…"))
	}
	return block(lines, w, h)
}
