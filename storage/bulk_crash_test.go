package storage

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"align/model"
)

// bulkCrashEnv makes TestBulkCrashChild the loader that TestBulkLoadSurvivesSIGKILL
// kills: "DIR:open" never finishes its load, "DIR:done" finishes it and waits.
const bulkCrashEnv = "ALIGN_STORAGE_BULK_CRASH"

// TestBulkLoadSurvivesSIGKILL kills a process in the middle of a bulk load, after
// Badger's tables of it are on disk, and once more after a load finished: the next
// Open rolls the first back to the store as it was and keeps the second whole.
func TestBulkLoadSurvivesSIGKILL(t *testing.T) {
	if os.Getenv(bulkCrashEnv) != "" {
		t.Skip("this is the child")
	}
	for _, mode := range []string{"open", "done"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			cmd, sc := startChild(t, "TestBulkCrashChild", bulkCrashEnv+"="+dir+":"+mode)
			for sc.Scan() && !strings.HasPrefix(sc.Text(), "ready") {
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			_ = cmd.Wait()

			s := openDir(t, dir)
			defer s.Close()
			if s.RolledBackImport() != (mode == "open") {
				t.Errorf("Open reports a rolled-back import: %v", s.RolledBackImport())
			}
			want := map[string]int{"open": 0, "done": 3000}[mode]
			if n, err := s.Count(model.QueueAll, ""); err != nil || n != want {
				t.Errorf("%d leads (%v) after the kill; want %d", n, err, want)
			}
			if ms, _ := s.Members(); len(ms) != 7 {
				t.Errorf("%d members after the kill; want the 7 seeded", len(ms))
			}
			checkInvariant(t, s)
			if _, err := os.Stat(dir + "/" + bulkMarkFile); !os.IsNotExist(err) {
				t.Errorf("the load's mark is still there: %v", err)
			}
		})
	}
}

// TestBulkCrashChild is the loading process of TestBulkLoadSurvivesSIGKILL; it does
// nothing in a normal run.
func TestBulkCrashChild(t *testing.T) {
	dir, mode, ok := strings.Cut(os.Getenv(bulkCrashEnv), ":")
	if !ok {
		t.Skip("run by TestBulkLoadSurvivesSIGKILL")
	}
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	seedTeam(t, s)
	s.Close()
	if s, err = Open(Options{Dir: dir, BulkImport: true}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	for i := range 3 {
		if _, err := s.Import(ctx, newRows(2+1000*i, 1000), opt); err != nil {
			t.Fatal(err)
		}
	}
	if mode == "done" {
		if _, err := s.FinishImport(ctx, opt); err != nil {
			t.Fatal(err)
		}
	} else {
		// What FinishImport does up to its last transaction: every table on disk.
		if err := opt.Session.bulk.complete(); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Println("ready")
	time.Sleep(time.Minute)
}
