package tui

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"align/model"
)

// detailState is the lead detail pane: contact, score explained, SLA clocks, journey,
// the timeline from the audit log, and notes.
type detailState struct {
	open bool
	// pinned is a lead opened from the palette that need not be in the queue.
	pinned *model.Lead
	// back is the screen the pinned lead was opened from, where esc returns; 0 for none.
	back int
	// lead is the current lead in full, read with its history: the window's rows leave
	// out the score's breakdown (window.go).
	lead *model.Lead
	// history is the audit trail of histID as of histVersion.
	histID      model.LeadID
	histVersion uint64
	history     []model.Event
	histErr     error
	scroll      int
	cache       detailCache
}

// detailCache keeps the rendered lines of the last lead shown.
type detailCache struct {
	id      model.LeadID
	version uint64
	width   int
	events  int
	// viewers are the others with this lead's detail open, named in the pane.
	viewers string
	names   uint64 // the name book's version
	full    bool   // the lead was shown in full, not as its row
	lines   []string
}

// historyLoaded is a lead in full and its audit trail, tagged with the lead and the
// version that asked for them.
type historyLoaded struct {
	ID      model.LeadID
	Version uint64
	Lead    *model.Lead // nil when it could not be read; the pane keeps the row
	Events  []model.Event
	Err     error
}

// leadLoaded is one lead read for the palette.
type leadLoaded struct {
	ID   model.LeadID
	Lead model.Lead
	Err  error
}

// close hides the pane and forgets its lead, so that opening it again reads the lead
// and its history afresh.
func (d *detailState) close() {
	d.open, d.pinned, d.lead, d.scroll, d.back = false, nil, nil, 0, 0
	d.histID, d.histVersion = 0, 0
}

// openDetail shows the detail of the lead under the cursor.
func (s *queueScreen) openDetail() tea.Cmd {
	if _, ok := s.current(); !ok {
		return nil
	}
	s.detail.open = true
	s.table.setWidth(s.tableWidth())
	s.scrollIntoView()
	return s.detail.follow(s)
}

// follow reads the current lead in full and its history when the pane is open and
// shows another lead or a newer version.
func (d *detailState) follow(s *queueScreen) tea.Cmd {
	if !d.open {
		return nil
	}
	l, ok := s.current()
	if !ok || (l.ID == d.histID && l.Version == d.histVersion) {
		return nil
	}
	if l.ID != d.histID {
		d.scroll = 0
		d.history = nil
	}
	d.histID, d.histVersion = l.ID, l.Version
	st, id, v := s.c.Deps.Store, l.ID, l.Version
	return func() tea.Msg {
		m := historyLoaded{ID: id, Version: v}
		if full, err := st.Lead(id); err == nil {
			m.Lead = &full
		}
		m.Events, m.Err = st.History(id)
		return m
	}
}

func (d *detailState) historyLoaded(m historyLoaded) {
	if m.ID != d.histID || m.Version != d.histVersion {
		return
	}
	d.history, d.histErr = m.Events, m.Err
	if m.Lead != nil {
		d.keep(*m.Lead)
	}
	d.cache = detailCache{}
}

// keep holds a lead read in full unless the pane already holds a newer version of it.
func (d *detailState) keep(l model.Lead) {
	if d.lead == nil || d.lead.ID != l.ID || d.lead.Version <= l.Version {
		d.lead = &l
	}
}

// full is the lead the pane shows for the current row: the full lead once it is read,
// else the row itself, with full false because its breakdown is left out.
func (d *detailState) full(l model.Lead) (model.Lead, bool) {
	if d.pinned != nil && d.pinned.ID == l.ID {
		return l, true
	}
	if f := d.lead; f != nil && f.ID == l.ID && f.Version >= l.Version {
		return *f, true
	}
	return l, false
}

// show opens a lead by ID from the palette: read it, then pin it in the pane.
func (d *detailState) show(id model.LeadID, s *queueScreen) tea.Cmd {
	st := s.c.Deps.Store
	return func() tea.Msg {
		l, err := st.Lead(id)
		return leadLoaded{ID: id, Lead: l, Err: err}
	}
}

func (d *detailState) leadLoaded(m leadLoaded, s *queueScreen) tea.Cmd {
	if m.Err != nil {
		return errCmd(fmt.Errorf("could not open lead %s: %w", m.ID, m.Err))
	}
	l := m.Lead
	d.pinned, d.open = &l, true
	s.table.setWidth(s.tableWidth())
	return d.follow(s)
}

