package tui

import (
	"strings"
	"testing"

	"align/model"
)

// TestMentionReachesMe: a teammate's note that names me as @sam shows on my status
// line with who and on which lead; a note that does not, or my own, stays quiet. A
// note with @sam reached sam only if he happened to read the feed.
func TestMentionReachesMe(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	l, _ := h.queue().current()
	note := func(actor, text string) {
		h.send(feedMsg{Item: model.FeedItem{Event: model.Event{Seq: 900, Actor: actor, Kind: model.EventLeadChanged,
			Action: model.ActNote, Lead: l.ID, Note: text}, Leads: []model.Lead{l}}})
	}
	note("mia", "@sam can you call her today?")
	want := "mia mentioned you on " + leadName(l) + ": “@sam can you call her today?”"
	if v := plain(h.view()); !strings.Contains(v, want) {
		t.Errorf("no word of the mention; want %q in:\n%s", want, v)
	}
	h.app.status = status{}
	note("mia", "@samantha will call")
	note("sam", "note to self, @sam")
	if h.app.status.text != "" {
		t.Errorf("status %q after notes that do not mention sam by another", h.app.status.text)
	}
}
