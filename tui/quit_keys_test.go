package tui

import (
	"strings"
	"testing"

	"align/model"
)

// TestQGoesBackInsideViews presses q in the lead detail, the persona detail, the
// persona's leads and the journey stage guide: each time it goes back one level, as
// esc does, and the app keeps running. q at the top level quits, and ctrl+c quits from
// inside a view.
func TestQGoesBackInsideViews(t *testing.T) {
	cases := []struct {
		name string
		keys []string
		open func(h *harness) bool
	}{
		{"lead detail/80x24", []string{"enter"}, func(h *harness) bool { return h.queue().detail.open }},
		{"lead detail/120x40", []string{"enter"}, func(h *harness) bool { return h.queue().detail.open }},
		{"persona detail", []string{"2", "enter"}, func(h *harness) bool { return h.app.screens[1].(*personaScreen).mode == personaOpen }},
		{"persona leads", []string{"2", "enter", "o"}, func(h *harness) bool { return h.app.screens[1].(*personaScreen).mode == personaLeads }},
		{"stage guide", []string{"3", "i"}, func(h *harness) bool { return h.app.screens[2].(*journeyScreen).guide.open }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w, hh := 120, 40
			if c.name == "lead detail/80x24" {
				w, hh = 80, 24
			}
			h := newBoardHarness(t, "mia", w, hh)
			h.keys(c.keys...)
			if !c.open(h) {
				t.Fatalf("the view did not open:\n%s", plain(h.view()))
			}
			if other := h.app.globalHelp()[1].Keys; other[len(other)-1].Help().Desc != "back, like esc" {
				t.Errorf("the full help says q does %q inside the view", other[len(other)-1].Help().Desc)
			}
			h.key("q")
			if h.app.quitting {
				t.Fatal("q inside a view quit the app")
			}
			if c.open(h) {
				t.Fatalf("q did not go back:\n%s", plain(h.view()))
			}
			if h.app.nested() {
				t.Fatal("q went back, but not to the top level")
			}
			h.keys(c.keys...)
			h.key("ctrl+c")
			if !h.app.quitting {
				t.Error("ctrl+c inside a view did not quit")
			}
		})
	}
	h := newHarness(t, "sam", 120, 40)
	h.key("q")
	if !h.app.quitting {
		t.Error("q at the top level did not quit")
	}
}

// TestQStopsFollowing: q while following a teammate ended the follower's session
// without asking (new-user review). It stops following, as esc's last step does, and
// the full help says so; q then quits as anywhere at the top level.
func TestQStopsFollowing(t *testing.T) {
	h, room := newRoomHarness(t, 120, 40)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1}})})
	h.keys("6", "f")
	if h.app.ctx.room.following != "ada" {
		t.Fatalf("f on the Team screen did not follow ada: %v", room.follows)
	}
	if other := h.app.globalHelp()[1].Keys; other[len(other)-1].Help().Desc != "stop following" {
		t.Errorf("while following, the full help says q does %q", other[len(other)-1].Help().Desc)
	}
	h.key("q")
	if h.app.quitting {
		t.Fatal("q while following quit the session")
	}
	if h.app.ctx.room.following != "" || !strings.Contains(h.app.status.text, "You stopped following ada.") {
		t.Fatalf("q did not stop following: following %q, status %q", h.app.ctx.room.following, h.app.status.text)
	}
	h.key("q")
	if !h.app.quitting {
		t.Error("q after following stopped did not quit")
	}
}
