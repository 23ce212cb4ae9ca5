package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// feedScreen is the team's activity: the audit events, newest first, live.
type feedScreen struct {
	c      *Context
	events []model.Event
	names  map[model.LeadID]string
	sel    int
	offset int
	w, h   int
	err    error
	busy   bool
	done   bool   // the oldest event is loaded
	oldest uint64 // the Seq of the oldest event loaded, where the next page starts
	filter listFilter
	// shown are the indexes of the events the filter lets through.
	shown []int
}

// feedPage is how many events one load reads; feedMax caps what the screen keeps.
const (
	feedPage = 100
	feedMax  = 2000
)

// eventsLoaded is a page of older events with the names of the leads they touch.
type eventsLoaded struct {
	Before uint64
	Events []model.Event
	Names  map[model.LeadID]string
	Err    error
}

func newFeedScreen(c *Context) Screen {
	return &feedScreen{c: c, names: map[model.LeadID]string{},
		filter: newListFilter(c.Theme, "who, what or which lead")}
}

// Capturing reports whether the filter owns the keyboard.
func (f *feedScreen) Capturing() bool { return f.filter.typing }

// Filtered reports whether a filter is kept, which esc clears.
func (f *feedScreen) Filtered() bool { return f.filter.active() }

// refilter recomputes which events the filter lets through.
func (f *feedScreen) refilter() {
	f.shown = f.shown[:0]
	for i, ev := range f.events {
		if f.matches(ev) {
			f.shown = append(f.shown, i)
		}
	}
	f.clamp()
}

// matches reports whether the filter lets an event through, by what its line shows.
func (f *feedScreen) matches(ev model.Event) bool {
	names := f.c.Names
	return f.filter.matches(ev.Actor, names.Summary(ev), ev.Note, names.Subject(ev), f.names[ev.Lead])
}

// Init loads the newest events.
func (f *feedScreen) Init() tea.Cmd { return f.load(0) }

// load reads a page of events older than before, and the names of their leads.
func (f *feedScreen) load(before uint64) tea.Cmd {
	f.busy = true
	st := f.c.Deps.Store
	known := make(map[model.LeadID]bool, len(f.names))
	for id := range f.names {
		known[id] = true
	}
	return func() tea.Msg {
		evs, err := st.Events(before, feedPage)
		m := eventsLoaded{Before: before, Events: evs, Err: err, Names: map[model.LeadID]string{}}
		for _, ev := range evs {
			if ev.Lead != 0 && !known[ev.Lead] {
				if l, err := st.Lead(ev.Lead); err == nil {
					m.Names[ev.Lead] = l.DisplayName()
				}
				known[ev.Lead] = true
			}
		}
		return m
	}
}

func (f *feedScreen) SetSize(w, h int) { f.w, f.h = w, h; f.clamp() }

// Update handles keys, loaded pages and live events.
func (f *feedScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	lk := f.c.Keys.List
	switch msg.(type) {
	case tea.KeyPressMsg, tea.PasteMsg:
		if used, changed, cmd := f.filter.update(msg, f.c.Keys); used {
			if changed {
				f.sel, f.offset = 0, 0
				f.refilter()
			}
			return f, cmd
		}
	}
	defer f.refilter()
	switch msg := msg.(type) {
	case themeChangedMsg:
		f.filter.input = restyleInput(f.filter.input, f.c.Theme)
	case eventsLoaded:
		f.busy = false
		if msg.Err != nil {
			f.err = msg.Err
			return f, nil
		}
		for id, n := range msg.Names {
			f.names[id] = n
		}
		if msg.Before == 0 {
			f.events = mergeBatchRuns(msg.Events)
		} else {
			f.events = mergeBatchRuns(append(f.events, msg.Events...))
		}
		if n := len(msg.Events); n > 0 {
			f.oldest = msg.Events[n-1].Seq
		}
		f.done = len(msg.Events) < feedPage || len(f.events) >= feedMax
	case feedMsg:
		if msg.Item.Reload {
			return f, f.load(0)
		}
		for _, l := range msg.Item.Leads {
			f.names[l.ID] = l.DisplayName()
		}
		if ev := msg.Item.Event; ev.Seq != 0 && len(f.events) > 0 && sameRun(ev, f.events[0]) {
			f.events[0] = foldRun(ev, f.events[0]) // the run's next batch: one line still
		} else if ev.Seq != 0 {
			f.events = append([]model.Event{ev}, f.events...)
			// Keep the cursor on the event it was on, unless it is reading the newest.
			if f.sel > 0 && f.matches(ev) {
				f.sel++
			}
			if len(f.events) > feedMax {
				f.events = f.events[:feedMax]
			}
		}
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, lk.Down):
			f.sel++
		case key.Matches(msg, lk.Up):
			f.sel--
		case key.Matches(msg, lk.PageDown):
			f.sel += f.h - 1
		case key.Matches(msg, lk.PageUp):
			f.sel -= f.h - 1
		case key.Matches(msg, lk.Top):
			f.sel = 0
		case key.Matches(msg, lk.Bottom):
			f.sel = len(f.shown) - 1
		case key.Matches(msg, lk.Open):
			if id := f.selectedLead(); id != 0 {
				return f, openLead(id, 5)
			}
		}
		f.clamp()
		if !f.busy && !f.done && f.oldest != 0 && f.sel >= len(f.shown)-f.h {
			return f, f.load(f.oldest)
		}
	}
	return f, nil
}

