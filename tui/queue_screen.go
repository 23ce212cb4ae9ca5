package tui

import (
	"fmt"

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
	noLeads             bool // the workspace holds no lead at all: emptyText says how to import
	countBusy, countDue bool
	// ownCounted holds my own changes (event Seq) whose count was asked of the store
	// after they committed, so their feed items must not move the count again.
	ownCounted map[uint64]bool

	sel    int // cursor row in rows()
	offset int // first visible row
	selID  model.LeadID
	marked map[model.LeadID]bool
	// saving holds the leads of my one-key actions still on their way to the store: a
	// second key on one of them would act on the version before the first and be
	// refused as changed by me (new-user review: a a a a).
	saving map[model.LeadID]bool

	w, h int

	filter filterState
	detail detailState
	// asked is the followed teammate's lead last read from the store (follow_queue.go).
	asked model.LeadID
	// title is the title line as last drawn (queue_view.go).
	title titleCache
	// offers are the actions last offered on a lead (queue_commands.go).
	offers offerMemo
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
	s.win = leadWindow{queue: s.queue(), me: s.whose()}
	s.table.setQueue(s.queue())
	s.sel, s.offset, s.selID, s.err = 0, 0, 0, nil
	s.countKnown, s.ready = false, false
	s.marked = map[model.LeadID]bool{}
	s.filter.clear()
	return tea.Batch(s.load(loadTop), s.loadCount())
}

// Capturing reports whether the filter input owns the keyboard.
func (s *queueScreen) Capturing() bool { return s.filter.typing }

// Nested reports whether a lead's detail is open, where q goes back.
func (s *queueScreen) Nested() bool { return s.detail.open }

// Filtered reports whether a filter or a selection is kept, which esc clears.
func (s *queueScreen) Filtered() bool { return s.filter.active() || len(s.marked) > 0 }

// SetSize lays the table and the detail pane out.
func (s *queueScreen) SetSize(w, h int) {
	s.w, s.h = w, h
	s.table.setWidth(s.tableWidth())
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
		return s, s.searched(msg)
	case historyLoaded:
		s.detail.historyLoaded(msg)
	case leadLoaded:
		return s, s.detail.leadLoaded(msg, s)
	case feedMsg:
		return s, s.feed(msg.Item)
	case followChangedMsg:
		return s, s.followChanged()
	case actionDoneMsg:
		return s, s.actionDone(msg)
	case showLeadMsg:
		s.detail.back = msg.From
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
		// The feed keeps the count by differences (recount); once a minute the store
		// says it again, so nothing can leave it wrong for long.
		s.ownCounted = nil
		return s, s.loadCount()
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

// back is esc once App has closed any overlay: clear the filter, then the selection,
// then leave the detail.
func (s *queueScreen) back() tea.Cmd {
	switch {
	case s.filter.active():
		return s.clearFilter()
	case len(s.marked) > 0:
		s.marked = map[model.LeadID]bool{}
	case s.detail.open:
		back := s.detail.back
		s.detail.close()
		s.table.setWidth(s.tableWidth())
		s.restoreCursor()
		if back != 0 {
			// Opened from the board, the feed or a persona's leads: esc goes back there.
			return func() tea.Msg { return switchScreenMsg{Number: back} }
		}
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
	if p := s.detail.pinned; p != nil {
		// The cursor moved: the queue is where I am now. A lead opened from elsewhere
		// hid the list's cursor, so the first move shows it where it was rather than
		// stepping from a row nobody could see.
		if s.sel < len(rows) && rows[s.sel].ID != p.ID {
			i = s.sel
		}
		s.detail.pinned, s.detail.back = nil, 0
	}
	s.sel = min(max(i, 0), len(rows)-1)
	s.selID = rows[s.sel].ID
	s.filter.top = false // the cursor is where the person put it: a filter's walk keeps it there
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

// mayChange reports whether the member may take any triage action, and so has a use
// for selecting leads.
func (s *queueScreen) mayChange() bool {
	for _, ak := range s.c.Keys.Queue.actionKeys() {
		if model.Can(s.c.Me().Role, ak.Action) {
			return true
		}
	}
	return false
}

// toggleMark selects or unselects the current lead for a bulk action.
func (s *queueScreen) toggleMark() tea.Cmd {
	l, ok := s.current()
	if !ok {
		return nil
	}
	if !s.mayChange() {
		return flashCmd(fmt.Sprintf("A selection is for changing leads together, and you are signed in as %s, who reads only.", s.c.Me().Role.Label()))
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
	shown, open := s.current()
	open = open && s.detail.open && s.detail.pinned == nil
	changed := false
	for _, l := range it.Leads {
		if s.win.apply(l) {
			changed = true
		}
		s.filter.apply(l, s.queue(), s.whose())
		s.detail.refresh(l)
		if s.marked[l.ID] && !s.queue().Holds(&l, s.whose()) {
			delete(s.marked, l.ID) // it left the list: "3 selected" went on counting it
		}
	}
	if !changed && !s.touchesQueue(it) {
		return nil
	}
	left := s.keepWhileOpen(it, open, shown)
	s.restoreCursor()
	return tea.Batch(s.recount(it), s.edgeFetch(), s.detail.follow(s), left)
}

// keepWhileOpen keeps the lead whose detail I had open when a teammate's change takes
// it out of the list: the pane goes on showing it, at its new version, as a lead
// opened from elsewhere (detail.pinned), and says why. It used to move on to the next
// row, and a one-key action then hit a lead I had not read. While I follow a teammate
// my view goes where theirs goes, so nothing is kept and nothing said: the pane showed
// their next lead under "It stays open here".
func (s *queueScreen) keepWhileOpen(it model.FeedItem, open bool, shown model.Lead) tea.Cmd {
	if !open || it.Event.Actor == s.c.Me().Name || s.c.room.following != "" {
		return nil
	}
	for _, l := range it.Leads {
		if l.ID == shown.ID && !containsLead(s.rows(), l.ID) {
			s.detail.pinned = &l
			return flashCmd(fmt.Sprintf("%s left the %s while you had it open: %s %s. It stays open here; esc goes back to the list.",
				leadName(l), s.queueTitle(), clean(it.Event.Actor), s.c.Names.Summary(it.Event)))
		}
	}
	return nil
}

// touchesQueue reports whether a change may have moved the current queue's count: a
// lead it holds now or held before the change, or a batch it cannot tell about.
func (s *queueScreen) touchesQueue(it model.FeedItem) bool {
	q, me := s.queue(), s.whose()
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
