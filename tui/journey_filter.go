package tui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"align/model"
)

// boardFilter narrows the board to a persona, an owner and a campaign. The store
// applies it while paging a column, reading a bounded number of index entries per
// page (boardScan), so a filter that matches few of a huge column keeps each page
// quick; the column then pages on as the cursor nears the end of what it found.
type boardFilter struct {
	Persona, Owner, Campaign string
}

// filterChosen carries the filter picked in the form.
type filterChosen struct{ Filter boardFilter }

// unowned is the owner choice that keeps leads nobody owns.
const unowned = "\x00unowned"

func (f boardFilter) active() bool { return f != boardFilter{} }

// keep is the filter and the `/` text as one predicate; nil when neither is set.
func (f boardFilter) keep(text string) func(*model.Lead) bool {
	if !f.active() && text == "" {
		return nil
	}
	return func(l *model.Lead) bool {
		switch {
		case f.Persona != "" && l.Persona != f.Persona:
			return false
		case f.Owner == unowned && l.Owner != "":
			return false
		case f.Owner != "" && f.Owner != unowned && l.Owner != f.Owner:
			return false
		case f.Campaign != "" && l.Campaign != f.Campaign:
			return false
		}
		return text == "" || matches(l, text)
	}
}

// describe says what the filter keeps, for the title line.
func (f boardFilter) describe(personas map[string]string, campaigns []model.Campaign) string {
	var parts []string
	if f.Persona != "" {
		name := personas[f.Persona]
		if name == "" {
			name = f.Persona
		}
		parts = append(parts, clean(name))
	}
	switch f.Owner {
	case "":
	case unowned:
		parts = append(parts, "unowned")
	default:
		parts = append(parts, "owner "+clean(f.Owner))
	}
	if f.Campaign != "" {
		name := f.Campaign
		for _, c := range campaigns {
			if c.ID == f.Campaign {
				name = c.Name
			}
		}
		parts = append(parts, clean(name))
	}
	return strings.Join(parts, " · ")
}

// chooseFilter opens the form that picks a persona, an owner and a campaign.
func (s *journeyScreen) chooseFilter() tea.Cmd {
	v := s.filter
	personas := []huh.Option[string]{huh.NewOption("Any persona", "")}
	for id, name := range s.personas {
		personas = append(personas, huh.NewOption(clean(name), id))
	}
	sortOptions(personas[1:])
	owners := []huh.Option[string]{huh.NewOption("Any owner", ""), huh.NewOption("Nobody yet", unowned)}
	for _, m := range s.c.Members {
		if model.Can(m.Role, model.ActAccept) {
			owners = append(owners, huh.NewOption(clean(m.Name)+" ("+m.Role.Label()+")", m.Name))
		}
	}
	campaigns := []huh.Option[string]{huh.NewOption("Any campaign", "")}
	for _, c := range s.campaigns {
		campaigns = append(campaigns, huh.NewOption(clean(c.Name), c.ID))
	}
	f := &actionForm{Title: "Filter the board"}
	f.form = huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("Persona").Options(personas...).Value(&v.Persona),
		huh.NewSelect[string]().Title("Owner").Options(owners...).Value(&v.Owner),
		huh.NewSelect[string]().Title("Campaign").Options(campaigns...).Value(&v.Campaign),
	)).WithShowHelp(true)
	f.restyle(s.c.Theme)
	f.onSubmit = func(*Context) tea.Cmd {
		return func() tea.Msg { return filterChosen{Filter: v} }
	}
	return func() tea.Msg { return openFormMsg{Form: f} }
}

// sortOptions orders options by their label.
func sortOptions(opts []huh.Option[string]) {
	slices.SortFunc(opts, func(a, b huh.Option[string]) int { return strings.Compare(a.Key, b.Key) })
}
