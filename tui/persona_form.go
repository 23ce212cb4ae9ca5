package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"align/model"
)

// personaValues are the persona form's fields; lists are written one item a line.
type personaValues struct {
	Name, Industry, Size                                       string
	Role                                                       model.DecisionRole
	Interests, Pains, Goals, Objections, Channels, Information string
	Messaging                                                  string
}

// create opens the form for a new persona (marketing, leadership, admins).
func (s *personaScreen) create() tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActEditPersona); err != nil {
		return errCmd(err)
	}
	f := newPersonaForm(s.c, model.Persona{DecisionRole: model.DecisionMaker}, s.personas, true)
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// edit opens the form on the persona under the cursor.
func (s *personaScreen) edit() tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActEditPersona); err != nil {
		return errCmd(err)
	}
	p, ok := s.current()
	if !ok {
		return nil
	}
	f := newPersonaForm(s.c, p, s.personas, false)
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// remove asks to confirm, then deletes the persona under the cursor; the store
// refuses while leads are linked to it.
func (s *personaScreen) remove() tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActEditPersona); err != nil {
		return errCmd(err)
	}
	p, ok := s.current()
	if !ok {
		return nil
	}
	yes := false
	name := clean(p.Name)
	f := &actionForm{Title: "Delete the persona " + name}
	f.form = huh.NewForm(huh.NewGroup(huh.NewConfirm().Title("Delete " + name + "?").
		Description("Leads linked to it must be linked elsewhere first.").
		Affirmative("Delete").Negative("Keep it").Value(&yes))).WithShowHelp(true)
	f.restyle(s.c.Theme)
	f.onSubmit = func(c *Context) tea.Cmd {
		if !yes {
			return boardFlash("Kept " + name + "; nothing changed.")
		}
		b, me, ctx, id := c.board(), c.Me(), c.Deps.ctx(), p.ID
		return func() tea.Msg {
			err := b.DeletePersona(ctx, me, id)
			return personaSaved{Text: "Deleted the persona " + name + ".", Err: err}
		}
	}
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// newPersonaForm builds the form for every field of a persona, over four pages.
func newPersonaForm(c *Context, p model.Persona, all []model.Persona, isNew bool) *actionForm {
	return personaFormWith(c, &personaEdit{base: p, v: valuesOf(p), all: all, isNew: isNew})
}

// valuesOf is a persona as the form's fields hold it. The fields start from the
// sanitised values: an input echoes what it holds, so a stored escape sequence must
// not reach the terminal through the form either.
func valuesOf(p model.Persona) personaValues {
	return personaValues{Name: clean(p.Name), Industry: clean(p.Industry), Size: clean(p.CompanySize), Role: p.DecisionRole,
		Interests: cleanList(p.Interests), Pains: cleanList(p.Pains), Goals: cleanList(p.Goals), Objections: cleanList(p.Objections),
		Channels: cleanList(p.Channels), Information: cleanList(p.Information), Messaging: cleanBlock(p.Messaging)}
}

