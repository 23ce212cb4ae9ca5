package tui

import (
	"strings"
	"testing"
	"time"

	"align/tui/tuitest"
)

// TestPersonaCountsReadWell: with one lead linked to a persona, the Personas title
// read "1 linked leads"; it reads "1 linked lead", and the card and the detail "1 lead".
// Large counts are grouped: "9,240 leads".
func TestPersonaCountsReadWell(t *testing.T) {
	ws := tuitest.BoardWorkspace()
	for i := range ws.Leads {
		if i > 0 {
			ws.Leads[i].Persona = ""
		}
	}
	one := ws.Leads[0].Persona
	if one == "" {
		t.Fatal("test workspace: its first lead has no persona")
	}
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	h.key("2")
	v := plain(h.view())
	if !strings.Contains(v, "1 linked lead") || strings.Contains(v, "1 linked leads") || !strings.Contains(v, "1 lead ·") {
		t.Errorf("the Personas screen with one linked lead:\n%s", v)
	}
	p := h.app.screens[h.app.active].(*personaScreen)
	for i, ps := range p.personas {
		if ps.ID == one {
			p.sel = i
		}
	}
	h.key("enter")
	if v := plain(h.view()); !strings.Contains(v, "1 lead ·") || strings.Contains(v, "1 leads") {
		t.Errorf("the persona's detail with one linked lead:\n%s", v)
	}

	line := plain(statLine(h.app.ctx.Theme, personaStat{Linked: 9240, Won: 1109}, 60))
	if !strings.Contains(line, "9,240 leads") || !strings.Contains(line, "(1,109)") {
		t.Errorf("statLine of 9,240 leads, 1,109 won: %q", line)
	}
}
