package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"align/model"
)

// queueScreen is the lead queues: a table over one queue at a time, paged through the
// store around the cursor, with a detail pane, a filter and the triage keys.
type queueScreen struct {
	c     *Context
	qi    int // index into model.Queues
	win   leadWindow
	gen   int  // bumps on every reset, so late pages of an old load are dropped
	busy  bool // a next or previous page is on its way
	ready bool // the first page of the queue arrived
	table leadTable
	err   error

	count               int
	countKnown          bool
	countBusy, countDue bool

	sel    int // cursor row in rows()
	offset int // first visible row
	selID  model.LeadID
	marked map[model.LeadID]bool

	w, h int

	filter filterState
	detail detailState
}

// newQueueScreen opens on the MQL inbox, the first queue.
func newQueueScreen(c *Context) Screen {
	s := &queueScreen{c: c, marked: map[model.LeadID]bool{}}
	s.filter.input = newFilterInput(c.Theme)
	s.win = leadWindow{queue: model.Queues[0], me: c.Me().Name}
	return s
}

func (s *queueScreen) queue() model.Queue { return model.Queues[s.qi] }

// Init loads the first page and the count of the opening queue.
func (s *queueScreen) Init() tea.Cmd { return s.open(s.qi) }

// open switches to the queue at index i and loads its first page.
func (s *queueScreen) open(i int) tea.Cmd {
	n := len(model.Queues)
	s.qi = ((i % n) + n) % n
	s.win = leadWindow{queue: s.queue(), me: s.c.Me().Name}
	s.sel, s.offset, s.selID, s.err = 0, 0, 0, nil
	s.countKnown, s.ready = false, false
	s.marked = map[model.LeadID]bool{}
	s.filter.clear()
	return tea.Batch(s.load(loadTop), s.loadCount())
}

// Capturing reports whether the filter input owns the keyboard.
func (s *queueScreen) Capturing() bool { return s.filter.typing }

// SetSize lays the table and the detail pane out.
func (s *queueScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.setWidth(s.tableWidth())
	s.filter.input.SetWidth(max(w-30, 10))
	s.scrollIntoView()
}

// split reports whether the detail pane sits beside the table rather than over it.
func (s *queueScreen) split() bool { return s.detail.open && s.w >= splitMinWidth }

// splitMinWidth is the narrowest terminal that shows the table and detail side by side.
const splitMinWidth = 120

func (s *queueScreen) tableWidth() int {
	if s.split() {
		return s.w * 11 / 20
	}
	return s.w
}

// tableRows is how many lead rows fit under the title and the column headings.
func (s *queueScreen) tableRows() int {
	h := s.h - 2
	if s.filter.shown() {
		h--
	}
	return max(h, 1)
}

// rows is what the table lists: the filter's matches, or the window of the queue.
func (s *queueScreen) rows() []model.Lead {
	if s.filter.active() {
		return s.filter.rows
	}
	return s.win.rows
}

// current is the lead the keys act on: a lead opened from the palette, else the row
// under the cursor.
func (s *queueScreen) current() (model.Lead, bool) {
	if s.detail.pinned != nil {
		return *s.detail.pinned, true
	}
	rows := s.rows()
	if s.sel >= 0 && s.sel < len(rows) {
		return rows[s.sel], true
	}
	return model.Lead{}, false
}

// Update handles the screen's keys and its async results.
func (s *queueScreen) Update(msg tea.Msg) (Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s, s.key(msg)
	case tea.PasteMsg:
		if s.filter.typing {
			return s, s.filterUpdate(msg)
		}
	case tea.MouseClickMsg:
		return s, s.click(msg.Mouse())
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			return s, s.moveTo(s.sel - 3)
		case tea.MouseWheelDown:
			return s, s.moveTo(s.sel + 3)
		}
	case leadsLoaded:
		return s, s.loaded(msg)
	case countLoaded:
		return s, s.counted(msg)
	case searchLoaded:
		top := s.sel == 0
		s.filter.searched(msg, s.queue(), s.c.Me().Name)
		if top {
			// The cursor had not moved from the first match: keep it first.
			s.sel, s.offset, s.selID = 0, 0, 0
		}
		s.restoreCursor()
	case historyLoaded:
		s.detail.historyLoaded(msg)
	case leadLoaded:
		return s, s.detail.leadLoaded(msg, s)
	case feedMsg:
		return s, s.feed(msg.Item)
	case actionDoneMsg:
		return s, s.actionDone(msg)
	case showLeadMsg:
		return s, s.detail.show(msg.ID, s)
	case setQueueMsg:
		for i, q := range model.Queues {
			if q == msg.Queue {
				return s, s.open(i)
			}
		}
	case themeChangedMsg:
		s.table.cache = nil
		s.filter.input = restyleInput(s.filter.input, s.c.Theme)
		s.detail.cache = detailCache{}
	case tickMsg:
		s.detail.cache = detailCache{}
	default:
		if s.filter.typing {
			return s, s.filterUpdate(msg)
		}
	}
	return s, nil
}

