package tui

import (
	"fmt"
	"strings"
	"time"

	"align/model"
)

// Board layout: the narrowest column, the lines of a column's header, and the lines
// of one card (two of text and a spacer).
const (
	colMinWidth = 24
	colHeader   = 3
	cardLines   = 3
)

// boardCardKey is everything a rendered card depends on.
type boardCardKey struct {
	id       model.LeadID
	version  uint64
	width    int
	selected bool
	days     int
	late     bool
	theme    *Theme
}

// headKey is everything a rendered column header depends on.
type headKey struct {
	stage, name     string
	count, shown    int
	known, end      bool
	filtered        bool
	median, typical int
	medianKnown     bool
	width           int
	selected        bool
	theme           *Theme
}

// boardCacheMax bounds the card cache; it is cleared when full.
const boardCacheMax = 4096

// visibleCols is how many columns fit side by side.
func (s *journeyScreen) visibleCols() int {
	return min(max(s.w/colMinWidth, 1), max(len(s.stages), 1))
}

// bodyTop is how many lines the title and the filter line take.
func (s *journeyScreen) bodyTop() int {
	if s.text.shown() {
		return 2
	}
	return 1
}

// visibleCards is how many cards a column shows.
func (s *journeyScreen) visibleCards() int {
	return max((s.h-s.bodyTop()-colHeader)/cardLines, 1)
}

// View renders the board, or the stage guide when it is open.
func (s *journeyScreen) View() string {
	if s.guide.open {
		if st, ok := s.stage(); ok {
			return s.guide.view(s, st, s.w, s.h)
		}
	}
	th := s.c.Theme
	lines := make([]string, 0, s.h)
	lines = append(lines, s.titleLine())
	if s.text.shown() {
		lines = append(lines, filterLine(th, &s.text.input, s.text.typing, s.matchingText(), s.w))
	}
	if len(s.stages) == 0 {
		msg := "Loading the buyer journey…"
		if s.err != nil {
			msg = sentence(s.err)
		}
		lines = append(lines, th.Muted.Render(msg))
		return block(lines, s.w, s.h)
	}
	n := s.visibleCols()
	hh := s.h - len(lines)
	widths := make([]int, n)
	base := (s.w - (n - 1)) / n
	for i := range widths {
		widths[i] = base
	}
	widths[n-1] = s.w - (n-1)*(base+1)
	cols := make([][]string, n)
	for i := range n {
		cols[i] = s.columnLines(s.first+i, widths[i], hh)
	}
	sep := th.Muted.Render("│")
	var b strings.Builder
	for ln := 0; ln < hh; ln++ {
		b.Reset()
		for i := range n {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(cols[i][ln])
		}
		lines = append(lines, b.String())
	}
	return strings.Join(lines, "\n")
}

// titleLine names the board with its total, the filter, and the hidden columns.
func (s *journeyScreen) titleLine() string {
	th := s.c.Theme
	total := 0
	for _, c := range s.cols {
		total += c.count
	}
	left := th.Title.Render(fmt.Sprintf("Buyer journey · %d leads", total))
	var right []string
	if f := s.filter.describe(s.personas, s.campaigns); f != "" {
		right = append(right, th.Marked.Render("filter: "+f))
	}
	if s.err != nil {
		right = append(right, th.StatusError.Render(trunc(sentence(s.err), s.w/2)))
	}
	if more := s.offBoard(); more != "" {
		right = append(right, th.Muted.Render(more))
	}
	return spread(left, strings.Join(right, "  "), s.w)
}

// offBoard says which stages the board shows when some do not fit, with an arrow on
// each side that has more: "stages 1-5 of 6 ▸" (it said "◂ 0 · 1 ▸").
func (s *journeyScreen) offBoard() string {
	n := min(s.visibleCols(), len(s.stages)-s.first)
	if s.first == 0 && n >= len(s.stages) {
		return ""
	}
	out := fmt.Sprintf("stages %d-%d of %d", s.first+1, s.first+n, len(s.stages))
	if s.first > 0 {
		out = "◂ " + out
	}
	if s.first+n < len(s.stages) {
		out += " ▸"
	}
	return out
}

// shownCards is how many cards the loaded windows hold, for the filter line.
func (s *journeyScreen) shownCards() int {
	n := 0
	for _, c := range s.cols {
		n += len(c.rows)
	}
	return n
}

// matchingText counts the cards the board's filter found, with a "+" while a column
// has more to read: the board reads a page of each column at a time, so "302 matching"
// beside columns of "60+ of 517" read as a total it was not.
func (s *journeyScreen) matchingText() string {
	for _, c := range s.cols {
		if !c.atStart || !c.atEnd {
			return fmt.Sprintf("%d+ matching so far", s.shownCards())
		}
	}
	return fmt.Sprintf("%d matching", s.shownCards())
}

