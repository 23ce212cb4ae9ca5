package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// A first import into a store that holds no leads yet (a workspace's whole CRM
// export, the one big import) is streamed into Badger's tables (a bulk load)
// instead of written through transactions: Badger's single writer, its memtables,
// their log and the compactions that rewrite every level-0 table cost about half of
// a million-row import's CPU, and the writer alone capped it near 35,000 rows a
// second. It needs `align import`'s store (Options.BulkImport) and a caller that
// ends the session with FinishImport (ImportOptions.Stream).
//
// Each batch runs as an import part on a tx that collects its writes (as a part
// staged ahead does, import_ahead.go), with the session's filter of the keys the
// import wrote (import_filter.go). A row whose email or external ID the filter may
// have seen (a duplicate in the file, or one key in about 100,000 that only looks
// like one) is kept back with its keys, so every later row that shares one is too;
// FinishImport imports the rows kept back the usual way once the load is in. Every
// other row creates a lead that no row before it touched, so the order of the rows
// that change the same lead is the file's.
//
// The load starts from an empty tree, the store's older keys kept aside (see
// beginBulk). A loader goroutine hands the lead records, which come in ID order,
// straight to Badger's StreamWriter and every other key (indexes, events, the older
// keys) to a sorter (bulk_sort.go) that merges them into the StreamWriter at the
// end. Counters and the two sequences are written last, in one transaction that
// also marks the load done. Until then a marker file in the data directory, which
// holds the older keys, says a load is under way, and the next Open rolls a load it
// finds unfinished back to them (bulk_mark.go): Badger adds each table to its
// manifest as soon as it is written.
//
// The load holds writeMu from its first batch to FinishImport: Badger takes no other
// write meanwhile, and the sequences must not move under it.

// maxKeptBack bounds the rows a load keeps back (about 2 KB each); past it the load
// ends at once and the rest of the file is imported the usual way.
var maxKeptBack = 20_000

type bulkLoad struct {
	s       *Store
	sw      *badger.StreamWriter
	version uint64
	mark    bulkMark
	filter  *keyFilter
	stages  []model.JourneyStage

	// What the parts left: the last lead ID and event sequence, counter deltas and the
	// rows kept back. Only the Import calls touch them, one at a time.
	lastLead, lastSeq uint64
	counters          map[string]int64
	keptBack          []ImportRow
	// loaded counts the rows the parts imported, as their results said: a load rolled
	// back takes them off again.
	loaded ImportResult

	// The loader's side.
	ids     atomic.Uint32
	leads   *streamOut
	sorter  *bulkSorter
	lastKey []byte
	parts   chan []stagedOp
	done    chan struct{}
	errMu   sync.Mutex
	err     error
	// flushed is set once StreamWriter.Flush was called: a rollback then needs no
	// Cancel.
	flushed bool
}

// leadPrefixes are the keys that exist only because of leads: a store with none of
// them holds no lead.
var leadPrefixes = [][]byte{prefixLead, prefixEmail, prefixExternal, prefixQueue, prefixOwner, prefixPersona,
	prefixCampaign, prefixJourney, prefixWon, prefixHistory, prefixCreated, prefixUndo}

// bulkFor is the session's bulk load, begun by its first Import call when the store
// may take one; nil when the import goes the usual way.
func (s *Store) bulkFor(opt ImportOptions) (*bulkLoad, error) {
	ss := opt.Session
	if ss == nil {
		return nil, nil
	}
	if ss.bulk != nil || ss.bulkTried {
		return ss.bulk, nil
	}
	ss.bulkTried = true
	if opt.DryRun || !opt.Stream || !s.opts.loadInBulk {
		return nil, nil
	}
	if err := s.writable(); err != nil {
		return nil, err
	}
	s.writeMu.Lock()
	b, err := s.beginBulk()
	if b == nil {
		s.writeMu.Unlock()
		return nil, err
	}
	ss.bulk = b
	ss.streaming.Store(true)
	s.bulkMu.Lock()
	s.bulk = b
	s.bulkMu.Unlock()
	return b, nil
}

