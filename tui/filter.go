package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// searchLimit bounds how many matches one filter lists.
const searchLimit = 500

// searchScan bounds how many queue entries one store call of the filter reads, so a
// call costs a bounded time however long the queue (about 20 ms at a million leads,
// BenchmarkInboxFilterStep); the filter calls again from where the last call stopped
// until the queue ends or it holds more than searchLimit matches.
const searchScan = 2000

// filterState is the queue filter: `/` and type. It narrows the loaded window at once
// and walks the queue in the store, in steps of searchScan entries off the UI
// goroutine, so a filter finds every lead of the queue that matches, up to
// searchLimit, also those never paged in.
type filterState struct {
	input  textinput.Model
	typing bool // the input has the keyboard
	query  string
	rows   []model.Lead
	// id is the lead the query names by its ID ("#42" or "42"), 0 when it names none:
	// that lead is listed first, and a query with a # lists it alone (idOnly).
	id     model.LeadID
	idOnly bool
	// exact is lead id as the store gave it, while the queue holds it.
	exact *model.Lead
	// found counts the leads the walk of the queue returned, each once (walked): the
	// walk may return a lead twice, when a change moved its sort key past the walk's
	// cursor. searching says the walk goes on, capped that it stopped at searchLimit
	// with more to find; failed is the store call that stopped it, nil if none did.
	found             int
	walked            map[model.LeadID]bool
	searching, capped bool
	failed            error
	// seen holds, while the walk goes on, the newest version of every lead a change
	// brought (apply): a step reads a snapshot of the store, and one that arrives after
	// a change must not put back the older version of a lead that has left the queue
	// since (apply dropped it, or never listed it), nor list an older one.
	seen map[model.LeadID]uint64
	// top keeps the cursor on the first match as steps of the walk merge matches in
	// front of it, until the person moves the cursor or opens a lead; from then on the
	// cursor stays on its lead.
	top bool
	// gen tells the walks of one query apart from those of an earlier one, which may
	// still be on their way when the same query is typed again.
	gen int
}

// searchLoaded carries one step of the filter's walk of the queue: the matches among
// the entries read, the cursor of the last entry read and whether the queue ended. For
// a query that names a lead's ID, the first step carries that lead too (Exact).
type searchLoaded struct {
	Queue model.Queue
	Query string
	Gen   int
	Leads []model.Lead
	Exact *model.Lead
	Last  model.Cursor
	End   bool
	Err   error
}

func newFilterInput(th *Theme) textinput.Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "name, company, email, source, city or #ID"
	in.CharLimit = 100
	return restyleInput(in, th)
}

// restyleInput applies the theme to a text input.
func restyleInput(in textinput.Model, th *Theme) textinput.Model {
	st := textinput.DefaultStyles(th.Dark)
	st.Focused.Prompt = th.HelpKey.Style
	st.Blurred.Prompt = th.Muted.Style
	st.Focused.Text = th.Text.Style
	st.Focused.Placeholder = th.Muted.Style
	st.Blurred.Placeholder = th.Muted.Style
	// A steady cursor: blinking costs a frame twice a second for every SSH session.
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}

// active reports whether a filter narrows the table.
func (f *filterState) active() bool { return f.query != "" }

// shown reports whether the filter line takes a row of the screen.
func (f *filterState) shown() bool { return f.typing || f.active() }

func (f *filterState) start() tea.Cmd {
	f.typing = true
	return f.input.Focus()
}

func (f *filterState) clear() {
	f.typing, f.query = false, ""
	f.reset()
	f.input.Reset()
	f.input.Blur()
}

// filterKey handles a key while the filter is typed: enter keeps it, esc clears it.
func (s *queueScreen) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(msg, s.c.Keys.Global.Back):
		return s.clearFilter()
	case msg.String() == "enter":
		s.filter.typing = false
		s.filter.input.Blur()
		if s.filter.input.Value() == "" {
			s.filter.clear()
		}
		return nil
	case msg.String() == "down" || msg.String() == "up":
		if msg.String() == "down" {
			return s.moveTo(s.sel + 1)
		}
		return s.moveTo(s.sel - 1)
	}
	return s.filterUpdate(msg)
}

