package tui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"align/model"
)

// Presence: who else is in the workspace, where they are, and who follows whom. The
// hub that knows every session lives in cmd/align; a session reaches it through the
// small Presence interface of Deps, and reads what it says into a roomState.

// Place is where a session is: the screen, and on the Queues screen the queue, the
// lead under the cursor and whether its detail is open.
type Place struct {
	// Screen is the screen's number key (1 Queues ... 6 Team).
	Screen int
	Queue  model.Queue
	// Stage is the journey stage whose column the cursor is in, on the board.
	Stage string
	Lead  model.LeadID
	// LeadName is the lead's display name, as it was when the place was taken: the
	// Team screen says whose detail a teammate has open by name. Sanitised on display.
	LeadName string
	Detail   bool
}

// spot is the part of a place everyone is told about: the lead counts only while its
// detail is open, so moving the cursor through a list tells nobody.
func (p Place) spot() Place {
	if !p.Detail {
		p.Lead, p.LeadName = 0, ""
	}
	p.Stage = "" // a board column is a cursor position, for followers only
	return p
}

// Change is what a change of the room touches, so the hub wakes only the sessions
// that show it; the others read the new room when they next change screen.
type Change int

// The kinds of change, from the widest.
const (
	// ChangeOnline is who is online: every status bar names them.
	ChangeOnline Change = iota
	// ChangeLeads is which lead someone has open: queue rows and detail panes mark it.
	ChangeLeads
	// ChangePlaces is where someone is, or whom they follow: the Team screen says so.
	ChangePlaces
)

// Shows reports whether a session at this place shows a change of kind c.
func (p Place) Shows(c Change) bool {
	switch c {
	case ChangeOnline:
		return true
	case ChangeLeads:
		return p.Screen == 1 || p.Screen == 6
	}
	return p.Screen == 6
}

// Peer is one session in the room.
type Peer struct {
	// Session tells apart two sessions of one member.
	Session uint64
	Name    string
	Role    model.Role
	// Place is the peer's spot: Lead is set only while its detail is open.
	Place Place
	// Following is the member this session follows, or "".
	Following string
}

// Room is every session of the workspace, sorted by name. The hub builds a new one on
// each change and hands the same one to every session, so it is never modified.
type Room struct {
	Peers []Peer
}

// PresenceNews is what the hub has for one session since it last asked: always the
// latest state, never a backlog.
type PresenceNews struct {
	// Self is this session's number in Room.
	Self uint64
	// Room is the new room, or nil when it did not change.
	Room *Room
	// Lead is the followed teammate's current place, when HasLead.
	Lead    Place
	HasLead bool
	// Stopped says why following ended (the teammate left), or "".
	Stopped string
}

// Presence connects one session to the others. Nil in Deps means the session is alone
// (tests, or a local run without a hub). The hub never blocks on a session: news is
// coalesced and Wait returns the latest of it.
type Presence interface {
	// Set tells everyone where this session is; App calls it only when the spot changed.
	Set(spot Place)
	// Move tells this session's followers, and only them, where it is now.
	Move(p Place)
	// Follow starts following the named member's session, or stops with "". A refusal
	// (yourself, somebody offline, a circle) is a sentence for the status bar.
	Follow(name string) error
	// Wait blocks until there is news; false when the session has left the room.
	Wait() (PresenceNews, bool)
}

// roomState is one session's reading of the room: what its status bar, queue rows,
// detail pane and Team screen show. It is rebuilt when the room changes, never per frame.
type roomState struct {
	room *Room
	self uint64
	// version bumps on every change, for the caches of what is drawn from it.
	version int
	// others are the other members online, by name; bar is the status bar's text.
	others []string
	bar    string
	// tags mark the queue rows whose detail someone else has open; viewers names them
	// for the detail pane.
	tags    map[model.LeadID]string
	viewers map[model.LeadID]string
	// online counts the members online, this one included.
	online int
	// followers are the members following this session.
	followers []string
	// following is the member this session follows, or "".
	following string
}

