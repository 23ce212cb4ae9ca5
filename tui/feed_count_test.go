package tui

import (
	"fmt"
	"strings"
	"testing"
)

// TestFeedTitleSaysWhatIsListed: the feed's title counts events in words people read,
// all of them or the latest with more to come; it said "Team activity · 100 loaded".
func TestFeedTitleSaysWhatIsListed(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key("5")
	f, ok := h.app.screens[h.app.active].(*feedScreen)
	if !ok {
		t.Fatalf("5 opened %T", h.app.screens[h.app.active])
	}
	title := strings.Split(plain(h.view()), "\n")[2]
	want := fmt.Sprintf("Team activity · %d events", len(f.events))
	if !f.done {
		want = fmt.Sprintf("Team activity · latest %d events; older ones load as you scroll down", len(f.events))
	}
	if !strings.HasPrefix(title, want) {
		t.Errorf("the feed's title is %q, want %q", title, want)
	}
	f.done = false
	if title := f.countText(); !strings.Contains(title, "older ones load as you scroll down") {
		t.Errorf("with older events to load the title says %q", title)
	}
}
