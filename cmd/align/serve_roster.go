package main

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"align/model"
	"align/storage"
)

// A member removed, or given another role, while their workspace is open must not go
// on acting as before. Each new session reads the roster afresh (authorizeMiddleware);
// for the sessions already open the server follows the store's change feed and, when
// the roster changes, ends the sessions of every member it changed, with a sentence
// that says why. A remote command in progress stops too (commandGate): a long import
// by a member just removed must not go on writing.

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
		if ss.ownChange {
			continue
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

// ownChange notes that the command of ss has changed its own member (an admin who
// gives up the role, or a key, or leaves): the change it made must not stop it, nor
// make it exit 1 once it succeeded, so roster changes leave the session alone until
// the command ends, as it does right after. The store calls it on commit, before the
// feed carries the change to watchRoster (storage.WithCommitHook).
func (set *sessionSet) ownChange(ss *session, it model.FeedItem) {
	set.mu.Lock()
	defer set.mu.Unlock()
	if it.Event.Kind == model.EventMemberChanged && it.Event.Subject == ss.member.Name {
		ss.ownChange = true
	}
}

// revoke tells the session to end with why; the first reason stands.
func (ss *session) revoke(why string) {
	ss.revokeOnce.Do(func() {
		ss.revokedWhy = why
		close(ss.revoked)
	})
}

// commandGate stops a remote command whose member's rights were revoked while it ran.
// shut ends the command's context, so an import commits no further batch, and fails
// its streams from then on: an export or a backup stops at its next write, an import
// reads no more of the file, and what the command would say afterwards (an
// interrupted import's "run it again") is not said to someone who may not.
type commandGate struct {
	once   sync.Once
	closed chan struct{}
	cancel func()
}

// errRevoked is what the streams of a shut gate return; nobody sees it.
var errRevoked = errors.New("the member's rights changed while the command ran")

func newCommandGate(cancel func()) *commandGate {
	return &commandGate{closed: make(chan struct{}), cancel: cancel}
}

// shut ends the command's context, then closes its streams.
func (g *commandGate) shut() {
	g.once.Do(func() {
		g.cancel()
		close(g.closed)
	})
}

func (g *commandGate) isShut() bool {
	select {
	case <-g.closed:
		return true
	default:
		return false
	}
}

// reader is r until the gate shuts; a read that was waiting when it did returns
// errRevoked, not what it got.
func (g *commandGate) reader(r io.Reader) io.Reader { return gatedReader{r, g} }

// writer is w until the gate shuts.
func (g *commandGate) writer(w io.Writer) io.Writer { return gatedWriter{w, g} }

type gatedReader struct {
	r io.Reader
	g *commandGate
}

func (r gatedReader) Read(p []byte) (int, error) {
	if r.g.isShut() {
		return 0, errRevoked
	}
	n, err := r.r.Read(p)
	if r.g.isShut() {
		return 0, errRevoked
	}
	return n, err
}

type gatedWriter struct {
	w io.Writer
	g *commandGate
}

func (w gatedWriter) Write(p []byte) (int, error) {
	if w.g.isShut() {
		return 0, errRevoked
	}
	return w.w.Write(p)
}
