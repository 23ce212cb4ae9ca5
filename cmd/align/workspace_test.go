package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/storage"
)

// TestWelcomeOnEmptyStore: an empty store gets the welcome screen's wiring, with an
// absolute data directory; loading the sample fills it; a second load is refused with
// a sentence; a store with leads opens without the welcome.
func TestWelcomeOnEmptyStore(t *testing.T) {
	dir := t.TempDir()
	s, err := storage.Open(storage.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	c := &cli{ctx: context.Background(), dataDir: dir, now: func() time.Time { return now }}
	w, err := c.welcome(s)
	if err != nil || w == nil {
		t.Fatalf("an empty store should open on the welcome screen: %v, %v", w, err)
	}
	if !filepath.IsAbs(w.DataDir) {
		t.Errorf("the welcome shows a relative data directory %q", w.DataDir)
	}
	if err := w.LoadSample(context.Background()); err != nil {
		t.Fatalf("loading the sample: %v", err)
	}
	if n, err := s.Count(model.QueueAll, ""); err != nil || n == 0 {
		t.Fatalf("the sample left %d leads (%v)", n, err)
	}
	err = w.LoadSample(context.Background())
	if !errors.Is(err, storage.ErrNotEmpty) {
		t.Fatalf("a second load should be refused as not empty, got %v", err)
	}
	if again, err := c.welcome(s); err != nil || again != nil {
		t.Fatalf("a store with leads opened on the welcome screen (%v)", err)
	}
}

// TestNoTerminalCreatesNothing: `align` without a terminal (in a script, a pipe)
// created an empty store in the data directory before it refused.
func TestNoTerminalCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	code, _, errOut := runAlign(t, dir, nil)
	if code != 1 || !strings.Contains(errOut, "needs a terminal") {
		t.Fatalf("exit %d, stderr %q; want 1 saying the workspace needs a terminal", code, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the data directory was created (%v)", err)
	}
}
