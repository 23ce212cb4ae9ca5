package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// staleFormMsg says a form was refused because a teammate changed what it changes
// while it was open: for a triage form on one lead, Lead is the lead as it is now; for
// a persona form, Persona is the persona as it is now.
type staleFormMsg struct {
	Form    *actionForm
	Lead    model.Lead
	Persona model.Persona
	Err     error
}

// keepOnStale wraps a form's submit so that, on one lead, a refusal for a teammate's
// change does not throw away what was typed: the lead is read again and App reopens
// the form, filled in, on the lead as it is now (reopenStale).
func keepOnStale(c *Context, f *actionForm, run tea.Cmd) tea.Cmd {
	if len(f.Targets) != 1 {
		return run
	}
	st := c.Deps.Store
	return func() tea.Msg {
		msg := run()
		done, ok := msg.(actionDoneMsg)
		var stale *model.StaleError
		if !ok || len(done.Errs) != 1 || !errors.As(done.Errs[0], &stale) {
			return msg
		}
		l, err := st.Lead(f.Targets[0].ID)
		if err != nil {
			return msg
		}
		return staleFormMsg{Form: f, Lead: l, Err: done.Errs[0]}
	}
}

// reopenStale reopens a refused form on the lead or persona as it is now, with what
// was typed, when the action still fits the lead; else it says why not and keeps
// what was typed as a note on the lead, when a note fits.
func (a *App) reopenStale(m staleFormMsg) tea.Cmd {
	f := m.Form
	if f.persona != nil {
		return a.reopenPersona(m)
	}
	if !slices.Contains(model.Available(m.Lead, a.ctx.Me(), a.ctx.env()), f.Action) {
		// One sentence: who changed the lead, that nothing was done, and why the form's
		// action no longer fits. It read "…; reload it and try again. Lee owns #19; …",
		// two messages run together, the first asking for what nobody can do here.
		who := "A teammate"
		if stale := new(model.StaleError); errors.As(m.Err, &stale) && stale.By != "" {
			who = clean(stale.By)
		}
		text := fmt.Sprintf("%s changed %s while your form was open, so it was not sent", who, leadName(m.Lead))
		if d := m.Lead.Dispute; f.Action == model.ActVerdict && d != nil && d.DecidedBy != "" {
			text = fmt.Sprintf("%s decided the dispute on %s while your form was open (%s), so yours was not sent",
				clean(d.DecidedBy), leadName(m.Lead), d.State)
		} else if why := refusal(a.ctx, m.Lead, f.Action); why != nil {
			text += ": " + strings.TrimSuffix(sentence(why), ".")
		}
		if hint := a.keepAsNote(f, m.Lead); hint != "" {
			text += "; " + hint
		}
		a.status = status{text: text + ".", err: true}
		return nil
	}
	a.form = actionFormWith(a.ctx, f.Action, f.From, []model.Lead{m.Lead}, *f.v)
	a.form.restyle(a.ctx.Theme)
	a.status = status{text: "A teammate changed " + leadName(m.Lead) + " while this form was open; what you typed is kept, so check the lead and submit again.", err: true}
	return a.form.form.Init()
}

// keepAsNote keeps what was typed into a form whose action no longer fits the lead as
// a draft note on it, and says how to bring it back; "" when nothing was typed or a
// note does not fit the lead either.
func (a *App) keepAsNote(f *actionForm, l model.Lead) string {
	text := f.unsent()
	if text == "" || refusal(a.ctx, l, model.ActNote) != nil {
		return ""
	}
	note := actionFormWith(a.ctx, model.ActNote, f.From, []model.Lead{l}, formValues{Note: text})
	a.draft = draftOf(note)
	return "what you typed is kept, and " + a.reopenHint(note) + " brings it back as a note"
}

// reopenPersona reopens a refused persona form on the persona as it is now, with what
// was typed, and says what the teammate changed.
func (a *App) reopenPersona(m staleFormMsg) tea.Cmd {
	e, theirs, both := m.Form.persona.rebased(m.Persona)
	text := fmt.Sprintf("%s saved %s while you edited it, so yours was not saved: ", whoSaved(m.Persona), clean(m.Persona.Name))
	if news := rebaseNews(theirs, both); news != "" {
		text += news + "; "
	}
	text += "what you typed is kept, so check it and save again."
	a.form = personaFormWith(a.ctx, e)
	a.form.restyle(a.ctx.Theme)
	a.status = status{text: text, err: true}
	return a.form.form.Init()
}