// beginBulk starts a load when the store holds no lead; nil (and no error) when it
// holds some, or more than maxKept of other data.
//
// Badger's StreamWriter writes one level above the highest that holds tables, so a
// load next to the workspace's few older tables landed in level 5 above an empty
// level 6, and Badger, rightly, then rewrote all of it into level 6 (6 s of a
// million-row import that followed `align user add`). The load therefore starts from
// an empty tree: the store's older keys are kept in the mark (bulk_mark.go), the
// tree is dropped, and they are streamed back with the load's own keys. A load that
// does not finish is rolled back to them.
func (s *Store) beginBulk() (*bulkLoad, error) {
	ok, base, err := s.bulkBase()
	if err != nil || !ok {
		return nil, err
	}
	kept, ok, err := s.keptKeys()
	if err != nil || !ok {
		return nil, err
	}
	b := &bulkLoad{s: s, filter: newKeyFilter(), counters: map[string]int64{}, parts: make(chan []stagedOp, 1), done: make(chan struct{}),
		version: base.readTs + 1, lastSeq: base.seq, stages: base.stages}
	if b.mark, err = writeBulkMark(s.opts.Dir, kept); err != nil {
		return nil, err
	}
	b.sw = s.db.NewStreamWriter()
	if err := b.sw.Prepare(); err != nil {
		b.sw.Cancel()
		return nil, errors.Join(err, s.restoreKept(b.mark))
	}
	b.leads = b.newOut()
	b.sorter = newBulkSorter(s.opts.Dir, bulkRunBytes)
	for _, kv := range kept {
		if err := b.sorter.add(kv.Key, kv.Value, kv.Meta); err != nil {
			b.sw.Cancel()
			return nil, errors.Join(err, s.restoreKept(b.mark))
		}
	}
	go b.load()
	return b, nil
}

// maxKept bounds the older keys a load keeps in its mark: a store without leads holds
// members, rules, cards and their events, a few kilobytes to a few megabytes.
const maxKept = 64 << 20

// keptKeys reads every key of the store; ok is false past maxKept bytes.
func (s *Store) keptKeys() (kept []keptKV, ok bool, err error) {
	size := 0
	err = s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			kept = append(kept, keptKV{Key: item.KeyCopy(nil), Value: v, Meta: item.UserMeta()})
			if size += len(v) + len(item.Key()); size > maxKept {
				return nil
			}
		}
		ok = true
		return nil
	})
	return kept, ok && err == nil, err
}

// bulkState is what a load starts from.
type bulkState struct {
	readTs, seq uint64
	stages      []model.JourneyStage
}

// bulkBase reports whether the store holds no lead, and what a load starts from.
func (s *Store) bulkBase() (ok bool, st bulkState, err error) {
	err = s.view(func(txn *badger.Txn) error {
		for _, p := range leadPrefixes {
			if hasPrefix(txn, p) {
				return nil
			}
		}
		if last, err := getUint(txn, keySeqLead); err != nil || last != 0 {
			return err
		}
		if st.seq, err = getUint(txn, keySeqEvent); err != nil {
			return err
		}
		if st.stages, err = journeyStages(&tx{txn: txn, s: s}); err != nil {
			return err
		}
		st.readTs, ok = txn.ReadTs(), true
		return nil
	})
	return ok, st, err
}

func hasPrefix(txn *badger.Txn, p []byte) bool {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: false})
	defer it.Close()
	it.Seek(p)
	return it.ValidForPrefix(p)
}

