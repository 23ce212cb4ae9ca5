package tui

import (
	"image/color"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"align/model"
	"align/tui/tuitest"
)

// TestEscClosesInnermostFirst walks esc out of a form, the palette, the help, a
// filter and the detail pane, one layer per press.
func TestEscClosesInnermostFirst(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key("enter")
	h.key("/")
	h.typeText("a")
	h.key("enter") // keep the filter
	h.key("r")
	if h.app.form == nil {
		t.Fatal("reject form did not open")
	}
	steps := []struct {
		name string
		open func() bool
	}{
		{"form", func() bool { return h.app.form != nil }},
		{"filter", func() bool { return h.queue().filter.active() }},
		{"detail", func() bool { return h.queue().detail.open }},
	}
	for _, s := range steps {
		if !s.open() {
			t.Fatalf("%s is not open before esc", s.name)
		}
		h.key("esc")
		if s.open() {
			t.Fatalf("esc did not close the %s", s.name)
		}
	}
	h.key(":")
	h.key("esc")
	if h.app.palette != nil {
		t.Error("esc did not close the palette")
	}
	h.key("?")
	h.key("esc")
	if h.app.help {
		t.Error("esc did not close the help")
	}
}

// TestQueueSwitching walks the queues with ] and [ and checks the title and count.
func TestQueueSwitching(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	for i := 1; i <= len(model.Queues); i++ {
		h.key("]")
		q := model.Queues[i%len(model.Queues)]
		n, _ := h.store.Count(q, "sam")
		want := q.Title() + " · " + strconv.Itoa(n)
		if !strings.Contains(plain(h.view()), want) {
			t.Errorf("after %d × ] the screen lacks %q", i, want)
		}
	}
	h.key("[")
	if got := h.queue().queue(); got != model.QueueAll {
		t.Errorf("[ from the MQL inbox opened %s, want all", got)
	}
}

// TestFilter narrows the inbox as one types, finds leads through the store search,
// and esc clears it.
func TestFilter(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	all := len(h.queue().rows())
	h.key("/")
	h.typeText("wayne")
	rows := h.queue().rows()
	if len(rows) == 0 || len(rows) >= all {
		t.Fatalf("%d rows match wayne out of %d", len(rows), all)
	}
	for _, l := range rows {
		if !strings.Contains(strings.ToLower(l.Company), "wayne") || l.Stage != model.StageMQL {
			t.Errorf("row %q at %q (%s) does not belong", l.Name, l.Company, l.Stage)
		}
	}
	h.key("enter")
	if h.queue().Capturing() {
		t.Error("enter did not hand the keyboard back")
	}
	h.key("j") // moves the cursor, not typed into the filter
	if h.queue().filter.query != "wayne" {
		t.Errorf("query = %q", h.queue().filter.query)
	}
	h.key("esc")
	if got := len(h.queue().rows()); got != all {
		t.Errorf("after esc %d rows, want %d", got, all)
	}
}

// TestLiveChange folds a teammate's change from the feed into the screen: the lead
// leaves the inbox, the cursor stays on the lead it was on, and the count drops.
func TestLiveChange(t *testing.T) {
	st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
	feed, stop := st.Subscribe()
	defer stop()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	h.keys("j", "j")
	on := h.queue().selID
	first := h.queue().rows()[0].ID
	before := h.queue().count
	if _, _, err := st.Do(t.Context(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: first}); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: <-feed})
	if h.queue().index(first) >= 0 {
		t.Error("the accepted lead is still in the inbox")
	}
	if h.queue().selID != on || h.queue().rows()[h.queue().sel].ID != on {
		t.Errorf("cursor moved off lead %d", on)
	}
	if h.queue().count != before-1 {
		t.Errorf("count %d, want %d", h.queue().count, before-1)
	}
	h.key("5")
	if !strings.Contains(plain(h.view()), "sia") {
		t.Error("the feed screen does not show sia's change")
	}
}

// TestFeedReload reloads the window when the feed says the screen fell behind.
func TestFeedReload(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.keys("j", "j", "j")
	on := h.queue().selID
	h.send(feedMsg{Item: model.FeedItem{Reload: true}})
	if h.queue().selID != on {
		t.Errorf("after a reload the cursor is on %d, want %d", h.queue().selID, on)
	}
	if len(h.queue().rows()) != 16 {
		t.Errorf("%d rows after reload, want the 16 MQLs", len(h.queue().rows()))
	}
}

