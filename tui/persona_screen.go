package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// personaScreen is the persona cards: a grid that reflows with the terminal's width,
// a detail view of one persona, and the list of its linked leads.
type personaScreen struct {
	c        *Context
	personas []model.Persona
	stats    map[string]personaStat
	loaded   bool
	err      error

	sel    int // index into personas
	offset int // first visible row of cards
	w, h   int
	mode   personaMode

	detail personaDetail
	leads  personaLeadList
	cards  map[cardKey]string
}

// personaMode is what the screen shows.
type personaMode int

const (
	personaGrid personaMode = iota
	personaOpen
	personaLeads
)

// personaStat is a persona's figures from the lead data.
type personaStat struct{ Linked, Won int }

// Rate is the conversion rate in percent: won leads over linked leads.
func (s personaStat) Rate() float64 {
	if s.Linked == 0 {
		return 0
	}
	return 100 * float64(s.Won) / float64(s.Linked)
}

// personasLoaded carries the persona cards.
type personasLoaded struct {
	Personas []model.Persona
	Err      error
}

// personaStatsLoaded carries every persona's figures.
type personaStatsLoaded struct {
	Stats map[string]personaStat
	Err   error
}

// personaSaved reports a persona created, changed or deleted from this session.
type personaSaved struct {
	Text string
	Err  error
}

// Card layout: the narrowest card, the gap between cards, and a card's height with
// its border, full and compact (one pain and one goal, on short terminals).
const (
	cardMinWidth  = 34
	cardGap       = 1
	cardHeight    = 12
	compactHeight = 10
)

func newPersonaScreen(c *Context) Screen {
	return &personaScreen{c: c, stats: map[string]personaStat{}, cards: map[cardKey]string{}}
}

// Init loads the cards.
func (s *personaScreen) Init() tea.Cmd { return s.load() }

// load reads the personas in a command; their figures follow.
func (s *personaScreen) load() tea.Cmd {
	st := s.c.Deps.Store
	return func() tea.Msg {
		ps, err := st.Personas()
		return personasLoaded{Personas: ps, Err: err}
	}
}

// loadStats reads every persona's linked and won counters.
func (s *personaScreen) loadStats() tea.Cmd {
	b := s.c.board()
	ids := make([]string, len(s.personas))
	for i, p := range s.personas {
		ids[i] = p.ID
	}
	return func() tea.Msg {
		m := personaStatsLoaded{Stats: make(map[string]personaStat, len(ids))}
		for _, id := range ids {
			linked, won, err := b.PersonaStats(id)
			if err != nil {
				m.Err = err
				return m
			}
			m.Stats[id] = personaStat{Linked: linked, Won: won}
		}
		return m
	}
}

// SetSize reflows the grid.
func (s *personaScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.clamp()
}

// columns is how many cards fit side by side; cardWidth how wide each one is.
func (s *personaScreen) columns() int { return max((s.w+cardGap)/(cardMinWidth+cardGap), 1) }

func (s *personaScreen) cardWidth() int {
	n := s.columns()
	return max((s.w-(n-1)*cardGap)/n, 1)
}

// cardHeight is the card's height: full when one fits under the title line.
func (s *personaScreen) cardHeight() int {
	if s.h-1 < cardHeight {
		return compactHeight
	}
	return cardHeight
}

// visibleRows is how many rows of cards fit under the title line.
func (s *personaScreen) visibleRows() int { return max((s.h-1)/s.cardHeight(), 1) }

func (s *personaScreen) clamp() {
	s.sel = min(max(s.sel, 0), max(len(s.personas)-1, 0))
	row, rows := s.sel/s.columns(), s.visibleRows()
	if row < s.offset {
		s.offset = row
	}
	if row >= s.offset+rows {
		s.offset = row - rows + 1
	}
}

// current is the persona under the cursor.
func (s *personaScreen) current() (model.Persona, bool) {
	if s.sel >= 0 && s.sel < len(s.personas) {
		return s.personas[s.sel], true
	}
	return model.Persona{}, false
}