// filterUpdate feeds the input and, when the query changed, filters again.
func (s *queueScreen) filterUpdate(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	s.filter.input, cmd = s.filter.input.Update(msg)
	q := strings.ToLower(strings.TrimSpace(s.filter.input.Value()))
	if q == s.filter.query {
		return cmd
	}
	was, ok := s.current()
	s.filter.reset()
	s.filter.query = q
	if q == "" {
		return tea.Batch(cmd, s.unfiltered(was, ok))
	}
	if id, err := model.ParseLeadID(q); err == nil {
		s.filter.id, s.filter.idOnly = id, strings.HasPrefix(q, "#")
	}
	for _, l := range s.win.rows {
		if s.filter.matches(&l) {
			s.filter.rows = append(s.filter.rows, l)
		}
	}
	s.filter.arrange()
	// A new query starts at its first match.
	s.sel, s.offset, s.selID = 0, 0, 0
	s.restoreCursor()
	s.filter.searching, s.filter.top = true, true
	return tea.Batch(cmd, s.searchStep(nil))
}

// reset drops the matches of the last query.
func (f *filterState) reset() {
	f.rows, f.id, f.idOnly, f.exact = nil, 0, false, nil
	f.found, f.walked, f.searching, f.capped, f.failed = 0, nil, false, false, nil
	f.seen, f.top = nil, false
	f.gen++
}

// matches reports whether the filter keeps the lead: the lead the query names when it
// starts with #, else any lead that holds every word (model.MatchesSearch), the lead
// whose ID the query is among them.
func (f *filterState) matches(l *model.Lead) bool {
	if f.idOnly {
		return l.ID == f.id
	}
	return matches(l, f.query)
}

// searchStep reads the next step of the filter's walk of the queue, after the cursor
// (from the head when nil), in a command. A query with a # reads its one lead instead,
// and the first step of a query that is a number reads that lead too.
func (s *queueScreen) searchStep(after *model.Cursor) tea.Cmd {
	st, queue, me, f := s.c.Deps.Store, s.queue(), s.whose(), &s.filter
	q, gen, id, idOnly, n := f.query, f.gen, f.id, f.idOnly, searchLimit+1-f.found
	return func() tea.Msg {
		m := searchLoaded{Queue: queue, Query: q, Gen: gen}
		if id != 0 && after == nil {
			if l, err := st.Lead(id); err == nil {
				m.Exact = &l
			}
		}
		if idOnly {
			m.End = true
			return m
		}
		m.Leads, m.Last, m.End, m.Err = st.SearchQueue(queue, me, q, after, n, searchScan)
		return m
	}
}

// searched takes a step of the filter's walk: it merges the matches, keeps the cursor
// on the first match until the person moved it or opened a lead, else on its lead, and
// reads the next step while the queue goes on and the matches are fewer than the
// limit. A step that failed says why in the status bar.
func (s *queueScreen) searched(m searchLoaded) tea.Cmd {
	if !s.filter.searched(m, s.queue(), s.whose()) {
		return nil
	}
	if s.filter.top && !s.detail.open && s.detail.pinned == nil {
		// The cursor had not moved from the first match: keep it first.
		s.sel, s.offset, s.selID = 0, 0, 0
	}
	s.restoreCursor()
	if m.Err != nil {
		text := fmt.Sprintf("%d+ matching so far; the search stopped: %s. Type again to retry.",
			len(s.filter.rows), strings.TrimRight(clean(strings.TrimSpace(m.Err.Error())), "."))
		return func() tea.Msg { return flashMsg{Text: text, Err: true} }
	}
	if !s.filter.searching {
		return nil
	}
	return s.searchStep(&m.Last)
}

// clearFilter drops the filter, keeping the cursor on its lead (unfiltered).
func (s *queueScreen) clearFilter() tea.Cmd {
	was, ok := s.current()
	s.filter.clear()
	return s.unfiltered(was, ok)
}

// unfiltered puts the cursor back in the whole queue on the lead it was on under the
// filter, was, so that clearing a filter never turns the open detail into another
// lead. The filter finds leads beyond the loaded window; for such a lead the window
// is read around it, and the lead stays pinned meanwhile so the pane and the keys
// stay on it. A lead the palette pinned stays pinned, in the queue or not.
func (s *queueScreen) unfiltered(was model.Lead, ok bool) tea.Cmd {
	if ok && s.detail.pinned == nil {
		s.selID = was.ID
	}
	if !ok || s.detail.pinned != nil || containsLead(s.win.rows, was.ID) || !s.queue().Holds(&was, s.whose()) {
		s.restoreCursor()
		return nil
	}
	s.detail.pinned = &was
	s.sel = min(s.sel, max(len(s.win.rows)-1, 0))
	s.scrollIntoView()
	return s.load(loadAround)
}

