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

// TestOwnChangeCountedOnce: after my own triage the screen asks the store for the
// count; when that answer lands before the change's feed item, the item must not move
// the count a second time. An undo in the inbox showed 205 where the store held 204.
func TestOwnChangeCountedOnce(t *testing.T) {
	h := newHarness(t, "sam", 120, 40)
	q := h.queue()
	n := q.count
	lead := q.rows()[0]
	l, ev, err := h.store.Do(h.app.ctx.Deps.ctx(), h.app.ctx.Me(), model.Command{Action: model.ActReject, Lead: lead.ID, Reason: model.ReasonUnreachable})
	if err != nil {
		t.Fatal(err)
	}
	// The action's answer first, with the store's count after it; the feed item after.
	h.run(q.actionDone(actionDoneMsg{Action: model.ActReject, From: lead.ID, Leads: []model.Lead{l}, Events: []model.Event{ev}}))
	h.run(q.feed(model.FeedItem{Event: ev, Leads: []model.Lead{l}}))
	if q.count != n-1 {
		t.Fatalf("after my reject the inbox count is %d, want %d", q.count, n-1)
	}
	// The other order: the feed item first, then the action's answer.
	l2, ev2, err := h.store.Undo(h.app.ctx.Deps.ctx(), h.app.ctx.Me())
	if err != nil {
		t.Fatal(err)
	}
	h.run(q.feed(model.FeedItem{Event: ev2, Leads: []model.Lead{l2}}))
	h.run(q.actionDone(actionDoneMsg{Action: model.ActUndo, From: l2.ID, Leads: []model.Lead{l2}, Events: []model.Event{ev2}}))
	if q.count != n {
		t.Fatalf("after my undo the inbox count is %d, want %d", q.count, n)
	}
}
