package storage

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"align/model"
)

func ids(ls []model.Lead) []model.LeadID {
	out := make([]model.LeadID, len(ls))
	for i, l := range ls {
		out[i] = l.ID
	}
	return out
}

// TestInboxOrder: the MQL inbox is oldest acceptance deadline first, ties by ID, and
// pages forwards and backwards from cursors.
func TestInboxOrder(t *testing.T) {
	s, _ := newStore(t)
	// Leads 1-3 become MQLs at t0+2h, 4-5 at t0, 6 is an inquiry, 7 at t0+1h.
	importRows(t, s, t0.Add(2*time.Hour), row(2, "a@x.com", true), row(3, "b@x.com", true), row(4, "c@x.com", true))
	importRows(t, s, t0, row(5, "d@x.com", true), row(6, "e@x.com", true), row(7, "f@x.com", false))
	importRows(t, s, t0.Add(time.Hour), row(8, "g@x.com", true))
	want := []model.LeadID{4, 5, 7, 1, 2, 3}

	all, err := s.Page(model.QueueMQL, "", nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(all); !slices.Equal(got, want) {
		t.Fatalf("inbox %v, want %v", got, want)
	}
	tests := []struct {
		name   string
		before bool
		at     *model.LeadID
		n      int
		want   []model.LeadID
	}{
		{"first page", false, nil, 2, []model.LeadID{4, 5}},
		{"after 5", false, ptr(model.LeadID(5)), 2, []model.LeadID{7, 1}},
		{"after the last", false, ptr(model.LeadID(3)), 2, nil},
		{"last page", true, nil, 2, []model.LeadID{2, 3}},
		{"before 1", true, ptr(model.LeadID(1)), 2, []model.LeadID{5, 7}},
		{"before the first", true, ptr(model.LeadID(4)), 2, nil},
		{"short page before 7", true, ptr(model.LeadID(7)), 5, []model.LeadID{4, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cur *Cursor
			if tt.at != nil {
				l, err := s.Lead(*tt.at)
				if err != nil {
					t.Fatal(err)
				}
				c := CursorOf(model.QueueMQL, &l)
				cur = &c
			}
			page := s.Page
			if tt.before {
				page = s.PageBefore
			}
			got, err := page(model.QueueMQL, "", cur, tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("got %v, want %v", ids(got), tt.want)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// TestQueuesFollowChanges: each triage move takes the lead out of one queue and into
// another, and the counters follow in the same transaction.
func TestQueuesFollowChanges(t *testing.T) {
	s, c := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true), row(3, "b@x.com", true), row(4, "c@x.com", false))
	ctx := context.Background()
	steps := []struct {
		who    model.Member
		cmd    model.Command
		counts map[model.Queue]int // mine is priya's
	}{
		{sdr, model.Command{Action: model.ActAccept, Lead: 1},
			map[model.Queue]int{model.QueueMQL: 1, model.QueueMine: 1, model.QueueNurture: 1, model.QueueAll: 3}},
		{sdr, model.Command{Action: model.ActReject, Lead: 1, Reason: model.ReasonNoBudget},
			map[model.Queue]int{model.QueueMQL: 1, model.QueueMine: 0, model.QueueRejected: 1, model.QueueNurture: 2}},
		{mkt, model.Command{Action: model.ActDispute, Lead: 1, Note: "They have budget in Q1"},
			map[model.Queue]int{model.QueueRejected: 0, model.QueueDisputes: 1, model.QueueNurture: 2}},
		{lead, model.Command{Action: model.ActVerdict, Lead: 1, Verdict: model.VerdictOverturn, Note: "Agreed"},
			map[model.Queue]int{model.QueueMQL: 2, model.QueueDisputes: 0, model.QueueNurture: 1}},
		{lead, model.Command{Action: model.ActAssign, Lead: 2, To: sdr.Name},
			map[model.Queue]int{model.QueueMQL: 2, model.QueueMine: 1}},
		{mkt, model.Command{Action: model.ActMarkMQL, Lead: 3},
			map[model.Queue]int{model.QueueMQL: 3, model.QueueNurture: 0, model.QueueAll: 3}},
	}
	for i, st := range steps {
		c.Set(t0.Add(time.Duration(i+1) * time.Minute))
		if _, _, err := s.Do(ctx, st.who, st.cmd); err != nil {
			t.Fatalf("step %d (%s): %v", i, st.cmd.Action, err)
		}
		for q, want := range st.counts {
			got, err := s.Count(q, sdr.Name)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("after %s: %s has %d, want %d", st.cmd.Action, q, got, want)
			}
		}
		checkInvariant(t, s)
	}
}

func TestDoRefusals(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true))
	ctx := context.Background()
	l, _ := s.Lead(1)
	if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActNote, Lead: 1, Note: "called"}); err != nil {
		t.Fatal(err)
	}

	_, _, err := s.Do(ctx, sdr2, model.Command{Action: model.ActAccept, Lead: 1, ExpectVersion: l.Version})
	var stale *model.StaleError
	if !errors.As(err, &stale) || stale.By != sdr.Name || stale.Have != 2 {
		t.Errorf("a stale edit: %v", err)
	}
	_, _, err = s.Do(ctx, viewer, model.Command{Action: model.ActAccept, Lead: 1})
	var perm *model.PermissionError
	if !errors.As(err, &perm) {
		t.Errorf("a viewer accepted: %v", err)
	}
	_, _, err = s.Do(ctx, sdr, model.Command{Action: model.ActAccept, Lead: 99})
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing lead: %v", err)
	}
	got, _ := s.Lead(1)
	if got.Version != 2 || got.Stage != model.StageMQL {
		t.Errorf("a refused change was written: %+v", got)
	}
	checkInvariant(t, s)
}