// update reads a new room for the member me.
func (r *roomState) update(room *Room, self uint64, me string) {
	r.room, r.self = room, self
	r.others, r.followers = r.others[:0], r.followers[:0]
	r.tags, r.viewers = map[model.LeadID]string{}, map[model.LeadID]string{}
	r.online = 0
	viewing := map[model.LeadID][]string{}
	for i, p := range room.Peers {
		again := i > 0 && room.Peers[i-1].Name == p.Name // sorted by name
		if !again {
			r.online++
		}
		if p.Following == me && !slices.Contains(r.followers, p.Name) {
			r.followers = append(r.followers, p.Name)
		}
		if p.Name == me {
			continue
		}
		if !again {
			r.others = append(r.others, p.Name)
		}
		if id := p.Place.Lead; id != 0 && p.Place.Detail && !slices.Contains(viewing[id], p.Name) {
			viewing[id] = append(viewing[id], p.Name)
		}
	}
	for id, names := range viewing {
		for i := range names {
			names[i] = clean(names[i])
		}
		r.viewers[id] = strings.Join(names, ", ")
		r.tags[id] = viewerTag(names)
	}
	r.rebar()
}

// follow records whom this session follows, for the status bar.
func (r *roomState) follow(name string) {
	r.following = name
	r.rebar()
}

// rebar rewrites the status bar's presence text and bumps the version.
func (r *roomState) rebar() {
	r.version++
	var parts []string
	if r.following != "" {
		parts = append(parts, "following "+clean(r.following))
	}
	if n := len(r.followers); n > 0 {
		parts = append(parts, fmt.Sprintf("%d following you", n))
	}
	if len(r.others) > 0 {
		names := make([]string, len(r.others))
		for i, n := range r.others {
			names[i] = clean(n)
		}
		parts = append(parts, "online: "+strings.Join(names, ", "))
	}
	r.bar = strings.Join(parts, " · ")
}

// where says what a member is looking at, for the Team screen; ok is false when the
// member is offline.
func (r *roomState) where(name string, screenName func(int) string) (string, bool) {
	p, ok := r.latest(name)
	if !ok {
		return "", false
	}
	s := screenName(p.Place.Screen)
	if p.Place.Screen == 1 && p.Place.Queue != "" {
		s += " · " + p.Place.Queue.Title()
	}
	if p.Place.Detail && p.Place.Lead != 0 {
		s += " · " + leadLabel(p.Place)
	}
	if p.Following != "" {
		s += " · following " + clean(p.Following)
	}
	return s, true
}

// leadLabel names the lead of a place: by name when the place has it, else "#ID".
func leadLabel(p Place) string {
	if name := clean(p.LeadName); name != "" {
		return name
	}
	return "#" + p.Lead.String()
}

// latest is the member's most recent session. The Team screen asks for the few rows
// it shows, so a scan costs less than a map kept per session.
func (r *roomState) latest(name string) (Peer, bool) {
	var out Peer
	ok := false
	if r.room == nil {
		return out, false
	}
	for _, p := range r.room.Peers {
		if p.Name == name && (!ok || p.Session > out.Session) {
			out, ok = p, true
		}
	}
	return out, ok
}

// viewerTag is a queue row's marker for the people with its detail open: a diamond,
// the first one's initials, and "+" when there are more.
func viewerTag(names []string) string {
	tag := "◆" + initials(names[0])
	if len(names) > 1 {
		tag += "+"
	}
	return tag
}

// initials are up to two capitals from a name: "Ada Lovelace" AL, "sam" SA.
func initials(name string) string {
	words := strings.FieldsFunc(clean(name), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var out []rune
	switch {
	case len(words) >= 2:
		out = []rune{[]rune(words[0])[0], []rune(words[1])[0]}
	case len(words) == 1:
		rs := []rune(words[0])
		out = rs[:min(len(rs), 2)]
	default:
		return "?"
	}
	return strings.ToUpper(string(out))
}
