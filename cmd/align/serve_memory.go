package main

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// memReleaser collects garbage and hands memory back to the OS when the server has
// gone quiet after sessions started or ended, at most once per `every`.
//
// Opening a workspace session allocates a few megabytes that are garbage a moment
// later (the first pages of leads, the frames drawn while the terminal answers its
// queries), and a closed session leaves its screens behind. Left to its own pace, the
// collector would run in the middle of the next burst of keys, when a teammate waits
// for a frame, and the process would keep its peak resident size after a busy
// morning. Collecting when nothing happens moves that work out of everyone's way.
//
// "Quiet" is measured, not guessed: no session started or ended, and the program
// allocated less than quietAlloc, over the last quietSteps steps of quietStep (a
// sliding second). While sessions keep working the release waits, up to maxWaits
// steps, after which the collector's own pace is good enough.
type memReleaser struct {
	every  time.Duration
	step   time.Duration
	window int // steps in a quiet stretch
	goSafe func(string, func())
	// allocated is the bytes allocated since the process started; release collects
	// and hands memory back.
	allocated func() uint64
	release   func()

	mu      sync.Mutex
	pending *time.Timer
	due     time.Time // when the pending check runs
	last    time.Time // the last release
	marks   []uint64  // allocated at each step of the stretch being watched, oldest first
	waits   int
	stopped bool
}

// A hundred idle sessions allocate a few kilobytes a second, one person paging
// through a queue about 0.4 MB a second, a hundred people doing so about 40 MB, and
// one triage seen by a hundred screens about 4 MB.
const (
	quietStep  = 250 * time.Millisecond
	quietSteps = 4
	quietAlloc = 1 << 20
	maxWaits   = 240
)

// startupWait is how long after it starts the server first looks for a quiet moment.
// Loading a store makes Badger flush memtables, and its allocator pool gives the
// flushes' buffers back one every 2 s once idle (about 60 MB for the demo workspace),
// after the release before listening; without this they would stay resident until the
// first session's release, which would then count them as that session's savings.
const startupWait = 10 * time.Second

func newMemReleaser(every time.Duration, goSafe func(string, func())) *memReleaser {
	return &memReleaser{every: every, step: quietStep, window: quietSteps, goSafe: goSafe,
		allocated: heapAllocated, release: debug.FreeOSMemory}
}

// serveGCPercent is the collector's pace in `align serve` (GOGC=200): the heap may
// grow to three times what is live before a collection, not twice. A hundred sessions
// opening allocate about 460 MB, most of it garbage at once; at the default pace the
// collections that follow came during the first triage rounds, and at 50 sessions one
// round in ten then reached its screens about 60 ms late (fan-out p99 90-135 ms
// against about 50 ms). The quiet-time release (memReleaser) gives the headroom back
// when sessions pause, so the cost is a higher peak during bursts, not a bigger idle
// server.
const serveGCPercent = 200

// tuneGC sets serveGCPercent unless the operator chose a pace with GOGC, and says
// whether it did.
func tuneGC(getenv func(string) string) bool {
	if getenv("GOGC") != "" {
		return false
	}
	debug.SetGCPercent(serveGCPercent)
	return true
}

// heapAllocated is the runtime's count of bytes allocated so far.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// schedule notes that a session started or ended: the quiet stretch starts again,
// and a release follows once it has lasted.
func (m *memReleaser) schedule() { m.scheduleAfter(m.step) }

// scheduleAfter starts the quiet stretch again and looks at it after wait, unless a
// look is due sooner.
func (m *memReleaser) scheduleAfter(wait time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopped {
		return
	}
	m.marks, m.waits = append(m.marks[:0], m.allocated()), 0
	if m.pending != nil && !m.due.After(time.Now().Add(wait)) {
		return
	}
	if m.pending != nil {
		m.pending.Stop()
	}
	m.arm(wait)
}

// arm looks again after wait; m.mu is held.
func (m *memReleaser) arm(wait time.Duration) {
	m.due = time.Now().Add(wait)
	m.pending = time.AfterFunc(wait, func() { m.goSafe("free memory", m.check) })
}

// check adds a step to the stretch and releases when the stretch is quiet and
// `every` has passed since the last release; otherwise it looks again a step later.
func (m *memReleaser) check() {
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		return
	}
	m.marks = append(m.marks, m.allocated())
	if len(m.marks) > m.window+1 {
		m.marks = m.marks[1:]
	}
	quiet := len(m.marks) == m.window+1 && m.marks[m.window]-m.marks[0] < quietAlloc
	early := !m.last.IsZero() && time.Since(m.last) < m.every
	if !quiet || early {
		m.waits++
		switch {
		case !quiet && m.waits > maxWaits:
			m.pending = nil
		case early:
			m.arm(max(m.step, m.every-time.Since(m.last)))
		default:
			m.arm(m.step)
		}
		m.mu.Unlock()
		return
	}
	m.mu.Unlock()
	m.release()
	m.mu.Lock()
	m.pending, m.last, m.marks = nil, time.Now(), m.marks[:0]
	m.mu.Unlock()
}

func (m *memReleaser) stop() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.stopped = true
	if m.pending != nil {
		m.pending.Stop()
	}
}
