package storage

import (
	"context"
	"fmt"
	"testing"
	"time"

	"align/model"
)

// TestBulkImportPagesOutInBackground: a bulk import asks for its files to be paged out
// after each part without waiting for it; requests never block, Close waits for the
// page-out goroutine, and the leads read back after reopening.
func TestBulkImportPagesOutInBackground(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir, BulkImport: true, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	opt := ImportOptions{Actor: "admin", Role: model.RoleAdmin, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	for b := range 3 {
		var rows []ImportRow
		for i := range 100 {
			rows = append(rows, row(i+2, fmt.Sprintf("l%d-%d@x.com", b, i), i%2 == 0))
		}
		if _, err := s.Import(context.Background(), rows, opt); err != nil {
			t.Fatal(err)
		}
	}
	for range 100 {
		s.pageOutSoon()
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.Count(model.QueueAll, ""); err != nil || n != 300 {
		t.Errorf("%d leads (%v), want 300", n, err)
	}
}
