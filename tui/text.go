package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"align/model"
)

// Every piece of user data goes through clean (one line) or cleanBlock (many lines)
// before it is styled, so a lead named with escape sequences cannot drive the
// teammate's terminal (reliability.md, "Terminal escape injection").

// clean neutralises single-line user text.
func clean(s string) string { return model.Sanitize(s) }

// cleanOneLine neutralises multi-line user text (a note) shown on one line, as the
// feed and the status line show it: its line breaks read as spaces, not as ^J.
func cleanOneLine(s string) string { return clean(lineBreaks.Replace(s)) }

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// cleanBlock neutralises multi-line user text such as a note.
func cleanBlock(s string) string { return model.SanitizeBlock(s) }

// trunc cuts already-safe text to w display cells, marking the cut with "…".
func trunc(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// width is the display width of a line, as lipgloss.Width measures it, with a fast
// path for plain printable ASCII: most cells of a frame are such text, and with a
// hundred sessions redrawing at once the measuring showed in the server's profile.
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e {
			return lipgloss.Width(s)
		}
	}
	return len(s)
}

// fit makes already-safe text exactly w cells wide: cut with "…" or padded with spaces.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = trunc(s, w)
	if pad := w - width(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}

// fitRight is fit aligned to the right, for numbers.
func fitRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = trunc(s, w)
	if pad := w - width(s); pad > 0 {
		s = strings.Repeat(" ", pad) + s
	}
	return s
}

// wrap breaks already-safe text into lines of at most w cells.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	return strings.Split(ansi.Wrap(s, w, ""), "\n")
}

// block pads or cuts rendered lines to exactly w x h, so a pane never spills over its
// neighbours whatever its content.
func block(lines []string, w, h int) string {
	var b strings.Builder
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(fit(lines[i], w))
		} else {
			b.WriteString(strings.Repeat(" ", max(w, 0)))
		}
	}
	return b.String()
}

// stack joins lines that are already exactly w cells wide into a block of h lines,
// adding blank lines below. It measures nothing, so a frame of cached rows costs
// only the copy.
func stack(lines []string, w, h int) string {
	var b strings.Builder
	size := h + max(h-len(lines), 0)*max(w, 0)
	for _, ln := range lines[:min(len(lines), h)] {
		size += len(ln)
	}
	b.Grow(size)
	blank := ""
	for i := 0; i < h; i++ {
		if i > 0 {
			b.WriteByte('\n')
		}
		if i < len(lines) {
			b.WriteString(lines[i])
			continue
		}
		if blank == "" {
			blank = strings.Repeat(" ", max(w, 0))
		}
		b.WriteString(blank)
	}
	return b.String()
}
