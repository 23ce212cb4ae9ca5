package tui

import (
	"fmt"
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
)

// TestBoardGolden pins the persona grid, a persona's detail, the journey board and a
// stage guide at 80x24 and 120x40, dark and light, and at the smallest size the
// workspace draws. Regenerate with `go test ./tui -update` and review the diff.
func TestBoardGolden(t *testing.T) {
	views := []struct {
		name string
		keys []string
	}{
		{"persona-grid", []string{"2"}},
		{"persona-detail", []string{"2", "enter"}},
		{"persona-leads", []string{"2", "l", "o"}},
		{"journey-board", []string{"3", "l", "j"}},
		{"journey-guide", []string{"3", "i"}},
		{"journey-filter", []string{"3", "f", "down", "enter", "enter", "enter"}},
	}
	for _, v := range views {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, dark := range []bool{true, false} {
				theme := map[bool]string{true: "dark", false: "light"}[dark]
				t.Run(fmt.Sprintf("%s/%dx%d/%s", v.name, size[0], size[1], theme), func(t *testing.T) {
					h := newBoardHarness(t, "mia", size[0], size[1])
					if !dark {
						h.send(tea.BackgroundColorMsg{Color: color.White})
					}
					h.keys(v.keys...)
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		}
		t.Run(v.name+"/60x15/dark", func(t *testing.T) {
			h := newBoardHarness(t, "mia", MinWidth, MinHeight)
			h.keys(v.keys...)
			golden.RequireEqual(t, []byte(h.view()))
		})
	}
}