// Update handles keys, loads and live changes.
func (s *personaScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case personasLoaded:
		if msg.Err != nil {
			s.err = msg.Err
			return s, nil
		}
		cur, _ := s.current()
		s.personas, s.loaded, s.err = msg.Personas, true, nil
		for i, p := range s.personas {
			if p.ID == cur.ID {
				s.sel = i
			}
		}
		s.clamp()
		return s, s.loadStats()
	case personaStatsLoaded:
		if msg.Err != nil {
			s.err = msg.Err
		} else {
			s.stats = msg.Stats
		}
	case personaSaved:
		if msg.Err != nil {
			return s, errCmd(msg.Err)
		}
		return s, tea.Batch(boardFlash(msg.Text), s.load())
	case personaLeadsLoaded:
		s.leads.loaded(msg)
	case feedMsg:
		return s, s.feed(msg.Item)
	case actionDoneMsg:
		if len(msg.Leads) > 0 {
			return s, s.loadStats()
		}
	case themeChangedMsg:
		s.cards = map[cardKey]string{}
	}
	return s, nil
}

// feed reloads the cards when a persona changed and the figures when a lead did.
func (s *personaScreen) feed(it model.FeedItem) tea.Cmd {
	switch {
	case it.Reload || it.Event.Kind == model.EventPersona:
		return s.load()
	case len(it.Leads) > 0:
		if s.mode == personaLeads {
			for _, l := range it.Leads {
				s.leads.apply(l)
			}
		}
		return s.loadStats()
	}
	return nil
}

// Nested reports whether a persona's detail or leads are open, where q goes back.
func (s *personaScreen) Nested() bool { return s.mode != personaGrid }

// key handles the grid's keys, or the detail's or the leads list's when open.
func (s *personaScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	lk, pk := s.c.Keys.List, s.c.Keys.Personas
	if key.Matches(msg, s.c.Keys.Global.Back) {
		s.mode = personaGrid
		return nil
	}
	switch s.mode {
	case personaOpen:
		switch {
		case key.Matches(msg, lk.Down):
			s.detail.scroll++
		case key.Matches(msg, lk.Up):
			s.detail.scroll = max(s.detail.scroll-1, 0)
		case key.Matches(msg, lk.PageDown):
			s.detail.scroll += max(s.h-2, 1)
		case key.Matches(msg, lk.PageUp):
			s.detail.scroll = max(s.detail.scroll-max(s.h-2, 1), 0)
		case key.Matches(msg, lk.Top):
			s.detail.scroll = 0
		case key.Matches(msg, pk.Edit):
			return s.edit()
		case key.Matches(msg, pk.Leads):
			return s.openLeads()
		}
		return nil
	case personaLeads:
		return s.leads.key(msg, s.c)
	}
	cols := s.columns()
	switch {
	case key.Matches(msg, pk.Right):
		s.sel++
	case key.Matches(msg, pk.Left):
		s.sel--
	case key.Matches(msg, lk.Down):
		if s.sel+cols < len(s.personas) {
			s.sel += cols
		}
	case key.Matches(msg, lk.Up):
		if s.sel-cols >= 0 {
			s.sel -= cols
		}
	case key.Matches(msg, lk.Top):
		s.sel = 0
	case key.Matches(msg, lk.Bottom):
		s.sel = len(s.personas) - 1
	case key.Matches(msg, lk.Open):
		if _, ok := s.current(); ok {
			s.mode, s.detail.scroll = personaOpen, 0
		}
	case key.Matches(msg, pk.New):
		return s.create()
	case key.Matches(msg, pk.Edit):
		return s.edit()
	case key.Matches(msg, pk.Delete):
		return s.remove()
	case key.Matches(msg, pk.Leads):
		return s.openLeads()
	}
	s.clamp()
	return nil
}

// openLeads lists the leads linked to the persona under the cursor.
func (s *personaScreen) openLeads() tea.Cmd {
	p, ok := s.current()
	if !ok {
		return nil
	}
	s.mode = personaLeads
	linked := -1
	if st, ok := s.stats[p.ID]; ok {
		linked = st.Linked
	}
	return s.leads.open(p, linked, s.c)
}

// mayEdit reports whether the member may create, change or delete personas.
func (s *personaScreen) mayEdit() bool { return model.Can(s.c.Me().Role, model.ActEditPersona) }

// ShortHelp lists the keys that work where the person is.
func (s *personaScreen) ShortHelp() []key.Binding {
	lk, pk := s.c.Keys.List, s.c.Keys.Personas
	back := withHelp(s.c.Keys.Global.Back, "back to the cards")
	switch s.mode {
	case personaOpen:
		out := []key.Binding{back, lk.Down, lk.Up, pk.Leads}
		if s.mayEdit() {
			out = append(out, pk.Edit)
		}
		return out
	case personaLeads:
		return []key.Binding{back, lk.Down, lk.Up, withHelp(lk.Open, "open the lead")}
	}
	if len(s.personas) == 0 { // nothing to open, edit or delete (new-user review)
		if s.mayEdit() {
			return []key.Binding{pk.New}
		}
		return nil
	}
	out := []key.Binding{withHelp(lk.Open, "open persona"), pk.Leads}
	if s.mayEdit() {
		out = append(out, pk.New, pk.Edit, pk.Delete)
	}
	return out
}

