package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"align/model"
)

// leadTable renders rows of leads. It is our own rather than bubbles/table because a
// queue of a million leads must cost the same per frame as a queue of ten: it renders
// only the rows it is given and caches each rendered row, keyed by everything that can
// change its look, so an unchanged row is never rebuilt. The cache holds the rows of
// the last three frames only (frame starts a new one), so it stays a few screenfuls
// per session however far the cursor travels; three, because the row the cursor
// leaves was last drawn unselected two frames ago.
type leadTable struct {
	width int
	queue model.Queue // the queue shown: Rejected and Disputes add a column
	cols  []column
	// cache holds the rows drawn in this frame, prev and older those of the two before.
	cache, prev, older map[rowKey]string
	// head is the rendered column headings for headTheme.
	head      string
	headTheme *Theme
}

// rowKey is everything a rendered row depends on.
type rowKey struct {
	id       model.LeadID
	version  uint64
	width    int
	selected bool
	marked   bool
	minute   int64
	theme    *Theme
	names    uint64 // the name book's version: a renamed persona redraws its rows
	tag      string // who else has the lead's detail open (presence.go)
}

// rowCacheMax bounds the rows of one frame, should frame not be called; the cache is
// cleared when full, which costs one redraw.
const rowCacheMax = 512

// column is one table column: its heading, how wide it may be and how it draws a lead.
type column struct {
	title string
	width int  // fixed width, or the minimum of a flexible column
	flex  bool // takes a share of the spare width
	// fill is the width a short column grows to first when there is room, before the
	// flexible ones share the rest: on a wide terminal "paid sear…" stayed cut while
	// the names had dozens of blank columns.
	fill     int
	priority int // lower stays longer when the table is narrow
	right    bool
	cell     func(c cellCtx, l *model.Lead) (text string, style styleFn)
	// tagged is the column that gives way to the presence tag at its end.
	tagged bool
}

// cellCtx is what a cell needs besides its lead.
type cellCtx struct {
	now   time.Time
	theme *Theme
	queue model.Queue
	names *nameBook
	// tags mark the leads whose detail someone else has open; nil when nobody has.
	tags map[model.LeadID]string
}

// styleFn colours a cell's text; nil leaves it plain.
type styleFn func(...string) string

// allColumns are the columns of a queue in display order.
func allColumns(q model.Queue) []column {
	cols := []column{
		{title: "SLA", width: 11, priority: 2, right: true, cell: slaCell},
		{title: "Fit/Eng", width: 7, priority: 4, right: true, cell: func(_ cellCtx, l *model.Lead) (string, styleFn) {
			return fmt.Sprintf("%d/%d", l.Fit, l.Engagement), nil
		}},
		{title: "Name", width: 14, flex: true, priority: 1, tagged: true, cell: func(c cellCtx, l *model.Lead) (string, styleFn) {
			return clean(l.DisplayName()), c.theme.Bold.Render
		}},
		{title: "Company", width: 12, flex: true, priority: 3, cell: textCell(func(l *model.Lead) string { return l.Company })},
		{title: "Title", width: 12, flex: true, priority: 8, cell: textCell(func(l *model.Lead) string { return l.Title })},
		{title: "Persona", width: 12, fill: 20, priority: 9, cell: func(c cellCtx, l *model.Lead) (string, styleFn) {
			return c.names.Persona(l.Persona), nil
		}},
		{title: "Source", width: 10, fill: 18, priority: 10, cell: textCell(func(l *model.Lead) string { return l.Source })},
		{title: "Stage", width: 12, priority: 5, cell: func(c cellCtx, l *model.Lead) (string, styleFn) {
			return l.Stage.Label(), c.theme.Stage(l.Stage).Render
		}},
		{title: "Owner", width: 10, priority: 6, cell: func(c cellCtx, l *model.Lead) (string, styleFn) {
			if l.Owner == "" {
				return "—", c.theme.Muted.Render
			}
			return clean(l.Owner), nil
		}},
		{title: "Age", width: 5, priority: 7, right: true, cell: func(c cellCtx, l *model.Lead) (string, styleFn) {
			return shortDuration(c.now.Sub(l.Created)), c.theme.Muted.Render
		}},
	}
	if why, ok := whyColumn(q); ok {
		cols = slices.Insert(cols, 3, why) // after the name
	}
	return cols
}

