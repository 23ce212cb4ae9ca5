package tui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"align/model"
)

// newMoveForm asks where to move a card (the stage after from first) and, optionally,
// why; the note is kept on the move's audit event.
func newMoveForm(c *Context, l model.Lead, stages []model.JourneyStage, from int) *actionForm {
	f := &actionForm{Title: "Move " + leadName(l), Action: model.ActJourney, From: l.ID,
		Targets: []model.Lead{l}, v: &formValues{}}
	var opts []huh.Option[string]
	for i := range stages {
		j := (from + 1 + i) % len(stages)
		if j != from {
			opts = append(opts, huh.NewOption(clean(stages[j].Name), stages[j].ID))
		}
	}
	f.form = huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("To the stage").Options(opts...).Value(&f.v.To),
		huh.NewInput().Title("Note").Description("Optional: why it moved.").
			CharLimit(inputCap).Value(&f.v.Note).Validate(func(s string) error { return model.ValidateNote(model.NormalizeNote(s)) }))).
		WithShowHelp(true)
	f.restyle(c.Theme)
	return f
}

// guideValues are the stage guide form's fields; lists are written one item a line.
type guideValues struct {
	Name, Goals, Activities, Information, Channels, Days, Exit string
	Team                                                       model.Team
	Notes                                                      map[string]*string
}

// editGuide opens the selected stage's guide in a form: marketing, leadership and
// admins may edit it; only leadership and admins see the name field.
func (s *journeyScreen) editGuide() tea.Cmd {
	if err := model.Check(s.c.Me().Role, model.ActEditJourney); err != nil {
		return errCmd(err)
	}
	st, ok := s.stage()
	if !ok {
		return nil
	}
	// The fields start from the sanitised values, as in the persona form.
	v := &guideValues{Name: clean(st.Name), Goals: cleanList(st.Goals), Activities: cleanList(st.Activities),
		Information: cleanList(st.Information), Channels: cleanList(st.Channels), Exit: cleanBlock(st.ExitCriteria),
		Team: st.OwnerTeam, Notes: map[string]*string{}}
	if st.TypicalDays > 0 {
		v.Days = strconv.Itoa(st.TypicalDays)
	}
	list := func(title string, val *string) huh.Field {
		return huh.NewText().Title(title).Description("One a line.").Lines(3).ExternalEditor(false).
			CharLimit(model.MaxNoteBytes).Value(val).Validate(validList(title))
	}
	var first []huh.Field
	if s.mayRestructure() {
		first = append(first, huh.NewInput().Title("Stage name").CharLimit(inputCap).Value(&v.Name).
			Validate(required(func(s string) error { return model.ValidateLine("stage name", s, 80) })))
	}
	first = append(first,
		huh.NewInput().Title("Typical time frame in days").Placeholder("14").Value(&v.Days).Validate(validDays),
		huh.NewSelect[model.Team]().Title("Owner team").Options(
			huh.NewOption("Marketing", model.TeamMarketing), huh.NewOption("Sales", model.TeamSales)).Value(&v.Team),
		huh.NewText().Title("Exit criteria").Lines(2).ExternalEditor(false).CharLimit(model.MaxNoteBytes).Value(&v.Exit).
			Validate(func(s string) error { return model.ValidateNote(model.NormalizeNote(s)) }))
	groups := []*huh.Group{
		huh.NewGroup(first...),
		huh.NewGroup(list("The buyer's goals", &v.Goals), list("What the buyer does", &v.Activities)),
		huh.NewGroup(list("Information they consume", &v.Information), list("Channels", &v.Channels)),
	}
	var notes []huh.Field
	ids := make([]string, 0, len(s.personas))
	for id := range s.personas {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b string) int { return strings.Compare(s.personas[a], s.personas[b]) })
	for _, id := range ids {
		note := cleanBlock(st.PersonaNotes[id])
		v.Notes[id] = &note
		notes = append(notes, huh.NewText().Title("Note for "+clean(s.personas[id])).Lines(2).ExternalEditor(false).
			CharLimit(model.MaxNoteBytes).Value(v.Notes[id]).
			Validate(func(s string) error { return model.ValidateNote(model.NormalizeNote(s)) }))
	}
	if len(notes) > 0 {
		groups = append(groups, huh.NewGroup(notes...))
	}
	f := &actionForm{Title: "Stage guide: " + clean(st.Name)}
	f.form = huh.NewForm(groups...).WithShowHelp(true)
	f.restyle(s.c.Theme)
	f.onSubmit = func(c *Context) tea.Cmd {
		next := v.stage(st)
		return saveStages(c, []model.JourneyStage{next}, "Saved the guide of "+clean(next.Name)+".")
	}
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// stage is base with the form's values.
func (v *guideValues) stage(base model.JourneyStage) model.JourneyStage {
	st := base
	st.Name = strings.TrimSpace(v.Name)
	st.Goals, st.Activities = splitList(v.Goals), splitList(v.Activities)
	st.Information, st.Channels = splitList(v.Information), splitList(v.Channels)
	st.TypicalDays, _ = strconv.Atoi(strings.TrimSpace(v.Days))
	st.OwnerTeam = v.Team
	st.ExitCriteria = strings.TrimSpace(model.NormalizeNote(v.Exit))
	st.PersonaNotes = nil
	for id, n := range v.Notes {
		if t := strings.TrimSpace(model.NormalizeNote(*n)); t != "" {
			if st.PersonaNotes == nil {
				st.PersonaNotes = map[string]string{}
			}
			st.PersonaNotes[id] = t
		}
	}
	return st
}

