package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/tui/tuitest"
)

// benchBoard builds an App showing screen n over the board workspace with leads
// spread across the journey, loaded and ready, at w x h.
func benchBoard(b *testing.B, screen, leads, w, h int) *App {
	b.Helper()
	ws := tuitest.BoardWorkspace()
	if leads > 0 {
		ws.Leads = tuitest.BoardLeads(leads, tuitest.Now)
	}
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	a := New(Deps{Store: st, Me: tuitest.Member("mia"), Now: func() time.Time { return tuitest.Now }})
	a.noTick = true
	a.Update(tea.WindowSizeMsg{Width: w, Height: h})
	runSync(a, a.Init())
	// Press the screen's number, as a person does: screens are built and loaded the
	// first time they are shown.
	key := rune('0' + screen)
	_, cmd := a.Update(tea.KeyPressMsg{Code: key, Text: string(key)})
	runSync(a, cmd)
	return a
}

// BenchmarkBoardView renders the journey board at 200x60 with a million leads spread
// over its six stages; only the visible cards are drawn, so the cost is the
// screen's, not the column's.
func BenchmarkBoardView(b *testing.B) {
	a := benchBoard(b, 3, 1_000_000, 200, 60)
	if n := a.screens[a.active].(*journeyScreen).cols["awareness"].count; n < 100_000 {
		b.Fatalf("awareness holds %d leads", n)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = a.View()
	}
}

// BenchmarkBoardKeyToFrame is one `j` down a column of a million-lead board: Update,
// any page it fetches, and the new frame, whose cards are not cached yet.
func BenchmarkBoardKeyToFrame(b *testing.B) {
	a := benchBoard(b, 3, 1_000_000, 200, 60)
	j := tea.KeyPressMsg{Code: 'j', Text: "j"}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, cmd := a.Update(j)
		runSync(a, cmd)
		_ = a.View()
	}
}

// BenchmarkPersonaGridView renders the persona cards at 200x60.
func BenchmarkPersonaGridView(b *testing.B) {
	a := benchBoard(b, 2, 0, 200, 60)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = a.View()
	}
}
