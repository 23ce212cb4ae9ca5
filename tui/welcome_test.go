package tui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"align/model"
	"align/model/sample"
	"align/tui/tuitest"
)

// swapStore lets a test's LoadSample replace an empty store with the sample, as
// storage.Seed fills the same store in a real run.
type swapStore struct{ Store }

// newWelcomeHarness opens the app on the welcome screen of an empty store; load is
// what the sample key runs (nil: load the sample).
func newWelcomeHarness(t testing.TB, w, h int, load func(context.Context) error) *harness {
	t.Helper()
	clock := func() time.Time { return tuitest.Now }
	st := &swapStore{Store: tuitest.NewStore(model.Workspace{}, clock)}
	if load == nil {
		load = func(context.Context) error {
			st.Store = tuitest.NewStore(sample.Generate(tuitest.Now), clock)
			return nil
		}
	}
	a := New(Deps{Store: st, Me: model.LocalAdmin("sam"), Now: clock, Local: true}).
		Welcome(Welcome{DataDir: "/home/sam/my align", LoadSample: load})
	a.noTick = true
	hs := &harness{t: t, app: a, wait: cmdWait}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(a.Init())
	return hs
}

func TestWelcomeGolden(t *testing.T) {
	refused := func(context.Context) error {
		return errors.New("This workspace already has leads or members; the sample is only loaded into a new, empty workspace.")
	}
	views := []struct {
		name string
		load func(context.Context) error
		keys []string
	}{
		{"first", nil, nil},
		{"import", nil, []string{"i"}},
		{"refused", refused, []string{"s"}},
	}
	for _, v := range views {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, dark := range []bool{true, false} {
				theme := map[bool]string{true: "dark", false: "light"}[dark]
				t.Run(fmt.Sprintf("%s/%dx%d/%s", v.name, size[0], size[1], theme), func(t *testing.T) {
					h := newWelcomeHarness(t, size[0], size[1], v.load)
					if !dark {
						h.send(tea.BackgroundColorMsg{Color: color.White})
					}
					h.keys(v.keys...)
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		}
	}
}

// TestWelcomeLoadsSample: s loads the sample through a command, and the inbox opens
// with its leads and the workspace's name.
func TestWelcomeLoadsSample(t *testing.T) {
	h := newWelcomeHarness(t, 120, 40, nil)
	v := plain(h.view())
	for _, want := range []string{"align is where marketing and sales", "s     Load the sample", "i     Import", "q     Quit", "/home/sam/my align"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the welcome lacks %q:\n%s", want, v)
		}
	}
	// The key starts the load; nothing is read or written in Update itself.
	_, cmd := h.app.Update(keyMsg("s"))
	if v := plain(h.view()); !strings.Contains(v, "Loading the sample workspace") {
		t.Fatalf("no feedback while the sample loads:\n%s", v)
	}
	h.app.Update(keyMsg("q"))
	if h.app.quitting {
		t.Fatal("q quit in the middle of loading the sample")
	}
	h.run(cmd)
	v = plain(h.view())
	if strings.Contains(v, "welcome") || !strings.Contains(v, "MQL inbox · 2") || !strings.Contains(v, "Northwind Analytics") {
		t.Fatalf("after loading, the inbox should show the sample's leads:\n%s", v)
	}
	if !strings.Contains(v, "Loaded the sample workspace") {
		t.Fatalf("no word that the sample was loaded:\n%s", v)
	}
}

// TestWelcomeRefused: a store that stopped being empty is not loaded into; the
// sentence shows and enter opens the workspace as it is.
func TestWelcomeRefused(t *testing.T) {
	h := newWelcomeHarness(t, 80, 24, func(context.Context) error {
		return errors.New("this workspace already has leads or members")
	})
	h.key("s")
	v := plain(h.view())
	if !strings.Contains(v, "This workspace already has leads or members.") || !strings.Contains(v, "enter Open the workspace") {
		t.Fatalf("the refusal is not shown as a sentence with the way on:\n%s", v)
	}
	h.key("s")
	h.key("enter")
	if v := plain(h.view()); !strings.Contains(v, "MQL inbox") {
		t.Fatalf("enter did not open the workspace:\n%s", v)
	}
}

// TestWelcomeKeys: i toggles the import instructions with the data directory quoted
// for a shell; q quits; a tiny terminal gets the placeholder; other keys do nothing.
func TestWelcomeKeys(t *testing.T) {
	h := newWelcomeHarness(t, 80, 24, nil)
	h.keys("a", "1", "?", ":", "j", "enter")
	if v := plain(h.view()); !strings.Contains(v, "align · welcome") || strings.Contains(v, "align import") {
		t.Fatalf("keys other than s, i and q changed the welcome:\n%s", v)
	}
	h.key("i")
	v := plain(h.view())
	for _, want := range []string{"align import --data '/home/sam/my align' leads.csv", "--dry-run", "--map 'Full Name=name'"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the import help lacks %q:\n%s", want, v)
		}
	}
	h.key("i")
	if strings.Contains(plain(h.view()), "align import") {
		t.Fatal("i did not hide the import help")
	}
	h.send(tea.WindowSizeMsg{Width: 20, Height: 5})
	if v := plain(h.view()); !strings.Contains(v, "Terminal") {
		t.Fatalf("a 20x5 terminal should get the placeholder:\n%s", v)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.key("q")
	if !h.app.quitting {
		t.Fatal("q did not quit the welcome")
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/x-empty":    "/tmp/x-empty",
		"/home/sam/my db": "'/home/sam/my db'",
		"/tmp/it's":       `'/tmp/it'\''s'`,
		"/tmp/$(rm -rf)":  "'/tmp/$(rm -rf)'",
	} {
		if got := ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWelcomeAnyKeyAnySize plays every key at odd sizes on the welcome screen: no
// panic, and a frame that is exactly the terminal's height.
func TestWelcomeAnyKeyAnySize(t *testing.T) {
	for _, size := range [][2]int{{0, 0}, {1, 1}, {59, 14}, {60, 15}, {500, 200}} {
		h := newWelcomeHarness(t, size[0], size[1], func(context.Context) error { return errors.New("not empty") })
		for _, k := range fuzzKeys {
			h.key(k)
			h.send(tea.PasteMsg{Content: "\x1b[31mpasted"})
			h.app.quitting = false
			v := h.view()
			if h.app.status.err && strings.HasPrefix(h.app.status.text, "Something broke") {
				t.Fatalf("%dx%d, key %q: %s", size[0], size[1], k, h.app.status.text)
			}
			if h.app.welcome != nil && !h.app.tooSmall() && strings.Count(v, "\n")+1 != size[1] {
				t.Fatalf("%dx%d, key %q: the welcome is %d lines tall", size[0], size[1], k, strings.Count(v, "\n")+1)
			}
		}
	}
}

// TestWelcomeViewNarrow draws the welcome itself below the app's minimum size, which
// App never asks for, to keep the drawing safe on its own.
func TestWelcomeViewNarrow(t *testing.T) {
	h := newWelcomeHarness(t, 80, 24, nil)
	h.key("i")
	for w := 0; w <= 12; w++ {
		_ = h.app.welcome.view(h.app.ctx.Theme, w, 3)
	}
}

// TestWelcomeShortTerminalKeepsTheCommands: at 60x15 the import help ran off the
// bottom while the introduction took four lines (new-user review); a short terminal
// gives up the introduction first.
func TestWelcomeShortTerminalKeepsTheCommands(t *testing.T) {
	h := newWelcomeHarness(t, 60, 15, nil)
	h.keys("i")
	v := plain(h.view())
	if strings.Contains(v, "align is where") || !strings.Contains(v, "align import --data") {
		t.Errorf("the short welcome:\n%s", v)
	}
}

// TestShellLinesBreakBetweenWords: the welcome's commands broke inside --dry-run and
// inside the quoted 'Full Name=name' (new-user review), so a copied command was wrong.
func TestShellLinesBreakBetweenWords(t *testing.T) {
	cmd := "align import --data /tmp/review-c/empty --map 'Full Name=name' --dry-run leads.csv"
	for w := 10; w <= len(cmd); w++ {
		lines := shellLines(cmd, w)
		if got := strings.Join(lines, " "); got != cmd {
			t.Fatalf("width %d: the lines %q do not join back into the command", w, lines)
		}
		for _, l := range lines {
			if width(l) > w && strings.Contains(l, " ") && !strings.HasPrefix(l, "'") {
				t.Errorf("width %d: line %q is wider than the width and holds more than one word", w, l)
			}
		}
	}
}