func TestUndo(t *testing.T) {
	s, c := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true), row(3, "b@x.com", true))
	ctx := context.Background()
	if _, _, err := s.Undo(ctx, sdr); err == nil {
		t.Fatal("undo with nothing to undo succeeded")
	}
	c.Set(t0.Add(time.Minute))
	if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActAccept, Lead: 1}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActAccept, Lead: 2}); err != nil {
		t.Fatal(err)
	}
	// Someone else's change is not undone for them.
	if _, _, err := s.Undo(ctx, sdr2); err == nil {
		t.Fatal("diego undid priya's change")
	}
	l, ev, err := s.Undo(ctx, sdr)
	if err != nil {
		t.Fatal(err)
	}
	if l.ID != 2 || l.Stage != model.StageMQL || l.Owner != "" || l.Version != 3 || ev.Action != model.ActUndo {
		t.Errorf("undo: lead %+v, event %+v", l, ev)
	}
	if n, _ := s.Count(model.QueueMine, sdr.Name); n != 1 {
		t.Errorf("mine has %d after undo, want 1", n)
	}
	// The next undo goes one change further back.
	l, _, err = s.Undo(ctx, sdr)
	if err != nil || l.ID != 1 || l.Stage != model.StageMQL {
		t.Errorf("second undo: %+v, %v", l, err)
	}
	checkInvariant(t, s)
}

func TestEventsAndHistory(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true))
	ctx := context.Background()
	for _, note := range []string{"one", "two", "three"} {
		if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActNote, Lead: 1, Note: note}); err != nil {
			t.Fatal(err)
		}
	}
	h, err := s.History(1)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 4 || h[0].Kind != model.EventLeadImported || h[3].Note != "three" {
		t.Fatalf("history %+v", h)
	}
	latest, _ := s.Events(0, 2)
	if len(latest) != 2 || latest[0].Note != "three" || latest[1].Note != "two" {
		t.Fatalf("latest events %+v", latest)
	}
	older, _ := s.Events(latest[1].Seq, 10)
	if len(older) == 0 || older[0].Note != "one" || older[0].Seq != latest[1].Seq-1 {
		t.Fatalf("older events %+v", older)
	}
	if _, err := s.History(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("history of a missing lead: %v", err)
	}
}

func TestUnknownQueue(t *testing.T) {
	s, _ := newStore(t)
	if _, err := s.Page("bogus", "", nil, 10); err == nil {
		t.Error("an unknown queue paged")
	}
	if n, err := s.Count(model.QueueMine, ""); n != 0 || err != nil {
		t.Errorf("mine of nobody: %d, %v", n, err)
	}
}

// TestOtherQueues pages the queues that are not the inbox: all (by ID), mine (per
// owner), and nurture (newest first).
func TestOtherQueues(t *testing.T) {
	s, c := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true), row(3, "b@x.com", true), row(4, "c@x.com", false), row(5, "d@x.com", false))
	ctx := context.Background()
	c.Set(t0.Add(time.Hour))
	for _, id := range []model.LeadID{2, 1} {
		if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActAccept, Lead: id}); err != nil {
			t.Fatal(err)
		}
		c.Set(c.Now().Add(time.Minute))
	}
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActJourney, Lead: 4, To: "consideration"}); err != nil {
		t.Fatal(err)
	}
	first, _ := s.Page(model.QueueAll, "", nil, 3)
	cur := CursorOf(model.QueueAll, &first[2])
	rest, _ := s.Page(model.QueueAll, "", &cur, 3)
	back, _ := s.PageBefore(model.QueueAll, "", &cur, 2)
	last, _ := s.PageBefore(model.QueueAll, "", nil, 1)
	mine, _ := s.Page(model.QueueMine, sdr.Name, nil, 10)
	others, _ := s.Page(model.QueueMine, sdr2.Name, nil, 10)
	nurture, _ := s.Page(model.QueueNurture, "", nil, 10)
	checks := []struct {
		name      string
		got, want []model.LeadID
	}{
		{"all, first page", ids(first), []model.LeadID{1, 2, 3}},
		{"all, after 3", ids(rest), []model.LeadID{4}},
		{"all, before 3", ids(back), []model.LeadID{1, 2}},
		{"all, last", ids(last), []model.LeadID{4}},
		{"mine: first-touch deadline first", ids(mine), []model.LeadID{2, 1}},
		{"someone else's", ids(others), []model.LeadID{}},
		{"nurture: inquiries", ids(nurture), []model.LeadID{3, 4}},
	}
	for _, c := range checks {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	var seen []model.LeadID
	ctx2, cancel := context.WithCancel(ctx)
	err := s.Scan(ctx2, model.QueueAll, "", func(l *model.Lead) error {
		seen = append(seen, l.ID)
		if len(seen) == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || len(seen) != 2 {
		t.Errorf("a cancelled scan: %v after %v", err, seen)
	}
}
