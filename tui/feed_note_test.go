package tui

import (
	"context"
	"strings"
	"testing"

	"align/model"
	"align/tui/tuitest"
)

// TestFeedShowsNoteLinesAsSpaces: a note of two lines read "first line^Jsecond line"
// in the feed, the caret notation meant for control characters (new-user review); a
// note may hold line breaks, so on one line they read as spaces.
func TestFeedShowsNoteLinesAsSpaces(t *testing.T) {
	h := newHarness(t, "lee", 120, 40)
	l, _ := h.queue().current()
	if _, _, err := h.store.Do(context.Background(), tuitest.Member("ada"),
		model.Command{Action: model.ActNote, Lead: l.ID, Note: "first line\nsecond line"}); err != nil {
		t.Fatal(err)
	}
	h.key("5")
	v := plain(h.view())
	if strings.Contains(v, "^J") || !strings.Contains(v, "first line second line") {
		t.Errorf("the feed shows the note's line break as:\n%s", v)
	}
}
