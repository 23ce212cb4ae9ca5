package main

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"align/model"
	"align/tui"
)

// hub knows every workspace session of the server: who it is, where it is, whom it
// follows. It tells every session when the room changes and a session's followers
// when it moves, without ever waiting for a session: each has a mailbox of one
// signal and the latest state, so a session that falls behind reads the current
// room, never a backlog, and one that never reads holds nobody up.
type hub struct {
	mu       sync.Mutex
	sessions map[uint64]*hubSession
	// room is the current room, shared read-only by every session.
	room *tui.Room
}

func newHub() *hub {
	return &hub{sessions: map[uint64]*hubSession{}, room: &tui.Room{}}
}

// hubSession is one session in the hub; it is the tui.Presence of that session.
type hubSession struct {
	hub    *hub
	id     uint64
	member model.Member

	// Guarded by hub.mu.
	spot      tui.Place
	place     tui.Place
	leader    *hubSession
	followers []*hubSession
	left      bool
	// The mailbox: notify holds at most one signal; the news waits beside it.
	notify  chan struct{}
	roomNew bool
	lead    tui.Place
	leadNew bool
	stopped string
}

var _ tui.Presence = (*hubSession)(nil)

// join adds a session to the room.
func (h *hub) join(id uint64, m model.Member) *hubSession {
	s := &hubSession{hub: h, id: id, member: m, notify: make(chan struct{}, 1)}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.sessions[id] = s
	h.publish(h.onlineChange(s))
	s.poke() // the newcomer reads the room at once
	return s
}

// leave takes a session out of the room: its followers are told they stopped
// following, and its Wait returns false. Calling it twice is harmless.
func (s *hubSession) leave() {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.left {
		return
	}
	s.left = true
	delete(h.sessions, s.id)
	s.unfollow()
	for _, f := range s.followers {
		f.leader = nil
		f.leadNew = false
		f.stopped = fmt.Sprintf("%s left, so you are no longer following them.", s.member.Name)
		f.poke()
	}
	s.followers = nil
	close(s.notify)
	h.publish(h.onlineChange(s))
}

// Set records where the session is and tells the room.
func (s *hubSession) Set(spot tui.Place) {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.left || s.spot == spot {
		return
	}
	c := tui.ChangePlaces
	if spot.Lead != s.spot.Lead || spot.Detail != s.spot.Detail {
		c = tui.ChangeLeads
	}
	s.spot = spot
	h.publish(c)
	s.poke() // on a new screen, the session shows the room as it is now
}

// Move records where the session is and tells its followers only.
func (s *hubSession) Move(p tui.Place) {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	s.place = p
	for _, f := range s.followers {
		f.lead, f.leadNew = p, true
		f.poke()
	}
}

// Sentences a follow is refused with.
var (
	errHubFollowSelf = errors.New("you cannot follow yourself; pick a teammate")
	errHubLeft       = errors.New("this session has left the workspace; connect again to follow a teammate")
)

// Follow starts following the most recent session of the named member, or stops
// following with "". The followed session's place arrives at once as news.
func (s *hubSession) Follow(name string) error {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.left {
		return errHubLeft
	}
	if name == "" {
		if l := s.leader; l != nil {
			s.unfollow()
			h.publish(tui.ChangePlaces)
			l.poke() // its status bar counts followers
		}
		return nil
	}
	if name == s.member.Name {
		return errHubFollowSelf
	}
	var target *hubSession
	for _, o := range h.sessions {
		if o.member.Name == name && (target == nil || o.id > target.id) {
			target = o
		}
	}
	if target == nil {
		return fmt.Errorf("there is nobody to follow: %s is not online; the status bar lists who is", name)
	}
	for t := target; t != nil; t = t.leader {
		if t == s {
			return fmt.Errorf("you cannot follow %s, who already follows you, directly or through a teammate; one of you has to lead", name)
		}
	}
	s.unfollow()
	s.leader = target
	target.followers = append(target.followers, s)
	s.lead, s.leadNew = target.place, true
	h.publish(tui.ChangePlaces)
	s.poke()
	target.poke()
	return nil
}

// Wait blocks until there is news for the session and returns the latest of it;
// false once the session has left.
func (s *hubSession) Wait() (tui.PresenceNews, bool) {
	if _, ok := <-s.notify; !ok {
		return tui.PresenceNews{}, false
	}
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if s.left {
		return tui.PresenceNews{}, false
	}
	n := tui.PresenceNews{Self: s.id, Stopped: s.stopped}
	if s.roomNew {
		n.Room = h.room
	}
	if s.leadNew && s.leader != nil {
		n.Lead, n.HasLead = s.lead, true
	}
	s.roomNew, s.leadNew, s.stopped = false, false, ""
	return n, true
}

// unfollow leaves the session's leader, if any. The caller holds hub.mu.
func (s *hubSession) unfollow() {
	l := s.leader
	if l == nil {
		return
	}
	s.leader, s.leadNew = nil, false
	if i := slices.Index(l.followers, s); i >= 0 {
		l.followers = slices.Delete(l.followers, i, i+1)
	}
}

// poke signals the session that news waits, without blocking: a signal already
// waiting covers this news too. The caller holds hub.mu.
func (s *hubSession) poke() {
	if s.left {
		return
	}
	select {
	case s.notify <- struct{}{}:
	default:
	}
}

// onlineChange is what a session joining or leaving changes: who is online when its
// member has no other session, else only where they are. The caller holds hub.mu.
func (h *hub) onlineChange(s *hubSession) tui.Change {
	for _, o := range h.sessions {
		if o != s && o.member.Name == s.member.Name {
			return tui.ChangePlaces
		}
	}
	return tui.ChangeOnline
}

// publish builds the room anew. Every session is marked to read it, but only those
// that show a change of kind c are woken now: a change no one sees costs no redraw,
// and a session that moves to a screen that shows it reads it then (Set pokes). The
// caller holds hub.mu.
func (h *hub) publish(c tui.Change) {
	peers := make([]tui.Peer, 0, len(h.sessions))
	for _, s := range h.sessions {
		p := tui.Peer{Session: s.id, Name: s.member.Name, Role: s.member.Role, Place: s.spot}
		if s.leader != nil {
			p.Following = s.leader.member.Name
		}
		peers = append(peers, p)
	}
	slices.SortFunc(peers, func(a, b tui.Peer) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.Session, b.Session)
	})
	h.room = &tui.Room{Peers: peers}
	for _, s := range h.sessions {
		s.roomNew = true
		if s.spot.Shows(c) {
			s.poke()
		}
	}
}

// count is the number of sessions in the room.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.sessions)
}
