package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"align/model"
)

// mentioned tells me on the status line when a teammate's note, argument or verdict
// names me as "@name": "mia mentioned you on Priya Wei: “can you call her today?”".
func (a *App) mentioned(it model.FeedItem) {
	ev, me := it.Event, a.ctx.Me().Name
	if a.muted || ev.Note == "" || ev.Actor == me || !model.Mentions(ev.Note, me) {
		return
	}
	on := ""
	for _, l := range it.Leads {
		if l.ID == ev.Lead {
			on = " on " + leadName(l)
		}
	}
	a.status = status{text: mentionText(ev, on)}
}

// mentionText is a mention on the status line: "mia mentioned you on Priya Wei: “…”".
func mentionText(ev model.Event, on string) string {
	return fmt.Sprintf("%s mentioned you%s: “%s”", clean(ev.Actor), on, trunc(cleanOneLine(ev.Note), 120))
}

// mentionLookback bounds how many of the latest events a session start reads for
// mentions made while the member was away.
const mentionLookback = 100

// missedMentionsMsg carries the mentions made while I was away, newest first, and the
// lead of the newest.
type missedMentionsMsg struct {
	Events []model.Event
	Lead   model.Lead
}

// missedMentions looks, once at start, for what teammates said to me while I was
// away: notes, arguments and verdicts that mention me since my own last change (the
// latest sign that I was here), among the latest events. A mention made while I was
// offline was never shown: the status line only tells of those made while I am on.
func (a *App) missedMentions() tea.Cmd {
	st, me := a.ctx.Deps.Store, a.ctx.Me().Name
	return func() tea.Msg {
		evs, err := st.Events(0, mentionLookback)
		if err != nil {
			return nil
		}
		var m missedMentionsMsg
		for _, ev := range evs { // newest first
			if ev.Actor == me {
				break
			}
			if ev.Note != "" && model.Mentions(ev.Note, me) {
				m.Events = append(m.Events, ev)
			}
		}
		if len(m.Events) == 0 {
			return nil
		}
		if id := m.Events[0].Lead; id != 0 {
			m.Lead, _ = st.Lead(id)
		}
		return m
	}
}

// showMissed puts the newest missed mention on the status line, unless an error is
// there, and says how many more there are.
func (a *App) showMissed(m missedMentionsMsg) {
	if a.status.err || a.muted {
		return
	}
	on := ""
	if m.Lead.ID != 0 {
		on = " on " + leadName(m.Lead)
	}
	text := "While you were away, " + mentionText(m.Events[0], on)
	if n := len(m.Events) - 1; n > 0 {
		text += fmt.Sprintf(" (and %s; the feed, 5, has them)", model.Plural(n, "more mention"))
	}
	a.status = status{text: text, keep: true}
}