// refresh takes a newer version of the pinned or the full lead from the feed.
func (d *detailState) refresh(l model.Lead) {
	if d.pinned != nil && d.pinned.ID == l.ID && d.pinned.Version < l.Version {
		d.pinned = &l
	}
	if d.lead != nil && d.lead.ID == l.ID {
		d.keep(l)
	}
}

// view renders the pane for the current lead at w x h.
func (d *detailState) view(s *queueScreen, w, h int) string {
	l, ok := s.current()
	if !ok {
		return block([]string{s.c.Theme.Muted.Render("No lead selected.")}, w, h)
	}
	l, full := d.full(l)
	c := d.cache
	names := s.c.Names.Version()
	viewers := s.c.room.viewers[l.ID]
	if c.id != l.ID || c.version != l.Version || c.width != w || len(c.lines) == 0 || c.events != len(d.history) || c.viewers != viewers || c.names != names || c.full != full {
		lines := detailLines(s.c, &l, full, d.history, d.histErr, w)
		if viewers != "" {
			also := s.c.Theme.Marked.Render(trunc("◆ also viewing: "+viewers, w))
			lines = append(lines[:1], append([]string{also}, lines[1:]...)...)
		}
		for i := range lines {
			lines[i] = fit(lines[i], w)
		}
		c = detailCache{id: l.ID, version: l.Version, width: w, events: len(d.history), viewers: viewers, names: names, full: full, lines: lines}
		d.cache = c
	}
	lines := c.lines
	d.scroll = min(d.scroll, max(len(lines)-h, 0))
	return stack(lines[d.scroll:], w, h)
}

