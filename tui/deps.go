package tui

import (
	"context"
	"time"

	"align/model"
)

// Store is what the workspace screens need from storage. It is declared here, not in
// storage, so screens can be tested against a fake and tui never imports Badger.
//
// Paging is by model.Cursor and exclusive of it: Page returns up to n leads after
// `after` (from the start when nil) and PageBefore up to n leads just before `before`
// (the queue's tail when nil); both return leads in the queue's own order.
type Store interface {
	Page(q model.Queue, me string, after *model.Cursor, n int) ([]model.Lead, error)
	PageBefore(q model.Queue, me string, before *model.Cursor, n int) ([]model.Lead, error)
	Count(q model.Queue, me string) (int, error)
	Lead(id model.LeadID) (model.Lead, error)
	History(id model.LeadID) ([]model.Event, error)
	// Events returns up to n audit events with a Seq below before (the newest when 0),
	// newest first.
	Events(before uint64, n int) ([]model.Event, error)
	// Search returns up to n leads whose name, company or email contains the query.
	Search(query string, n int) ([]model.Lead, error)
	// SearchQueue returns up to n leads of the queue that match the query
	// (model.MatchesSearch), in the queue's order after `after` (from the start when
	// nil), reading at most scan entries; last is the cursor of the last entry read, to
	// go on from, and end says the queue ended.
	SearchQueue(q model.Queue, me, query string, after *model.Cursor, n, scan int) (leads []model.Lead, last model.Cursor, end bool, err error)
	Members() ([]model.Member, error)
	Personas() ([]model.Persona, error)
	Journey() ([]model.JourneyStage, error)
	Settings() (model.Settings, error)
	Do(ctx context.Context, actor model.Member, c model.Command) (model.Lead, model.Event, error)
	Undo(ctx context.Context, actor model.Member) (model.Lead, model.Event, error)
	// BoardStore is what the persona cards and the journey board add (board_store.go).
	BoardStore
}

// Deps is everything one session of the workspace needs. cmd/align builds one per local
// run and one per SSH session, so nothing in it may be shared mutable state.
type Deps struct {
	// Store is the workspace's data.
	Store Store
	// Feed delivers every committed change; nil means the screens never update live.
	Feed <-chan model.FeedItem
	// CloseFeed releases the subscription behind Feed; App calls it when the person
	// quits, and cmd/align should call it too when a session ends otherwise (the SSH
	// connection drops). It must be safe to call twice; may be nil.
	CloseFeed func()
	// Me is the member at the keyboard; their role decides what they may do.
	Me model.Member
	// Now reads the clock; tests pass a fixed time. Nil means time.Now.
	Now func() time.Time
	// Local says the app runs in the local terminal rather than over SSH; the header
	// says so, since the person there acts as the local administrator.
	Local bool
	// Context bounds the store calls of the session; nil means context.Background.
	Context context.Context
	// Presence connects the session to the others (presence.go): who is online, where,
	// and follow mode. It is the one thing sessions share on purpose; nil means alone.
	Presence Presence
	// Command is the command line that runs align's subcommands on this workspace
	// ("align --data /srv/align" here, "ssh -p 2222 host" over ssh), from which the
	// screens word the commands they suggest (commandLine); "" for the demo's, which
	// lives in memory and takes none.
	Command string
}

// commandLine is a suggested command on this workspace: local's arguments after
// Command run here, remote's over ssh (where files come on standard input); "" when
// the workspace takes no commands.
func (d Deps) commandLine(local, remote string) string {
	switch {
	case d.Command == "":
		return ""
	case d.Local:
		return d.Command + " " + local
	}
	return d.Command + " " + remote
}

// now returns the current time from the deps' clock.
func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

// ctx returns the session's context.
func (d Deps) ctx() context.Context {
	if d.Context == nil {
		return context.Background()
	}
	return d.Context
}
