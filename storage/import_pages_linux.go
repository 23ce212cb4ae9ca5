//go:build linux

package storage

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// madvPageout is Linux's MADV_PAGEOUT (5.4 and later): reclaim these pages now. It is
// only advice: the contents of the memory never change, whatever is mapped there,
// so it is safe even if Badger remaps a file meanwhile. An older kernel refuses it
// and nothing happens.
const madvPageout = 21

// pageOutSoon has pageOutFiles run on the store's page-out goroutine, off the
// import's path (the walk of the mappings took about 2 ms a part); a request while it
// runs is folded into one more run.
func (s *Store) pageOutSoon() {
	if s.opts.InMemory || !s.opts.BulkImport {
		return
	}
	s.pageOnce.Do(func() {
		s.pageReq = make(chan struct{}, 1)
		s.goSafe("page out", func() {
			for {
				select {
				case <-s.done:
					return
				case <-s.pageReq:
					s.pageOutFiles()
				}
			}
		})
	})
	select {
	case s.pageReq <- struct{}{}:
	default:
	}
}

// pageOutFiles asks the kernel to reclaim the pages of the store's value-log and
// table files that this process has mapped. Badger writes every lead of a bulk import
// through a shared mapping of its value log, and every table through a mapping of
// its file, and keeps them mapped for reads, so without this each imported lead
// would stay resident (about 1 KB a lead, 1.2 GB for a million) although nothing
// reads it during the import. The kernel reclaims only clean pages (synced ones);
// a later read faults them back in from the file.
func (s *Store) pageOutFiles() {
	if s.opts.InMemory || !s.opts.BulkImport {
		return
	}
	dir, err := filepath.Abs(s.opts.Dir)
	if err != nil {
		return
	}
	if d, err := filepath.EvalSymlinks(dir); err == nil {
		dir = d
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || !pagedOut(fields[5]) || filepath.Dir(fields[5]) != dir {
			continue
		}
		lo, hi, ok := strings.Cut(fields[0], "-")
		if !ok {
			continue
		}
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(start), uintptr(end-start), madvPageout)
	}
}

// pagedOut reports whether a mapped file's pages are given back: the value log and
// the tables, not the memtables' logs (.mem), which are being written.
func pagedOut(path string) bool {
	return strings.HasSuffix(path, ".vlog") || strings.HasSuffix(path, ".sst")
}
