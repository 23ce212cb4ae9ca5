package tui

import (
	"errors"
	"testing"

	"align/model"
)

// TestFeedCountsByDifference: a triage that takes one lead out of the inbox lowers
// the count at once, without asking the store (every session would otherwise count
// the queue and draw a second frame); one that brings a lead in raises it; a change
// that cannot be told apart (a new lead) still asks the store.
func TestFeedCountsByDifference(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	q := h.queue()
	n := q.count
	if !q.countKnown || n < 2 {
		t.Fatalf("the inbox count is not loaded (%d)", n)
	}
	lead := q.rows()[0]
	accepted := lead
	accepted.Stage, accepted.Owner, accepted.Version = model.StageSAL, "ben", lead.Version+1
	h.store.Err = errors.New("no store reads in this test")
	h.run(q.feed(model.FeedItem{Event: model.Event{Action: model.ActAccept, Before: &lead}, Leads: []model.Lead{accepted}}))
	if q.count != n-1 || q.countBusy {
		t.Fatalf("after an accept the count is %d (busy %v), want %d without a store read", q.count, q.countBusy, n-1)
	}
	if q.win.index(lead.ID) >= 0 {
		t.Fatal("the accepted lead is still in the inbox window")
	}
	back := accepted
	back.Version++
	h.run(q.feed(model.FeedItem{Event: model.Event{Action: model.ActUndo, Before: &accepted}, Leads: []model.Lead{lead}}))
	if q.count != n {
		t.Fatalf("after the lead came back the count is %d, want %d", q.count, n)
	}
	h.store.Err = nil
	q.count = 0 // so the store's answer shows
	fresh := lead
	fresh.ID = 1 << 40
	h.run(q.feed(model.FeedItem{Event: model.Event{Action: model.ActImport}, Leads: []model.Lead{fresh}}))
	if q.count != n {
		t.Fatalf("a change without a before asked the store and got %d, want the store's %d", q.count, n)
	}
}