// TestPagingThroughALargeQueue moves through 5,000 leads: the window stays bounded,
// j crosses page edges, G and g jump to the ends through the store.
func TestPagingThroughALargeQueue(t *testing.T) {
	const n = 5000
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(n, tuitest.Now)
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	h := newHarnessWith(t, st, tuitest.Member("sam"), 80, 24)
	for i := 0; i < 250; i++ {
		h.key("j")
	}
	if got, want := h.queue().selID, model.LeadID(251); got != want {
		t.Errorf("after 250 × j on lead %d, want %d", got, want)
	}
	h.key("G")
	if got := h.queue().selID; got != n {
		t.Errorf("G went to %d, want %d", got, n)
	}
	for i := 0; i < 150; i++ {
		h.key("k")
	}
	if got := h.queue().selID; got != n-150 {
		t.Errorf("after G and 150 × k on %d, want %d", got, n-150)
	}
	if w := len(h.queue().win.rows); w > windowMax {
		t.Errorf("window holds %d rows, more than %d", w, windowMax)
	}
	h.key("g")
	if got := h.queue().selID; got != 1 {
		t.Errorf("g went to %d, want 1", got)
	}
	if !strings.Contains(plain(h.view()), "MQL inbox · 5000") {
		t.Error("title lacks the live count")
	}
}

// TestSizes shows the placeholder when too small, clamps absurd sizes and survives
// any resize.
func TestSizes(t *testing.T) {
	h := newHarness(t, "sam", 80, 24)
	h.send(tea.WindowSizeMsg{Width: 20, Height: 5})
	if v := plain(h.view()); !strings.Contains(v, "Terminal") || strings.Count(v, "\n") != 4 {
		t.Errorf("placeholder at 20x5:\n%s", v)
	}
	h.send(tea.WindowSizeMsg{Width: 65535, Height: 65535})
	v := h.view()
	if lines := strings.Count(v, "\n") + 1; lines != MaxHeight {
		t.Errorf("%d lines at 65535x65535, want the clamp %d", lines, MaxHeight)
	}
	if len(v) > 4<<20 {
		t.Errorf("frame is %d bytes", len(v))
	}
	for _, s := range [][2]int{{0, 0}, {-5, -5}, {60, 15}, {61, 16}, {119, 30}, {120, 40}, {1, 200}} {
		h.send(tea.WindowSizeMsg{Width: s[0], Height: s[1]})
		h.key("enter")
		_ = h.view()
	}
}

// TestEveryLineFits checks that no line of a frame is wider than the terminal and
// the frame is exactly as tall, at sizes around the minimum and the split.
func TestEveryLineFits(t *testing.T) {
	for _, s := range [][2]int{{60, 15}, {80, 24}, {119, 30}, {120, 40}, {200, 60}} {
		h := newHarness(t, "sam", s[0], s[1])
		for _, k := range []string{"", "enter", "?", "esc", ":", "esc", "5", "6"} {
			if k != "" {
				h.key(k)
			}
			lines := strings.Split(h.view(), "\n")
			if len(lines) != s[1] {
				t.Errorf("%dx%d after %q: %d lines", s[0], s[1], k, len(lines))
			}
			for i, l := range lines {
				if w := lipgloss.Width(l); w > s[0] {
					t.Errorf("%dx%d after %q: line %d is %d wide", s[0], s[1], k, i, w)
				}
			}
		}
	}
}

// TestThemeFromTerminal switches to the light theme on a light background and drops
// colour under NO_COLOR read from the session's environment.
func TestThemeFromTerminal(t *testing.T) {
	h := newHarness(t, "sam", 80, 24)
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if h.app.ctx.Theme.Dark {
		t.Error("a white background kept the dark theme")
	}
	h.send(tea.EnvMsg{"TERM=xterm-256color", "NO_COLOR=1"})
	if v := h.view(); strings.Contains(v, "38;2;") || strings.Contains(v, "48;2;") {
		t.Error("NO_COLOR frame still has colours")
	}
}

// TestUserTextIsNeutralised checks that the escape sequences in a lead's name reach
// the screen as visible text, never as a live sequence.
func TestUserTextIsNeutralised(t *testing.T) {
	h := newHarness(t, "sam", 200, 60)
	h.key("G")
	h.key("enter")
	v := h.view()
	if strings.Contains(v, "\x1b]0;") || strings.Contains(v, "\x07") || strings.Contains(v, "\x1b[2J") {
		t.Error("a lead's name injected a terminal sequence")
	}
	if !strings.Contains(plain(v), "Mallory ^[]0;pwned") {
		t.Errorf("the hostile name is not shown as text:\n%s", plain(v))
	}
}

// TestScreensAndTabs switches screens by number and tab; a screen not built yet has
// no tab and its number says so.
func TestScreensAndTabs(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	v := plain(h.view())
	if strings.Contains(v, "KPIs") || !strings.Contains(v, "1 Queues") || !strings.Contains(v, "6 Team") {
		t.Errorf("tabs wrong:\n%s", strings.Split(v, "\n")[1])
	}
	h.key("6")
	if !strings.Contains(plain(h.view()), "Team · 8 members") {
		t.Error("6 did not open the team")
	}
	h.key("tab")
	if h.app.active != 0 {
		t.Error("tab from the last screen did not wrap to the first")
	}
	h.key("4")
	if h.app.active != 0 || !strings.Contains(h.app.status.text, "not built yet") {
		t.Errorf("4 moved to %d with status %q", h.app.active, h.app.status.text)
	}
	h.key("q")
	if !h.app.quitting {
		t.Error("q did not quit")
	}
}

