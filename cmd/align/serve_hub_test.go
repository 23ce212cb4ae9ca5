package main

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"align/model"
	"align/tui"
)

// news waits for a session's next news, failing the test when none comes.
func news(t *testing.T, s *hubSession) tui.PresenceNews {
	t.Helper()
	got := make(chan tui.PresenceNews, 1)
	go func() {
		n, _ := s.Wait()
		got <- n
	}()
	select {
	case n := <-got:
		return n
	case <-time.After(5 * time.Second):
		t.Fatal("no news within 5 s")
	}
	return tui.PresenceNews{}
}

// quiet reports whether a session has no news waiting.
func quiet(s *hubSession) bool { return len(s.notify) == 0 }

func member(name string) model.Member { return model.Member{Name: name, Role: model.RoleSDR} }

func TestHubFanOutNeverBlocksOnASlowSession(t *testing.T) {
	h := newHub()
	stuck := h.join(1, member("stuck")) // never reads
	var sessions []*hubSession
	for i := 2; i <= 100; i++ {
		sessions = append(sessions, h.join(uint64(i), member(fmt.Sprintf("m%03d", i))))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 1000; i++ {
			sessions[i%len(sessions)].Set(tui.Place{Screen: 1 + i%6})
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("1,000 presence changes to 100 sessions did not finish: the hub blocked on a session")
	}
	if len(stuck.notify) != 1 {
		t.Errorf("the session that never reads holds %d signals, want exactly 1", len(stuck.notify))
	}
	// Everyone, the stuck one included, reads the current room in one go.
	for _, s := range append(sessions, stuck) {
		n := news(t, s)
		if n.Room == nil || len(n.Room.Peers) != 100 {
			t.Fatalf("session %d got %v, want the room of 100", s.id, n.Room)
		}
		if n.Room != h.room {
			t.Fatalf("session %d got an old room", s.id)
		}
		if !quiet(s) {
			t.Fatalf("session %d has a backlog after reading the latest", s.id)
		}
	}
}

func TestHubCoalescesToTheLatestState(t *testing.T) {
	h := newHub()
	a, b := h.join(1, member("ada")), h.join(2, member("sam"))
	a.Set(tui.Place{Screen: 6}) // the Team screen shows where everyone is
	news(t, a)
	for i := 1; i <= 6; i++ {
		b.Set(tui.Place{Screen: i})
	}
	n := news(t, a)
	if n.Room == nil {
		t.Fatal("no room in the news")
	}
	for _, p := range n.Room.Peers {
		if p.Name == "sam" && p.Place.Screen != 6 {
			t.Errorf("sam is on screen %d, want the latest, 6", p.Place.Screen)
		}
	}
	if !quiet(a) {
		t.Error("six changes left more than one signal")
	}
	// A spot that did not change tells nobody.
	b.Set(tui.Place{Screen: 6})
	if !quiet(a) {
		t.Error("setting the same spot again signalled the room")
	}
}

func TestHubLeaveCleansUp(t *testing.T) {
	h := newHub()
	a, b := h.join(1, member("ada")), h.join(2, member("sam"))
	if err := b.Follow("ada"); err != nil {
		t.Fatal(err)
	}
	news(t, b)
	a.leave()
	a.leave() // twice is harmless
	if h.count() != 1 {
		t.Errorf("%d sessions after one left, want 1", h.count())
	}
	if _, ok := a.Wait(); ok {
		t.Error("Wait of a session that left still waits for news")
	}
	n := news(t, b)
	if !strings.Contains(n.Stopped, "ada left") {
		t.Errorf("the follower was not told the leader left: %+v", n)
	}
	if n.Room == nil || len(n.Room.Peers) != 1 || n.Room.Peers[0].Following != "" {
		t.Errorf("room after leaving: %+v", n.Room)
	}
	if b.leader != nil {
		t.Error("the follower still points at the leader that left")
	}
	a.Move(tui.Place{Screen: 3}) // a late move after leaving reaches nobody and does not panic
	a.Set(tui.Place{Screen: 3})
	if err := a.Follow("sam"); err == nil {
		t.Error("a session that left could follow")
	}
}

func TestHubCursorMovesReachOnlyFollowers(t *testing.T) {
	h := newHub()
	lead := h.join(1, member("lee"))
	f1, f2 := h.join(2, member("sam")), h.join(3, member("sia"))
	other := h.join(4, member("ben"))
	lead.Move(tui.Place{Screen: 1, Queue: model.QueueMQL, Lead: 7})
	for _, name := range []*hubSession{f1, f2} {
		if err := name.Follow("lee"); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []*hubSession{lead, f1, f2, other} {
		news(t, s)
	}
	lead.Move(tui.Place{Screen: 1, Queue: model.QueueMQL, Lead: 8})
	for _, f := range []*hubSession{f1, f2} {
		n := news(t, f)
		if !n.HasLead || n.Lead.Lead != 8 {
			t.Errorf("follower %s got %+v, want the leader on lead 8", f.member.Name, n)
		}
	}
	if !quiet(other) || !quiet(lead) {
		t.Error("a cursor move reached a session that does not follow the leader")
	}
	if err := f1.Follow(""); err != nil {
		t.Fatal(err)
	}
	drain := func(s *hubSession) {
		for !quiet(s) {
			news(t, s)
		}
	}
	for _, s := range []*hubSession{lead, f1, f2, other} {
		drain(s)
	}
	lead.Move(tui.Place{Screen: 2})
	if !quiet(f1) {
		t.Error("a session that stopped following still gets the leader's moves")
	}
	if n := news(t, f2); n.Lead.Screen != 2 {
		t.Errorf("the remaining follower got %+v", n)
	}
}

func TestHubFollowRefusals(t *testing.T) {
	h := newHub()
	a, b := h.join(1, member("ada")), h.join(2, member("sam"))
	for _, c := range []struct {
		s    *hubSession
		name string
		want string
	}{
		{a, "ada", "yourself"},
		{a, "zoe", "not online"},
	} {
		if err := c.s.Follow(c.name); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("follow %s: %v, want %q", c.name, err, c.want)
		}
	}
	if err := a.Follow("sam"); err != nil {
		t.Fatal(err)
	}
	if err := b.Follow("ada"); err == nil || !strings.Contains(err.Error(), "follows you") {
		t.Errorf("a circle of follows: %v", err)
	}
}

func TestHubFollowsTheLatestSessionAndJumpsAtOnce(t *testing.T) {
	h := newHub()
	old := h.join(1, member("lee"))
	newer := h.join(5, member("lee"))
	old.Move(tui.Place{Screen: 2})
	newer.Move(tui.Place{Screen: 3})
	f := h.join(9, member("sam"))
	if err := f.Follow("lee"); err != nil {
		t.Fatal(err)
	}
	n := news(t, f)
	if !n.HasLead || n.Lead.Screen != 3 {
		t.Errorf("following lee showed %+v, want lee's newest session on screen 3", n)
	}
}

func TestHubConcurrentUse(t *testing.T) {
	h := newHub()
	var wg sync.WaitGroup
	for i := 1; i <= 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := h.join(uint64(i), member(fmt.Sprintf("m%d", i%7)))
			go func() {
				for {
					if _, ok := s.Wait(); !ok {
						return
					}
				}
			}()
			for k := 0; k < 50; k++ {
				s.Set(tui.Place{Screen: 1 + k%3})
				s.Move(tui.Place{Screen: 1, Lead: model.LeadID(k)})
				_ = s.Follow(fmt.Sprintf("m%d", k%7))
			}
			s.leave()
		}()
	}
	wg.Wait()
	if h.count() != 0 {
		t.Errorf("%d sessions left behind", h.count())
	}
}

