package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// journeyScreen is the buyer-journey board: one column per journey stage, lead cards
// oldest in stage first, moved with H and L, filtered by persona, owner, campaign or
// text, with each stage's guide one key away.
type journeyScreen struct {
	c         *Context
	stages    []model.JourneyStage
	cols      map[string]*boardColumn
	personas  map[string]string // persona names by ID
	campaigns []model.Campaign
	loaded    bool
	err       error

	col   int // selected stage
	first int // first visible stage
	w, h  int

	guide  guideState
	filter boardFilter
	text   listFilter

	cards map[boardCardKey]string
	heads map[headKey][3]string
}

// journeyLoaded carries the stages, persona names and campaigns.
type journeyLoaded struct{ namesLoaded }

// stageSaved reports a journey stage saved from this session.
type stageSaved struct {
	Text string
	Err  error
}

func newJourneyScreen(c *Context) Screen {
	return &journeyScreen{c: c, cols: map[string]*boardColumn{}, personas: map[string]string{},
		text: newListFilter(c.Theme, "name, company, email, source, city or #ID"), cards: map[boardCardKey]string{}, heads: map[headKey][3]string{}}
}

// Init loads the stages; their columns follow.
func (s *journeyScreen) Init() tea.Cmd { return s.load() }

// load reads the stages, persona names and campaigns in a command.
func (s *journeyScreen) load() tea.Cmd {
	st := s.c.Deps.Store
	return func() tea.Msg { return journeyLoaded{readCards(st)} }
}

// setStages sets the board up from the loaded stages and loads every column that is new.
func (s *journeyScreen) setStages(m journeyLoaded) tea.Cmd {
	if m.Err != nil {
		s.err = m.Err
		return nil
	}
	cur := ""
	if st, ok := s.stage(); ok {
		cur = st.ID
	}
	s.stages, s.campaigns, s.loaded, s.err = m.Stages, m.Campaigns, true, nil
	s.personas = make(map[string]string, len(m.Personas))
	for _, p := range m.Personas {
		s.personas[p.ID] = p.Name
	}
	s.cards = map[boardCardKey]string{}
	var cmds []tea.Cmd
	for i, st := range s.stages {
		if st.ID == cur {
			s.col = i
		}
		if _, ok := s.cols[st.ID]; !ok {
			col := &boardColumn{stage: st.ID}
			s.cols[st.ID] = col
			cmds = append(cmds, col.load(s.c.board(), loadTop, s.keep()), col.loadCount(s.c.board()), col.loadMedian(s.c.board()))
		}
	}
	s.clampCols()
	return tea.Batch(cmds...)
}

// stage is the selected journey stage.
func (s *journeyScreen) stage() (model.JourneyStage, bool) {
	if s.col >= 0 && s.col < len(s.stages) {
		return s.stages[s.col], true
	}
	return model.JourneyStage{}, false
}

// column is the selected stage's column.
func (s *journeyScreen) column() *boardColumn {
	if st, ok := s.stage(); ok {
		return s.cols[st.ID]
	}
	return nil
}

// current is the card under the cursor.
func (s *journeyScreen) current() (model.Lead, bool) {
	if c := s.column(); c != nil && c.sel >= 0 && c.sel < len(c.rows) {
		return c.rows[c.sel], true
	}
	return model.Lead{}, false
}

// Capturing reports whether the text filter owns the keyboard.
func (s *journeyScreen) Capturing() bool { return s.text.typing }

// Filtered reports whether the board is filtered, which esc clears.
func (s *journeyScreen) Filtered() bool { return s.filter.active() || s.text.active() }

// SetSize lays the columns out.
func (s *journeyScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.clampCols()
}