// whyColumn is what the Rejected and Disputes queues are about, beside the name: the
// rejection's reason and note, and for a dispute also marketing's argument.
func whyColumn(q model.Queue) (column, bool) {
	rejected := func(l *model.Lead) string {
		if l.Rejection == nil {
			return ""
		}
		return strings.TrimSuffix(l.Rejection.Reason.Label()+": "+firstLine(l.Rejection.Note), ": ")
	}
	switch q {
	case model.QueueRejected:
		return column{title: "Reason", width: 16, flex: true, priority: 2, cell: textCell(rejected)}, true
	case model.QueueDisputes:
		return column{title: "Reason · case", width: 16, flex: true, priority: 2, cell: textCell(func(l *model.Lead) string {
			if l.Dispute == nil {
				return rejected(l)
			}
			return rejected(l) + " · " + firstLine(l.Dispute.Argument)
		})}, true
	}
	return column{}, false
}

// firstLine is text up to its first line break.
func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// setQueue lays the table out for the queue's columns.
func (t *leadTable) setQueue(q model.Queue) {
	if q != t.queue {
		t.queue, t.cols = q, nil
		t.setWidth(t.width)
	}
}

func textCell(get func(l *model.Lead) string) func(cellCtx, *model.Lead) (string, styleFn) {
	return func(_ cellCtx, l *model.Lead) (string, styleFn) { return clean(get(l)), nil }
}

// markWidth is the leading column that shows the bulk selection.
const markWidth = 2

// setWidth lays the columns out for a width: columns join by priority while their
// minimum widths fit, spare cells go to the flexible ones, and the display order stays.
func (t *leadTable) setWidth(w int) {
	if w == t.width && t.cols != nil {
		return
	}
	t.width = w
	t.cache, t.prev, t.older, t.head = nil, nil, nil, ""
	all := allColumns(t.queue)
	keep := make([]bool, len(all))
	used := markWidth
	for p := 1; p <= len(all); p++ {
		for i, c := range all {
			if c.priority == p && used+c.width+1 <= w {
				keep[i] = true
				used += c.width + 1
			}
		}
	}
	var cols []column
	flex := 0
	for i, c := range all {
		if keep[i] {
			cols = append(cols, c)
			if c.flex {
				flex++
			}
		}
	}
	spare := max(w-used, 0)
	// Short columns fill up only from what is left once the flexible ones would have
	// half as much again as their minimum, so a table of middling width still gives
	// names the room first.
	reserve := flexMin(cols) / 2
	for i := range cols {
		if cols[i].fill > cols[i].width && spare > reserve {
			grow := min(cols[i].fill-cols[i].width, spare-reserve)
			cols[i].width += grow
			spare -= grow
		}
	}
	for i := range cols {
		if cols[i].flex && flex > 0 {
			share := spare / flex
			cols[i].width += share
			spare -= share
			flex--
		}
	}
	t.cols = cols
}

// flexMin is the minimum width of the flexible columns together.
func flexMin(cols []column) int {
	n := 0
	for _, c := range cols {
		if c.flex {
			n += c.width
		}
	}
	return n
}