// importBulk is Import for a session with a bulk load.
func (s *Store) importBulk(ctx context.Context, call int, b *bulkLoad, rows []ImportRow, opt ImportOptions) (ImportResult, error) {
	var res ImportResult
	for start := 0; start < len(rows); {
		if err := b.loadErr(); err != nil {
			return res, fmt.Errorf("import stopped before line %d: %w", rows[start].Line, err)
		}
		if err := s.writable(); err != nil {
			return res, err
		}
		w := &stagedWrites{known: map[string]uint64{string(keySeqLead): b.lastLead, string(keySeqEvent): b.lastSeq}, filter: b.filter}
		t := &tx{s: s, now: s.now().UTC(), staged: w}
		p := newImportPart(ctx, t, opt, len(rows)-start)
		// No transaction to fit: a part takes the whole batch.
		p.bulk, p.stages, p.maxSz, p.maxN = b, b.stages, math.MaxInt64, math.MaxInt64
		if err := p.run(rows[start:]); err != nil {
			return res, fmt.Errorf("import stopped before line %d: %w", rows[start].Line, err)
		}
		b.lastLead, b.lastSeq = w.known[string(keySeqLead)], w.known[string(keySeqEvent)]
		for name, d := range t.counters {
			b.counters[name] += d
		}
		select {
		case b.parts <- w.ops:
		case <-b.done: // the loader failed: its error ends the next part
		}
		res.add(p.res)
		b.loaded.Imported += p.res.Imported
		b.loaded.MQL += p.res.MQL
		start += p.consumed
	}
	if len(b.keptBack) > maxKeptBack {
		more, err := s.finishLoad(ctx, call, opt)
		res.add(more)
		return res, err
	}
	return res, nil
}

// keepBack keeps a row back for FinishImport when the filter may have seen one of
// its keys, and then marks them all as seen; it reports whether it did.
func (b *bulkLoad) keepBack(r *ImportRow, keys ...string) bool {
	seen := false
	for _, k := range keys {
		seen = seen || k != "" && b.filter.mayHave(k)
	}
	if !seen {
		return false
	}
	for _, k := range keys {
		if k != "" {
			b.filter.add(k)
		}
	}
	// Without what PrepareImport worked out, which would keep its whole batch's
	// memory alive: the row is worked out again when it is imported.
	kept := *r
	kept.spec = nil
	b.keptBack = append(b.keptBack, kept)
	return true
}

// FinishImport ends an import session whose options said Stream: when the session
// loaded the store in bulk, it writes the keys still sorting and the counters, and
// imports the rows it kept back (their result counts them; Deferred takes them off
// again). A load that cannot be completed is rolled back, and the result then takes
// off what the earlier results counted as imported. It is a no-op for a session
// without a load, and must be called, even after an error, by whoever passes
// Stream: until then the store takes no other write.
func (s *Store) FinishImport(ctx context.Context, opt ImportOptions) (ImportResult, error) {
	ss := opt.Session
	if ss == nil || ss.bulk == nil {
		return ImportResult{}, nil
	}
	call := ss.beginCall()
	defer ss.endCall()
	return s.finishLoad(ctx, call, opt)
}

// finishLoad is FinishImport within the session's Import call number call.
func (s *Store) finishLoad(ctx context.Context, call int, opt ImportOptions) (ImportResult, error) {
	ss := opt.Session
	b := ss.bulk
	ss.bulk = nil
	ss.streaming.Store(false)
	if err := b.finish(); err != nil {
		return ImportResult{Imported: -b.loaded.Imported, MQL: -b.loaded.MQL, Deferred: -len(b.keptBack)}, err
	}
	// The rest of the session is a first import whose filter holds every key written;
	// StageImport reads these under the session's lock.
	ss.ahead.mu.Lock()
	ss.began, ss.filter, ss.seq, ss.loaded = true, b.filter, b.lastSeq, true
	ss.ahead.mu.Unlock()
	if len(b.keptBack) == 0 {
		return ImportResult{}, nil
	}
	if err := ctx.Err(); err != nil {
		return ImportResult{}, err
	}
	res, err := s.importCall(ctx, call, b.keptBack, opt)
	res.Deferred -= len(b.keptBack)
	return res, err
}

// load is the loader goroutine: it streams each part's lead records and sorts the
// rest, until parts is closed.
func (b *bulkLoad) load() {
	defer close(b.done)
	for ops := range b.parts {
		if b.loadErr() != nil {
			continue
		}
		if err := b.write(ops); err != nil {
			b.setErr(err)
		}
	}
}

// newOut is a streamOut of the load's.
func (b *bulkLoad) newOut() *streamOut {
	return newStreamOut(b.sw, b.version, &b.ids, b.s.valueThreshold, b.s.pageOutSoon)
}

