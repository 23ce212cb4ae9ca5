package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// TestHeaderAndTabsRedrawOnChange: the cached header and tabs follow the clock, the
// workspace name, the active screen and the width.
func TestHeaderAndTabsRedrawOnChange(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	a := h.app
	before := ansi.Strip(a.header(120))
	a.ctx.Now = a.ctx.Now.Add(time.Minute)
	if after := ansi.Strip(a.header(120)); after == before || !strings.Contains(after, a.ctx.Now.Format("15:04")) {
		t.Fatalf("the header kept its old time: %q", after)
	}
	a.ctx.Settings.Name = "Renamed Co"
	if got := ansi.Strip(a.header(120)); !strings.Contains(got, "Renamed Co") {
		t.Fatalf("the header kept the old workspace name: %q", got)
	}
	if got := ansi.StringWidth(a.header(90)); got != 90 {
		t.Fatalf("the header is %d wide at 90", got)
	}
	tabs := a.tabs(120)
	h.key("2")
	if a.tabs(120) == tabs {
		t.Fatal("the tabs did not follow the active screen")
	}
}
