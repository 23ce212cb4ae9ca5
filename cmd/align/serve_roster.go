package main

import (
	"fmt"

	"align/model"
	"align/storage"
)

// A member removed, or given another role, while their workspace is open must not go
// on acting as before. Each new session reads the roster afresh (authorizeMiddleware);
// for the sessions already open the server follows the store's change feed and, when
// the roster changes, ends the sessions of every member it changed, with a sentence
// that says why. A remote command in progress finishes: it is one command, started
// with the rights the member had.

// watchRoster follows the store's change feed until the subscription closes (Stop).
func (s *server) watchRoster(sub *storage.Subscription) {
	for it := range sub.C {
		if it.Reload || it.Event.Kind == model.EventMemberChanged {
			s.sessions.revokeChanged(s.rosterVerdict)
		}
	}
}

// rosterVerdict says why a session signed in as m must end now that the roster
// changed, or "" when the member is on it as before.
func (s *server) rosterVerdict(m model.Member) string {
	now, ok, err := s.store.Member(m.Name)
	switch {
	case err != nil:
		s.log.Error("Could not read the roster to check the open sessions.", "member", m.Name, "err", err)
		return ""
	case !ok:
		return "an admin removed you from this workspace, so the session ended; ask an admin if that is a mistake"
	case now.Role != m.Role:
		return fmt.Sprintf("your role changed from %s to %s, so the session ended; connect again to carry on as %s",
			m.Role.Label(), now.Role.Label(), now.Role.Label())
	}
	return ""
}

// signIn records who the session is, where revokeChanged can read it.
func (set *sessionSet) signIn(ss *session, m model.Member) {
	set.mu.Lock()
	defer set.mu.Unlock()
	ss.member = m
}

// revokeChanged ends every live session whose member verdict has a reason for; it
// asks once a member, however many sessions they have open.
func (set *sessionSet) revokeChanged(verdict func(model.Member) string) {
	set.mu.Lock()
	defer set.mu.Unlock()
	asked := map[string]string{}
	for ss := range set.live {
		if ss.member.Name == "" {
			continue // not signed in yet: authorizeMiddleware reads the roster itself
		}
		why, done := asked[ss.member.Name]
		if !done {
			why = verdict(ss.member)
			asked[ss.member.Name] = why
		}
		if why != "" {
			ss.revoke(why)
		}
	}
}

// revoke tells the session to end with why; the first reason stands.
func (ss *session) revoke(why string) {
	ss.revokeOnce.Do(func() {
		ss.revokedWhy = why
		close(ss.revoked)
	})
}
