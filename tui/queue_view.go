package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// How the queue screen looks: title, table, detail pane, help; and where a click lands.

// ShortHelp lists the keys that work on the lead under the cursor, then moving about.
func (s *queueScreen) ShortHelp() []key.Binding {
	if s.filter.typing {
		return filterTypingHelp()
	}
	var out []key.Binding
	back := s.c.Keys.Global.Back
	switch {
	case len(s.marked) > 0 && !s.filter.active():
		out = append(out, withHelp(back, "clear selection"))
	case s.detail.open:
		out = append(out, withHelp(back, "back to the list"))
	}
	if s.detail.open {
		out = append(out, withHelp(s.c.Keys.Queue.ScrollDown, "more"))
	}
	if l, ok := s.current(); ok {
		for _, ak := range s.offered(l) {
			out = append(out, ak.Key)
		}
	}
	lk := s.c.Keys.List
	if !s.detail.open {
		out = append(out, lk.Open) // enter does nothing more in the detail
	}
	out = append(out, lk.Filter)
	if s.mayChange() {
		out = append(out, lk.Select) // a viewer has nothing to select leads for
	}
	return append(out, s.c.Keys.Queue.NextQueue)
}

// FullHelp lists every key of the screen; triage keys only for actions the member's
// role may take.
func (s *queueScreen) FullHelp() []HelpGroup {
	lk, qk := s.c.Keys.List, s.c.Keys.Queue
	var triage []key.Binding
	for _, ak := range qk.actionKeys() {
		if model.Can(s.c.Me().Role, ak.Action) {
			triage = append(triage, ak.Key)
		}
	}
	filter := key.NewBinding(key.WithKeys("/"), key.WithHelp("/", fmt.Sprintf("filter: name, company, email, title, source, campaign, city, country or #ID (searches the store, first %d matches)", searchLimit)))
	listKeys := []key.Binding{lk.Open, filter}
	if s.mayChange() {
		listKeys = append(listKeys, lk.Select, withHelp(s.c.Keys.Global.Back, "clear the filter, then the selection, then close the lead"))
	}
	return []HelpGroup{
		{"Move", []key.Binding{lk.Up, lk.Down, lk.Top, lk.Bottom, lk.PageUp, lk.PageDown, qk.PrevQueue, qk.NextQueue, qk.ScrollDown, qk.ScrollUp}},
		{"List", listKeys},
		{"Triage", triage},
	}
}

// View renders the title line, the table and, when open, the detail pane.
func (s *queueScreen) View() string {
	if s.detail.open && !s.split() {
		return s.detail.view(s, s.w, s.h)
	}
	tw := s.tableWidth()
	lines := make([]string, 0, s.h)
	lines = append(lines, s.titleLine(tw))
	if s.filter.shown() {
		lines = append(lines, fit(s.filter.line(s.c.Theme, len(s.filter.rows), tw), tw))
	}
	lines = append(lines, s.table.header(s.c.Theme))
	lines = append(lines, s.tableLines()...)
	left := stack(lines, tw, s.h)
	if !s.split() {
		return left
	}
	right := s.detail.view(s, s.w-tw-1, s.h)
	return joinColumns(left, right, s.c.Theme.Muted.Render("│"), s.h)
}

// titleLine names the queue with its live count, and what is selected or loading.
func (s *queueScreen) titleLine(w int) string {
	k := titleKey{title: s.queueTitle(), qi: s.qi, count: s.count, known: s.countKnown, marked: len(s.marked), w: w, theme: s.c.Theme}
	if s.err != nil {
		k.err = s.err.Error()
	}
	if s.title.line == "" || s.title.key != k {
		s.title = titleCache{key: k, line: s.renderTitle(w)}
	}
	return s.title.line
}

// titleCache keeps the title line while nothing it shows changes: it is three styled
// runs spread over the width, which every frame asked for again.
type titleCache struct {
	key  titleKey
	line string
}

type titleKey struct {
	title  string
	qi     int
	count  int
	known  bool
	marked int
	err    string
	w      int
	theme  *Theme
}

func (s *queueScreen) renderTitle(w int) string {
	th := s.c.Theme
	count := "…"
	if s.countKnown {
		count = fmt.Sprint(s.count)
	}
	left := th.Title.Render(s.queueTitle() + " · " + count)
	var right []string
	if n := len(s.marked); n > 0 {
		right = append(right, th.Marked.Render(fmt.Sprintf("%d selected", n)))
	}
	if s.err != nil {
		right = append(right, th.StatusError.Render(trunc(sentence(s.err), w/2)))
	}
	right = append(right, th.Muted.Render(s.queueTabs()))
	return spread(left, strings.Join(right, "  "), w)
}

// queueTabs names the neighbouring queues that [ and ] open.
func (s *queueScreen) queueTabs() string {
	n := len(model.Queues)
	prev, next := model.Queues[(s.qi+n-1)%n], model.Queues[(s.qi+1)%n]
	return "[ ← " + prev.Title() + " · " + next.Title() + " → ]"
}

// tableLines renders the visible rows only: the cost of a frame is the screen's
// height, never the queue's length.
func (s *queueScreen) tableLines() []string {
	rows := s.rows()
	n := s.tableRows()
	s.table.frame()
	cc := cellCtx{now: s.c.Now, theme: s.c.Theme, queue: s.queue(), names: s.c.Names, tags: s.c.room.tags}
	// The highlighted row is the lead the keys act on: none, when the detail shows a lead
	// opened from elsewhere (the palette, the feed, a persona) that this list does not
	// have under the cursor.
	cur, ok := s.current()
	out := make([]string, 0, n)
	for i := s.offset; i < len(rows) && i < s.offset+n; i++ {
		out = append(out, s.table.row(cc, &rows[i], ok && rows[i].ID == cur.ID, s.marked[rows[i].ID]))
	}
	if len(rows) == 0 {
		out = append(out, fit(s.c.Theme.Muted.Render(s.emptyText()), s.table.width))
	}
	return out
}

// emptyText says why the table is empty.
func (s *queueScreen) emptyText() string {
	switch {
	case s.filter.active():
		return "  No lead in this queue matches the filter; esc clears it."
	case !s.ready:
		return "  Loading…"
	case s.noLeads && s.c.Deps.Command != "" && model.Can(s.c.Me().Role, model.ActImport):
		return "  No leads yet. Import a CSV file: " + clean(s.c.Deps.commandLine("import leads.csv", "import - < leads.csv"))
	case s.noLeads:
		return "  No leads yet; they arrive when marketing imports them."
	}
	return "  This queue is empty."
}

// click puts the cursor on the row clicked in the table.
func (s *queueScreen) click(m tea.Mouse) tea.Cmd {
	top := 2 // the title and the column headings
	if s.filter.shown() {
		top++
	}
	if m.Button != tea.MouseLeft || m.X >= s.tableWidth() || m.Y < top || (s.detail.open && !s.split()) {
		return nil
	}
	i := s.offset + m.Y - top
	if i >= len(s.rows()) || m.Y-top >= s.tableRows() {
		return nil
	}
	return s.moveTo(i)
}
