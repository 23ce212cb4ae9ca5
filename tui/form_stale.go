package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// staleFormMsg says a form's action on one lead was refused because a teammate changed
// the lead while the form was open; Lead is the lead as it is now.
type staleFormMsg struct {
	Form *actionForm
	Lead model.Lead
	Err  error
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

// reopenStale reopens a refused form on the lead as it is now, with what was typed,
// when the action still fits the lead; else it says why not.
func (a *App) reopenStale(m staleFormMsg) tea.Cmd {
	f := m.Form
	if !slices.Contains(model.Available(m.Lead, a.ctx.Me(), a.ctx.env()), f.Action) {
		// One sentence: who changed the lead, that nothing was done, and why the form's
		// action no longer fits. It read "…; reload it and try again. Lee owns #19; …",
		// two messages run together, the first asking for what nobody can do here.
		who := "A teammate"
		if stale := new(model.StaleError); errors.As(m.Err, &stale) && stale.By != "" {
			who = clean(stale.By)
		}
		text := fmt.Sprintf("%s changed %s while your form was open, so it was not sent", who, leadName(m.Lead))
		if why := refusal(a.ctx, m.Lead, f.Action); why != nil {
			text += ": " + strings.TrimSuffix(sentence(why), ".")
		}
		a.status = status{text: text + ".", err: true}
		return nil
	}
	a.form = actionFormWith(a.ctx, f.Action, f.From, []model.Lead{m.Lead}, *f.v)
	a.form.restyle(a.ctx.Theme)
	a.status = status{text: "A teammate changed " + leadName(m.Lead) + " while this form was open; what you typed is kept, so check the lead and submit again.", err: true}
	return a.form.form.Init()
}
