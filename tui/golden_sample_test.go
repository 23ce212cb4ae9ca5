package tui

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"align/model/sample"
	"align/tui/tuitest"
)

// TestGoldenSample pins the queue and the detail pane over the sample workspace of
// `align demo`, at a fixed time, as an SDR sees them. When the sample generator
// changes, these files change with it: review and regenerate with -update.
func TestGoldenSample(t *testing.T) {
	ws := sample.Generate(tuitest.Now)
	var sdr string
	for _, m := range ws.Members {
		if m.Role == "sdr" {
			sdr = m.Name
			break
		}
	}
	views := map[string][]string{"inbox": nil, "detail": {"j", "enter"}, "mine": {"]"}, "all": {"[", "G"}}
	for name, keys := range views {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				ws := ws // each store takes its own copy of the leads over
				ws.Leads = slices.Clone(ws.Leads)
				st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
				var me = ws.Members[0]
				for _, m := range ws.Members {
					if m.Name == sdr {
						me = m
					}
				}
				h := newHarnessWith(t, st, me, size[0], size[1])
				h.keys(keys...)
				golden.RequireEqual(t, []byte(h.view()))
			})
		}
	}
}
