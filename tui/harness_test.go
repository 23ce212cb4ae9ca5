package tui

import (
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"align/model"
	"align/tui/tuitest"
)

// harness drives an App the way Bubble Tea would, but synchronously: every command
// runs, and its message goes back through Update, until nothing is left. A blinking
// cursor's command only sleeps, so it is dropped unrun; the minute tick is off.
type harness struct {
	t     testing.TB
	app   *App
	store *tuitest.Store
	// wait is how long a command may take before it is dropped.
	wait time.Duration
}

// cmdWait is how long the harness waits for one command before dropping it: a
// safety net against a command that blocks, far above what a store call takes even
// under the race detector on a busy machine.
const cmdWait = 5 * time.Second

func newHarness(t testing.TB, me string, w, h int) *harness {
	t.Helper()
	st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
	return newHarnessWith(t, st, tuitest.Member(me), w, h)
}

func newHarnessWith(t testing.TB, st *tuitest.Store, me model.Member, w, h int) *harness {
	t.Helper()
	return newHarnessDeps(t, st, Deps{Me: me}, w, h)
}

// newHarnessDeps drives an App of the deps given on st, at the test's fixed time.
func newHarnessDeps(t testing.TB, st *tuitest.Store, d Deps, w, h int) *harness {
	t.Helper()
	d.Store, d.Now = st, func() time.Time { return tuitest.Now }
	a := New(d)
	a.noTick = true
	hs := &harness{t: t, app: a, store: st, wait: cmdWait}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(a.Init())
	return hs
}

// send delivers one message and runs whatever it returns.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

// key presses one key given as Bubble Tea spells it ("a", "enter", "esc", "space").
func (h *harness) key(k string) { h.send(keyMsg(k)) }

// keys presses several keys in order.
func (h *harness) keys(ks ...string) {
	for _, k := range ks {
		h.key(k)
	}
}

// typeText types text one rune at a time.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (h *harness) view() string { return h.app.View().Content }

// run executes a command tree; bounded so a loop of commands cannot hang a test.
func (h *harness) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0 && steps < 2000; steps++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil || blinks(c) {
			continue
		}
		msg, ok := runWithin(c, h.wait)
		if !ok || msg == nil {
			continue
		}
		switch m := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, m...)
			continue
		case tea.QuitMsg:
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := 0; i < v.Len(); i++ {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		_, next := h.app.Update(msg)
		queue = append(queue, next)
	}
}

// blinks reports whether a command is a text cursor's blink timer (huh's fields
// blink; ours do not), which the harness drops rather than sleep through.
func blinks(c tea.Cmd) bool {
	name := runtime.FuncForPC(reflect.ValueOf(c).Pointer()).Name()
	return strings.HasPrefix(name, "charm.land/bubbles/v2/cursor.")
}

// runWithin runs a command, giving up after d.
func runWithin(c tea.Cmd, d time.Duration) (tea.Msg, bool) {
	ch := make(chan tea.Msg, 1)
	go func() { ch <- c() }()
	select {
	case m := <-ch:
		return m, true
	case <-time.After(d):
		return nil, false
	}
}

// keyMsg builds a key press from its name.
func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+k":
		return tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// plain strips ANSI sequences, for assertions on what a person reads.
func plain(s string) string { return ansi.Strip(s) }