// TestHubWakesOnlyThoseWhoSeeTheChange: a screen switch shows only on the Team screen
// and an open lead only there and in the queues, so the others are not woken; they
// read the current room when they change screen themselves.
func TestHubWakesOnlyThoseWhoSeeTheChange(t *testing.T) {
	h := newHub()
	team, queues, feed := h.join(1, member("ada")), h.join(2, member("lee")), h.join(3, member("sam"))
	team.Set(tui.Place{Screen: 6})
	queues.Set(tui.Place{Screen: 1, Queue: model.QueueMQL})
	feed.Set(tui.Place{Screen: 5})
	for _, s := range []*hubSession{team, queues, feed} {
		news(t, s)
	}
	mover := h.join(4, member("sam")) // a second session of sam: nobody new is online
	news(t, mover)
	if !quiet(queues) || !quiet(feed) || quiet(team) {
		t.Errorf("a second session of an online member woke: queues %v, feed %v, team %v", !quiet(queues), !quiet(feed), !quiet(team))
	}
	news(t, team)
	mover.Set(tui.Place{Screen: 3})
	if !quiet(queues) || !quiet(feed) || quiet(team) {
		t.Error("a screen switch woke a session that does not show it, or not the Team screen")
	}
	news(t, team)
	mover.Set(tui.Place{Screen: 1, Queue: model.QueueMQL, Lead: 9, Detail: true})
	if quiet(queues) || !quiet(feed) || quiet(team) {
		t.Error("an opened lead did not wake the queues and the Team screen only")
	}
	news(t, queues)
	news(t, team)
	// The Feed session changes screen and reads the room as it is now.
	feed.Set(tui.Place{Screen: 6})
	n := news(t, feed)
	if n.Room == nil || n.Room != h.room {
		t.Fatal("a session that changed screen did not read the current room")
	}
	for _, p := range n.Room.Peers {
		if p.Session == 4 && p.Place.Lead != 9 {
			t.Errorf("the room read late shows sam's second session at %+v", p.Place)
		}
	}
	// A new member wakes everyone: every status bar names them.
	h.join(5, member("zoe"))
	for _, s := range []*hubSession{team, queues, feed} {
		if quiet(s) {
			t.Errorf("session %d was not told zoe is online", s.id)
		}
	}
}