// Update handles keys, loads and live changes.
func (s *journeyScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	b := s.c.board()
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.PasteMsg:
		return s, s.textUpdate(msg)
	case journeyLoaded:
		return s, s.setStages(msg)
	case columnLoaded:
		if c := s.cols[msg.Stage]; c != nil && c.loaded(msg) {
			if msg.Err != nil {
				return s, errCmd(msg.Err)
			}
			c.scroll(s.visibleCards())
			return s, c.edge(b, s.visibleCards(), s.keep())
		}
	case columnCounted:
		if c := s.cols[msg.Stage]; c != nil {
			return s, c.counted(msg, b)
		}
	case columnMedian:
		if c := s.cols[msg.Stage]; c != nil {
			return s, c.medianDone(msg, b)
		}
	case stageSaved:
		if msg.Err != nil {
			return s, errCmd(msg.Err)
		}
		return s, tea.Batch(boardFlash(msg.Text), s.load())
	case filterChosen:
		s.filter = msg.Filter
		return s, s.reload()
	case feedMsg:
		return s, s.feed(msg.Item)
	case actionDoneMsg:
		return s, s.applyLeads(msg.Leads, msg.Events...)
	case themeChangedMsg:
		s.cards, s.heads = map[boardCardKey]string{}, map[headKey][3]string{}
		s.guide.cache = guideCache{}
		s.text.input = restyleInput(s.text.input, s.c.Theme)
	default:
		if s.text.typing {
			return s, s.textUpdate(msg)
		}
	}
	return s, nil
}

// feed reloads the stages when one changed, and folds changed leads into the columns.
func (s *journeyScreen) feed(it model.FeedItem) tea.Cmd {
	switch {
	case it.Reload:
		return tea.Batch(s.load(), s.reload())
	case it.Event.Kind == model.EventJourney || it.Event.Kind == model.EventPersona || it.Event.Kind == model.EventCampaign:
		return s.load()
	}
	return s.applyLeads(it.Leads, it.Event)
}

// applyLeads moves changed leads between columns and refreshes the counts and
// medians of the stages they left and joined. The stages they left are read from the
// events' Before: a column holds only a window of its cards, so the one a lead left
// may never have held it (an undone move kept its count one too high).
func (s *journeyScreen) applyLeads(ls []model.Lead, evs ...model.Event) tea.Cmd {
	if len(ls) == 0 {
		return nil
	}
	left := map[string]bool{}
	for _, ev := range evs {
		if ev.Before != nil {
			left[ev.Before.Journey] = true
		}
	}
	b, keep := s.c.board(), s.keep()
	var cmds []tea.Cmd
	for _, c := range s.cols {
		touched := left[c.stage]
		for _, l := range ls {
			if c.apply(l, keep) || l.Journey == c.stage {
				touched = true
			}
		}
		if touched {
			c.scroll(s.visibleCards())
			cmds = append(cmds, c.loadCount(b), c.loadMedian(b), c.edge(b, s.visibleCards(), keep))
		}
	}
	return tea.Batch(cmds...)
}

// reload loads every column again from its top, after the filter changed.
func (s *journeyScreen) reload() tea.Cmd {
	b, keep := s.c.board(), s.keep()
	var cmds []tea.Cmd
	for _, c := range s.cols {
		cmds = append(cmds, c.load(b, loadTop, keep))
	}
	return tea.Batch(cmds...)
}

// textUpdate feeds the `/` filter and reloads the columns when its query changed.
func (s *journeyScreen) textUpdate(msg tea.Msg) tea.Cmd {
	used, changed, cmd := s.text.update(msg, s.c.Keys)
	if !used {
		return nil
	}
	if changed {
		return tea.Batch(cmd, s.reload())
	}
	return cmd
}

// keep is the filter as a predicate for the store's bounded scans; nil keeps all.
func (s *journeyScreen) keep() func(*model.Lead) bool {
	return s.filter.keep(s.text.query)
}

// mayEditGuide and mayRestructure say whether the member may edit a stage's guide,
// or add, rename and reorder stages.
func (s *journeyScreen) mayEditGuide() bool { return model.Can(s.c.Me().Role, model.ActEditJourney) }

func (s *journeyScreen) mayRestructure() bool {
	r := s.c.Me().Role
	return r == model.RoleLeadership || r == model.RoleAdmin
}

// restructureRefusal is the sentence for a member who may not add, rename or
// reorder stages.
func (s *journeyScreen) restructureRefusal() error {
	return fmt.Errorf("only leadership or admins may add, rename or reorder journey stages; you are signed in as %s", s.c.Me().Role.Label())
}

