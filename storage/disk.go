package storage

import (
	"sync"
	"syscall"
	"time"
)

// diskCheckEvery is how long a free-space reading is trusted: checking on every
// write would cost a system call per keystroke, and a disk does not fill in a second.
const diskCheckEvery = time.Second

// diskGuard stops writes before the disk holding the data directory fills up: Badger
// dies with SIGBUS on a full disk, which nothing can recover from.
type diskGuard struct {
	dir string
	min int64
	// free reports the bytes available to this user; a field so tests can inject it.
	free func(dir string) (int64, error)

	mu      sync.Mutex
	checked time.Time
	err     error
}

func newDiskGuard(dir string, min int64) *diskGuard {
	return &diskGuard{dir: dir, min: min, free: statfsFree}
}

// check returns an ErrDiskFull sentence when free space is under the threshold,
// reading it at most once per diskCheckEvery.
func (g *diskGuard) check() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if now := time.Now(); g.checked.IsZero() || now.Sub(g.checked) >= diskCheckEvery {
		g.checked = now
		g.err = nil
		free, err := g.free(g.dir)
		if err == nil && free < g.min {
			g.err = sentence(ErrDiskFull, nil,
				"The disk holding %s has only %d MB free; align stopped writing to protect your data. Free some space, then try again.",
				g.dir, free>>20)
		}
	}
	return g.err
}

// statfsFree is the space available to unprivileged users on dir's file system.
func statfsFree(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}
