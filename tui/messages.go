package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// Messages that cross component boundaries. Async results carry their owner (queue,
// generation, lead) so an answer that arrives late lands in the right place or is
// dropped.

// feedMsg is one item of the store's change feed.
type feedMsg struct{ Item model.FeedItem }

// feedClosedMsg says the change feed ended; live updates stop.
type feedClosedMsg struct{}

// tickMsg is the minute tick that refreshes clocks and the header time.
type tickMsg struct{ At time.Time }

// flashMsg puts a sentence in the status bar.
type flashMsg struct {
	Text string
	Err  bool
}

// openFormMsg asks App to show a form.
type openFormMsg struct{ Form *actionForm }

// actionDoneMsg reports the outcome of triage actions on one or more leads.
type actionDoneMsg struct {
	Action model.Action
	// From is the lead the cursor was on when the action was asked for.
	From model.LeadID
	// Sent are the leads the commands were for, answered or refused.
	Sent   []model.LeadID
	Leads  []model.Lead
	Events []model.Event
	Errs   []error
	// Names is the name book when the action was asked for, to word the outcome
	// with stage and persona names; books are never changed, so a command may carry one.
	Names *nameBook
}

// switchScreenMsg asks App to show the screen with this number key.
type switchScreenMsg struct{ Number int }

// showLeadMsg asks the queue screen to open a lead's detail, wherever it is. From is
// the number of the screen it was opened from, where esc goes back to; 0 for none.
type showLeadMsg struct {
	ID   model.LeadID
	From int
}

// openLead shows a lead's detail on the Queues screen, opened from screen from
// (0 when esc should stay on the Queues screen).
func openLead(id model.LeadID, from int) tea.Cmd {
	return tea.Batch(
		func() tea.Msg { return switchScreenMsg{Number: 1} },
		func() tea.Msg { return showLeadMsg{ID: id, From: from} })
}

// setQueueMsg asks the queue screen to show a queue.
type setQueueMsg struct{ Queue model.Queue }

// settingsLoaded carries the workspace settings and team, loaded once at start.
type settingsLoaded struct {
	Settings model.Settings
	Members  []model.Member
	Err      error
}

// themeChangedMsg tells screens the theme was rebuilt, so cached renders are stale.
type themeChangedMsg struct{}

// flashCmd returns a command that shows a sentence in the status bar.
func flashCmd(text string) tea.Cmd {
	return func() tea.Msg { return flashMsg{Text: text} }
}

// errCmd returns a command that shows an error in the status bar.
func errCmd(err error) tea.Cmd {
	return func() tea.Msg { return flashMsg{Text: sentence(err), Err: true} }
}
