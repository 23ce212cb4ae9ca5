package tui

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Style is a style of the theme: a lipgloss style whose Render is quicker for what
// the screens draw most, one line of plain text in a style of colours and attributes
// only. Such a style comes down to the escape sequences before and after the text;
// newStyle works them out once and checks them against lipgloss, so Render joins
// three strings where lipgloss reads every property of the style on every call (a
// table row or a title line cost each session several of those per change). Anything
// else, and any style with padding, width, borders or the like, goes to lipgloss.
type Style struct {
	lipgloss.Style
	pre, post string // the sequences around the text; fast says they are good
	fast      bool
}

// newStyle wraps a lipgloss style for the theme.
func newStyle(s lipgloss.Style) Style {
	st := Style{Style: s}
	probe := s.Render("x")
	i := strings.IndexByte(probe, 'x')
	if i < 0 {
		return st
	}
	pre, post := probe[:i], probe[i+1:]
	for _, p := range []string{"a b", "  ab  ", "…é"} {
		if s.Render(p) != pre+p+post {
			return st
		}
	}
	st.pre, st.post, st.fast = pre, post, true
	return st
}

// Render renders strs joined by spaces, as lipgloss.Style.Render does.
func (s Style) Render(strs ...string) string {
	if !s.fast || len(strs) != 1 || !plainLine(strs[0]) {
		return s.Style.Render(strs...)
	}
	return s.pre + strs[0] + s.post
}

// plainLine says s is one non-empty line of printable text: no control characters,
// escape sequences or tabs, which lipgloss would treat on its own.
func plainLine(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		}
	}
	return true
}