// detailLines lays a lead out as lines of at most w cells; full is false for a row
// whose score's breakdown is still being read.
func detailLines(c *Context, l *model.Lead, full bool, hist []model.Event, histErr error, w int) []string {
	th, now, names := c.Theme, c.Now, c.Names
	var out []string
	add := func(s string) { out = append(out, trunc(s, w)) }
	section := func(title string) { out = append(out, "", th.Section.Render(title)) }
	field := func(label, value string) {
		if value != "" {
			add(th.Muted.Render(fit(label, 11)) + clean(value))
		}
	}
	head := th.Bold.Render(clean(l.DisplayName())) + "  " + th.Stage(l.Stage).Render(l.Stage.Label())
	if l.Name != "" || l.Email != "" {
		head += th.Muted.Render("  #" + l.ID.String()) // a lead with neither is called by its ID already
	}
	add(head)
	if l.Title != "" || l.Company != "" {
		add(clean(strings.Trim(l.Title+" · "+l.Company, " ·")))
	}
	section("Contact")
	field("Email", l.Email)
	field("Phone", l.Phone)
	field("Company", l.Company)
	field("Industry", l.Industry)
	if l.Employees > 0 {
		field("Employees", fmt.Sprint(l.Employees))
	}
	field("Location", strings.Trim(l.City+", "+l.Country, ", "))
	field("Source", l.Source)
	field("Campaign", names.Campaign(l.Campaign))
	field("Persona", names.Persona(l.Persona))
	field("Owner", l.Owner)
	if out[len(out)-1] == th.Section.Render("Contact") {
		out = out[:len(out)-2] // nothing to show under it (a lead imported with no contact fields)
	}

	section(fmt.Sprintf("Score %d  (fit %d, engagement %d)", l.Score, l.Fit, l.Engagement))
	switch {
	case !full:
		add(th.Muted.Render("Reading the reasons…"))
	case len(l.Breakdown) == 0:
		add(th.Muted.Render("No scoring rule matched."))
	}
	for _, b := range l.Breakdown {
		line := fmt.Sprintf("%+d %s", b.Points, clean(b.Reason))
		if d := b.DecayNote(); d != "" {
			line += th.Muted.Render(" (" + d + ")")
		}
		add(line)
	}

	section("SLA")
	clockLine := func(name string, ck model.Clock) {
		if ck.Start.IsZero() {
			return
		}
		st := ck.State(now)
		word := ""
		switch st {
		case model.ClockMet, model.ClockMissed, model.ClockBreached:
			// A stopped clock's figure is the word, and a breached one's says "late".
		default:
			word = " " + st.String()
		}
		figure := clockFigure(ck, now)
		if ansi.StringWidth(figure) < 8 {
			figure = fit(figure, 8) // "late 11d14h" goes past the others' column
		}
		add(th.Muted.Render(fit(name, 13)) + th.Clock(st).Render(figure) + word +
			th.Muted.Render(" · due "+ck.Deadline.In(time.UTC).Format("Jan 2 15:04")))
	}
	clockLine("Acceptance", l.AcceptClock)
	clockLine("First touch", l.FirstTouchClock)
	if l.AcceptClock.Start.IsZero() && l.FirstTouchClock.Start.IsZero() {
		add(th.Muted.Render("No clock has run."))
	}

	section("Journey")
	switch {
	case l.Journey == "":
		add(th.Muted.Render("Not placed in the buyer journey yet."))
	case l.JourneySince.IsZero():
		add(names.Stage(l.Journey))
	default:
		add(names.Stage(l.Journey) + th.Muted.Render(" for "+shortDuration(now.Sub(l.JourneySince))))
	}
	if r := l.Rejection; r != nil {
		section("Rejection")
		add(fmt.Sprintf("%s by %s, %s", r.Reason.Label(), clean(r.By), r.At.UTC().Format("Jan 2 15:04")))
		for _, ln := range wrapBlock(r.Note, w) {
			add(th.Muted.Render(ln))
		}
	}
	if dsp := l.Dispute; dsp != nil {
		section("Dispute · " + string(dsp.State))
		add("by " + clean(dsp.By) + ": ")
		for _, ln := range wrapBlock(dsp.Argument, w) {
			add(ln)
		}
		if dsp.DecidedBy != "" {
			add("decided by " + clean(dsp.DecidedBy))
			for _, ln := range wrapBlock(dsp.Verdict, w) {
				add(th.Muted.Render(ln))
			}
		}
	}

	// The notes, newest first, but those their writer undid: an undone note stayed
	// under Notes with "undid added a note" below it (user review).
	undone := map[uint64]bool{}
	for _, ev := range hist {
		if ev.Action == model.ActUndo {
			undone[ev.Undoes] = true
		}
	}
	var notes []model.Event
	for i := len(hist) - 1; i >= 0; i-- {
		if hist[i].Action == model.ActNote && !undone[hist[i].Seq] {
			notes = append(notes, hist[i])
		}
	}
	if len(notes) > 0 {
		section(fmt.Sprintf("Notes · %d", len(notes)))
		for _, ev := range notes {
			add(th.Muted.Render(ev.At.UTC().Format("Jan 02 15:04")) + " " + th.Bold.Render(clean(ev.Actor)))
			for _, ln := range wrapBlock(ev.Note, w-2) {
				add("  " + ln)
			}
		}
	}

	section("Timeline")
	if histErr != nil {
		add(th.StatusError.Render(sentence(histErr)))
	}
	for i := len(hist) - 1; i >= 0; i-- {
		ev := hist[i]
		add(th.Muted.Render(ev.At.UTC().Format("Jan 02 15:04")) + " " + th.Bold.Render(clean(ev.Actor)) + " " + names.Summary(ev))
		if ev.Note != "" && ev.Action != model.ActNote {
			for _, ln := range wrapBlock(ev.Note, w-2) {
				add("  " + th.Muted.Render(ln))
			}
		}
	}
	if len(hist) == 0 && histErr == nil {
		add(th.Muted.Render("No history yet."))
	}
	if len(l.Attrs) > 0 {
		section(fmt.Sprintf("Other columns · %d", len(l.Attrs)))
		names := slices.Sorted(maps.Keys(l.Attrs))
		kw := 0
		for _, k := range names {
			kw = max(kw, width(clean(k)))
		}
		kw = min(kw, max(w/2, 12))
		for _, k := range names {
			// Two blanks after the key, also after one cut to the column: a long key ran
			// into its value ("Asymmetrique Profile Index02.Medium").
			add(th.Muted.Render(fit(clean(k), kw)) + "  " + clean(l.Attrs[k]))
		}
	}
	return out
}

// wrapBlock sanitises multi-line user text and wraps it to w cells.
func wrapBlock(s string, w int) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, para := range strings.Split(cleanBlock(s), "\n") {
		out = append(out, wrap(para, max(w, 1))...)
	}
	return out
}