// TestPanicIsCaught shows a panic in a screen in the status bar instead of crashing.
func TestPanicIsCaught(t *testing.T) {
	h := newHarness(t, "sam", 80, 24)
	h.app.screens[0] = panicScreen{h.app.screens[0]}
	h.key("j")
	if !h.app.status.err || !strings.Contains(h.app.status.text, "still running") {
		t.Errorf("status %q", h.app.status.text)
	}
	_ = h.view()
}

type panicScreen struct{ Screen }

func (panicScreen) Update(tea.Msg) (Screen, tea.Cmd) { panic("boom") }

// TestFilterStartsAtFirstMatch filters a large queue from its bottom: the cursor goes
// to the first match in queue order, found by the store search beyond the window,
// and the line says the search was capped.
func TestFilterStartsAtFirstMatch(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(5000, tuitest.Now)
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	h := newHarnessWith(t, st, tuitest.Member("sam"), 100, 20)
	h.key("G")
	h.key("/")
	h.typeText("Tanaka")
	q := h.queue()
	hits, _ := st.Search("Tanaka", 1)
	if q.sel != 0 || q.selID != hits[0].ID {
		t.Errorf("cursor on row %d lead %d, want row 0 lead %d", q.sel, q.selID, hits[0].ID)
	}
	if strings.Contains(plain(h.view()), "+ matching") {
		t.Error("a complete search says it was capped")
	}
	h.keys("backspace", "backspace", "backspace", "backspace", "backspace") // "T" matches most leads
	if !strings.Contains(plain(h.view()), "+ matching, type more to narrow") {
		t.Errorf("a capped search does not say so:\n%s", plain(h.view()))
	}
}

// TestCountFollowsChangesOutsideTheWindow: a lead far below the loaded window leaves
// the queue; the live count still drops.
func TestCountFollowsChangesOutsideTheWindow(t *testing.T) {
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(5000, tuitest.Now)
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	feed, stop := st.Subscribe()
	defer stop()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 100, 20)
	if _, _, err := st.Do(t.Context(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: 4000}); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: <-feed})
	if got := h.queue().count; got != 4999 {
		t.Errorf("count %d, want 4999", got)
	}
}

// TestDetailShowsNotesAndTimeline adds a note and finds it, with the history, in
// the detail pane.
func TestDetailShowsNotesAndTimeline(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.send(showLeadMsg{ID: 4})
	h.keys("n", "C", "a", "l", "l", "e", "d", "enter")
	v := plain(h.view())
	for _, want := range []string{"Notes · 2", "Called", "Called, asked to follow up Monday.", "Timeline", "sam added a note"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
}

// TestUndoneNoteLeavesNotes: a note its writer undid leaves the Notes section; the
// timeline keeps both (user review: it stayed under Notes).
func TestUndoneNoteLeavesNotes(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.send(showLeadMsg{ID: 4})
	h.keys("n")
	h.typeText("Wrong lead, sorry")
	h.keys("enter")
	if v := plain(h.view()); !strings.Contains(v, "Notes · 2") {
		t.Fatalf("the note did not go in:\n%s", v)
	}
	h.keys("u")
	v := plain(h.view())
	if !strings.Contains(v, "Notes · 1") || strings.Count(v, "Wrong lead, sorry") > 1 {
		t.Errorf("the undone note is still under Notes:\n%s", v)
	}
}

// TestMouseClickSelectsRow clicks the fourth lead row of the table.
func TestMouseClickSelectsRow(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	want := h.queue().rows()[3].ID
	// Header and tabs (2), title and headings (2), then rows from 0.
	h.send(tea.MouseClickMsg(tea.Mouse{X: 10, Y: 4 + 3, Button: tea.MouseLeft}))
	if h.queue().selID != want {
		t.Errorf("click selected %d, want %d", h.queue().selID, want)
	}
}

// TestListFilters filters the feed and the team as one types; esc clears.
func TestListFilters(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key("5")
	h.key("/")
	h.typeText("lee")
	v := plain(h.view())
	if !strings.Contains(v, "raised the MQL threshold") || strings.Contains(v, "webinar import") {
		t.Errorf("feed filter on lee:\n%s", v)
	}
	h.key("esc")
	if !strings.Contains(plain(h.view()), "webinar import") {
		t.Error("esc did not clear the feed filter")
	}
	h.key("6")
	h.key("/")
	h.typeText("sdr")
	h.key("enter")
	v = plain(h.view())
	if !strings.Contains(v, "sia") || strings.Contains(v, "alex") {
		t.Errorf("team filter on sdr:\n%s", v)
	}
	h.key("j")
	if h.app.screens[h.app.active].(*teamScreen).sel != 1 {
		t.Error("j after enter did not move in the filtered team")
	}
}