// key handles one key press that App passed down.
func (s *queueScreen) key(msg tea.KeyPressMsg) tea.Cmd {
	if s.filter.typing {
		return s.filterKey(msg)
	}
	lk, qk, gk := s.c.Keys.List, s.c.Keys.Queue, s.c.Keys.Global
	switch {
	case key.Matches(msg, gk.Back):
		return s.back()
	case key.Matches(msg, lk.Down):
		return s.moveTo(s.sel + 1)
	case key.Matches(msg, lk.Up):
		return s.moveTo(s.sel - 1)
	case key.Matches(msg, lk.PageDown):
		return s.moveTo(s.sel + s.tableRows())
	case key.Matches(msg, lk.PageUp):
		return s.moveTo(s.sel - s.tableRows())
	case key.Matches(msg, lk.Top):
		return s.top()
	case key.Matches(msg, lk.Bottom):
		return s.bottom()
	case key.Matches(msg, lk.Open):
		return s.openDetail()
	case key.Matches(msg, lk.Filter):
		return s.filter.start()
	case key.Matches(msg, lk.Select):
		return s.toggleMark()
	case key.Matches(msg, qk.PrevQueue):
		return s.open(s.qi - 1)
	case key.Matches(msg, qk.NextQueue):
		return s.open(s.qi + 1)
	case key.Matches(msg, qk.ScrollDown):
		s.detail.scroll += max(s.h/2, 1)
		return nil
	case key.Matches(msg, qk.ScrollUp):
		s.detail.scroll = max(s.detail.scroll-max(s.h/2, 1), 0)
		return nil
	}
	for _, ak := range qk.actionKeys() {
		if key.Matches(msg, ak.Key) {
			return s.triage(ak.Action)
		}
	}
	return nil
}

// back is esc once App has closed any overlay: clear the filter, then leave the detail.
func (s *queueScreen) back() tea.Cmd {
	switch {
	case s.filter.active():
		s.filter.clear()
		s.restoreCursor()
	case s.detail.open:
		s.detail.close()
		s.table.setWidth(s.tableWidth())
		s.restoreCursor()
	}
	return nil
}

// moveTo puts the cursor on row i and fetches the next or previous page when the
// cursor comes near the edge of the window.
func (s *queueScreen) moveTo(i int) tea.Cmd {
	rows := s.rows()
	if len(rows) == 0 {
		s.sel, s.selID = 0, 0
		return nil
	}
	s.sel = min(max(i, 0), len(rows)-1)
	s.selID = rows[s.sel].ID
	if s.detail.pinned != nil {
		s.detail.pinned = nil
	}
	s.scrollIntoView()
	return tea.Batch(s.edgeFetch(), s.detail.follow(s))
}

// edgeFetch loads a page ahead of the cursor when it is within a screenful of an edge.
func (s *queueScreen) edgeFetch() tea.Cmd {
	if s.filter.active() || s.busy {
		return nil
	}
	margin := s.tableRows()
	switch {
	case !s.win.atEnd && s.sel >= len(s.win.rows)-margin:
		return s.load(loadNext)
	case !s.win.atStart && s.sel < margin:
		return s.load(loadPrev)
	}
	return nil
}

// scrollIntoView keeps the cursor row on screen.
func (s *queueScreen) scrollIntoView() {
	n := s.tableRows()
	if s.sel < s.offset {
		s.offset = s.sel
	}
	if s.sel >= s.offset+n {
		s.offset = s.sel - n + 1
	}
	s.offset = max(min(s.offset, len(s.rows())-n), 0)
}

// top jumps to the queue's first lead, from the store unless the window holds it.
func (s *queueScreen) top() tea.Cmd {
	if s.filter.active() || s.win.atStart {
		return s.moveTo(0)
	}
	return s.load(loadTop)
}

// bottom jumps to the queue's last lead.
func (s *queueScreen) bottom() tea.Cmd {
	if s.filter.active() || s.win.atEnd {
		return s.moveTo(len(s.rows()) - 1)
	}
	return s.load(loadBottom)
}

