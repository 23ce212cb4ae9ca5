package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestMergeRuns(t *testing.T) {
	const (
		muted = "\x1b[38;2;138;138;153m"
		bold  = "\x1b[1;38;2;230;230;240m"
		under = "\x1b[4m"
		bg    = "\x1b[48;5;17m"
		reset = "\x1b[m"
	)
	cases := []struct{ name, in, want string }{
		{"same colour over a space", "  " + muted + "—" + reset + " " + muted + "23h" + reset + " ",
			"  " + muted + "— 23h" + reset + " "},
		{"a long gap stays plain", muted + "a" + reset + "   " + muted + "b" + reset, muted + "a" + reset + "   " + muted + "b" + reset},
		{"different styles stay", bold + "Ann" + reset + " " + muted + "x" + reset, bold + "Ann" + reset + " " + muted + "x" + reset},
		{"text in the gap stays", muted + "a" + reset + " b " + muted + "c" + reset, muted + "a" + reset + " b " + muted + "c" + reset},
		{"underline over spaces stays", under + "a" + reset + " " + under + "b" + reset + bold + "c" + reset, under + "a" + reset + " " + under + "b" + reset + bold + "c" + reset},
		{"background without a gap joins", bg + "a" + reset + bg + "b" + reset + bold + "c" + reset + "d", bg + "ab" + reset + bold + "c" + reset + "d"},
		{"background over spaces stays", bg + "a" + reset + " " + bg + "b" + reset + bold + "c" + reset, bg + "a" + reset + " " + bg + "b" + reset + bold + "c" + reset},
		{"trailing reset kept", muted + "a" + reset + "  " + bold + "b" + reset + "  ", muted + "a" + reset + "  " + bold + "b" + reset + "  "},
		{"plain text untouched", "plain row with no style", "plain row with no style"},
	}
	for _, c := range cases {
		got := mergeRuns(c.in)
		if got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		if ansi.Strip(got) != ansi.Strip(c.in) {
			t.Errorf("%s: the text changed: %q -> %q", c.name, ansi.Strip(c.in), ansi.Strip(got))
		}
	}
}

// styledBlankStart is a style that opens on a blank.
var styledBlankStart = regexp.MustCompile("\x1b\\[[0-9;]*[1-9][0-9;]*m ")

// TestQueueRowPaddingPlain: an inbox row styles its text, not the padding after or
// before it, and reads exactly as the padded cells would.
func TestQueueRowPaddingPlain(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	q := h.queue()
	rows := q.rows()
	cc := cellCtx{now: q.c.Now, theme: q.c.Theme, queue: q.queue(), names: q.c.Names}
	for i := 1; i < min(len(rows), 10); i++ {
		r := q.table.row(cc, &rows[i], false, false)
		if strings.Contains(r, " \x1b[m") || styledBlankStart.MatchString(r) {
			t.Fatalf("row %d styles its padding:\n%q", i, r)
		}
		if w := ansi.StringWidth(r); w != q.table.width {
			t.Fatalf("row %d is %d wide, the table %d", i, w, q.table.width)
		}
	}
}
