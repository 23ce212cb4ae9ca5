package storage

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// aheadBatches are the batches of a first import that StageImport must not get wrong:
// plain new leads and MQLs, an email twice in one batch, an invalid row, an email of
// an earlier batch (the filter says maybe: the stage gives up), a lead whose email a
// later row moves by its external ID (the stage deletes a key), a batch bigger than a
// chunk and a row that names a journey stage (the stage gives up).
func aheadBatches() [][]ImportRow {
	ext := func(r ImportRow, id string) ImportRow { r.Lead.ExternalID = id; return r }
	bad := row(4, "bad@x.com", false)
	bad.Lead.Name = "bad\xffname"
	var big []ImportRow
	for i := range importChunk + 10 {
		big = append(big, row(100+i, fmt.Sprintf("c%d@x.com", i), i%3 == 0))
	}
	big[3] = ext(big[3], "crm-3")
	big = append(big, ext(row(999, "moved@x.com", true), "crm-3")) // moves c3's email, next chunk
	journey := row(5, "j@x.com", false)
	journey.Lead.Journey = "Consideration"
	return [][]ImportRow{
		{row(2, "a@x.com", true), row(3, "b@x.com", false)},
		{row(2, "d@x.com", true), row(3, "e@x.com", false), row(4, "D@x.com", false), bad},
		{row(2, "f@x.com", false), row(3, "A@x.com", true)},
		big,
		{row(2, "g@x.com", false), journey},
		{row(2, "h@x.com", true), ext(row(3, "i@x.com", false), "crm-9")},
	}
}

// TestStagedImportSameAsUnstaged imports the same batches into two empty stores, one
// as leadcsv does (PrepareImport and StageImport of each batch while the one before
// is imported), and compares every key and value, which holds the leads, their
// indexes and counters, the events and the history.
func TestStagedImportSameAsUnstaged(t *testing.T) {
	plain, _ := newStore(t)
	staged, _ := newStore(t)
	optA := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0.Add(time.Hour), Session: &ImportSession{}}
	optB := optA
	optB.Session = &ImportSession{}
	batches := aheadBatches()
	rowsB := make([][]ImportRow, len(batches))
	for i, b := range batches {
		rowsB[i] = clone(b)
	}
	ctx := context.Background()
	stagedNext := make(chan struct{})
	go func() { // the preparing goroutine of leadcsv
		defer close(stagedNext)
		for _, rows := range rowsB {
			staged.PrepareImport(rows, optB)
			staged.StageImport(ctx, rows, optB)
			stagedNext <- struct{}{}
		}
	}()
	for i, b := range batches {
		<-stagedNext
		resA, errA := plain.Import(ctx, clone(b), optA)
		resB, errB := staged.Import(ctx, rowsB[i], optB)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		if fmt.Sprint(resA) != fmt.Sprint(resB) {
			t.Errorf("batch %d: unstaged %+v, staged %+v", i, resA, resB)
		}
	}
	if a, b := dump(t, plain), dump(t, staged); a != b {
		t.Errorf("the stores differ:\nunstaged %s\nstaged   %s", a, b)
	}
	// Batches 1, 3 (its first part) and 5 replay their stage; 0 has none, 2 and 4
	// needed the store.
	if n := optB.Session.ahead.replayed; n != 3 {
		t.Errorf("%d parts replayed, want 3", n)
	}
	checkInvariant(t, staged)
}

// TestStagedImportYieldsToAnotherWriter: a lead created by someone else between the
// stage and the import of a batch takes an email the stage thought free; the batch
// must update that lead, not replay the stage and give its email to a second lead.
func TestStagedImportYieldsToAnotherWriter(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	first := []ImportRow{row(2, "a@x.com", false)}
	s.StageImport(ctx, first, opt) // nothing to stage from: the session's first batch
	if _, err := s.Import(ctx, first, opt); err != nil {
		t.Fatal(err)
	}
	next := []ImportRow{row(3, "taken@x.com", false), row(4, "b@x.com", false)}
	s.PrepareImport(next, opt)
	s.StageImport(ctx, next, opt)
	if opt.Session.ahead.staged == nil {
		t.Fatal("the second batch was not staged")
	}
	// Another writer: an import of its own (no session) creates the lead.
	if _, err := s.Import(ctx, []ImportRow{row(9, "Taken@x.com", false)}, ImportOptions{Actor: mkt.Name, Name: "other.csv", Now: t0}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, next, opt)
	if err != nil || res.Imported != 1 || res.Updated != 1 {
		t.Fatalf("%+v %v; want 1 imported and taken@x.com updated", res, err)
	}
	if n := opt.Session.ahead.replayed; n != 0 {
		t.Errorf("%d parts replayed, want none", n)
	}
	if n, _ := s.Count(model.QueueAll, ""); n != 3 {
		t.Errorf("%d leads, want 3", n)
	}
	checkInvariant(t, s)
}

// TestStageAfterAnUnstagedBatch: a batch that is not staged (the one before it mostly
// updated leads) still counts, so the stage of the batch after it waits for the
// right Import call and is replayed; it was staged from the wrong call and dropped.
func TestStageAfterAnUnstagedBatch(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	batches := [][]ImportRow{
		{row(2, "a@x.com", false), row(3, "b@x.com", false)},
		{row(2, "A@x.com", true), row(3, "B@x.com", true), row(4, "c@x.com", false)}, // mostly updates
		{row(2, "d@x.com", false)},                                                   // not staged: the batch before mostly updated
		{row(2, "e@x.com", false), row(3, "f@x.com", false)},
	}
	for i, rows := range batches {
		s.PrepareImport(rows, opt)
		s.StageImport(ctx, rows, opt)
		if _, err := s.Import(ctx, rows, opt); err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
	}
	if n := opt.Session.ahead.replayed; n != 1 {
		t.Errorf("%d parts replayed, want 1 (the last batch)", n)
	}
	if n, _ := s.Count(model.QueueAll, ""); n != 6 {
		t.Errorf("%d leads, want 6", n)
	}
	checkInvariant(t, s)
}

// dump is every key and value of the store, in key order.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var out strings.Builder
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			fmt.Fprintf(&out, "%q=%q %d\n", it.Item().Key(), v, it.Item().UserMeta())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String()
}