// restoreCursor puts the cursor back on the lead it was on after rows moved; when
// that lead left, the cursor keeps its row, which now holds the next lead.
func (s *queueScreen) restoreCursor() {
	rows := s.rows()
	if s.selID != 0 {
		for i := range rows {
			if rows[i].ID == s.selID {
				s.sel = i
				s.scrollIntoView()
				return
			}
		}
	}
	s.sel = min(max(s.sel, 0), max(len(rows)-1, 0))
	s.selID = 0
	if len(rows) > 0 {
		s.selID = rows[s.sel].ID
	}
	s.scrollIntoView()
}

// toggleMark selects or unselects the current lead for a bulk action.
func (s *queueScreen) toggleMark() tea.Cmd {
	l, ok := s.current()
	if !ok {
		return nil
	}
	if s.marked[l.ID] {
		delete(s.marked, l.ID)
	} else {
		s.marked[l.ID] = true
	}
	return s.moveTo(s.sel + 1)
}

// feed folds one committed change into the window and keeps the cursor on its lead.
func (s *queueScreen) feed(it model.FeedItem) tea.Cmd {
	if it.Reload {
		return tea.Batch(s.load(loadAround), s.loadCount())
	}
	changed := false
	for _, l := range it.Leads {
		if s.win.apply(l) {
			changed = true
		}
		s.filter.apply(l, s.queue(), s.c.Me().Name)
		s.detail.refresh(l)
	}
	if !changed && !s.touchesQueue(it) {
		return nil
	}
	s.restoreCursor()
	return tea.Batch(s.loadCount(), s.edgeFetch(), s.detail.follow(s))
}

// touchesQueue reports whether a change may have moved the current queue's count: a
// lead it holds now or held before the change, or a batch it cannot tell about.
func (s *queueScreen) touchesQueue(it model.FeedItem) bool {
	q, me := s.queue(), s.c.Me().Name
	if len(it.Leads) == 0 || len(it.Event.Leads) > 0 {
		return true
	}
	if b := it.Event.Before; b != nil && q.Holds(b, me) {
		return true
	}
	for i := range it.Leads {
		if q.Holds(&it.Leads[i], me) {
			return true
		}
	}
	return false
}

// ShortHelp lists the keys that work on the lead under the cursor, then moving about.
func (s *queueScreen) ShortHelp() []key.Binding {
	if s.filter.typing {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		}
	}
	var out []key.Binding
	if s.detail.open {
		out = append(out, withHelp(s.c.Keys.Global.Back, "back to the list"), withHelp(s.c.Keys.Queue.ScrollDown, "more"))
	}
	if l, ok := s.current(); ok {
		avail := model.Available(l, s.c.Me(), s.c.env())
		for _, ak := range s.c.Keys.Queue.actionKeys() {
			for _, a := range avail {
				if a == ak.Action {
					out = append(out, ak.Key)
				}
			}
		}
	}
	lk := s.c.Keys.List
	out = append(out, lk.Open, lk.Filter, lk.Select, s.c.Keys.Queue.NextQueue)
	return out
}

// FullHelp lists every key of the screen; triage keys only for actions the member's
// role may take.
func (s *queueScreen) FullHelp() [][]key.Binding {
	lk, qk := s.c.Keys.List, s.c.Keys.Queue
	var triage []key.Binding
	for _, ak := range qk.actionKeys() {
		if model.Can(s.c.Me().Role, ak.Action) {
			triage = append(triage, ak.Key)
		}
	}
	filter := key.NewBinding(key.WithKeys("/"), key.WithHelp("/", fmt.Sprintf("filter: name, company, email, title (searches the store, first %d matches)", searchLimit)))
	return [][]key.Binding{
		{lk.Up, lk.Down, lk.Top, lk.Bottom, lk.PageUp, lk.PageDown},
		{lk.Open, filter, lk.Select, qk.PrevQueue, qk.NextQueue, qk.ScrollDown, qk.ScrollUp},
		triage,
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
	th := s.c.Theme
	count := "…"
	if s.countKnown {
		count = fmt.Sprint(s.count)
	}
	left := th.Title.Render(s.queue().Title() + " · " + count)
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
	return "[ " + prev.Title() + " · " + next.Title() + " ]"
}

// tableLines renders the visible rows only: the cost of a frame is the screen's
// height, never the queue's length.
func (s *queueScreen) tableLines() []string {
	rows := s.rows()
	n := s.tableRows()
	cc := cellCtx{now: s.c.Now, theme: s.c.Theme, queue: s.queue()}
	out := make([]string, 0, n)
	for i := s.offset; i < len(rows) && i < s.offset+n; i++ {
		out = append(out, s.table.row(cc, &rows[i], i == s.sel, s.marked[rows[i].ID]))
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
