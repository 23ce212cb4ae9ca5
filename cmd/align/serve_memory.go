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
// "Quiet" is measured, not guessed: the program allocated less than quietAlloc over
// the last quietFor. While sessions keep working the release waits, up to maxWaits
// checks, after which the collector's own pace is good enough.
type memReleaser struct {
	every     time.Duration
	quietFor  time.Duration
	goSafe    func(string, func())
	allocated func() uint64 // bytes allocated since the process started
	release   func()

	mu      sync.Mutex
	pending *time.Timer
	last    time.Time
	mark    uint64    // allocated at the start of the quiet window being checked
	due     time.Time // when the pending check runs
	waits   int
	stopped bool
}

// Quiet is less than quietAlloc allocated over quietFor: a hundred idle sessions
// allocate a few kilobytes a second, one person paging through a queue about 0.4
// MB a second, a hundred people doing so about 40 MB.
const (
	quietFor   = 500 * time.Millisecond
	quietAlloc = 512 << 10
	maxWaits   = 60
)

func newMemReleaser(every time.Duration, goSafe func(string, func())) *memReleaser {
	return &memReleaser{every: every, quietFor: quietFor, goSafe: goSafe, allocated: heapAllocated, release: debug.FreeOSMemory}
}

// heapAllocated is the runtime's count of bytes allocated so far.
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// schedule asks for a release once the server is quiet after a session started or
// ended, unless one is already due sooner.
func (m *memReleaser) schedule() { m.scheduleAfter(m.quietFor) }

// startupWait is how long after it starts the server first looks for a quiet moment.
// Loading a store makes Badger flush memtables, and its allocator pool gives the
// flushes' buffers back one every 2 s once idle (about 60 MB for the demo workspace),
// after the release before listening; without this they would stay resident until the
// first session's release, which would then count them as that session's savings.
const startupWait = 10 * time.Second

// scheduleAfter checks for a quiet moment after wait, unless a check is due sooner.
func (m *memReleaser) scheduleAfter(wait time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopped || (m.pending != nil && !m.due.After(time.Now().Add(wait))) {
		return
	}
	if m.pending != nil {
		m.pending.Stop()
	}
	m.waits = 0
	m.arm(wait)
}

// arm checks again after wait; m.mu is held.
func (m *memReleaser) arm(wait time.Duration) {
	m.mark, m.due = m.allocated(), time.Now().Add(wait)
	m.pending = time.AfterFunc(wait, func() { m.goSafe("free memory", m.check) })
}

// check releases when the window just past was quiet and `every` has passed since the
// last release; otherwise it waits another window, up to maxWaits.
func (m *memReleaser) check() {
	m.mu.Lock()
	if m.stopped {
		m.mu.Unlock()
		return
	}
	busy := m.allocated()-m.mark >= quietAlloc
	early := !m.last.IsZero() && time.Since(m.last) < m.every
	if busy || early {
		m.waits++
		if m.waits > maxWaits && busy {
			m.pending = nil
		} else {
			wait := m.quietFor
			if early {
				wait = max(wait, m.every-time.Since(m.last))
			}
			m.arm(wait)
		}
		m.mu.Unlock()
		return
	}
	m.mu.Unlock()
	m.release()
	m.mu.Lock()
	m.pending, m.last = nil, time.Now()
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
