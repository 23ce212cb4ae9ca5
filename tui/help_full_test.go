package tui

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
)

// helpText opens the full help and scrolls it to the end, returning every line the box
// showed (borders stripped) and how many scroll steps it took.
func helpText(t *testing.T, h *harness) (lines []string, footers []string, steps int) {
	t.Helper()
	h.key("?")
	for ; steps < 100; steps++ {
		box, most := h.app.helpBox()
		rows := strings.Split(plain(box), "\n")
		rows = rows[1 : len(rows)-1] // the box's top and bottom borders
		for _, r := range rows {
			lines = append(lines, strings.TrimSpace(strings.Trim(strings.TrimSpace(r), "│")))
		}
		footers = append(footers, lines[len(lines)-1])
		if h.app.helpScroll >= most {
			break
		}
		h.key("j")
	}
	return lines, footers, steps
}

// TestFullHelpDescriptionsWhole opens ? on every screen as every role at 80x24 and
// 120x40 and reads it to the end: no description is cut, every key's words are there,
// headings group them, and the only line about closing is the footer. At 120x40 it
// fits without scrolling.
func TestFullHelpDescriptionsWhole(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for role, name := range roleMembers {
			for _, screen := range []string{"1", "2", "3", "5", "6"} {
				h := newBoardHarness(t, name, size[0], size[1])
				h.key(screen)
				groups := append(h.app.screens[h.app.active].FullHelp(), h.app.globalHelp()...)
				lines, footers, steps := helpText(t, h)
				text := strings.Join(lines, "\n")
				where := fmt.Sprintf("%s on %s at %dx%d", role, h.app.defs[h.app.active].Name, size[0], size[1])
				if strings.Contains(text, "…") {
					t.Errorf("%s: the help cuts text:\n%s", where, text)
				}
				for _, g := range groups {
					if len(g.Keys) > 0 && !strings.Contains(text, g.Title) {
						t.Errorf("%s: no heading %q", where, g.Title)
					}
					for _, b := range g.Keys {
						for _, word := range strings.Fields(b.Help().Desc) {
							if !strings.Contains(text, word) {
								t.Errorf("%s: %q lacks %q", where, b.Help().Desc, word)
							}
						}
					}
				}
				for _, ln := range lines {
					if strings.Contains(ln, "closes") && !strings.Contains(strings.Join(footers, "\n"), ln) {
						t.Errorf("%s: %q is not the footer", where, ln)
					}
				}
				for _, f := range footers {
					if !strings.HasSuffix(f, "esc or ? closes this help") || strings.Contains(f, "  ") {
						t.Errorf("%s: footer %q", where, f)
					}
				}
				if size[0] == 120 && steps > 0 {
					t.Errorf("%s: the help scrolls at 120x40:\n%s", where, text)
				}
				h.key("esc")
				if h.app.help {
					t.Errorf("%s: esc left the help open", where)
				}
			}
		}
	}
}

// TestFullHelpSmall opens the help at the smallest workspace size and scrolls past both
// ends: the frame keeps its size, the footer says what is below and how to scroll,
// and the scroll stops at the ends. Drawn straight into boxes smaller than App ever
// asks for, the help does not panic.
func TestFullHelpSmall(t *testing.T) {
	h := newHarness(t, "ada", MinWidth, MinHeight)
	h.key("?")
	check := func(want string) {
		t.Helper()
		v := plain(h.view())
		rows := strings.Split(v, "\n")
		if len(rows) != MinHeight {
			t.Fatalf("%d lines, want %d", len(rows), MinHeight)
		}
		for _, r := range rows {
			if lipgloss.Width(r) > MinWidth {
				t.Fatalf("line wider than %d: %q", MinWidth, r)
			}
		}
		if !strings.Contains(v, want) {
			t.Errorf("the help lacks %q:\n%s", want, v)
		}
	}
	check("more · j/↓ k/↑ scroll · esc or ? closes")
	h.keys("k", "k")
	if h.app.helpScroll != 0 {
		t.Errorf("scrolled above the top to %d", h.app.helpScroll)
	}
	h.key("G")
	_, most := h.app.helpBox()
	if most == 0 || h.app.helpScroll != most {
		t.Errorf("G scrolled to %d of %d", h.app.helpScroll, most)
	}
	h.keys("j", "j")
	if h.app.helpScroll != most {
		t.Errorf("scrolled past the end to %d of %d", h.app.helpScroll, most)
	}
	check("end · j/↓ k/↑ scroll")
	h.key("q")
	if h.app.help || h.app.quitting {
		t.Errorf("q in the help: open %v, quitting %v; want it closed and the app running", h.app.help, h.app.quitting)
	}
	h.key("?")
	if h.app.helpScroll != 0 {
		t.Errorf("the help reopened scrolled to %d", h.app.helpScroll)
	}
	groups := append(h.app.screens[0].FullHelp(), h.app.globalHelp()...)
	for w := 0; w <= 24; w += 3 {
		for ht := 0; ht <= 9; ht += 3 {
			for _, scroll := range []int{-5, 0, 3, 1000} {
				fullHelp(h.app.ctx.Theme, h.app.ctx.Keys, "Queues", groups, w, ht, scroll)
			}
		}
	}
}
