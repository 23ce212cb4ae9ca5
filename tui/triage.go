package tui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// bulkActions are the actions that apply to every selected lead (product.md: space,
// then a, r, x, o or p).
var bulkActions = map[model.Action]bool{
	model.ActAccept: true, model.ActReject: true, model.ActDisqualify: true, model.ActAssign: true,
	model.ActPersona: true,
}

// triage takes a triage action on the current lead, or on the selection for a bulk
// action: refused with the model's sentence when the role may not, straight to the
// store when it needs no input, else through a form.
func (s *queueScreen) triage(a model.Action) tea.Cmd {
	me := s.c.Me()
	if err := model.Check(me.Role, a); err != nil {
		return errCmd(err)
	}
	targets := s.targets(a)
	if len(targets) == 0 {
		return errCmd(errNoLead)
	}
	if len(targets) == 1 {
		if err := refusal(s.c, targets[0], a); err != nil {
			return errCmd(err)
		}
	}
	from := targets[0].ID
	if cur, ok := s.current(); ok {
		from = cur.ID
	}
	if a == model.ActAccept || a == model.ActQualify || a == model.ActMarkMQL {
		if l, busy := s.stillSaving(targets); busy {
			return flashCmd(fmt.Sprintf("Still saving your change to %s; a moment.", leadName(l)))
		}
		if s.saving == nil {
			s.saving = map[model.LeadID]bool{}
		}
		for _, l := range targets {
			s.saving[l.ID] = true
		}
		return runActions(s.c, a, from, targets, func(l model.Lead) model.Command {
			return model.Command{Action: a, Lead: l.ID, ExpectVersion: l.Version}
		})
	}
	if a == model.ActPersona {
		return personaLinkForm(s.c, from, targets)
	}
	f := newActionForm(s.c, a, from, targets)
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// stillSaving returns a target whose last one-key action the store has not answered.
func (s *queueScreen) stillSaving(targets []model.Lead) (model.Lead, bool) {
	for _, l := range targets {
		if s.saving[l.ID] {
			return l, true
		}
	}
	return model.Lead{}, false
}

// targets are the marked leads for a bulk action when some are marked, else the
// current lead.
func (s *queueScreen) targets(a model.Action) []model.Lead {
	// A selection is acted on where I can see it: the marked leads of the list shown,
	// never leads a filter hides, and not while the detail shows a lead opened from
	// elsewhere. `a` under a filter accepted a lead selected before it and hidden by
	// it, and with a lead opened from the palette it accepted the selection instead
	// (new-user review).
	if bulkActions[a] && len(s.marked) > 0 && s.detail.pinned == nil {
		var out []model.Lead
		for _, l := range s.rows() {
			if s.marked[l.ID] {
				out = append(out, l)
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	if l, ok := s.current(); ok {
		return []model.Lead{l}
	}
	return nil
}

func containsLead(ls []model.Lead, id model.LeadID) bool {
	for _, l := range ls {
		if l.ID == id {
			return true
		}
	}
	return false
}

// refusal asks the model whether the action fits the lead as it stands (model.Fits),
// so the person hears why before filling a form in.
func refusal(c *Context, l model.Lead, a model.Action) error {
	return model.Fits(l, a, c.Me(), c.env())
}

// runActions applies one command per lead through the store from a Cmd and reports
// every outcome in one message.
func runActions(c *Context, a model.Action, from model.LeadID, targets []model.Lead, build func(model.Lead) model.Command) tea.Cmd {
	st, me, ctx, names := c.Deps.Store, c.Me(), c.Deps.ctx(), c.Names
	cmds := make([]model.Command, len(targets))
	sent := make([]model.LeadID, len(targets))
	for i, l := range targets {
		cmds[i], sent[i] = build(l), l.ID
	}
	return func() tea.Msg {
		m := actionDoneMsg{Action: a, From: from, Sent: sent, Names: names}
		for _, cmd := range cmds {
			l, ev, err := st.Do(ctx, me, cmd)
			if err != nil {
				m.Errs = append(m.Errs, err)
				continue
			}
			m.Leads, m.Events = append(m.Leads, l), append(m.Events, ev)
		}
		return m
	}
}

// undoCmd undoes the member's own last change; App.undo decides whether it may.
func undoCmd(c *Context) tea.Cmd {
	st, me, ctx, names := c.Deps.Store, c.Me(), c.Deps.ctx(), c.Names
	return func() tea.Msg {
		l, ev, err := st.Undo(ctx, me)
		m := actionDoneMsg{Action: model.ActUndo, From: l.ID, Names: names}
		if err != nil {
			m.Errs = []error{err}
			return m
		}
		m.Leads, m.Events = []model.Lead{l}, []model.Event{ev}
		return m
	}
}

// actionDone folds the changed leads into the window, clears their marks and moves
// the cursor to the next lead, or after an undo to the lead it restored.
func (s *queueScreen) actionDone(m actionDoneMsg) tea.Cmd {
	for _, id := range m.Sent {
		delete(s.saving, id)
	}
	// Every path below asks the store for the count, which includes these changes:
	// their feed items, if still on their way, must not count them again (recount).
	for _, ev := range m.Events {
		if s.ownCounted == nil {
			s.ownCounted = map[uint64]bool{}
		}
		s.ownCounted[ev.Seq] = true
	}
	for _, l := range m.Leads {
		s.win.apply(l)
		s.filter.apply(l, s.queue(), s.c.Me().Name)
		s.detail.refresh(l)
		delete(s.marked, l.ID)
	}
	if m.Action == model.ActUndo && len(m.Leads) == 1 && s.detail.pinned == nil {
		return tea.Batch(s.toRestored(m.Leads[0]), s.loadCount())
	}
	if len(m.Leads) == 0 || m.Action == model.ActUndo {
		s.restoreCursor()
		return tea.Batch(s.loadCount(), s.detail.follow(s))
	}
	if s.detail.pinned != nil {
		return tea.Batch(s.loadCount(), s.detail.follow(s))
	}
	if !slices.ContainsFunc(m.Leads, func(l model.Lead) bool { return l.ID == m.From }) {
		// A bulk action on a selection the cursor was not on: the cursor stays on its
		// lead (it moved one past it).
		s.selID = m.From
		s.restoreCursor()
		return tea.Batch(s.loadCount(), s.detail.follow(s))
	}
	if containsLead(s.rows(), m.From) {
		// The lead is still in the queue (a note, a contact, a qualify in My leads): the
		// cursor stays on it. Moving on would put the next key on a lead not looked at.
		s.selID = m.From
		s.restoreCursor()
		return tea.Batch(s.loadCount(), s.detail.follow(s))
	}
	// The lead left the queue: the next one took its row.
	s.selID = 0
	return tea.Batch(s.moveTo(s.sel), s.loadCount())
}

// toRestored puts the cursor on the lead an undo brought back, when the queue holds
// it; a lead beyond the window is loaded with its neighbours around it.
func (s *queueScreen) toRestored(l model.Lead) tea.Cmd {
	for i := range s.rows() {
		if s.rows()[i].ID == l.ID {
			return s.moveTo(i)
		}
	}
	if s.filter.active() || !s.queue().Holds(&l, s.c.Me().Name) {
		s.restoreCursor()
		return s.detail.follow(s)
	}
	s.win.reset([]model.Lead{l}, false, false)
	s.sel, s.offset, s.selID = 0, 0, l.ID
	return tea.Batch(s.load(loadAround), s.detail.follow(s))
}

// outcome is the status-bar sentence for an action's result.
func outcome(m actionDoneMsg) (string, bool) {
	switch {
	case m.Action == model.ActUndo && len(m.Errs) == 0 && len(m.Events) == 1:
		return m.Names.Names().Undone(m.Leads[0], m.Events[0]), false
	case len(m.Errs) == 0 && len(m.Events) == 1:
		return fmt.Sprintf("%s — %s.", leadName(m.Leads[0]), m.Names.Summary(m.Events[0])), false
	case len(m.Errs) == 0:
		// u takes back one change, so a bulk action needs one u per lead.
		return fmt.Sprintf("%d leads — %s (u undoes them one lead at a time).", len(m.Events), m.Names.Summary(m.Events[0])), false
	case len(m.Events) == 0 && len(m.Errs) == 1:
		return sentence(m.Errs[0]), true
	case len(m.Events) == 0:
		return fmt.Sprintf("None of the %d leads changed: %s", len(m.Errs), sentence(m.Errs[0])), true
	}
	return fmt.Sprintf("%s changed, %d refused: %s", model.Plural(len(m.Events), "lead"), len(m.Errs), sentence(m.Errs[0])), true
}

func leadName(l model.Lead) string { return clean(l.DisplayName()) }
