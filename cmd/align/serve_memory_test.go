package main

import (
	"sync/atomic"
	"testing"
	"time"
)

// testReleaser is a memReleaser with a fake allocation counter and release whose
// timers do nothing: the test calls check itself, one quiet window at a time.
func testReleaser(every time.Duration) (m *memReleaser, alloc *atomic.Uint64, released *atomic.Int32) {
	alloc, released = &atomic.Uint64{}, &atomic.Int32{}
	m = &memReleaser{every: every, quietFor: time.Hour, goSafe: func(string, func()) {},
		allocated: alloc.Load, release: func() { released.Add(1) }}
	return m, alloc, released
}

// TestMemReleaserWaitsForQuiet: while the program keeps allocating (sessions at work)
// nothing is released; after a quiet window one release runs, and not another within
// `every` however often sessions come and go.
func TestMemReleaserWaitsForQuiet(t *testing.T) {
	m, alloc, released := testReleaser(time.Hour)
	defer m.stop()
	m.schedule()
	for range 3 {
		alloc.Add(quietAlloc)
		m.check()
		if n := released.Load(); n != 0 {
			t.Fatalf("%d releases while the program was busy", n)
		}
	}
	alloc.Add(quietAlloc / 4)
	m.check()
	if n := released.Load(); n != 1 {
		t.Fatalf("%d releases after a quiet window, want 1", n)
	}
	for range 3 {
		m.schedule()
		m.check()
	}
	if n := released.Load(); n != 1 {
		t.Errorf("%d releases within `every`, want 1", n)
	}
}

// TestMemReleaserGivesUp: a server that never goes quiet stops checking after
// maxWaits windows and leaves collection to the runtime.
func TestMemReleaserGivesUp(t *testing.T) {
	m, alloc, released := testReleaser(time.Hour)
	defer m.stop()
	m.schedule()
	for range maxWaits + 1 {
		alloc.Add(quietAlloc)
		m.check()
	}
	m.mu.Lock()
	pending := m.pending != nil
	m.mu.Unlock()
	if pending || released.Load() != 0 {
		t.Errorf("still waiting (%v) or released (%d) after %d busy windows", pending, released.Load(), maxWaits+1)
	}
}

// TestMemReleaserStops: after stop, a scheduled check releases nothing.
func TestMemReleaserStops(t *testing.T) {
	m, _, released := testReleaser(time.Hour)
	m.schedule()
	m.stop()
	m.check()
	m.schedule()
	if n := released.Load(); n != 0 {
		t.Errorf("%d releases after stop", n)
	}
}

// TestMemReleaserSessionComesFirst: the check the server schedules at startup, well
// after loading, is brought forward when a session starts before it, and a later
// startup-length request does not push a sooner check back.
func TestMemReleaserSessionComesFirst(t *testing.T) {
	m, _, _ := testReleaser(time.Hour)
	defer m.stop()
	m.quietFor = time.Minute
	m.scheduleAfter(time.Hour)
	m.schedule()
	m.scheduleAfter(time.Hour)
	m.mu.Lock()
	due := time.Until(m.due)
	m.mu.Unlock()
	if due > time.Minute {
		t.Errorf("the next check is in %v, want within a minute", due)
	}
}
