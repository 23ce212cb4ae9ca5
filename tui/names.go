package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// nameBook shows personas, journey stages and campaigns by their names rather than
// their IDs. It is read on every frame, so a lookup is one map read; App builds a new
// book when the cards change (the change feed says so) and never changes one in place.
type nameBook struct {
	persona, stage, campaign map[string]string
	// version grows with every new book, so caches of rendered rows and panes keyed by
	// it redraw when a name changes.
	version uint64
}

// namesLoaded carries the cards whose names the book holds.
type namesLoaded struct {
	Personas  []model.Persona
	Stages    []model.JourneyStage
	Campaigns []model.Campaign
	Err       error
}

// newNameBook builds a book from loaded cards; names are sanitised once, here.
func newNameBook(m namesLoaded, version uint64) *nameBook {
	n := &nameBook{version: version,
		persona:  make(map[string]string, len(m.Personas)),
		stage:    make(map[string]string, len(m.Stages)),
		campaign: make(map[string]string, len(m.Campaigns)),
	}
	for _, p := range m.Personas {
		n.persona[p.ID] = clean(p.Name)
	}
	for _, st := range m.Stages {
		n.stage[st.ID] = clean(st.Name)
	}
	for _, c := range m.Campaigns {
		n.campaign[c.ID] = clean(c.Name)
	}
	return n
}

// Persona is the persona's name, or its ID when no persona has it; sanitised.
func (n *nameBook) Persona(id string) string { return n.lookup(n.personas(), id) }

// Stage is the journey stage's name, or its ID; sanitised.
func (n *nameBook) Stage(id string) string { return n.lookup(n.stages(), id) }

// Campaign is the campaign's name, or its ID; sanitised.
func (n *nameBook) Campaign(id string) string { return n.lookup(n.campaigns(), id) }

// Version is the book's version; 0 for no book.
func (n *nameBook) Version() uint64 {
	if n == nil {
		return 0
	}
	return n.version
}

func (n *nameBook) personas() map[string]string {
	if n == nil {
		return nil
	}
	return n.persona
}

func (n *nameBook) stages() map[string]string {
	if n == nil {
		return nil
	}
	return n.stage
}

func (n *nameBook) campaigns() map[string]string {
	if n == nil {
		return nil
	}
	return n.campaign
}

func (n *nameBook) lookup(m map[string]string, id string) string {
	if name := m[id]; name != "" {
		return name
	}
	return clean(id)
}

// byField is the map for a lead field that holds a card's ID, as model.Diff names it.
func (n *nameBook) byField(field string) map[string]string {
	switch field {
	case "persona":
		return n.personas()
	case "journey":
		return n.stages()
	case "campaign":
		return n.campaigns()
	}
	return nil
}

// Summary is an event's one-line account, sanitised, with the persona, journey stage
// or campaign ID it ends with shown by its name: "moved to journey stage
// Consideration" rather than "... consideration", "created from webinar (Ops
// dashboards webinar)". The model writes the ID, which stays true after a rename;
// the name is looked up when the line is drawn.
func (n *nameBook) Summary(ev model.Event) string {
	s := ev.Summary
	for _, c := range ev.Changes {
		names := n.byField(c.Field)
		for _, id := range []string{c.After, c.Before} {
			if name := names[id]; id != "" && name != "" && strings.HasSuffix(s, " "+id) {
				return clean(strings.TrimSuffix(s, id)) + name
			}
		}
	}
	if ev.Kind == model.EventLeadCreated && strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i >= 0 {
			if name := n.campaigns()[s[i+2:len(s)-1]]; name != "" {
				return clean(s[:i]) + " (" + name + ")"
			}
		}
	}
	return clean(s)
}

// Subject is what a workspace event changed, by name: the persona, journey stage or
// campaign, else the subject as written (a member's name, "settings").
func (n *nameBook) Subject(ev model.Event) string {
	switch ev.Kind {
	case model.EventPersona:
		return n.Persona(ev.Subject)
	case model.EventJourney:
		return n.Stage(ev.Subject)
	case model.EventCampaign:
		return n.Campaign(ev.Subject)
	}
	return clean(ev.Subject)
}

// loadNames reads the cards whose names the book holds.
func loadNames(st Store) tea.Cmd {
	return func() tea.Msg {
		var m namesLoaded
		if m.Personas, m.Err = st.Personas(); m.Err != nil {
			return m
		}
		if m.Stages, m.Err = st.Journey(); m.Err != nil {
			return m
		}
		m.Campaigns, m.Err = st.Campaigns()
		return m
	}
}

// namesStale says a change-feed item may have changed a name the book holds.
func namesStale(it model.FeedItem) bool {
	switch it.Event.Kind {
	case model.EventPersona, model.EventJourney, model.EventCampaign:
		return true
	}
	return it.Reload
}
