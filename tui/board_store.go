package tui

import (
	"context"
	"time"

	"align/model"
)

// BoardStore is what the persona cards and the buyer-journey board need from storage
// besides the queues: the cards themselves, their figures, and the journey columns
// paged in time-in-stage order.
//
// Journey columns are paged by model.Cursor, where Key is the lead's JourneySince in
// Unix milliseconds and ID breaks ties, so a column lists its oldest cards first and
// its median time in stage is the entry at position count/2.
type BoardStore interface {
	// PutPersona creates or changes a persona card; a card whose Version is set must
	// still be at that version. The change is audited and published on the feed.
	PutPersona(ctx context.Context, actor model.Member, p model.Persona) error
	// DeletePersona removes a persona card that no lead is linked to.
	DeletePersona(ctx context.Context, actor model.Member, id string) error
	// PutJourneyStage creates or changes a journey stage: its guide (marketing,
	// leadership, admins) or its name and place on the board (leadership, admins).
	PutJourneyStage(ctx context.Context, actor model.Member, st model.JourneyStage) error
	// Campaigns lists the campaigns, for the board's filter.
	Campaigns() ([]model.Campaign, error)
	// PersonaStats is how many leads are linked to the persona and how many of them
	// were won, both read from counters: O(1) at any size.
	PersonaStats(id string) (linked, won int, err error)
	// PersonaLeads returns up to n leads linked to the persona with an ID above after,
	// by ID.
	PersonaLeads(id string, after model.LeadID, n int) ([]model.Lead, error)
	// JourneyCount is the number of leads in a journey stage, from a counter.
	JourneyCount(stage string) (int, error)
	// JourneyPage walks a journey column from the cursor (exclusive; nil starts at an
	// end), forward (oldest in stage first) or in reverse, and returns up to n leads
	// that keep accepts (nil keeps all), in walking order. It reads at most scan index
	// entries, so a filter that matches few leads costs a bounded time per page; last
	// is the cursor of the last entry read and end reports that the column's end was
	// reached.
	JourneyPage(stage string, at *model.Cursor, n, scan int, reverse bool, keep func(*model.Lead) bool) (leads []model.Lead, last model.Cursor, end bool, err error)
	// JourneyMedian is when the median lead of the stage entered it (the entry at
	// position count/2 of the column); zero for an empty stage. It walks half the
	// column's keys, so screens compute it in a command and cache it.
	JourneyMedian(stage string) (time.Time, error)
}

// journeyCursor is a lead's position in its journey column.
func journeyCursor(l *model.Lead) model.Cursor {
	return model.Cursor{Key: l.JourneySince.UnixMilli(), ID: l.ID}
}

// board returns the session's store for the persona cards and the journey board.
func (c *Context) board() BoardStore { return c.Deps.Store }