// header renders the column headings, exactly the table's width.
func (t *leadTable) header(th *Theme) string {
	if t.head != "" && t.headTheme == th {
		return t.head
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", markWidth))
	for _, c := range t.cols {
		if c.right {
			b.WriteString(fitRight(c.title, c.width))
		} else {
			b.WriteString(fit(c.title, c.width))
		}
		b.WriteByte(' ')
	}
	t.head, t.headTheme = th.TableHeader.Render(fit(b.String(), t.width)), th
	return t.head
}

// row renders one lead exactly the table's width, from the cache when nothing it
// depends on changed.
func (t *leadTable) row(c cellCtx, l *model.Lead, selected, marked bool) string {
	k := rowKey{id: l.ID, version: l.Version, width: t.width, selected: selected, marked: marked,
		minute: c.now.Unix() / 60, theme: c.theme, names: c.names.Version(), tag: c.tags[l.ID]}
	if s, ok := t.cache[k]; ok {
		return s
	}
	if t.cache == nil || len(t.cache) >= rowCacheMax {
		t.cache = make(map[rowKey]string, 64)
	}
	s, ok := t.prev[k]
	if !ok {
		s, ok = t.older[k]
	}
	if !ok {
		s = mergeRuns(t.render(c, l, selected, marked, k.tag))
	}
	t.cache[k] = s
	return s
}

// frame starts a frame: rows drawn in the last two frames stay at hand, older ones go.
func (t *leadTable) frame() {
	old := t.older
	t.older, t.prev = t.prev, t.cache
	clear(old)
	t.cache = old
}

func (t *leadTable) render(c cellCtx, l *model.Lead, selected, marked bool, tag string) string {
	var b strings.Builder
	mark := "  "
	if marked {
		mark = "● "
	}
	if selected {
		mark = strings.Replace(mark, "  ", "▸ ", 1)
	}
	if marked && !selected {
		b.WriteString(c.theme.Marked.Render(mark))
	} else {
		b.WriteString(mark)
	}
	for _, col := range t.cols {
		text, style := col.cell(c, l)
		width, suffix := col.width, ""
		if tw := ansi.StringWidth(tag); col.tagged && tag != "" && col.width > tw+4 {
			width, suffix = col.width-tw-1, " "+tag
			if !selected {
				suffix = " " + c.theme.Marked.Render(tag)
			}
		}
		// The style covers the text, not its padding: a styled blank costs Bubble Tea
		// as much to compare each frame as a letter, and looks the same plain.
		text = trunc(text, width)
		pad := strings.Repeat(" ", max(width-ansi.StringWidth(text), 0))
		if style != nil && !selected && text != "" {
			text = style(text)
		}
		if col.right {
			b.WriteString(pad)
			b.WriteString(text)
		} else {
			b.WriteString(text)
			b.WriteString(pad)
		}
		b.WriteString(suffix)
		b.WriteByte(' ')
	}
	if selected {
		return c.theme.Selected.Render(fit(b.String(), t.width))
	}
	return fit(b.String(), t.width)
}

// slaCell shows the lead's running SLA clock: time left, or how far overdue.
func slaCell(c cellCtx, l *model.Lead) (string, styleFn) {
	clock, ok := activeClock(l)
	if !ok {
		return "—", c.theme.Muted.Render
	}
	st := clock.State(c.now)
	return clockFigure(clock, c.now), c.theme.Clock(st).Render
}

// activeClock is the SLA clock that matters for the lead's stage.
func activeClock(l *model.Lead) (model.Clock, bool) {
	switch {
	case l.Stage == model.StageMQL && l.AcceptClock.Running():
		return l.AcceptClock, true
	case l.FirstTouchClock.Running():
		return l.FirstTouchClock, true
	}
	return model.Clock{}, false
}

// clockFigure is a clock as the table shows it: "3h12m" left, "late 2h05m" overdue,
// "met" or "missed" once stopped.
func clockFigure(c model.Clock, now time.Time) string {
	switch c.State(now) {
	case model.ClockNone:
		return "—"
	case model.ClockMet:
		return "met"
	case model.ClockMissed:
		return "missed"
	case model.ClockBreached:
		return model.LateBy(c.Overdue(now))
	}
	return model.HoursMinutes(c.Remaining(now))
}

// shortDuration writes an age as "12m", "5h", "3d", "8w" or "8y" (Olist's leads of
// 2018 read "460w").
func shortDuration(d time.Duration) string {
	const day = 24 * time.Hour
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", max(int64(d/time.Minute), 0))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int64(d/time.Hour))
	case d < 14*day:
		return fmt.Sprintf("%dd", int64(d/day))
	case d < 365*day:
		return fmt.Sprintf("%dw", int64(d/(7*day)))
	}
	return fmt.Sprintf("%dy", int64(d/(365*day)))
}
