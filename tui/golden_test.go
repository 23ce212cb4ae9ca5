package tui

import (
	"fmt"
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"align/model"
)

// TestGolden pins the frames people see, at 80x24 and 120x40, dark and light, from
// the fixed test workspace at a fixed time. Regenerate with `go test ./tui -update`
// and review the diff.
func TestGolden(t *testing.T) {
	type view struct {
		name string
		keys []string
	}
	views := []view{
		{"detail", []string{"j", "enter"}},
		{"help", []string{"?"}},
		{"palette", []string{":"}},
		{"palette-search", []string{":", "w", "a", "y", "n", "e"}},
		{"reject-form", []string{"r"}},
		{"filter", []string{"/", "i", "n", "i"}},
		{"feed", []string{"5"}},
		{"team", []string{"6"}},
	}
	for i, q := range model.Queues {
		keys := make([]string, i)
		for k := range keys {
			keys[k] = "]"
		}
		views = append(views, view{"queue-" + string(q), keys})
	}
	for _, v := range views {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			for _, dark := range []bool{true, false} {
				theme := map[bool]string{true: "dark", false: "light"}[dark]
				t.Run(fmt.Sprintf("%s/%dx%d/%s", v.name, size[0], size[1], theme), func(t *testing.T) {
					h := newHarness(t, "sam", size[0], size[1])
					if !dark {
						h.send(tea.BackgroundColorMsg{Color: color.White})
					}
					h.keys(v.keys...)
					golden.RequireEqual(t, []byte(h.view()))
				})
			}
		}
	}
	t.Run("too-small/20x5", func(t *testing.T) {
		h := newHarness(t, "sam", 20, 5)
		golden.RequireEqual(t, []byte(h.view()))
	})
}
