package tui

import (
	"testing"

	"align/model"
)

// TestWideTableFillsShortColumns: at 200 columns the names had dozens of blank columns
// while Persona and Source stayed cut ("paid sear…") (new-user review). Given the
// room, those two fill up first; at 120 columns the names keep it.
func TestWideTableFillsShortColumns(t *testing.T) {
	widths := func(w int) map[string]int {
		var tb leadTable
		tb.setQueue(model.QueueMQL)
		tb.setWidth(w)
		out := map[string]int{}
		for _, c := range tb.cols {
			out[c.title] = c.width
		}
		return out
	}
	wide := widths(200)
	if wide["Persona"] < 20 || wide["Source"] < 18 || wide["Name"] < 20 {
		t.Errorf("at 200 columns: %v", wide)
	}
	if mid := widths(120); mid["Source"] != 10 || mid["Name"] <= 14 {
		t.Errorf("at 120 columns: %v", mid)
	}
}
