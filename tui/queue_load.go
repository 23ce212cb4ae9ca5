package tui

import (
	"align/model"

	tea "charm.land/bubbletea/v2"
)

// loadKind says which part of a queue a load fetches.
type loadKind int

const (
	loadTop    loadKind = iota // the first page (g, opening a queue)
	loadBottom                 // the last page (G)
	loadNext                   // the page after the window
	loadPrev                   // the page before the window
	loadAround                 // both sides of the cursor (after the feed said reload)
)

// leadsLoaded is a page of a queue, tagged with the queue and the generation of the
// window that asked for it.
type leadsLoaded struct {
	Queue model.Queue
	Gen   int
	Kind  loadKind
	Leads []model.Lead
	// Before and After are the two halves of a loadAround; Full that a page was full.
	Before, After []model.Lead
	Full          bool
	Err           error
}

// countLoaded is a queue's live count.
type countLoaded struct {
	Queue model.Queue
	N     int
	Err   error
	// NoLeads says the workspace holds no lead at all (asked only when N is 0).
	NoLeads bool
}

// load asks the store for a page of the current queue from a Cmd.
func (s *queueScreen) load(kind loadKind) tea.Cmd {
	st, q, me := s.c.Deps.Store, s.queue(), s.whose()
	if kind == loadTop || kind == loadBottom || kind == loadAround {
		s.gen++
	}
	gen := s.gen
	s.busy = true
	var first, last, around *model.Cursor
	if n := len(s.win.rows); n > 0 {
		f, l := s.win.cursor(0), s.win.cursor(n-1)
		first, last = &f, &l
	}
	if cur, ok := s.current(); ok && q.Holds(&cur, me) {
		c := model.CursorOf(q, &cur)
		around = &c
	}
	return func() tea.Msg {
		m := leadsLoaded{Queue: q, Gen: gen, Kind: kind}
		switch kind {
		case loadTop:
			m.Leads, m.Err = st.Page(q, me, nil, pageSize)
		case loadBottom:
			m.Leads, m.Err = st.PageBefore(q, me, nil, pageSize)
		case loadNext:
			m.Leads, m.Err = st.Page(q, me, last, pageSize)
		case loadPrev:
			m.Leads, m.Err = st.PageBefore(q, me, first, pageSize)
		case loadAround:
			if around == nil {
				m.Kind = loadTop
				m.Leads, m.Err = st.Page(q, me, nil, pageSize)
				break
			}
			m.Before, m.Err = st.PageBefore(q, me, around, pageSize/2)
			if m.Err == nil {
				m.After, m.Err = st.Page(q, me, &model.Cursor{Key: around.Key, ID: around.ID - 1}, pageSize/2)
			}
		}
		m.Full = len(m.Leads) == pageSize
		return m
	}
}

// loaded folds a page into the window, unless it belongs to an older load.
func (s *queueScreen) loaded(m leadsLoaded) tea.Cmd {
	if m.Queue != s.queue() || m.Gen != s.gen {
		return nil
	}
	s.busy = false
	if m.Err != nil {
		s.err = m.Err
		return errCmd(m.Err)
	}
	s.err = nil
	s.ready = true
	switch m.Kind {
	case loadTop:
		s.win.reset(m.Leads, true, !m.Full)
		s.sel, s.offset = 0, 0
		s.selID = 0
		if len(m.Leads) > 0 {
			s.selID = m.Leads[0].ID
		}
	case loadBottom:
		s.win.reset(m.Leads, !m.Full, true)
		s.sel = len(m.Leads) - 1
		s.selID = 0
		if s.sel >= 0 {
			s.selID = m.Leads[s.sel].ID
		}
	case loadNext:
		dropped := s.win.appendPage(m.Leads, m.Full)
		s.sel -= dropped
		s.offset = max(s.offset-dropped, 0)
	case loadPrev:
		added := s.win.prependPage(m.Leads, m.Full)
		s.sel += added
		s.offset += added
	case loadAround:
		rows := append(append([]model.Lead(nil), m.Before...), m.After...)
		s.win.reset(nil, len(m.Before) < pageSize/2, len(m.After) < pageSize/2)
		s.win.rows = s.win.merge(rows)
		// The window was read around a pinned lead (unfiltered): the cursor takes it.
		if p := s.detail.pinned; p != nil && containsLead(s.win.rows, p.ID) {
			s.selID, s.detail.pinned = p.ID, nil
		}
	}
	s.restoreCursor()
	return tea.Batch(s.edgeFetch(), s.detail.follow(s))
}

// loadCount asks for the queue's count; while one is on its way, another is owed.
func (s *queueScreen) loadCount() tea.Cmd {
	if s.countBusy {
		s.countDue = true
		return nil
	}
	s.countBusy = true
	st, q, me := s.c.Deps.Store, s.queue(), s.whose()
	return func() tea.Msg {
		n, err := st.Count(q, me)
		m := countLoaded{Queue: q, N: n, Err: err}
		if err == nil && n == 0 {
			all, aerr := st.Count(model.QueueAll, me)
			m.NoLeads = aerr == nil && all == 0
		}
		return m
	}
}

// recount brings the count up to date after a change. A change to one lead whose
// place before and after is known moves the count by at most one, with no store read
// and no second frame: with a hundred sessions open, one triage would otherwise cost a
// hundred counts of the queue and a hundred extra frames. Anything else (an import, a
// new lead, a count still on its way) asks the store.
func (s *queueScreen) recount(it model.FeedItem) tea.Cmd {
	if !s.countKnown || s.countBusy || len(it.Leads) != 1 || len(it.Event.Leads) > 0 || it.Event.Before == nil ||
		it.Event.Before.ID != it.Leads[0].ID {
		return s.loadCount()
	}
	if s.ownCounted[it.Event.Seq] {
		delete(s.ownCounted, it.Event.Seq)
		return nil
	}
	q, me := s.queue(), s.whose()
	was, is := q.Holds(it.Event.Before, me), q.Holds(&it.Leads[0], me)
	switch {
	case was && !is:
		s.count = max(s.count-1, 0)
	case is && !was:
		s.count++
	}
	return nil
}

// counted records a count and asks again if the queue changed meanwhile.
func (s *queueScreen) counted(m countLoaded) tea.Cmd {
	s.countBusy = false
	if m.Queue == s.queue() && m.Err == nil {
		s.count, s.countKnown, s.noLeads = m.N, true, m.NoLeads
	}
	if s.countDue || m.Queue != s.queue() {
		s.countDue = false
		return s.loadCount()
	}
	return nil
}
