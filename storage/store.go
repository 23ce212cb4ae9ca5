// Package storage keeps align's workspace in an embedded Badger store: leads with their
// queue indexes and counters, the append-only audit log, members and their keys, the
// workspace cards and settings, the change feed that screens subscribe to, and online
// backup and restore. Every change is one transaction that reads what it depends on,
// so Badger's conflict detection and the leads' versions keep concurrent edits honest.
// keys.go documents the key layout.
package storage

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"charm.land/log/v2"
	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"align/model"
)

// DefaultMinFreeBytes is the free space under which the store stops writing: Badger
// ends the process with SIGBUS on a full disk, so align stops well before.
const DefaultMinFreeBytes = 256 << 20

// maxConflictRetries bounds how often a transaction is retried after Badger reports a
// conflict; each retry reads the state again, so model rules decide the outcome.
const maxConflictRetries = 8

// Options configure Open.
type Options struct {
	// Dir is the data directory; ignored when InMemory.
	Dir string
	// InMemory keeps everything in memory, for `align demo` and tests.
	InMemory bool
	// Logger receives Badger's warnings and errors and the store's own; nil silences them.
	Logger *log.Logger
	// MinFreeBytes is the free disk space under which writes stop; 0 means DefaultMinFreeBytes.
	MinFreeBytes int64
	// Now is the clock for timestamps; nil means time.Now. Tests pass a fixed clock.
	Now func() time.Time
	// BulkImport opens the store for `align import`: values of bulkValueThreshold
	// bytes or more (every lead record) go to Badger's value log, written once,
	// instead of the LSM tree, whose memtable flushes and compactions would copy,
	// compress and buffer them again and again, and the tables it writes are not
	// compressed. A big import then takes about a third less CPU and a third of the
	// heap, at the cost of uncompressed records on disk. A store opened without it
	// reads those leads and tables as any other.
	//
	// A store that holds no lead yet is opened with the default options instead: its
	// first import is loaded in bulk (bulk.go), which writes each record once, into
	// compressed tables, and compacts nothing.
	BulkImport bool

	// loadInBulk is set by Open for a BulkImport store that holds no lead.
	loadInBulk bool
}

// bulkValueThreshold is the value threshold of a BulkImport store: above counters,
// index entries and history pointers (8 bytes or none), below any lead record.
const bulkValueThreshold = 256