// validDays accepts an empty time frame or a whole number of days up to ten years.
func validDays(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 3650 {
		return errors.New("enter the typical time frame as a whole number of days, such as 14")
	}
	return nil
}

// addStage opens the form for a new stage at the end of the board (leadership, admins).
func (s *journeyScreen) addStage() tea.Cmd {
	if !s.mayRestructure() {
		return errCmd(s.restructureRefusal())
	}
	name := ""
	f := &actionForm{Title: "Add a journey stage"}
	f.form = huh.NewForm(huh.NewGroup(huh.NewInput().Title("Stage name").Placeholder("Expansion").CharLimit(inputCap).Value(&name).
		Validate(required(func(s string) error { return model.ValidateLine("stage name", s, 80) }))),
	).WithShowHelp(true)
	f.restyle(s.c.Theme)
	stages := slices.Clone(s.stages)
	f.onSubmit = func(c *Context) tea.Cmd {
		taken := make([]model.Persona, len(stages))
		for i, st := range stages {
			taken[i] = model.Persona{ID: st.ID}
		}
		order := 0
		for _, st := range stages {
			order = max(order, st.Order+1)
		}
		st := model.JourneyStage{ID: slugFor(name, taken), Name: strings.TrimSpace(name), Order: order}
		return saveStages(c, []model.JourneyStage{st}, "Added the journey stage "+clean(st.Name)+".")
	}
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// reorder moves the selected stage one place left or right (leadership, admins),
// renumbering the stages whose place changed.
func (s *journeyScreen) reorder(step int) tea.Cmd {
	if !s.mayRestructure() {
		return errCmd(s.restructureRefusal())
	}
	to := s.col + step
	if to < 0 || to >= len(s.stages) {
		return nil
	}
	next := slices.Clone(s.stages)
	next[s.col], next[to] = next[to], next[s.col]
	var changed []model.JourneyStage
	for i := range next {
		if next[i].Order != i {
			next[i].Order = i
			changed = append(changed, next[i])
		}
	}
	s.stages, s.col = next, to
	s.clampCols()
	return saveStages(s.c, changed, fmt.Sprintf("Moved %s to place %d on the board.", clean(next[to].Name), to+1))
}

// saveStages writes stages through the store in a command, in order, stopping at the
// first refusal.
func saveStages(c *Context, sts []model.JourneyStage, done string) tea.Cmd {
	b, me, ctx := c.board(), c.Me(), c.Deps.ctx()
	return func() tea.Msg {
		for _, st := range sts {
			if err := b.PutJourneyStage(ctx, me, st); err != nil {
				return stageSaved{Err: err}
			}
		}
		return stageSaved{Text: done}
	}
}