// BenchmarkHubMove is a cursor move of a session nobody follows: what presence adds
// to every navigation key.
func BenchmarkHubMove(b *testing.B) {
	h := newHub()
	s := h.join(1, member("ada"))
	for i := 2; i <= 100; i++ {
		h.join(uint64(i), member(fmt.Sprintf("m%03d", i)))
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.Move(tui.Place{Screen: 1, Lead: model.LeadID(i)})
	}
}

// BenchmarkHubOpenLead is one session of 100 opening a lead's detail: the room is
// rebuilt and the sessions on the queues are woken (their mailboxes coalesce).
func BenchmarkHubOpenLead(b *testing.B) {
	h := newHub()
	s := h.join(1, member("ada"))
	for i := 2; i <= 100; i++ {
		h.join(uint64(i), member(fmt.Sprintf("m%03d", i))).Set(tui.Place{Screen: 1})
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		s.Set(tui.Place{Screen: 1, Lead: model.LeadID(i), Detail: true})
	}
}

// TestFollowRefusalsKeepNamesAsTyped: a refusal that began with a member's name was
// capitalised on display, "Leo already follows you" for the member leo.
func TestFollowRefusalsKeepNamesAsTyped(t *testing.T) {
	h := newHub()
	leo := h.join(1, model.Member{Name: "leo", Role: model.RoleLeadership})
	mia := h.join(2, model.Member{Name: "mia", Role: model.RoleMarketing})
	if err := leo.Follow("mia"); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{"circle": mia.Follow("leo"), "offline": mia.Follow("zoe")} {
		if err == nil || strings.HasPrefix(err.Error(), "leo") || strings.HasPrefix(err.Error(), "zoe") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
