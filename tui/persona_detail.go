package tui

import (
	"fmt"
	"strings"

	"align/model"
)

// personaDetail is the full persona: every field of product.md, and the messaging
// notes rendered from Markdown.
type personaDetail struct {
	scroll int
	notes  markdownCache
	cache  detailLinesCache
}

// detailLinesCache keeps the laid-out fields of the persona last shown.
type detailLinesCache struct {
	id      string
	version uint64
	stat    personaStat
	width   int
	theme   *Theme
	lines   []string
}

// personaSplitWidth is the narrowest screen that shows the messaging notes beside
// the fields rather than under them.
const personaSplitWidth = 110

// view renders the persona at w x h, scrolled.
func (d *personaDetail) view(s *personaScreen, p model.Persona, w, h int) string {
	th := s.c.Theme
	st := s.stats[p.ID]
	split := w >= personaSplitWidth
	left := w
	if split {
		left = w * 9 / 20
	}
	c := d.cache
	if c.lines == nil || c.id != p.ID || c.version != p.Version || c.stat != st || c.width != w || c.theme != th {
		lines := personaFields(th, &p, st, left)
		notesW := left
		if split {
			notesW = w - left - 3
		}
		notes := append([]string{th.Section.Render(fit("Messaging notes", notesW))}, d.notes.get(th, p.ID, p.Version, p.Messaging, notesW)...)
		if strings.TrimSpace(p.Messaging) == "" {
			notes = append(notes[:1], th.Muted.Render(fit("No messaging notes yet.", notesW)))
		}
		if split {
			lines = sideBySide(lines, notes, left, notesW, th.Muted.Render(" │ "))
		} else {
			lines = append(append(lines, ""), notes...)
		}
		for i := range lines {
			lines[i] = fit(lines[i], w)
		}
		c = detailLinesCache{id: p.ID, version: p.Version, stat: st, width: w, theme: th, lines: lines}
		d.cache = c
	}
	d.scroll = min(d.scroll, max(len(c.lines)-h, 0))
	return stack(c.lines[d.scroll:], w, h)
}

// personaFields lays out every field but the messaging notes, at most w cells wide.
func personaFields(th *Theme, p *model.Persona, st personaStat, w int) []string {
	var out []string
	add := func(s string) { out = append(out, fit(s, w)) }
	add(th.Title.Render(clean(p.Name)) + "  " + roleLine(th, p, max(w-2-len([]rune(clean(p.Name))), 0)))
	meta := fmt.Sprintf("version %d", p.Version)
	if p.UpdatedBy != "" {
		meta += " · updated " + p.Updated.UTC().Format("Jan 2") + " by " + clean(p.UpdatedBy)
	}
	add(th.Muted.Render(meta))
	add(statLine(th, st, w))
	field := func(label, value string) {
		if value == "" {
			value = th.Muted.Render("not set")
		} else {
			value = clean(value)
		}
		add(th.Muted.Render(fit(label, 14)) + value)
	}
	out = append(out, "")
	field("Industry", p.Industry)
	field("Company size", p.CompanySize)
	section := func(title string, style func(...string) string, items []string) {
		out = append(out, "", fit(style(title), w))
		if len(items) == 0 {
			add(th.Muted.Render("  none written yet"))
		}
		for _, it := range items {
			for i, ln := range wrap(clean(it), max(w-2, 1)) {
				lead := "• "
				if i > 0 {
					lead = "  "
				}
				add(lead + ln)
			}
		}
	}
	section("Needs and pains", th.Danger.Bold(true).Render, p.Pains)
	section("Goals and motivators", th.OK.Bold(true).Render, p.Goals)
	section("Interests", th.Section.Render, p.Interests)
	section("Objections", th.Warn.Bold(true).Render, p.Objections)
	section("Preferred channels", th.Section.Render, p.Channels)
	section("Information they consume", th.Section.Render, p.Information)
	return out
}

// sideBySide joins two columns of lines, each already at most its width.
func sideBySide(left, right []string, lw, rw int, sep string) []string {
	n := max(len(left), len(right))
	out := make([]string, n)
	for i := range n {
		l, r := "", ""
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		out[i] = fit(l, lw) + sep + fit(r, rw)
	}
	return out
}
