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

// searchLimit bounds how many store search hits one filter reads.
const searchLimit = 500

// filterState is the queue filter: `/` and type. It narrows the loaded window at once
// and asks the store's search for matches beyond the window, keeping only the leads
// this queue holds, so a filter finds leads that were never paged in.
type filterState struct {
	input  textinput.Model
	typing bool // the input has the keyboard
	query  string
	rows   []model.Lead
	// capped says the store search hit its limit, so there may be more matches.
	capped bool
}

// searchLoaded carries store search hits for one filter query.
type searchLoaded struct {
	Queue model.Queue
	Query string
	Leads []model.Lead
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
	f.typing, f.query, f.rows, f.capped = false, "", nil, false
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
	s.filter.query = q
	s.filter.rows, s.filter.capped = nil, false
	if q == "" {
		return tea.Batch(cmd, s.unfiltered(was, ok))
	}
	for _, l := range s.win.rows {
		if matches(&l, q) {
			s.filter.rows = append(s.filter.rows, l)
		}
	}
	// A new query starts at its first match.
	s.sel, s.offset, s.selID = 0, 0, 0
	s.restoreCursor()
	st, queue := s.c.Deps.Store, s.queue()
	raw := strings.TrimSpace(s.filter.input.Value())
	return tea.Batch(cmd, func() tea.Msg {
		ls, err := st.Search(raw, searchLimit)
		return searchLoaded{Queue: queue, Query: q, Leads: ls, Err: err}
	})
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

// searched merges store hits that this queue holds into the matches, and says whether
// they were for the query typed now.
func (f *filterState) searched(m searchLoaded, q model.Queue, me string) bool {
	if m.Err != nil || m.Queue != q || m.Query != f.query {
		return false
	}
	f.capped = len(m.Leads) >= searchLimit
	w := leadWindow{queue: q, me: me, rows: f.rows}
	var hits []model.Lead
	for i := range m.Leads {
		if q.Holds(&m.Leads[i], me) {
			hits = append(hits, m.Leads[i])
		}
	}
	f.rows = w.merge(hits)
	return true
}

// apply keeps the matches current when a lead changes.
func (f *filterState) apply(l model.Lead, q model.Queue, me string) {
	if !f.active() {
		return
	}
	i := slices.IndexFunc(f.rows, func(r model.Lead) bool { return r.ID == l.ID })
	keep := q.Holds(&l, me) && matches(&l, f.query)
	switch {
	case i >= 0 && keep:
		f.rows[i] = row(l)
	case i >= 0:
		f.rows = slices.Delete(f.rows, i, i+1)
	case keep:
		w := leadWindow{queue: q, me: me, rows: f.rows}
		f.rows = w.merge([]model.Lead{l})
	}
}

// line renders the filter input, or the kept filter, with its match count.
func (f *filterState) line(th *Theme, n, w int) string {
	count := fmt.Sprintf("%d matching", n)
	if f.capped {
		count = fmt.Sprintf("%d+ matching, type more to narrow", n)
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
