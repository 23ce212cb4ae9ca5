package tui

import (
	"bytes"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
)

// frameSink does per frame what Bubble Tea's renderer does with a View over SSH:
// parse the frame string into cells, diff them against the last frame and write
// the changes. BenchmarkKeyToTerminal measures a key press through it, which is
// most of the server CPU a key costs a session.
type frameSink struct {
	cells uv.ScreenBuffer
	term  *uv.TerminalRenderer
	out   bytes.Buffer
}

func newFrameSink(w, h int) *frameSink {
	f := &frameSink{cells: uv.NewScreenBuffer(w, h)}
	f.term = uv.NewTerminalRenderer(&f.out, []string{"TERM=xterm-256color"})
	f.term.SetColorProfile(colorprofile.ANSI256)
	f.term.SetFullscreen(true)
	f.term.SetRelativeCursor(false)
	f.term.SetScrollOptim(true)
	return f
}

// draw renders one frame and returns the bytes it wrote to the terminal.
func (f *frameSink) draw(content string) int {
	f.out.Reset()
	f.cells.Clear()
	uv.NewStyledString(content).Draw(f.cells, f.cells.Bounds())
	f.term.Render(f.cells.RenderBuffer)
	_ = f.term.Flush()
	return f.out.Len()
}

// BenchmarkKeyToTerminal is one `j` in the MQL inbox at 120x40 from Update to the
// bytes on the wire, as a session over SSH pays for it.
func BenchmarkKeyToTerminal(b *testing.B) {
	a := benchApp(b, 1_000, 120, 40)
	sink := newFrameSink(120, 40)
	sink.draw(a.View().Content)
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	total := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, cmd := a.Update(j)
		runSync(a, cmd)
		total += sink.draw(a.View().Content)
	}
	b.ReportMetric(float64(total)/float64(b.N), "B/key")
}
