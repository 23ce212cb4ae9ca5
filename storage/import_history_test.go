package storage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// TestImportedLeadHistory: the leads an import creates get no h/ key each but one i/
// range per part, and their history still starts with the import: History, Version
// and the name on a stale edit agree, before and after later changes, for the first,
// a middle and the last lead of the range, next to leads of other imports.
func TestImportedLeadHistory(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", false), row(3, "b@x.com", true), row(4, "c@x.com", false))
	if n := countKeys(t, s, prefixHistory); n != 0 {
		t.Errorf("%d h/ keys after creating 3 leads; the i/ range stands for them", n)
	}
	if n := countKeys(t, s, prefixCreated); n != 1 {
		t.Errorf("%d i/ keys, want 1", n)
	}
	// A second import updates b and creates d: b gets an h/ key, d a range of its own.
	importRows(t, s, t0.Add(time.Hour), row(5, "B@x.com", true), row(6, "d@x.com", false))
	want := map[model.LeadID]int{1: 1, 2: 2, 3: 1, 4: 1}
	for id, n := range want {
		h, err := s.History(id)
		if err != nil || len(h) != n || h[0].Kind != model.EventLeadImported {
			t.Errorf("lead %d: history %v (%v), want %d events starting with the import", id, h, err, n)
		}
	}
	checkInvariant(t, s)

	_, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActNote, Lead: 3, Note: "x", ExpectVersion: 9})
	var stale *model.StaleError
	if !errors.As(err, &stale) || stale.By != mkt.Name {
		t.Errorf("a stale edit of an imported lead: %v; want it to name %s, who imported it", err, mkt.Name)
	}
	if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActNote, Lead: 3, Note: "called"}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.History(3); len(h) != 2 || h[0].Kind != model.EventLeadImported || h[1].Actor != sdr.Name {
		t.Errorf("lead 3 after a note: %v", h)
	}
	checkInvariant(t, s)
}

func countKeys(t *testing.T, s *Store, prefix []byte) int {
	t.Helper()
	n := 0
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