// searched merges a step of the walk into the matches and says whether it was for the
// query typed now; afterwards searching says whether the walk goes on.
func (f *filterState) searched(m searchLoaded, q model.Queue, me string) bool {
	if m.Queue != q || m.Query != f.query || m.Gen != f.gen || !f.searching {
		return false
	}
	if m.Err != nil {
		f.searching, f.failed, f.seen = false, m.Err, nil
		return true
	}
	if m.Exact != nil && f.current(m.Exact, q, me) {
		l := row(*m.Exact)
		f.exact = &l
	}
	leads := make([]model.Lead, 0, len(m.Leads))
	for i := range m.Leads {
		l := &m.Leads[i]
		if !f.current(l, q, me) {
			continue
		}
		leads = append(leads, *l)
		if !f.walked[l.ID] {
			if f.walked == nil {
				f.walked = map[model.LeadID]bool{}
			}
			f.walked[l.ID] = true
			f.found++
		}
	}
	f.capped = f.found > searchLimit
	f.searching = !m.End && !f.capped
	if !f.searching {
		f.seen, f.walked = nil, nil // no step of this walk is taken any more
	}
	w := leadWindow{queue: q, me: me, rows: f.rows}
	f.rows = w.merge(leads)
	f.arrange()
	return true
}

// current reports whether a lead a step of the walk read may be listed: no change
// since the walk started brought a version as new or newer (apply has listed or
// dropped that one already), and the queue holds it.
func (f *filterState) current(l *model.Lead, q model.Queue, me string) bool {
	if v, ok := f.seen[l.ID]; ok && l.Version <= v {
		return false
	}
	return q.Holds(l, me)
}

// arrange puts the matches in the order the filter lists them: the lead the query
// names by its ID first, then the others in the queue's order, searchLimit of them
// once the walk found more.
func (f *filterState) arrange() {
	if f.id != 0 {
		if i := slices.IndexFunc(f.rows, func(r model.Lead) bool { return r.ID == f.id }); i >= 0 {
			l := f.rows[i]
			f.rows = slices.Insert(slices.Delete(f.rows, i, i+1), 0, l)
		} else if f.exact != nil {
			f.rows = slices.Insert(f.rows, 0, *f.exact)
		}
	}
	if f.capped && len(f.rows) > searchLimit {
		f.rows = f.rows[:searchLimit]
	}
}

// apply keeps the matches current when a lead changes.
func (f *filterState) apply(l model.Lead, q model.Queue, me string) {
	if !f.active() {
		return
	}
	if v, ok := f.seen[l.ID]; f.searching && (!ok || v < l.Version) {
		if f.seen == nil {
			f.seen = map[model.LeadID]uint64{}
		}
		f.seen[l.ID] = l.Version
	}
	i := slices.IndexFunc(f.rows, func(r model.Lead) bool { return r.ID == l.ID })
	if (i >= 0 && f.rows[i].Version > l.Version) || (l.ID == f.id && f.exact != nil && f.exact.Version > l.Version) {
		return // a step of the walk read a newer version already
	}
	keep := q.Holds(&l, me) && f.matches(&l)
	if l.ID == f.id {
		f.exact = nil
		if keep {
			r := row(l)
			f.exact = &r
		}
	}
	switch {
	case i >= 0 && keep:
		f.rows[i] = row(l)
	case i >= 0:
		f.rows = slices.Delete(f.rows, i, i+1)
	case keep:
		w := leadWindow{queue: q, me: me, rows: f.rows}
		f.rows = w.merge([]model.Lead{l})
		f.arrange()
	}
}

// line renders the filter input, or the kept filter, with its match count.
func (f *filterState) line(th *Theme, n, w int) string {
	count := fmt.Sprintf("%d matching", n)
	switch {
	case f.capped:
		count = fmt.Sprintf("%d+ matching, type more to narrow", n)
	case f.failed != nil:
		count = fmt.Sprintf("%d+ matching so far; the search stopped", n)
	case f.searching:
		count = fmt.Sprintf("%d+ matching so far", n)
	}
	return filterLine(th, &f.input, f.typing, count, w)
}

// filterLine renders a filter's line, exactly w cells wide: the input while it is
// typed, else the kept query and how to clear it; the count follows a query only, and
// the input gives it room, so neither the placeholder nor the count is cut short.
func filterLine(th *Theme, in *textinput.Model, typing bool, count string, w int) string {
	if strings.TrimSpace(in.Value()) == "" {
		count = ""
	} else {
		count = th.Muted.Render("  " + count)
	}
	if typing {
		in.SetWidth(max(w-width(in.Prompt)-width(count)-1, 1))
		return fit(in.View()+count, w)
	}
	return fit(th.HelpKey.Render(in.Prompt)+th.Text.Render(clean(in.Value()))+count+th.Muted.Render(" · esc clears"), w)
}
