package model

// FeedItem is one committed change as the store's change feed delivers it to screens.
type FeedItem struct {
	// Event is the committed audit event.
	Event Event
	// Leads are the leads as they stand after the event (one for a triage action,
	// many for an import batch), so a screen can redraw rows without a read.
	Leads []Lead
	// Reload says the subscriber fell behind and missed items: it must reload what it shows.
	Reload bool
}
