package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/tui/tuitest"
)

// benchApp builds an App over a queue of n MQL leads at w x h, loaded and ready.
func benchApp(b *testing.B, n, w, h int) *App {
	b.Helper()
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(n, tuitest.Now)
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	a := New(Deps{Store: st, Me: tuitest.Member("sam"), Now: func() time.Time { return tuitest.Now }})
	a.noTick = true
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	runSync(a, a.Init())
	if got := a.screens[0].(*queueScreen).count; got != n {
		b.Fatalf("count %d, want %d", got, n)
	}
	return a
}

// runSync runs a command tree synchronously; the benchmarks' commands never wait.
func runSync(a *App, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			runSync(a, c)
		}
		return
	}
	if msg == nil {
		return
	}
	_, next := a.Update(msg)
	runSync(a, next)
}

var benchSizes = []int{1_000, 1_000_000}

// BenchmarkQueueView renders the queue screen at 200x60. The cost must not depend on
// the queue's length: compare 1k with 1M.
func BenchmarkQueueView(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("leads=%d", n), func(b *testing.B) {
			a := benchApp(b, n, 200, 60)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_ = a.View()
			}
		})
	}
}

// BenchmarkKeyToFrame is one `j` press: Update, any page it fetches, and the new
// frame, walking down the queue.
func BenchmarkKeyToFrame(b *testing.B) {
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("leads=%d", n), func(b *testing.B) {
			a := benchApp(b, n, 200, 60)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				_, cmd := a.Update(j)
				runSync(a, cmd)
				_ = a.View()
			}
		})
	}
}

// BenchmarkDetailSplit is a `j` press with the detail pane open beside the table,
// which reads the lead's history from the store on every move.
func BenchmarkDetailSplit(b *testing.B) {
	a := benchApp(b, 1_000, 200, 60)
	runSync(a, func() tea.Msg { return tea.KeyPressMsg{Code: tea.KeyEnter} })
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, cmd := a.Update(j)
		runSync(a, cmd)
		_ = a.View()
	}
}
