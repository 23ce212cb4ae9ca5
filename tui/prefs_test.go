package tui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// TestPaletteSwitchesTheme: the palette's Light theme / Dark theme switch the session's
// theme, and a background the terminal reports later does not switch it back.
func TestPaletteSwitchesTheme(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	// Asked for by name, the theme in effect says so ("dark" found nothing).
	h.key(":")
	h.typeText("dark")
	if v := plain(h.view()); strings.Contains(v, "Nothing matches") || !strings.Contains(v, "Dark theme") {
		t.Errorf("the palette hides the theme in effect:\n%s", v)
	}
	h.key("esc")
	runPalette(h, "light theme")
	if h.app.ctx.Theme.Dark {
		t.Fatal("Light theme kept the dark theme")
	}
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if h.app.ctx.Theme.Dark {
		t.Error("the terminal's late answer undid the member's choice")
	}
	runPalette(h, "dark theme")
	if !h.app.ctx.Theme.Dark {
		t.Error("Dark theme kept the light theme")
	}
}

// TestPaletteMutesMentions: with mentions muted a teammate's @sam stays off the status
// line, and unmuted it shows again (product.md: notifications a member can mute).
func TestPaletteMutesMentions(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	l, _ := h.queue().current()
	note := func() {
		h.send(feedMsg{Item: model.FeedItem{Event: model.Event{Seq: 900, Actor: "mia", Kind: model.EventLeadChanged,
			Action: model.ActNote, Lead: l.ID, Note: "@sam call her"}, Leads: []model.Lead{l}}})
	}
	runPalette(h, "mute mentions")
	h.app.status = status{}
	note()
	if strings.Contains(h.app.status.text, "mentioned you") {
		t.Errorf("a muted mention showed: %q", h.app.status.text)
	}
	runPalette(h, "unmute mentions")
	note()
	if !strings.Contains(h.app.status.text, "mia mentioned you") {
		t.Errorf("an unmuted mention did not show: %q", h.app.status.text)
	}
}

// runPalette opens the palette, types what and runs the first entry.
func runPalette(h *harness, what string) {
	h.t.Helper()
	h.key(":")
	h.typeText(what)
	h.key("enter")
}