// Store is an open workspace. It is safe for concurrent use.
type Store struct {
	db   *badger.DB
	opts Options
	log  *log.Logger
	now  func() time.Time
	disk *diskGuard
	// valueThreshold is Badger's: values this big go to the value log.
	valueThreshold int64

	// writeMu makes this process's writers take turns. Every change reads and bumps
	// the event sequence, so concurrent writers would conflict on it anyway; taking
	// turns means a long import batch is never thrown away for a one-line triage
	// change. Conflict retries (update) remain the guard that makes this safe.
	writeMu sync.Mutex

	cacheMu sync.RWMutex
	// compiled is the rule set compiled; scorer is the same linking leads only to the
	// workspace's personas, which imports and rescores use (setRules).
	compiled *model.Scorer
	scorer   *model.Scorer
	rules    model.RuleSet
	settings model.Settings

	// pageReq asks the page-out goroutine of a BulkImport store, started once, for a
	// run (import_pages_linux.go).
	pageOnce sync.Once
	pageReq  chan struct{}

	// bulk is the bulk load under way (bulk.go), which Close rolls back if nobody
	// finished it.
	bulkMu sync.Mutex
	bulk   *bulkLoad
	// rolledBack is set when Open rolled back a bulk load a process left unfinished.
	rolledBack bool

	feed *feedHub
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// badgerOptions are the small-machine options of reliability.md: about 140 MB
// resident for 100 MB of data instead of about 660 MB with Badger's defaults.
//
// Badger's value threshold stays at its default, so leads and events live in the
// LSM tree: a triage commit then dirties one file (the memtable's log) instead of
// two, which halved the median synced commit and cut its 99th percentile from
// several milliseconds to about one in BenchmarkTriage.
func badgerOptions(o Options) badger.Options {
	bo := badger.DefaultOptions(o.Dir)
	if o.InMemory {
		bo = badger.DefaultOptions("").WithInMemory(true)
	}
	bo = bo.WithSyncWrites(!o.InMemory).
		WithMemTableSize(16 << 20).
		WithNumMemtables(2).
		WithBlockCacheSize(16 << 20).
		WithIndexCacheSize(16 << 20).
		WithValueLogFileSize(64 << 20).
		WithNumCompactors(2).
		WithLogger(nil)
	if o.BulkImport && !o.InMemory && !o.loadInBulk {
		// The tables a bulk import builds hold keys and value pointers only, and
		// compressing them on every memtable flush and compaction cost about a fifth of
		// a million-row import's CPU and 32 MB of buffers; a later open compresses the
		// tables its compactions write. Every level-0 table spans the whole key range
		// (new emails land all over it), so each compaction into the base level rewrote
		// all of it: ten level-0 tables a compaction instead of five, a 64 MB base
		// level instead of 10 MB (one level fewer to rewrite at a million leads) and 8 MB
		// tables cut a million-row import's CPU by about a fifth. A later open with the
		// default options only compacts on.
		bo = bo.WithValueThreshold(bulkValueThreshold).WithCompression(options.None).
			WithNumLevelZeroTables(10).WithNumLevelZeroTablesStall(25).
			WithBaseLevelSize(64 << 20).WithBaseTableSize(8 << 20)
	}
	if o.loadInBulk {
		// A bulk load (bulk.go) writes records into the tables, compressed. Badger's
		// StreamWriter builds tables of the size of the last level (the base size
		// doubled per level: 64 MB here), and each table builder takes twice that from
		// the Go heap at once, which against the import's 192 MB heap limit ran the GC
		// back to back: one table size for every level, 4 MB, whose builders take 8 MB
		// (a stream of streamBytes fits one). Nothing goes through the memtable but the
		// load's last transaction, so it is 8 MB (the smallest whose transactions still
		// take a value of Badger's default threshold).
		bo = bo.WithBaseTableSize(4 << 20).WithMemTableSize(8 << 20)
		bo.TableSizeMultiplier = 1
	}
	if o.Logger != nil {
		bo = bo.WithLogger(badgerLogger{o.Logger}).WithLoggingLevel(badger.WARNING)
	}
	return bo
}

// Open opens (or creates) the store. Errors read as one sentence with the next step;
// ErrLocked, ErrReadOnly and ErrCorrupt can be tested with errors.Is.
func Open(opts Options) (*Store, error) {
	if !opts.InMemory && opts.Dir == "" {
		return nil, errors.New("align needs a data directory; pass --data DIR or set ALIGN_DATA")
	}
	if opts.MinFreeBytes == 0 {
		opts.MinFreeBytes = DefaultMinFreeBytes
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	db, err := openBadger(opts)
	if err != nil {
		return nil, err
	}
	s := &Store{
		db: db, opts: opts, log: opts.Logger, now: now,
		feed: newFeedHub(), done: make(chan struct{}),
		valueThreshold: db.Opts().ValueThreshold,
	}
	if !opts.InMemory {
		s.disk = newDiskGuard(opts.Dir, opts.MinFreeBytes)
	}
	err = s.recoverBulk()
	if err == nil {
		err = s.reopenForLoad()
	}
	if err != nil {
		_ = s.db.Close()
		return nil, err
	}
	if err := s.loadCaches(); err != nil {
		_ = s.db.Close()
		return nil, err
	}
	s.goSafe("feed reload", s.feedLoop)
	return s, nil
}

// openBadger opens Badger, turning its errors and panics into sentences: a damaged
// store can make Badger panic while it replays its files.
func openBadger(opts Options) (db *badger.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = openError(opts.Dir, fmt.Errorf("corrupt: badger panicked while opening: %v", r))
		}
	}()
	db, err = badger.Open(badgerOptions(opts))
	if err != nil {
		return nil, openError(opts.Dir, err)
	}
	return db, nil
}

