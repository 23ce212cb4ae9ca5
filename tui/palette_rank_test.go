package tui

import (
	"strings"
	"testing"
)

// TestPaletteRanksWordMatchesFirst types what a new member types: an entry whose
// words hold the query (a whole word first, then the start of a word) comes before
// entries the letters only scatter over, so enter runs what was asked for; a query
// whose letters only scatter over the entries lists nothing.
func TestPaletteRanksWordMatchesFirst(t *testing.T) {
	cases := []struct{ typed, first string }{
		{"won", "mark won · "},
		{"reject", "reject with a reason · "},
		{"acc", "accept (claim) the lead · "},
		{"won mark", "mark won · "},
		{"queue all", "Open queue: All leads"},
		{"note", "add a note · "},
		{"acpt", "accept (claim) the lead · "},
	}
	for _, c := range cases {
		t.Run(c.typed, func(t *testing.T) {
			h := newHarness(t, "ada", 120, 40)
			h.key(":")
			h.typeText(c.typed)
			shown := h.app.palette.shown
			if len(shown) == 0 || !strings.HasPrefix(shown[0].Label, c.first) {
				t.Fatalf("typed %q, first entry is not %q: %q", c.typed, c.first, labels(shown))
			}
		})
	}
	for _, typed := range []string{"kpi", "zzq"} {
		t.Run(typed, func(t *testing.T) {
			h := newHarness(t, "ada", 120, 40)
			h.key(":")
			h.typeText(typed)
			if v := plain(h.view()); len(h.app.palette.shown) != 0 || !strings.Contains(v, "Nothing matches.") {
				t.Errorf("typed %q, the palette lists scattered matches %q:\n%s", typed, labels(h.app.palette.shown), v)
			}
		})
	}
}

// TestPaletteWordRankKeepsRefusalOrder: among entries that match equally well, those
// the member may run come before those marked not now.
func TestPaletteWordRankKeepsRefusalOrder(t *testing.T) {
	h := newHarness(t, "ada", 120, 40)
	h.key(":")
	h.typeText("mark")
	seenRefused := false
	for _, c := range h.app.palette.shown {
		if c.Refusal != nil {
			seenRefused = true
		} else if seenRefused {
			t.Fatalf("a runnable entry %q follows a refused one:\n%s", c.Label, plain(h.view()))
		}
	}
}

func labels(cs []Command) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Label
	}
	return out
}
