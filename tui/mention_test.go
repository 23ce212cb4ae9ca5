package tui

import (
	"context"
	"strings"
	"testing"

	"align/model"
	"align/tui/tuitest"
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

// TestMissedMentionsAtStart: a mention made while I was offline was never shown; the
// status line tells only of those made while I am on. At start the session now reads
// the latest events for mentions of me since my own last change, and shows the newest
// until my next key.
func TestMissedMentionsAtStart(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	l, _ := h.queue().current()
	ctx := context.Background()
	do := func(who, note string) {
		t.Helper()
		if _, _, err := h.store.Do(ctx, tuitest.Member(who), model.Command{Action: model.ActNote, Lead: l.ID, Note: note}); err != nil {
			t.Fatal(err)
		}
	}
	do("sam", "my own note: I was here then")
	do("mia", "@sam please call her today")
	do("lee", "@sam and the pricing, too")
	do("mia", "a note for nobody")
	later := newHarnessWith(t, h.store, tuitest.Member("sam"), 120, 40)
	want := "While you were away, lee mentioned you on " + leadName(l) + ": “@sam and the pricing, too” (and 1 more mention"
	if v := plain(later.view()); !strings.Contains(v, want) {
		t.Errorf("want %q in:\n%s", want, v)
	}
	later.key("j")
	if later.app.status.text != "" {
		t.Errorf("the status stayed after a key: %q", later.app.status.text)
	}
	// Once I have acted, what came before is no longer news.
	do("sam", "read them")
	if again := newHarnessWith(t, h.store, tuitest.Member("sam"), 120, 40); again.app.status.text != "" {
		t.Errorf("mentions before my last change shown again: %q", again.app.status.text)
	}
}