// columnLines renders the stage at index i as exactly h lines of w cells: its
// header, then the visible cards only, so a column of a million cards costs what a
// column of ten does.
func (s *journeyScreen) columnLines(i, w, h int) []string {
	out := make([]string, 0, h)
	blank := strings.Repeat(" ", max(w, 0))
	if i >= len(s.stages) {
		for range h {
			out = append(out, blank)
		}
		return out
	}
	st := s.stages[i]
	c := s.cols[st.ID]
	if c == nil {
		c = &boardColumn{stage: st.ID}
	}
	head := s.header(st, c, w, i == s.col)
	out = append(out, head[0], head[1], head[2])
	th := s.c.Theme
	switch {
	case len(c.rows) == 0 && c.err != nil:
		out = append(out, fit(th.StatusError.Render(" "+sentence(c.err)), w))
	case len(c.rows) == 0 && (c.busy || !c.countKnown):
		out = append(out, fit(th.Muted.Render(" Loading…"), w))
	case len(c.rows) == 0 && (s.filter.active() || s.text.active()):
		out = append(out, fit(th.Muted.Render(" No card matches"), w))
	case len(c.rows) == 0:
		out = append(out, fit(th.Muted.Render(" No card"), w))
	}
	for r := c.top; r < len(c.rows) && len(out)+cardLines <= h; r++ {
		card := s.card(&c.rows[r], &st, w, i == s.col && r == c.sel)
		out = append(out, card[0], card[1], blank)
	}
	for len(out) < h {
		out = append(out, blank)
	}
	return out[:h]
}

// header renders a column's three header lines: the stage's name and count, its
// median and typical time in stage, and a rule.
func (s *journeyScreen) header(st model.JourneyStage, c *boardColumn, w int, selected bool) [3]string {
	filtered := s.filter.active() || s.text.active()
	k := headKey{stage: st.ID, name: st.Name, count: c.count, known: c.countKnown, shown: len(c.rows), end: c.atEnd && c.atStart,
		filtered: filtered, typical: st.TypicalDays, medianKnown: c.medianKnown, width: w, selected: selected, theme: s.c.Theme}
	if c.medianKnown && !c.median.IsZero() {
		k.median = days(s.c.Now.Sub(c.median))
	}
	if h, ok := s.heads[k]; ok {
		return h
	}
	th := s.c.Theme
	count := "…"
	if k.known {
		count = fmt.Sprint(k.count)
	}
	if filtered {
		more := "+"
		if k.end {
			more = ""
		}
		count = fmt.Sprintf("%d%s of %s", k.shown, more, count)
	}
	// The count keeps its place; a long stage name gives way.
	label := trunc(clean(st.Name), max(w-width(count)-3, 1))
	name := th.Bold.Render(" " + label)
	if selected {
		name = th.Title.Render("▸" + label)
	}
	line1 := spread(name, th.Muted.Render(count+" "), w)
	med := "median …"
	switch {
	case k.known && k.count == 0, k.medianKnown && c.median.IsZero():
		// An empty column has no median, whatever was worked out before its last card left.
		med = "median –"
	case k.medianKnown:
		med = fmt.Sprintf("median %dd", k.median)
	}
	typical := ""
	if st.TypicalDays > 0 {
		typical = fmt.Sprintf("typ. %dd ", st.TypicalDays)
	}
	line2 := spread(th.Muted.Render(" "+med), th.Muted.Render(typical), w)
	rule := th.Muted
	if selected {
		rule = th.Title
	}
	line3 := rule.Render(strings.Repeat("─", max(w, 0)))
	out := [3]string{line1, line2, line3}
	if len(s.heads) >= boardCacheMax {
		s.heads = map[headKey][3]string{}
	}
	s.heads[k] = out
	return out
}

// card renders a lead's card as two lines of w cells: name and days in stage, then
// company, persona and owner. A card past the stage's typical time frame is marked.
func (s *journeyScreen) card(l *model.Lead, st *model.JourneyStage, w int, selected bool) [2]string {
	d := days(s.c.Now.Sub(l.JourneySince))
	k := boardCardKey{id: l.ID, version: l.Version, width: w, selected: selected, days: d,
		late: st.TypicalDays > 0 && d > st.TypicalDays, theme: s.c.Theme}
	if out, ok := s.cards[k]; ok {
		return [2]string{out[:strings.IndexByte(out, '\n')], out[strings.IndexByte(out, '\n')+1:]}
	}
	th := s.c.Theme
	age := fmt.Sprintf("%dd", d)
	if l.JourneySince.IsZero() {
		age = "–"
	}
	inner := max(w-2, 1)
	var ageText string
	if k.late {
		ageText = th.AtRisk.Render("⚑ " + age)
	} else {
		ageText = th.Muted.Render(age)
	}
	var parts []string
	for _, p := range []string{l.Company, s.personas[l.Persona], l.Owner} {
		if p != "" {
			parts = append(parts, clean(p))
		}
	}
	sub := strings.Join(parts, " · ")
	var l1, l2 string
	if selected {
		plainAge := age
		if k.late {
			plainAge = "⚑ " + age
		}
		l1 = th.Selected.Render(" " + spreadPlain(clean(l.DisplayName()), plainAge, inner) + " ")
		l2 = th.Selected.Render(" " + fit(sub, inner) + " ")
	} else {
		l1 = " " + spread(th.Bold.Render(trunc(clean(l.DisplayName()), max(inner-len(age)-3, 1))), ageText, inner) + " "
		l2 = " " + fit(th.Muted.Render(trunc(sub, inner)), inner) + " "
	}
	l1, l2 = fit(l1, w), fit(l2, w)
	if len(s.cards) >= boardCacheMax {
		s.cards = map[boardCardKey]string{}
	}
	s.cards[k] = l1 + "\n" + l2
	return [2]string{l1, l2}
}

// spreadPlain is spread for a selected card, whose name must not carry its own
// styles so the selection's background runs through.
func spreadPlain(name, right string, w int) string {
	return spread(trunc(name, max(w-8, 1)), right, w)
}

// days is a duration in whole days, never negative.
func days(d time.Duration) int { return max(int(d/(24*time.Hour)), 0) }
