package tui

import (
	"fmt"

	"align/model"
)

// mentioned tells me on the status line when a teammate's note, argument or verdict
// names me as "@name": "mia mentioned you on Priya Wei: “can you call her today?”".
func (a *App) mentioned(it model.FeedItem) {
	ev, me := it.Event, a.ctx.Me().Name
	if ev.Note == "" || ev.Actor == me || !model.Mentions(ev.Note, me) {
		return
	}
	on := ""
	for _, l := range it.Leads {
		if l.ID == ev.Lead {
			on = " on " + leadName(l)
		}
	}
	a.status = status{text: fmt.Sprintf("%s mentioned you%s: “%s”", clean(ev.Actor), on, trunc(clean(ev.Note), 120))}
}
