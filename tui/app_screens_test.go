package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestScreensBuiltWhenShown: a session builds and loads only the inbox at start; a
// screen is built, sized and loaded the first time it is shown, then kept.
func TestScreensBuiltWhenShown(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	for i, s := range h.app.screens {
		if (s != nil) != (i == 0) {
			t.Fatalf("after start, screen %d (%s) built = %v; only the queues should be", i, h.app.defs[i].Name, s != nil)
		}
	}
	for i, d := range h.app.defs[1:] {
		h.key(string(rune('0' + d.Number)))
		s := h.app.screens[i+1]
		if s == nil || h.app.active != i+1 {
			t.Fatalf("key %d did not build and show %s", d.Number, d.Name)
		}
		if v := ansi.Strip(h.view()); !strings.Contains(v, "? help") {
			t.Fatalf("%s after first showing lacks its help line:\n%s", d.Name, v)
		}
		h.key("1")
		h.key(string(rune('0' + d.Number)))
		if h.app.screens[i+1] != s {
			t.Fatalf("%s was built again on its second showing", d.Name)
		}
	}
}

// TestScreenBuiltByTabLoads: tab builds the next screen and its first load arrives.
func TestScreenBuiltByTabLoads(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key("tab")
	if h.app.screens[1] == nil || h.app.active != 1 {
		t.Fatal("tab did not build the next screen")
	}
	if v := h.view(); strings.Contains(v, "Loading") {
		t.Fatalf("the screen built by tab never loaded:\n%s", v)
	}
}
