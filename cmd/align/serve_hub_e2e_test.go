package main

import (
	"testing"
	"time"

	"align/tui"
)

// peerOf polls the hub until a session of the member satisfies ok, or fails the test.
func (ts *testServer) peerOf(t *testing.T, name string, what string, ok func(tui.Peer) bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		ts.srv.hub.mu.Lock()
		room := ts.srv.hub.room
		ts.srv.hub.mu.Unlock()
		for _, p := range room.Peers {
			if p.Name == name && ok(p) {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s never %s", name, what)
}

// TestServePresenceAndFollow: two members over SSH see each other online; sam follows
// ada from the Team screen, ada sees it, and sam's screen goes where ada's goes.
func TestServePresenceAndFollow(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	_, adaIn, adaScreen := workspace(t, ts.client(t, "ada"))
	_, samIn, samScreen := workspace(t, ts.client(t, "sam"))
	samScreen.waitFor(t, "online: ada", 10*time.Second)
	adaScreen.waitFor(t, "online: sam", 10*time.Second)

	// On the Team screen, sam filters the list down to ada and presses f.
	if _, err := samIn.Write([]byte("6")); err != nil {
		t.Fatal(err)
	}
	samScreen.waitFor(t, "Online", 10*time.Second)
	if _, err := samIn.Write([]byte("/ada\r")); err != nil {
		t.Fatal(err)
	}
	samScreen.waitFor(t, "esc clears", 10*time.Second)
	if _, err := samIn.Write([]byte("f")); err != nil {
		t.Fatal(err)
	}
	samScreen.waitFor(t, "following ada", 10*time.Second)
	adaScreen.waitFor(t, "1 following you", 10*time.Second)
	ts.peerOf(t, "sam", "followed ada", func(p tui.Peer) bool { return p.Following == "ada" })

	// Ada goes to the Feed: sam's session follows, without a key pressed there.
	if _, err := adaIn.Write([]byte("5")); err != nil {
		t.Fatal(err)
	}
	ts.peerOf(t, "sam", "went to the Feed after ada", func(p tui.Peer) bool { return p.Place.Screen == 5 })

	// Esc stops following; ada's next move leaves sam where he is.
	if _, err := samIn.Write([]byte("\x1b")); err != nil {
		t.Fatal(err)
	}
	samScreen.waitFor(t, "You stopped following ada.", 10*time.Second)
	ts.peerOf(t, "sam", "stopped following", func(p tui.Peer) bool { return p.Following == "" })
	if _, err := adaIn.Write([]byte("1")); err != nil {
		t.Fatal(err)
	}
	ts.peerOf(t, "ada", "went back to the Queues", func(p tui.Peer) bool { return p.Place.Screen == 1 })
	ts.peerOf(t, "sam", "stayed on the Feed", func(p tui.Peer) bool { return p.Place.Screen == 5 })
}
