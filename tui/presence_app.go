package tui

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// How App takes part in the room: it tells the hub where it is after each message,
// reads the hub's news, and follows a teammate.

// presenceMsg is news from the hub.
type presenceMsg struct{ News PresenceNews }

// presenceClosedMsg says the session left the room.
type presenceClosedMsg struct{}

// followMsg asks App to follow a member, from the Team screen or the palette.
type followMsg struct{ Name string }

// liveState is what App remembers of its part in the room.
type liveState struct {
	// sentSpot and sentPlace are what the hub was last told, so it is told only changes.
	sentSpot, sentPlace Place
	told                bool
	// want is the followed teammate's place while the screens are still catching up.
	want    Place
	pending bool
	// noPace reads news as soon as it comes; the tests set it.
	noPace bool
}

// presencePace is the least time between two readings of the room, so a burst of
// changes (a meeting where everyone joins at once) reaches each session as a few
// updates, not one per join; the latest state is what is read.
const presencePace = 100 * time.Millisecond

// errFollowSelf refuses following yourself.
var errFollowSelf = errors.New("you cannot follow yourself; pick a teammate on the Team screen (6) and press f")

// errNoRoom refuses follow mode where there is no hub.
var errNoRoom = errors.New("following a teammate works when align runs as a server (`align serve`) and both of you connect with ssh")

// waitPresence waits for the hub's first news.
func (a *App) waitPresence() tea.Cmd { return a.readPresence(0) }

// readPresence waits for the hub's next news after pausing for pace; Update re-arms
// it after each.
func (a *App) readPresence(pace time.Duration) tea.Cmd {
	p := a.ctx.Deps.Presence
	if p == nil {
		return nil
	}
	if a.live.noPace {
		pace = 0
	}
	return func() tea.Msg {
		if pace > 0 {
			time.Sleep(pace)
		}
		n, ok := p.Wait()
		if !ok {
			return presenceClosedMsg{}
		}
		return presenceMsg{News: n}
	}
}

// presenceNews folds the hub's news into the room and, when following, into the view.
func (a *App) presenceNews(n PresenceNews) tea.Cmd {
	r := &a.ctx.room
	if n.Room != nil {
		r.update(n.Room, n.Self, a.ctx.Me().Name)
	}
	var changed tea.Cmd
	if n.Stopped != "" && r.following != "" {
		r.follow("")
		a.live.pending = false
		a.status = status{text: n.Stopped}
		changed = a.broadcast(followChangedMsg{})
	}
	if n.HasLead && r.following != "" {
		a.live.want, a.live.pending = n.Lead, true
	}
	if r.following != "" {
		return tea.Batch(changed, a.readPresence(0)) // the teammate's moves come as they happen
	}
	return tea.Batch(changed, a.readPresence(presencePace))
}

// startFollowing asks the hub to follow a member.
func (a *App) startFollowing(name string) tea.Cmd {
	p := a.ctx.Deps.Presence
	var err error
	switch {
	case name == a.ctx.Me().Name:
		err = errFollowSelf
	case p == nil:
		err = errNoRoom
	default:
		err = p.Follow(name)
	}
	if err != nil {
		a.status = status{text: sentence(err), err: true}
		return nil
	}
	a.ctx.room.follow(name)
	a.status = status{text: fmt.Sprintf("Following %s: your screen shows what they show; esc stops.", clean(name))}
	return a.broadcast(followChangedMsg{})
}

// stopFollowing is esc while following.
func (a *App) stopFollowing() tea.Cmd {
	name := a.ctx.room.following
	if p := a.ctx.Deps.Presence; p != nil {
		_ = p.Follow("")
	}
	a.ctx.room.follow("")
	a.live.pending = false
	a.status = status{text: fmt.Sprintf("You stopped following %s.", clean(name))}
	return a.broadcast(followChangedMsg{})
}

// together runs after every message: it brings the screens to the followed teammate's
// place, then tells the hub where this session is if that changed. A cursor move
// reaches only this session's followers; the room hears of screens and open leads.
func (a *App) together(cmd tea.Cmd) tea.Cmd {
	p := a.ctx.Deps.Presence
	if p == nil {
		return cmd
	}
	if a.live.pending {
		cmd = tea.Batch(cmd, a.catchUp())
	}
	here := a.place()
	if spot := here.spot(); !a.live.told || spot != a.live.sentSpot {
		a.live.sentSpot = spot
		p.Set(spot)
	}
	if !a.live.told || here != a.live.sentPlace {
		a.live.sentPlace = here
		p.Move(here)
	}
	a.live.told = true
	return cmd
}

// follower is a screen that can show a followed teammate's place (the queues).
type follower interface {
	place() Place
	followTo(p Place) (done bool, cmd tea.Cmd)
}

// place is where this session is now.
func (a *App) place() Place {
	n := a.defs[a.active].Number
	if f, ok := a.screens[a.active].(follower); ok {
		p := f.place()
		p.Screen = n
		return p
	}
	return Place{Screen: n}
}

// catchUp moves the screens toward the followed teammate's place; it is done once the
// screen shows their queue and lead.
func (a *App) catchUp() tea.Cmd {
	w := a.live.want
	if a.defs[a.active].Number != w.Screen && !a.switchTo(w.Screen) {
		a.live.pending = false
		return nil
	}
	f, ok := a.screens[a.active].(follower)
	if !ok {
		a.live.pending = false
		return nil
	}
	done, cmd := f.followTo(w)
	a.live.pending = !done
	return cmd
}

// screenName names a screen by its number key, for the Team screen.
func screenName(n int) string {
	for _, d := range screenDefs {
		if d.Number == n {
			return d.Name
		}
	}
	return "the workspace"
}

// followCommands are the palette's follow entries: each teammate online, and stopping.
func (a *App) followCommands() []Command {
	r := &a.ctx.room
	var out []Command
	if r.following != "" {
		out = append(out, Command{Label: "Stop following " + clean(r.following), Key: "esc", Run: a.stopFollowing})
	}
	for _, name := range r.others {
		if name == r.following {
			continue
		}
		n := name
		out = append(out, Command{Label: "Follow " + clean(n), Run: func() tea.Cmd {
			return func() tea.Msg { return followMsg{Name: n} }
		}})
	}
	return out
}

// followingHelp is the help line while following: esc stops following there, so the
// screen's own esc hint (back to the list, close) would name what esc no longer does.
func followingHelp(short []key.Binding, unfollow key.Binding) []key.Binding {
	out := []key.Binding{unfollow}
	for _, b := range short {
		if !slices.Contains(b.Keys(), "esc") {
			out = append(out, b)
		}
	}
	return out
}