// ShortHelp lists the keys that work where the person is.
func (s *journeyScreen) ShortHelp() []key.Binding {
	bk, lk := s.c.Keys.Board, s.c.Keys.List
	if s.text.typing {
		return filterTypingHelp()
	}
	if s.guide.open {
		out := []key.Binding{withHelp(s.c.Keys.Global.Back, "back to the board"), lk.Down, lk.Up}
		if s.mayEditGuide() {
			out = append(out, bk.Edit)
		}
		return out
	}
	var out []key.Binding
	if _, ok := s.current(); ok && model.Can(s.c.Me().Role, model.ActJourney) {
		out = append(out, bk.MoveBack, bk.MoveOn, bk.MoveNote)
	}
	out = append(out, withHelp(lk.Open, "open lead"), bk.Guide, bk.Filter, lk.Filter)
	if s.filter.active() || s.text.active() {
		out = append(out, withHelp(s.c.Keys.Global.Back, "clear filters"))
	}
	return out
}

// FullHelp lists every key of the board; editing keys only for the roles that may.
func (s *journeyScreen) FullHelp() []HelpGroup {
	bk, lk := s.c.Keys.Board, s.c.Keys.List
	groups := []HelpGroup{{"Move", []key.Binding{bk.Left, bk.Right, lk.Up, lk.Down, lk.Top, lk.Bottom, lk.PageUp, lk.PageDown}},
		{"Board", []key.Binding{lk.Open, bk.Guide, bk.Filter, lk.Filter}}}
	var act []key.Binding
	if model.Can(s.c.Me().Role, model.ActJourney) {
		act = append(act, bk.MoveBack, bk.MoveOn, bk.MoveNote)
	}
	if model.Can(s.c.Me().Role, model.ActNote) {
		act = append(act, bk.Note)
	}
	if s.mayEditGuide() {
		act = append(act, bk.Edit)
	}
	if s.mayRestructure() {
		act = append(act, bk.AddStage, bk.StageLeft, bk.StageRight)
	}
	if len(act) > 0 {
		groups = append(groups, HelpGroup{"Change", act})
	}
	// A legend, not a key: the mark on a card (journey_board.go).
	flag := key.NewBinding(key.WithKeys("⚑"), key.WithHelp("⚑", "in the stage longer than its typical time"))
	return append(groups, HelpGroup{"Cards", []key.Binding{flag}})
}

// Commands offers the palette the board's actions, refused ones marked with who may.
func (s *journeyScreen) Commands() []Command {
	bk := s.c.Keys.Board
	role := s.c.Me().Role
	var restructure error
	if !s.mayRestructure() {
		restructure = s.restructureRefusal()
	}
	out := []Command{}
	if l, ok := s.current(); ok {
		name := " · " + leadName(l)
		move := model.Check(role, model.ActJourney)
		out = append(out,
			Command{Label: "Move to the next stage" + name, Key: bk.MoveOn.Help().Key, Refusal: move, Run: func() tea.Cmd { return s.move(1) }},
			Command{Label: "Move to the previous stage" + name, Key: bk.MoveBack.Help().Key, Refusal: move, Run: func() tea.Cmd { return s.move(-1) }},
			Command{Label: "Move with a note" + name, Key: bk.MoveNote.Help().Key, Refusal: move, Run: s.moveWithNote},
			Command{Label: model.ActNote.Label() + name, Key: bk.Note.Help().Key, Refusal: model.Check(role, model.ActNote), Run: s.note})
	}
	out = append(out,
		Command{Label: "Stage guide", Key: bk.Guide.Help().Key, Run: func() tea.Cmd { s.guide.show(); return nil }},
		Command{Label: "Edit the stage guide", Key: bk.Edit.Help().Key, Refusal: model.Check(role, model.ActEditJourney), Run: s.editGuide},
		Command{Label: "Filter the board by persona, owner or campaign", Key: bk.Filter.Help().Key, Run: s.chooseFilter},
		Command{Label: "Add a journey stage", Key: bk.AddStage.Help().Key, Refusal: restructure, Run: s.addStage},
		Command{Label: "Move this stage left", Key: bk.StageLeft.Help().Key, Refusal: restructure, Run: func() tea.Cmd { return s.reorder(-1) }},
		Command{Label: "Move this stage right", Key: bk.StageRight.Help().Key, Refusal: restructure, Run: func() tea.Cmd { return s.reorder(1) }})
	return out
}
