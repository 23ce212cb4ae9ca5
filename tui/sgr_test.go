package tui

import (
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
		{"same colour over spaces", "  " + muted + "—" + reset + "   " + muted + "23h" + reset + " ",
			"  " + muted + "—   23h" + reset + " "},
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

// TestQueueRowsMergeStyles: an inbox row carries fewer escape sequences once runs of
// the same style are joined, and reads the same.
func TestQueueRowsMergeStyles(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	q := h.queue()
	rows := q.rows()
	cc := cellCtx{now: q.c.Now, theme: q.c.Theme, queue: q.queue(), names: q.c.Names}
	var merged, raw int
	for i := 1; i < min(len(rows), 10); i++ {
		r := q.table.render(cc, &rows[i], false, false, "")
		m := q.table.row(cc, &rows[i], false, false)
		if ansi.Strip(r) != ansi.Strip(m) {
			t.Fatalf("row %d reads differently merged:\n%q\n%q", i, ansi.Strip(r), ansi.Strip(m))
		}
		raw += strings.Count(r, "\x1b[")
		merged += strings.Count(m, "\x1b[")
	}
	if merged >= raw {
		t.Fatalf("merged rows carry %d escape sequences, unmerged %d", merged, raw)
	}
}
