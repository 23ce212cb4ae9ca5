package tui

import (
	"strings"
	"testing"

	"align/model"
)

// TestLongRefusalReadWhole: at 80 columns a viewer's refusal ("Only SDRs, AEs,
// leadership or admins may accept (claim) the lead; you are signed in as Viewer.") was
// cut to "...you are signe…". An error too long for the status bar now takes the help
// line too, and the help line comes back with the next message.
func TestLongRefusalReadWhole(t *testing.T) {
	h := newHarness(t, "val", 80, 24)
	h.key("a")
	want := model.Check(model.RoleViewer, model.ActAccept).Error()
	if len(want) <= 80 {
		t.Fatalf("test premise: the refusal %q fits 80 columns", want)
	}
	lines := strings.Split(plain(h.view()), "\n")
	got := strings.Join(strings.Fields(strings.Join(lines[len(lines)-2:], " ")), " ")
	if got != want {
		t.Errorf("the last two lines read %q, want %q", got, want)
	}
	h.key("j")
	h.key("esc")
	if v := plain(h.view()); !strings.Contains(v, "? help") {
		t.Errorf("the help line did not come back after the error:\n%s", v)
	}
}