// FullHelp lists every key of the screen; editing keys only for roles that may edit.
func (s *personaScreen) FullHelp() []HelpGroup {
	lk, pk := s.c.Keys.List, s.c.Keys.Personas
	groups := []HelpGroup{{"Move", []key.Binding{pk.Left, pk.Right, lk.Up, lk.Down, lk.Top, lk.Bottom}},
		{"Open", []key.Binding{lk.Open, pk.Leads, s.c.Keys.Global.Back}}}
	if s.mayEdit() {
		groups = append(groups, HelpGroup{"Edit", []key.Binding{pk.New, pk.Edit, pk.Delete}})
	}
	return groups
}

// Commands offers the palette the persona actions, refused ones marked with who may.
func (s *personaScreen) Commands() []Command {
	refusal := model.Check(s.c.Me().Role, model.ActEditPersona)
	pk := s.c.Keys.Personas
	out := []Command{{Label: "New persona", Key: pk.New.Help().Key, Refusal: refusal, Run: s.create}}
	if p, ok := s.current(); ok {
		name := clean(p.Name)
		out = append(out,
			Command{Label: "Edit persona · " + name, Key: pk.Edit.Help().Key, Refusal: refusal, Run: s.edit},
			Command{Label: "Delete persona · " + name, Key: pk.Delete.Help().Key, Refusal: refusal, Run: s.remove},
			Command{Label: "Open the leads of " + name, Key: pk.Leads.Help().Key, Run: s.openLeads})
	}
	return out
}

// View renders the grid, the detail or the leads list.
func (s *personaScreen) View() string {
	switch s.mode {
	case personaOpen:
		if p, ok := s.current(); ok {
			return s.detail.view(s, p, s.w, s.h)
		}
	case personaLeads:
		return s.leads.view(s.c, s.w, s.h)
	}
	return s.grid()
}

// grid renders the title line and the rows of cards that fit.
func (s *personaScreen) grid() string {
	th := s.c.Theme
	total := 0
	for _, st := range s.stats {
		total += st.Linked
	}
	left := th.Title.Render(fmt.Sprintf("Personas · %d", len(s.personas)))
	right := th.Muted.Render(model.Plural(total, "linked lead"))
	if s.err != nil {
		right = th.StatusError.Render(sentence(s.err))
	}
	lines := []string{fit(spread(left, right, s.w), s.w)}
	if len(s.personas) == 0 {
		msg := "Loading the personas…"
		if s.loaded {
			msg = "No persona yet."
			if s.mayEdit() {
				msg += " Press c to write the first one."
			}
		}
		lines = append(lines, th.Muted.Render(msg))
		return block(lines, s.w, s.h)
	}
	cols, cw := s.columns(), s.cardWidth()
	gap := strings.Repeat(" ", cardGap)
	for row := s.offset; row < s.offset+s.visibleRows(); row++ {
		first := row * cols
		if first >= len(s.personas) {
			break
		}
		cards := make([][]string, 0, cols)
		for i := first; i < first+cols && i < len(s.personas); i++ {
			cards = append(cards, strings.Split(s.card(i, cw), "\n"))
		}
		for ln := 0; ln < s.cardHeight(); ln++ {
			var b strings.Builder
			for j, c := range cards {
				if j > 0 {
					b.WriteString(gap)
				}
				if ln < len(c) {
					b.WriteString(c[ln])
				}
			}
			// Cards are exactly cw wide, so the row is padded without measuring it.
			b.WriteString(strings.Repeat(" ", max(s.w-len(cards)*cw-(len(cards)-1)*cardGap, 0)))
			lines = append(lines, b.String())
		}
	}
	if more := (len(s.personas)+cols-1)/cols - s.offset - s.visibleRows(); more > 0 && len(lines) < s.h {
		lines = append(lines, fit(th.Muted.Render(fmt.Sprintf("↓ %d more rows of cards", more)), s.w))
	}
	return stack(lines[:min(len(lines), s.h)], s.w, s.h)
}
