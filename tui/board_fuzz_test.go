package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/tui/tuitest"
)

// boardFuzzKeys are the persona and journey keys plus moving about and forms.
var boardFuzzKeys = []string{"2", "3", "h", "l", "j", "k", "g", "G", "H", "L", "i", "f", "n", "e", "a", "<", ">",
	"c", "d", "o", "y", "enter", "esc", "/", "space", "up", "down", "tab", "backspace", "p", "1", ":"}

// FuzzBoard plays random keys, runes, pastes and resizes on the persona cards and the
// journey board, as a leader (who may take every board action), drawing a frame after
// each: nothing may panic, and every frame has the terminal's height.
func FuzzBoard(f *testing.F) {
	f.Add([]byte{0, 1, 0, 9, 0, 21, 0, 6, 0, 10})
	f.Add([]byte{0, 0, 0, 18, 0, 21, 0, 2, 0, 3, 4, 0, 60, 0, 15})
	f.Add([]byte{0, 1, 0, 16, 0, 15, 2, 'x', 0, 21})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256 {
			data = data[:256]
		}
		st := tuitest.NewStore(tuitest.BoardWorkspace(), func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member("lee"), 100, 30)
		height := 30
		for i := 0; i < len(data); {
			arg := func(k int) int {
				if i+k < len(data) {
					return int(data[i+k])
				}
				return 0
			}
			switch data[i] % 5 {
			case 0, 1:
				h.send(keyMsg(boardFuzzKeys[arg(1)%len(boardFuzzKeys)]))
				i += 2
			case 2:
				r := rune(arg(1))
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
				i += 2
			case 3:
				h.send(tea.PasteMsg{Content: string(data[i+1 : min(i+1+arg(1)%12, len(data))])})
				i += 2 + arg(1)%12
			case 4:
				height = arg(2)
				h.send(tea.WindowSizeMsg{Width: arg(1) * 2, Height: height})
				i += 3
			}
			h.app.quitting = false
			v := h.view()
			if h.app.status.err && len(h.app.status.text) > 13 && h.app.status.text[:13] == "Something bro" {
				t.Fatalf("a panic was caught: %s", h.app.status.text)
			}
			if n := len(splitLines(v)); height >= MinHeight && h.app.width >= MinWidth && n != min(height, MaxHeight) {
				t.Fatalf("a frame of %d lines for a terminal of %d", n, height)
			}
		}
	})
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}
