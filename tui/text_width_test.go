package tui

import (
	"testing"

	"charm.land/lipgloss/v2"
)

// width must measure exactly as lipgloss.Width, whose fast path it adds.
func TestWidthMatchesLipgloss(t *testing.T) {
	for _, s := range []string{
		"", "plain ascii", "tab\there", "two\nlines longer", "Zoë Müller", "日本語の名前", "👩‍💻 dev",
		"\x1b[1mbold\x1b[0m", "e\u0301", " ~!@#$%^&*()_+{}|:\"<>? ", "\x7f",
	} {
		if got, want := width(s), lipgloss.Width(s); got != want {
			t.Errorf("width(%q) = %d, lipgloss.Width = %d", s, got, want)
		}
	}
}
