package tui

import (
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// nameBook shows personas, journey stages and campaigns by their names rather than
// their IDs (model.Names). It is read on every frame, so a lookup is one map read; App
// builds a new book when the cards change (the change feed says so) and never changes
// one in place.
type nameBook struct {
	names *model.Names
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
	return &nameBook{names: model.NewNames(m.Personas, m.Stages, m.Campaigns), version: version}
}

// Names is the book's model.Names; nil (IDs shown) for no book.
func (n *nameBook) Names() *model.Names {
	if n == nil {
		return nil
	}
	return n.names
}

// Persona is the persona's name, or its ID when no persona has it; sanitised.
func (n *nameBook) Persona(id string) string { return n.Names().Persona(id) }

// Stage is the journey stage's name, or its ID; sanitised.
func (n *nameBook) Stage(id string) string { return n.Names().Stage(id) }

// Campaign is the campaign's name, or its ID; sanitised.
func (n *nameBook) Campaign(id string) string { return n.Names().Campaign(id) }

// Summary is an event's one-line account by name (model.Names.Summary).
func (n *nameBook) Summary(ev model.Event) string { return n.Names().Summary(ev) }

// Subject is what a workspace event changed, by name (model.Names.Subject).
func (n *nameBook) Subject(ev model.Event) string { return n.Names().Subject(ev) }

// Version is the book's version; 0 for no book.
func (n *nameBook) Version() uint64 {
	if n == nil {
		return 0
	}
	return n.version
}

// loadNames reads the cards whose names the book holds.
func loadNames(st Store) tea.Cmd {
	return func() tea.Msg { return readCards(st) }
}

// readCards reads the personas, journey stages and campaigns: the names of the book,
// and the columns and filters of the journey board.
func readCards(st Store) namesLoaded {
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

// namesStale says a change-feed item may have changed a name the book holds.
func namesStale(it model.FeedItem) bool {
	switch it.Event.Kind {
	case model.EventPersona, model.EventJourney, model.EventCampaign:
		return true
	}
	return it.Reload
}
