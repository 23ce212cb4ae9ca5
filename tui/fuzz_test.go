package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/tui/tuitest"
)

// fuzzKeys are the keys the fuzzer picks from: every binding plus editing keys.
var fuzzKeys = []string{"a", "r", "x", "D", "V", "s", "t", "w", "l", "o", "n", "u", "j", "k", "g", "G",
	"enter", "esc", "space", "tab", "shift+tab", "/", ":", "?", "[", "]", "1", "5", "6", "up", "down",
	"backspace", "ctrl+k", "h", "q", "2", "3", "4"}

// FuzzApp feeds App random keys, mouse events, pastes and resizes decoded from the
// fuzz input, drawing a frame after each: nothing may panic, whatever the order.
// Quitting is ignored so the whole input is played.
func FuzzApp(f *testing.F) {
	f.Add([]byte{0, 0, 1, 5, 2, 200, 3, 7})
	f.Add([]byte("r\x00\x01\x02:accept\x03\xff\xff\xff\xff"))
	f.Add([]byte{4, 0x10, 0x00, 0x10, 0x00, 0, 18, 0, 18, 2, 'x', 0, 17})
	f.Add([]byte{0, 33, 0, 25, 0, 18, 5, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 512 {
			data = data[:512]
		}
		st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
		h := newHarnessWith(t, st, tuitest.Member("ada"), 80, 24)
		for i := 0; i < len(data); {
			op := data[i] % 6
			arg := func(n int) int {
				v := 0
				for k := 1; k <= n; k++ {
					if i+k < len(data) {
						v = v<<8 | int(data[i+k])
					}
				}
				return v
			}
			switch op {
			case 0, 1: // a key
				h.send(keyMsg(fuzzKeys[arg(1)%len(fuzzKeys)]))
				i += 2
			case 2: // a printable rune, as typed into a form or filter
				r := rune(arg(1))
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
				i += 2
			case 3: // a paste of the next bytes, control characters and all
				n := arg(1) % 16
				end := min(i+2+n, len(data))
				h.send(tea.PasteMsg{Content: string(data[min(i+2, end):end])})
				i = end
			case 4: // a resize to any size the protocol can carry
				h.send(tea.WindowSizeMsg{Width: arg(2), Height: (arg(4) & 0xffff)})
				i += 5
			case 5: // a mouse event
				m := tea.Mouse{X: arg(1), Y: arg(2) & 0xff, Button: tea.MouseButton(arg(1) % 8)}
				if data[i]%2 == 0 {
					h.send(tea.MouseWheelMsg(m))
				} else {
					h.send(tea.MouseClickMsg(m))
				}
				i += 3
			}
			h.app.quitting = false
			_ = h.view()
			if h.app.status.err && len(h.app.status.text) > 13 && h.app.status.text[:13] == "Something bro" {
				t.Fatalf("a panic was caught: %s", h.app.status.text)
			}
		}
	})
}
