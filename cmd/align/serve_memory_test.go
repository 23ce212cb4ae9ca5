package main

import (
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"
)

// testReleaser is a memReleaser with a fake allocation counter and release whose
// timers do nothing: the test calls check itself, one step at a time.
func testReleaser(every time.Duration) (m *memReleaser, alloc *atomic.Uint64, released *atomic.Int32) {
	alloc, released = &atomic.Uint64{}, &atomic.Int32{}
	m = &memReleaser{every: every, step: time.Hour, window: quietSteps, goSafe: func(string, func()) {},
		allocated: alloc.Load, release: func() { released.Add(1) }}
	return m, alloc, released
}

// TestMemReleaserWaitsForQuiet: while the program keeps allocating (sessions at work)
// nothing is released; once a whole stretch of steps is quiet one release runs, not
// sooner, and not another within `every` however often sessions come and go.
func TestMemReleaserWaitsForQuiet(t *testing.T) {
	m, alloc, released := testReleaser(time.Hour)
	defer m.stop()
	m.schedule()
	for range 3 {
		alloc.Add(quietAlloc)
		m.check()
	}
	for step := 1; step <= quietSteps; step++ {
		alloc.Add(quietAlloc / 8)
		m.check()
		if got, want := released.Load(), int32(0); step == quietSteps {
			want = 1
			if got != want {
				t.Fatalf("%d releases after a quiet stretch, want 1", got)
			}
		} else if got != want {
			t.Fatalf("released after %d quiet steps of %d", step, quietSteps)
		}
	}
	for range 3 {
		m.schedule()
		for range quietSteps {
			m.check()
		}
	}
	if n := released.Load(); n != 1 {
		t.Errorf("%d releases within `every`, want 1", n)
	}
}

// TestMemReleaserSessionRestartsStretch: a session starting or ending in the middle
// of a quiet stretch starts it again, so a release never lands just as sessions open.
func TestMemReleaserSessionRestartsStretch(t *testing.T) {
	m, _, released := testReleaser(time.Hour)
	defer m.stop()
	m.schedule()
	for range quietSteps - 1 {
		m.check()
	}
	m.schedule()
	m.check()
	if n := released.Load(); n != 0 {
		t.Fatalf("released %d times right after a session started", n)
	}
	for range quietSteps - 1 {
		m.check()
	}
	if n := released.Load(); n != 1 {
		t.Errorf("%d releases after a whole quiet stretch, want 1", n)
	}
}

// TestMemReleaserGivesUp: a server that never goes quiet stops looking after
// maxWaits steps and leaves collection to the runtime.
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
		t.Errorf("still looking (%v) or released (%d) after %d busy steps", pending, released.Load(), maxWaits+1)
	}
}

// TestMemReleaserStops: after stop, nothing is released.
func TestMemReleaserStops(t *testing.T) {
	m, _, released := testReleaser(time.Hour)
	m.schedule()
	m.stop()
	for range quietSteps + 1 {
		m.check()
	}
	m.schedule()
	if n := released.Load(); n != 0 {
		t.Errorf("%d releases after stop", n)
	}
}

// TestMemReleaserSessionComesFirst: the look the server schedules at startup, well
// after loading, is brought forward when a session starts before it, and a later
// startup-length request does not push a sooner look back.
func TestMemReleaserSessionComesFirst(t *testing.T) {
	m, _, _ := testReleaser(time.Hour)
	defer m.stop()
	m.step = time.Minute
	m.scheduleAfter(time.Hour)
	m.schedule()
	m.scheduleAfter(time.Hour)
	m.mu.Lock()
	due := time.Until(m.due)
	m.mu.Unlock()
	if due > time.Minute {
		t.Errorf("the next look is in %v, want within a minute", due)
	}
}

// TestTuneGC: serve sets its own collector pace unless GOGC chose one.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(70))
	if tuneGC(func(k string) string { return map[string]string{"GOGC": "70"}[k] }) || debug.SetGCPercent(70) != 70 {
		t.Error("GOGC=70 was overridden")
	}
	if !tuneGC(func(string) string { return "" }) || debug.SetGCPercent(70) != serveGCPercent {
		t.Errorf("without GOGC the pace is not %d", serveGCPercent)
	}
}
