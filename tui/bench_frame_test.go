package tui

import (
	"bytes"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"

	"align/model"
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

// BenchmarkFeedToTerminal is what one session pays when a teammate triages: the top
// lead of the MQL inbox at 120x40 leaves it (accepted elsewhere) and, the next time,
// comes back, each through the change feed to the bytes on the wire. With a hundred
// sessions open, a hundred of these decide how soon the last screen shows the change.
func BenchmarkFeedToTerminal(b *testing.B) {
	a := benchApp(b, 1_000, 120, 40)
	sink := newFrameSink(120, 40)
	sink.draw(a.View().Content)
	top := a.screens[0].(*queueScreen).win.rows[0]
	top, _ = a.ctx.Deps.Store.Lead(top.ID)
	accepted := top
	accepted.Stage, accepted.Owner, accepted.Version = model.StageSAL, "ada", top.Version+1
	back := top
	back.Version = top.Version + 2
	items := []model.FeedItem{
		{Event: model.Event{Seq: 1, Before: &top}, Leads: []model.Lead{accepted}},
		{Event: model.Event{Seq: 2, Before: &accepted}, Leads: []model.Lead{back}},
	}
	total := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		it := items[i%2]
		if i%2 == 0 && i > 0 {
			// The lead leaves again at a newer version than it came back with.
			it.Leads = []model.Lead{accepted}
			it.Leads[0].Version = uint64(i) + back.Version + 1
			it.Event.Before = &back
		} else if i > 0 {
			it.Leads = []model.Lead{back}
			it.Leads[0].Version = uint64(i) + back.Version + 1
		}
		_, cmd := a.Update(feedMsg{Item: it})
		runSync(a, cmd)
		total += sink.draw(a.View().Content)
	}
	b.ReportMetric(float64(total)/float64(b.N), "B/change")
}