func (b *bulkLoad) write(ops []stagedOp) error {
	for _, op := range ops {
		k := op.e.Key
		var err error
		switch {
		case op.del:
			return fmt.Errorf("an import part deleted %q during a bulk load; this is a bug, please report it", k)
		case bytes.Equal(k, keySeqLead) || bytes.Equal(k, keySeqEvent):
			continue // written at the end
		case bytes.HasPrefix(k, prefixLead):
			if bytes.Compare(k, b.lastKey) <= 0 {
				return fmt.Errorf("lead records out of order in a bulk load (%x after %x); this is a bug, please report it", k, b.lastKey)
			}
			b.lastKey = append(b.lastKey[:0], k...)
			err = b.leads.add(k, op.e.Value, op.e.UserMeta)
		default:
			err = b.sorter.add(k, op.e.Value, op.e.UserMeta)
		}
		if err != nil {
			return err
		}
	}
	return b.leads.flush()
}

func (b *bulkLoad) setErr(err error) {
	b.errMu.Lock()
	defer b.errMu.Unlock()
	if b.err == nil {
		b.err = err
	}
}

func (b *bulkLoad) loadErr() error {
	b.errMu.Lock()
	defer b.errMu.Unlock()
	return b.err
}

// finish writes what is left, makes the load durable and marks it done, or rolls it
// back; either way the store takes writes again.
func (b *bulkLoad) finish() error {
	s := b.s
	defer func() {
		s.bulkMu.Lock()
		s.bulk = nil
		s.bulkMu.Unlock()
		s.writeMu.Unlock()
	}()
	err := b.complete()
	if err == nil {
		err = s.updateLocked(context.Background(), false, b.commit)
	}
	if err != nil {
		return errors.Join(fmt.Errorf("the import could not be stored, so none of it was kept: %w", err), b.rollBack())
	}
	return removeBulkMark(s.opts.Dir)
}

// complete waits for the loader, streams the sorted keys and flushes the
// StreamWriter: every key of the load is then in Badger's tables.
func (b *bulkLoad) complete() error {
	close(b.parts)
	<-b.done
	err := b.loadErr()
	if err == nil {
		err = b.leads.close()
	}
	if err == nil {
		err = b.sorter.merge(b.newOut)
	}
	if err == nil {
		err = b.flush()
	}
	return err
}

// commit is the load's last transaction: the counters, the sequences and the mark
// that says the load is done.
func (b *bulkLoad) commit(t *tx) error {
	for name, d := range b.counters {
		t.count(name, d)
	}
	if b.lastLead != 0 {
		if err := t.set(keySeqLead, be8(b.lastLead)); err != nil {
			return err
		}
	}
	if err := t.set(keySeqEvent, be8(b.lastSeq)); err != nil {
		return err
	}
	t.feed = append(t.feed, model.FeedItem{Reload: true})
	return t.set(keyBulkDone, []byte(b.mark.Token))
}

// flush ends Badger's StreamWriter: its tables are in, and the transactions after it
// see them.
func (b *bulkLoad) flush() error {
	b.flushed = true
	return b.sw.Flush()
}

// rollBack drops what the load wrote and writes the store's older keys back.
func (b *bulkLoad) rollBack() error {
	b.sorter.close()
	if !b.flushed {
		b.sw.Cancel()
	}
	return b.s.restoreKept(b.mark)
}

// abandonBulk rolls back a load that nobody finished, when the store closes. Like
// every other call, Import and FinishImport must have returned before Close is called.
func (s *Store) abandonBulk() error {
	s.bulkMu.Lock()
	b := s.bulk
	s.bulk = nil
	s.bulkMu.Unlock()
	if b == nil {
		return nil
	}
	defer s.writeMu.Unlock()
	close(b.parts)
	<-b.done
	return b.rollBack()
}

// reopenForLoad opens a BulkImport store that holds no lead again with the options of
// a bulk load (Options.BulkImport).
func (s *Store) reopenForLoad() error {
	if !s.opts.BulkImport || s.opts.InMemory {
		return nil
	}
	if ok, _, err := s.bulkBase(); err != nil || !ok {
		return err
	}
	if err := s.db.Close(); err != nil {
		return err
	}
	s.opts.loadInBulk = true
	db, err := openBadger(s.opts)
	if err != nil {
		return err
	}
	s.db, s.valueThreshold = db, db.Opts().ValueThreshold
	return nil
}
