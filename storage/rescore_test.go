package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestRescore: rescoring applies the rules in force to the MQL inbox and the nurture
// queue only, promotes inquiries the rules qualify, writes one audit event per batch
// that each changed lead's history holds, tells the change feed, and changes nothing
// when run again. Only the roles that may change the rules may rescore.
func TestRescore(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	importRows(t, s, t0, row(1, "a@x.com", true), row(2, "b@x.com", false), row(3, "c@x.com", false), row(4, "e@x.com", true))
	accepted, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActAccept, Lead: 4})
	if err != nil {
		t.Fatal(err)
	}
	rs := testRules()
	rs.Rules = append(rs.Rules, model.Rule{ID: "acme", Dimension: model.DimFit, When: `company == "Acme"`, Points: 10, Reason: "Acme"})
	rs.MQL = "score >= 10"
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}

	if _, err := s.Rescore(ctx, sdr, nil); err == nil || !strings.Contains(err.Error(), "marketing") {
		t.Fatalf("an SDR rescored the leads: %v", err)
	}
	sub := s.Subscribe()
	defer sub.Close()
	var calls []int
	res, err := s.Rescore(ctx, mkt, func(done, total int) { calls = append(calls, done, total) })
	if err != nil {
		t.Fatal(err)
	}
	if want := (RescoreResult{Version: 2, Checked: 3, Changed: 3, MQL: 2}); res != want {
		t.Errorf("Rescore = %+v, want %+v", res, want)
	}
	if len(calls) != 2 || calls[0] != 3 || calls[1] != 3 {
		t.Errorf("progress calls %v, want done 3 of 3", calls)
	}
	for id, want := range map[model.LeadID]int{1: 70, 2: 10, 3: 10} {
		l, err := s.Lead(id)
		if err != nil {
			t.Fatal(err)
		}
		if l.Score != want || l.Stage != model.StageMQL || l.AcceptClock.Start.IsZero() {
			t.Errorf("lead %d: score %d, stage %s, clock %v; want %d, MQL with a running clock", id, l.Score, l.Stage, l.AcceptClock, want)
		}
		h, err := s.History(id)
		if err != nil {
			t.Fatal(err)
		}
		if last := h[len(h)-1]; last.Kind != model.EventLeadRescored || !strings.Contains(last.Summary, "version 2") || last.Actor != mkt.Name {
			t.Errorf("lead %d: last history event %+v, want the rescore", id, last)
		}
	}
	if l, err := s.Lead(4); err != nil || l.Version != accepted.Version || l.Score != accepted.Score {
		t.Errorf("the accepted lead was rescored: %+v (%v)", l, err)
	}
	select {
	case it := <-sub.C:
		if it.Event.Kind != model.EventLeadRescored || len(it.Leads) != 3 || it.Event.Updated != 3 || it.Event.New != 2 {
			t.Errorf("feed item %+v, want the rescore with its 3 leads", it)
		}
	default:
		t.Error("the rescore told the change feed nothing")
	}
	checkInvariant(t, s)

	events, err := s.Events(0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.Rescore(ctx, admin, nil)
	if err != nil || again.Changed != 0 || again.Checked != 3 {
		t.Errorf("a second rescore: %+v, %v; want 3 checked, none changed", again, err)
	}
	if after, _ := s.Events(0, 1000); len(after) != len(events) {
		t.Errorf("a rescore that changed nothing wrote %d events", len(after)-len(events))
	}
}

// TestRescoreBigRecordsInBatches: leads with many long imported columns are rescored
// in as many transactions as they need (the first batch of 500 was too big for Badger
// and the rescore failed, new-user review), each batch's event carrying the run's
// start so the feed shows one line; a rules change in the middle stops the run with a
// sentence instead of labelling leads with the wrong version.
func TestRescoreBigRecordsInBatches(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	long := strings.Repeat("x", 480)
	var rows []ImportRow
	for i := range 600 {
		r := row(i+2, fmt.Sprintf("lead%d@x.com", i), false)
		r.Lead.Attrs = map[string]string{}
		for c := range 12 {
			r.Lead.Attrs[fmt.Sprintf("Column %d", c)] = long
		}
		rows = append(rows, r)
	}
	importRows(t, s, t0, rows...)
	rs := testRules()
	rs.MQL = "score >= 0" // every inquiry qualifies
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}
	sub := s.Subscribe()
	defer sub.Close()
	var last int
	res, err := s.Rescore(ctx, mkt, func(done, total int) {
		if done <= last || total != 600 {
			t.Errorf("progress %d of %d after %d", done, total, last)
		}
		last = done
	})
	if err != nil || res.Changed != 600 || res.MQL != 600 || last != 600 {
		t.Fatalf("Rescore = %+v, %v (progress at %d); want 600 changed and MQLs", res, err, last)
	}
	var at []time.Time
	for len(sub.C) > 0 {
		it := <-sub.C
		at = append(at, it.Event.At)
	}
	if len(at) < 2 || !at[0].Equal(at[len(at)-1]) {
		t.Errorf("%d feed items at %v; want several batches stamped with the run's start", len(at), at)
	}
	checkInvariant(t, s)

	// The rules change after the first batch: the run stops and says so.
	rs.MQL = "score >= 1000"
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}
	rs.MQL = "score >= 999"
	changedOnce := false
	_, err = s.Rescore(ctx, mkt, func(int, int) {
		if !changedOnce {
			changedOnce = true
			if err := s.PutRules(ctx, mkt, rs); err != nil {
				t.Error(err)
			}
		}
	})
	if err == nil || !strings.Contains(err.Error(), "the scoring rules changed to version 4 while the rescore ran") {
		t.Errorf("a rules change in mid-run: %v", err)
	}
}