// Close stops the change feed and closes Badger. It is safe to call twice.
func (s *Store) Close() error {
	var err error
	s.once.Do(func() {
		berr := s.abandonBulk()
		close(s.done)
		s.wg.Wait()
		s.feed.closeAll()
		err = errors.Join(berr, s.db.Close())
	})
	return err
}

// goSafe runs fn in a goroutine that the store waits for on Close and that logs
// instead of crashing the process when fn panics.
func (s *Store) goSafe(name string, fn func()) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() {
			if r := recover(); r != nil && s.log != nil {
				s.log.Error("Storage goroutine panicked", "goroutine", name, "panic", r)
			}
		}()
		fn()
	}()
}

// tx is one read-write transaction with what must happen after it commits: counter
// deltas written just before the commit, feed items and cache updates after it.
type tx struct {
	txn      *badger.Txn
	s        *Store
	now      time.Time
	counters map[string]int64
	feed     []model.FeedItem
	after    []func()
	// size and entries estimate the transaction's size as Badger counts it.
	size, entries int64
	// staged, when set, collects the writes instead of txn, which is nil: an import
	// part staged ahead of its transaction (import_ahead.go).
	staged *stagedWrites
}

// update runs fn in one read-write transaction and commits it: the single place where
// writes happen. It checks free disk space first, lets writers take turns, and
// retries a bounded number of times when Badger reports a conflict; fn must therefore
// read everything it depends on through t and keep no state between attempts.
func (s *Store) update(ctx context.Context, fn func(t *tx) error) error {
	return s.updateMode(ctx, false, fn)
}

// updateMode is update; dryRun runs fn and discards its writes.
func (s *Store) updateMode(ctx context.Context, dryRun bool, fn func(t *tx) error) error {
	if err := s.writable(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.updateLocked(ctx, dryRun, fn)
}

// updateLocked is updateMode for a caller that holds writeMu.
func (s *Store) updateLocked(ctx context.Context, dryRun bool, fn func(t *tx) error) error {
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		t := &tx{txn: s.db.NewTransaction(true), s: s, now: s.now().UTC()}
		err := fn(t)
		if err == nil {
			err = t.flushCounters()
		}
		if err == nil && !dryRun {
			err = t.txn.Commit()
		}
		t.txn.Discard()
		if errors.Is(err, badger.ErrConflict) && attempt < maxConflictRetries {
			continue
		}
		if err != nil {
			return commitError(err)
		}
		if dryRun {
			return nil
		}
		for _, f := range t.after {
			f()
		}
		if hook := commitHook(ctx); hook != nil {
			for _, item := range t.feed {
				hook(item)
			}
		}
		for _, item := range t.feed {
			s.feed.publish(item)
		}
		return nil
	}
}

// commitError leaves model and storage sentences alone and gives Badger's own
// failures a sentence.
func commitError(err error) error {
	switch {
	case errors.Is(err, badger.ErrConflict):
		return fmt.Errorf("align could not save the change because others kept changing the same data; try again: %w", err)
	case errors.Is(err, badger.ErrTxnTooBig):
		return fmt.Errorf("align could not save the change: it is too big for one write (a lead with very long imported columns?); leave such columns out of the import with --map 'COLUMN=-': %w", err)
	case errors.Is(err, badger.ErrDBClosed):
		return fmt.Errorf("align's store is closed; restart align and try again: %w", err)
	}
	return err
}

// view runs fn in a read-only transaction: one consistent snapshot.
func (s *Store) view(fn func(txn *badger.Txn) error) error {
	return s.db.View(fn)
}

// writable refuses writes when the disk is nearly full.
func (s *Store) writable() error {
	if s.disk == nil {
		return nil
	}
	return s.disk.check()
}

// badgerLogger sends Badger's warnings and errors to the charm logger.
type badgerLogger struct{ l *log.Logger }

func (b badgerLogger) Errorf(f string, a ...any)   { b.l.Errorf("Badger: "+f, a...) }
func (b badgerLogger) Warningf(f string, a ...any) { b.l.Warnf("Badger: "+f, a...) }
func (b badgerLogger) Infof(string, ...any)        {}
func (b badgerLogger) Debugf(string, ...any)       {}
