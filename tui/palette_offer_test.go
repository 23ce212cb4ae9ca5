package tui

import (
	"slices"
	"strings"
	"testing"

	"align/model"
)

// TestPaletteOffersOnlyWhatFits opens the palette on the first MQL as every role: it
// lists exactly the triage actions model.Available allows for the lead's stage and the
// role, the same the help line shows, and never an action of another stage.
func TestPaletteOffersOnlyWhatFits(t *testing.T) {
	for role, name := range roleMembers {
		t.Run(string(role), func(t *testing.T) {
			h := newHarness(t, name, 120, 40)
			cur, ok := h.queue().current()
			if !ok || cur.Stage != model.StageMQL {
				t.Fatalf("the inbox opens on %+v, want an MQL", cur)
			}
			avail := model.Available(cur, h.app.ctx.Me(), h.app.ctx.env())
			h.key(":")
			for _, ak := range h.app.ctx.Keys.Queue.actionKeys() {
				label := ak.Action.Label() + " · " + leadName(cur)
				listed := slices.ContainsFunc(h.app.palette.shown, func(c Command) bool { return c.Label == label })
				if want := slices.Contains(avail, ak.Action); listed != want {
					t.Errorf("palette lists %q: %v, want %v", label, listed, want)
				}
			}
			for _, never := range []string{"mark won", "mark lost", "decide the dispute", "qualify to SQL"} {
				if strings.Contains(plain(h.view()), never) {
					t.Errorf("the palette offers %q on an MQL:\n%s", never, plain(h.view()))
				}
			}
		})
	}
}

// TestPaletteAnswersWhyNot types actions that do not fit: one the lead's stage does
// not allow and one the role may not take. Each shows only when asked for by name,
// marked, and choosing it answers with the model's sentence; nothing changes.
func TestPaletteAnswersWhyNot(t *testing.T) {
	cases := []struct {
		me, typed, mark string
		want            func(h *harness, l model.Lead) string
	}{
		{"ada", "mark won", "(not now)", func(h *harness, l model.Lead) string { return sentence(refusal(h.app.ctx, l, model.ActWon)) }},
		{"sam", "decide the dispute", "(not for your role)", func(h *harness, l model.Lead) string {
			return model.Check(model.RoleSDR, model.ActVerdict).Error()
		}},
	}
	for _, c := range cases {
		t.Run(c.me+"/"+c.typed, func(t *testing.T) {
			h := newHarness(t, c.me, 120, 40)
			cur, _ := h.queue().current()
			h.typeText(":")
			h.typeText(c.typed)
			v := plain(h.view())
			if !strings.Contains(v, c.typed+" · "+leadName(cur)+" "+c.mark) {
				t.Fatalf("typed %q, the palette does not show it marked %s:\n%s", c.typed, c.mark, v)
			}
			if !strings.Contains(v, "1 entry · enter run") {
				t.Errorf("the palette does not count its one entry:\n%s", v)
			}
			if first := h.app.palette.shown[0]; first.Refusal == nil || !strings.HasPrefix(first.Label, c.typed) {
				t.Fatalf("first entry %q, want the refused %q", first.Label, c.typed)
			}
			h.key("enter")
			want := c.want(h, cur)
			if !strings.Contains(want, " ") || h.app.status.text != want || !h.app.status.err {
				t.Errorf("status %q (error %v), want %q", h.app.status.text, h.app.status.err, want)
			}
			if l, _ := h.store.Lead(cur.ID); l.Version != cur.Version {
				t.Errorf("the lead changed to version %d", l.Version)
			}
		})
	}
}

// TestPaletteBulkOnSelection marks two leads: the palette's bulk actions name the
// selection rather than the lead under the cursor.
func TestPaletteBulkOnSelection(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.keys("space", "space", ":")
	v := plain(h.view())
	if !strings.Contains(v, "reject with a reason · 2 selected") {
		t.Errorf("the palette does not offer rejecting the selection:\n%s", v)
	}
}

// TestPaletteFindsActionNames: the palette finds an action by the name the command
// line and the help use ("touch", "verdict"), not only by its label.
func TestPaletteFindsActionNames(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	for _, a := range []model.Action{model.ActTouch, model.ActVerdict} {
		h.key(":")
		h.typeText(string(a))
		if len(h.app.palette.shown) == 0 || !strings.HasPrefix(h.app.palette.shown[0].Label, a.Label()) {
			t.Errorf("typing %q: palette shows %v first, want %q", a, h.app.palette.shown, a.Label())
		}
		h.key("esc")
	}
}
