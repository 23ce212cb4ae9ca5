package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestFeedShowsAnImportOnce: the batches of one import read as one line with the run's
// totals, live and when the feed is loaded, and a triage between two imports keeps them
// apart. Each batch had its own line ("this batch: 1024 new"), twenty for three files.
func TestFeedShowsAnImportOnce(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key("5")
	batch := func(seq uint64, run string, n int) model.Event {
		return model.Event{Seq: seq, At: tuitest.Now, Actor: "mia", Kind: model.EventLeadImported,
			Import: run, Summary: "imported from " + run, New: n, Leads: make([]model.LeadID, n)}
	}
	seq := uint64(1000)
	for range 3 {
		seq++
		h.send(feedMsg{Item: model.FeedItem{Event: batch(seq, "leads.csv (2026-11-27 10:00:00 UTC)", 1000)}})
	}
	seq++
	h.send(feedMsg{Item: model.FeedItem{Event: model.Event{Seq: seq, At: tuitest.Now, Actor: "sam", Kind: model.EventLeadChanged, Action: model.ActAccept, Lead: 1, Summary: "accepted"}}})
	seq++
	h.send(feedMsg{Item: model.FeedItem{Event: batch(seq, "leads.csv (2026-11-27 10:00:00 UTC)", 500)}})
	v := plain(h.view())
	if n := strings.Count(v, "imported from leads.csv"); n != 2 {
		t.Errorf("%d import lines, want 2 (one a side of the accept):\n%s", n, v)
	}
	for _, want := range []string{"3,000 leads  imported from leads.csv (2026-11-27 10:00:00 UTC): 3,000 new, 0 updated", "500 leads  imported from"} {
		if !strings.Contains(v, want) {
			t.Errorf("the feed lacks %q:\n%s", want, v)
		}
	}
	got := mergeBatchRuns([]model.Event{batch(5, "b", 10), batch(4, "b", 20), batch(3, "a", 1), batch(2, "a", 2)})
	if len(got) != 2 || got[0].New != 30 || got[0].Seq != 5 || got[1].New != 3 || got[0].Leads != nil {
		t.Errorf("mergeBatchRuns = %+v", got)
	}
	// Two runs of one name (one file, imported twice in the same second) stay apart.
	first, second := batch(7, "b", 5), batch(8, "b", 6)
	first.At, second.At = tuitest.Now, tuitest.Now.Add(300*time.Millisecond)
	if got := mergeBatchRuns([]model.Event{second, first}); len(got) != 2 {
		t.Errorf("two runs of one name merged: %+v", got)
	}
}

// TestFeedShowsARescoreOnce: the batches of one `rules rescore` read as one line with
// the leads it changed; a rescore with other rules is a line of its own. Each batch of
// 500 leads had its own line: nineteen for X Education's 9,240 leads.
func TestFeedShowsARescoreOnce(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	h.key("5")
	batch := func(seq uint64, version, n int) model.Event {
		return model.Event{Seq: seq, At: tuitest.Now, Actor: "mia", Kind: model.EventLeadRescored,
			Summary: fmt.Sprintf("rescored with the scoring rules of version %d", version), Updated: n, New: n / 4, Leads: make([]model.LeadID, n)}
	}
	for seq := uint64(1001); seq <= 1003; seq++ {
		h.send(feedMsg{Item: model.FeedItem{Event: batch(seq, 2, 400)}})
	}
	h.send(feedMsg{Item: model.FeedItem{Event: batch(1004, 3, 2)}})
	v := plain(h.view())
	for _, want := range []string{"mia  1,200 leads  rescored with the scoring rules of version 2: 300 entered the MQL inbox", "mia  2 leads  rescored with the scoring rules of version 3"} {
		if !strings.Contains(v, want) {
			t.Errorf("the feed lacks %q:\n%s", want, v)
		}
	}
	if n := strings.Count(v, "rescored with"); n != 2 {
		t.Errorf("%d rescore lines, want 2:\n%s", n, v)
	}
}
