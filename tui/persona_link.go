package tui

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"align/model"
)

// personaLinkForm reads the personas, then opens a form that links the targets (the
// lead in the detail, or a queue selection) to one of them or unlinks them. The
// links go through the store as model.ActPersona commands, one audited event each.
func personaLinkForm(c *Context, from model.LeadID, targets []model.Lead) tea.Cmd {
	if err := model.Check(c.Me().Role, model.ActPersona); err != nil {
		return errCmd(err)
	}
	st := c.Deps.Store
	return func() tea.Msg {
		ps, err := st.Personas()
		if err != nil {
			return flashMsg{Text: sentence(err), Err: true}
		}
		if len(ps) == 0 {
			return flashMsg{Text: sentence(errNoPersona), Err: true}
		}
		return openFormMsg{Form: newPersonaLinkForm(c, from, targets, ps)}
	}
}

// newPersonaLinkForm offers every persona, and unlinking, for the targets.
func newPersonaLinkForm(c *Context, from model.LeadID, targets []model.Lead, ps []model.Persona) *actionForm {
	f := &actionForm{Action: model.ActPersona, From: from, Targets: targets, v: &formValues{}}
	who := leadName(targets[0])
	if len(targets) > 1 {
		who = fmt.Sprintf("%d selected leads", len(targets))
	}
	f.Title = "Link to a persona: " + who
	opts := make([]huh.Option[string], 0, len(ps)+1)
	for _, p := range ps {
		opts = append(opts, huh.NewOption(clean(p.Name)+" ("+string(p.DecisionRole)+")", p.ID))
	}
	// Unlinking is offered only where there is a link, so that enter on a lead with no
	// persona links it to the first rather than recording an unlink of nothing.
	f.v.To = targets[0].Persona
	if slices.ContainsFunc(targets, func(l model.Lead) bool { return l.Persona != "" }) {
		opts = append(opts, huh.NewOption("No persona (unlink)", ""))
	}
	if f.v.To == "" {
		f.v.To = ps[0].ID
	}
	f.form = huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title("Persona").Options(opts...).Value(&f.v.To))).WithShowHelp(true)
	f.restyle(c.Theme)
	return f
}