// personaFormWith builds the persona form on e.base with its fields filled in with e.v.
func personaFormWith(c *Context, e *personaEdit) *actionForm {
	p, v, isNew := e.base, &e.v, e.isNew
	title := "Edit the persona " + clean(p.Name)
	if isNew {
		title = "New persona"
	}
	f := &actionForm{Title: title, persona: e}
	roles := make([]huh.Option[model.DecisionRole], len(model.DecisionRoles))
	for i, r := range model.DecisionRoles {
		roles[i] = huh.NewOption(string(r), r)
	}
	list := func(title, desc string, val *string) huh.Field {
		return huh.NewText().Title(title).Description(desc).Lines(4).ExternalEditor(false).
			CharLimit(model.MaxNoteBytes).Value(val).Validate(validList(title))
	}
	f.form = huh.NewForm(
		huh.NewGroup(
			huh.NewInput().Title("Name").Placeholder("Ops Olga").CharLimit(inputCap).Value(&v.Name).
				Validate(required(func(s string) error { return model.ValidateLine("persona name", s, 80) })),
			huh.NewSelect[model.DecisionRole]().Title("Role in the buying decision").Options(roles...).Value(&v.Role),
			huh.NewInput().Title("Industry").CharLimit(inputCap).Value(&v.Industry).Validate(line("industry", 120)),
			huh.NewInput().Title("Company size").Placeholder("200-1000").CharLimit(inputCap).Value(&v.Size).Validate(line("company size", 40)),
		),
		huh.NewGroup(
			list("Needs and pain points", "One a line; the first two show on the card.", &v.Pains),
			list("Goals and motivators", "One a line; the first two show on the card.", &v.Goals),
		),
		huh.NewGroup(
			list("Interests", "One a line.", &v.Interests),
			list("Objections", "One a line.", &v.Objections),
		),
		huh.NewGroup(
			list("Preferred channels", "One a line.", &v.Channels),
			list("Information they consume", "One a line.", &v.Information),
		),
		huh.NewGroup(
			huh.NewText().Title("Messaging notes").Description("Markdown: how to talk to this persona.").Lines(8).
				ExternalEditor(false).CharLimit(model.MaxNoteBytes).Value(&v.Messaging).
				Validate(func(s string) error { return model.ValidateNote(model.NormalizeNote(s)) }),
		),
	).WithShowHelp(true)
	f.restyle(c.Theme)
	f.onSubmit = func(c *Context) tea.Cmd {
		next := v.persona(p)
		if isNew {
			next.ID, next.Version = slugFor(v.Name, e.all), 0
		}
		b, st, me, ctx := c.board(), c.Deps.Store, c.Me(), c.Deps.ctx()
		verb := "Saved"
		if isNew {
			verb = "Added"
		}
		return func() tea.Msg {
			err := b.PutPersona(ctx, me, next)
			if cur, ok := changedSince(st, next, err); ok {
				return staleFormMsg{Form: f, Persona: cur, Err: err}
			}
			return personaSaved{Text: fmt.Sprintf("%s the persona %s.", verb, clean(next.Name)), Err: err}
		}
	}
	return f
}

// persona is base with the form's values.
func (v *personaValues) persona(base model.Persona) model.Persona {
	p := base
	p.Name = strings.TrimSpace(v.Name)
	p.DecisionRole = v.Role
	p.Industry, p.CompanySize = strings.TrimSpace(v.Industry), strings.TrimSpace(v.Size)
	p.Interests, p.Pains, p.Goals = splitList(v.Interests), splitList(v.Pains), splitList(v.Goals)
	p.Objections, p.Channels, p.Information = splitList(v.Objections), splitList(v.Channels), splitList(v.Information)
	p.Messaging = strings.TrimSpace(model.NormalizeNote(v.Messaging))
	return p
}

// cleanList writes a list one sanitised item a line, for a form field.
func cleanList(xs []string) string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = clean(x)
	}
	return strings.Join(out, "\n")
}

// splitList reads a one-item-a-line field, dropping blank lines.
func splitList(s string) []string {
	var out []string
	for _, ln := range strings.Split(model.NormalizeNote(s), "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

// validList checks every line of a list field as terminal-safe text.
func validList(field string) func(string) error {
	return func(s string) error {
		for _, ln := range splitList(s) {
			if err := model.ValidateLine(strings.ToLower(field), ln, 200); err != nil {
				return err
			}
		}
		return nil
	}
}

// line checks an optional one-line field.
func line(field string, n int) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return model.ValidateLine(field, strings.TrimSpace(s), n)
	}
}

// slugFor makes a new persona's ID from its name ("Ops Olga" → "ops-olga"), unique
// among the personas.
func slugFor(name string, all []model.Persona) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.Trim(b.String(), "-")
	if len(base) > 48 {
		base = strings.Trim(base[:48], "-")
	}
	if base == "" {
		base = "persona"
	}
	taken := func(id string) bool {
		for _, p := range all {
			if p.ID == id {
				return true
			}
		}
		return false
	}
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// errNoPersona is the answer when a lead is linked before any persona exists.
var errNoPersona = errors.New("there is no persona to link to yet; marketing writes them on the Personas screen (2)")