// listRows is how many events fit under the title and the filter.
func (f *feedScreen) listRows() int {
	n := f.h - 1
	if f.filter.shown() {
		n--
	}
	return max(n, 1)
}

func (f *feedScreen) clamp() {
	f.sel = min(max(f.sel, 0), max(len(f.shown)-1, 0))
	rows := f.listRows()
	if f.sel < f.offset {
		f.offset = f.sel
	}
	if f.sel >= f.offset+rows {
		f.offset = f.sel - rows + 1
	}
}

// countText says how much of the activity is listed: all of it, or the latest events
// with older ones to come as the cursor nears the end (it said "100 loaded").
func (f *feedScreen) countText() string {
	n := len(f.events)
	switch {
	case !f.done && n == 0:
		return "loading"
	case !f.done:
		return fmt.Sprintf("latest %d events; older ones load as you scroll down", n)
	case n >= feedMax:
		return fmt.Sprintf("latest %d events", n)
	case n == 1:
		return "1 event"
	}
	return fmt.Sprintf("%d events", n)
}

// View lists the events, one per line.
func (f *feedScreen) View() string {
	th := f.c.Theme
	lines := []string{th.Title.Render("Team activity · " + f.countText())}
	if f.filter.shown() {
		lines = append(lines, f.filter.line(th, len(f.shown), f.w))
	}
	if f.err != nil {
		lines = append(lines, th.StatusError.Render(trunc(sentence(f.err), f.w)))
	}
	for i := f.offset; i < len(f.shown) && len(lines) < f.h; i++ {
		lines = append(lines, f.line(f.events[f.shown[i]], i == f.sel))
	}
	switch {
	case len(f.events) == 0 && f.err == nil:
		lines = append(lines, th.Muted.Render("No activity yet."))
	case len(f.shown) == 0 && f.err == nil:
		lines = append(lines, th.Muted.Render("No activity matches the filter; esc clears it."))
	}
	return block(lines, f.w, f.h)
}

// line renders one event: when, who, what, on which lead.
func (f *feedScreen) line(ev model.Event, selected bool) string {
	th := f.c.Theme
	when := ev.At.UTC().Format("Jan 02 15:04")
	what := f.c.Names.Summary(ev)
	if what == "" {
		what = string(ev.Kind)
	}
	target, counts, isRun := runCounts(ev)
	switch {
	case isRun:
		what += counts
	case ev.Lead != 0:
		name := f.names[ev.Lead]
		if name == "" {
			name = "#" + ev.Lead.String()
		}
		target = clean(name)
	case len(ev.Leads) > 0:
		target = fmt.Sprintf("%d leads", len(ev.Leads))
	case ev.Subject != "":
		target = f.c.Names.Subject(ev)
	}
	if ev.Note != "" {
		what += ": " + cleanOneLine(ev.Note)
	}
	if selected {
		return th.Selected.Render(fit("▸ "+when+"  "+clean(ev.Actor)+"  "+target+"  "+what, f.w))
	}
	return trunc("  "+th.Muted.Render(when)+"  "+th.Bold.Render(clean(ev.Actor))+"  "+th.Text.Render(target)+"  "+th.Muted.Render(what), f.w)
}

// ShortHelp lists the feed's keys.
func (f *feedScreen) ShortHelp() []key.Binding {
	if f.filter.typing {
		return filterTypingHelp()
	}
	lk := f.c.Keys.List
	out := []key.Binding{lk.Down, lk.Up}
	if f.selectedLead() != 0 { // a member's or a persona's event has no lead to open
		out = append(out, withHelp(lk.Open, "open the lead"))
	}
	return append(out, lk.Filter)
}

// selectedLead is the lead of the event under the cursor, 0 for none.
func (f *feedScreen) selectedLead() model.LeadID {
	if f.sel < 0 || f.sel >= len(f.shown) {
		return 0
	}
	return f.events[f.shown[f.sel]].Lead
}

// FullHelp lists every key of the feed.
func (f *feedScreen) FullHelp() []HelpGroup {
	lk := f.c.Keys.List
	return []HelpGroup{{"Move", []key.Binding{lk.Up, lk.Down, lk.Top, lk.Bottom, lk.PageUp, lk.PageDown}},
		{"Feed", []key.Binding{withHelp(lk.Open, "open the lead"), withHelp(lk.Filter, "filter by who, what or which lead (what is loaded)")}}}
}

// withHelp is a copy of a binding with other help text.
func withHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}
