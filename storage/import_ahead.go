package storage

import (
	"context"
	"errors"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// An import's transaction cannot begin before the commit of the one before it ends
// (Badger's read timestamp waits for it), and that commit is Badger's single writer
// at work, so matching a batch's rows and building their keys ran while nothing else
// of the store's side did. StageImport runs the next batch's part ahead, beside that
// commit, on a tx that collects its writes instead of writing them, from what the
// batch before it will have left: the last lead ID, the event sequence and the
// session's filter of the keys the import wrote. Import then opens its transaction,
// reads the two sequences (so that Badger's conflict detection covers them) and, when
// the store is as the stage assumed and the filter still stands, replays the
// collected writes; otherwise it does the part as ever.
//
// A stage that would need anything else from the store (a key the filter may hold, a
// stored lead, the journey stages) gives up, so a staged part decides exactly what
// the part would: every change writes an event, so an unchanged event sequence means
// nobody else wrote.

// errStageRead ends a part staged ahead that needs to read the store.
var errStageRead = errors.New("an import part staged ahead needs to read the store")

// stagedWrites is what a staged part wrote, in order, and the two sequences it read.
type stagedWrites struct {
	known  map[string]uint64
	filter *keyFilter
	ops    []stagedOp
}

type stagedOp struct {
	e   *badger.Entry
	del bool
}

func (w *stagedWrites) set(e *badger.Entry) {
	if _, ok := w.known[string(e.Key)]; ok {
		w.known[string(e.Key)] = readBE8(e.Value)
	}
	w.ops = append(w.ops, stagedOp{e: e})
}

// read is a sequence the stage knows; any other key ends the stage.
func (w *stagedWrites) read(key []byte) (uint64, error) {
	if n, ok := w.known[string(key)]; ok {
		return n, nil
	}
	return 0, errStageRead
}

// aheadState is what Import and StageImport share within a session.
type aheadState struct {
	// mu is held by an Import part while it runs and by a stage: both use the filter.
	mu sync.Mutex
	// wake is closed (and replaced) when an Import call publishes or returns.
	wake chan struct{}
	// calls and returned count the Import calls begun and returned, stages the
	// StageImport calls; base is what the latest call's last part will leave, and
	// staged the part staged for the next call.
	calls, returned, stages int
	base                    aheadBase
	staged                  *stagedPart
	// replayed counts the parts Import replayed from a stage.
	replayed int
}

// aheadBase is the store as Import call `call` leaves it once its last part commits;
// set is false before any call published.
type aheadBase struct {
	set       bool
	call      int
	last, seq uint64
}

// stagedPart is a part staged for Import call `call` on the rows starting at first.
type stagedPart struct {
	call  int
	first *ImportRow
	n     int
	opt   ImportOptions
	base  aheadBase
	part  *importPart
	w     *stagedWrites
	feed  []model.FeedItem
	count map[string]int64
}

// StageImport stages the part of Import for rows ahead (see above), after
// PrepareImport, while the batch before commits: leadcsv calls it on the goroutine that
// prepares batches, in the order in which it then calls Import. It waits until the
// previous Import call has matched its rows (or returned, or ctx ends) and does
// nothing unless the session is a first import that keeps a filter. It must not run at
// the same time as Import on the same rows.
func (s *Store) StageImport(ctx context.Context, rows []ImportRow, opt ImportOptions) {
	ss := opt.Session
	if ss == nil || len(rows) == 0 {
		return
	}
	// Every batch counts, staged or not, so that the k-th stage waits for call k-1.
	a := &ss.ahead
	a.mu.Lock()
	k := a.stages
	a.stages++
	a.mu.Unlock()
	if opt.DryRun || opt.Now.IsZero() || !ss.speculating() || ss.streaming.Load() {
		return
	}
	// The role as Import settles it, since a row's triage depends on it (triageInRow).
	role, err := s.checkImporter(opt)
	if err != nil {
		return
	}
	opt.Role = role
	opt.Now = opt.Now.UTC()
	base, ok := ss.waitBase(ctx, k-1)
	if !ok {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if ss.filter == nil {
		return
	}
	w := &stagedWrites{known: map[string]uint64{string(keySeqLead): base.last, string(keySeqEvent): base.seq}, filter: ss.filter}
	t := &tx{s: s, now: s.now().UTC(), staged: w}
	p := newImportPart(ctx, t, opt, len(rows))
	if err := p.run(rows); err != nil {
		return
	}
	a.staged = &stagedPart{call: k, first: &rows[0], n: len(rows), opt: opt, base: base, part: p, w: w,
		feed: t.feed, count: t.counters}
}

// waitBase waits until Import call `call` has published what it leaves; ok is false
// when it returned without doing so, a later call published, or ctx ended.
func (ss *ImportSession) waitBase(ctx context.Context, call int) (aheadBase, bool) {
	a := &ss.ahead
	for {
		a.mu.Lock()
		base, returned, wake := a.base, a.returned, a.wakeChan()
		a.mu.Unlock()
		switch {
		case call < 0:
			return aheadBase{}, false
		case base.set && base.call == call && returned <= call+1:
			return base, true
		case returned > call || base.set && base.call > call:
			return aheadBase{}, false
		}
		select {
		case <-wake:
		case <-ctx.Done():
			return aheadBase{}, false
		}
	}
}

// wakeChan is the channel closed at the next change; a.mu is held.
func (a *aheadState) wakeChan() chan struct{} {
	if a.wake == nil {
		a.wake = make(chan struct{})
	}
	return a.wake
}

// wakeAll wakes the waiters; a.mu is held.
func (a *aheadState) wakeAll() {
	if a.wake != nil {
		close(a.wake)
		a.wake = nil
	}
}

// beginCall numbers an Import call of the session (-1 without a session).
func (ss *ImportSession) beginCall() int {
	if ss == nil {
		return -1
	}
	a := &ss.ahead
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls++
	return a.calls - 1
}

// endCall records that an Import call returned.
func (ss *ImportSession) endCall() {
	if ss == nil {
		return
	}
	a := &ss.ahead
	a.mu.Lock()
	defer a.mu.Unlock()
	a.returned++
	a.wakeAll()
}

// lockPart holds the session while an Import part runs; it returns the unlock.
func (ss *ImportSession) lockPart() func() {
	if ss == nil {
		return func() {}
	}
	ss.ahead.mu.Lock()
	return ss.ahead.mu.Unlock
}

// publishIfLast records what part p of Import call `call`, which began at row start
// of n, leaves once it commits, when it is the call's last part; ss.ahead.mu is held.
func (ss *ImportSession) publishIfLast(call int, p *importPart, start, n int) {
	if ss == nil || p.opt.DryRun || start+p.consumed < n {
		return
	}
	a := &ss.ahead
	a.base = aheadBase{set: true, call: call, last: p.nextID - 1, seq: p.seq}
	a.wakeAll()
}

// takeStaged is the part staged for Import call `call` on these rows with these
// options, if any; it is taken once. ss.ahead.mu is held.
func (ss *ImportSession) takeStaged(call int, rows []ImportRow, opt ImportOptions) *stagedPart {
	if ss == nil {
		return nil
	}
	sp := ss.ahead.staged
	if sp == nil || sp.call > call {
		return nil // staged for a later call
	}
	ss.ahead.staged = nil
	if sp.call != call || len(rows) != sp.n || &rows[0] != sp.first || !sameImport(sp.opt, opt) {
		return nil
	}
	return sp
}

func sameImport(a, b ImportOptions) bool {
	return a.Actor == b.Actor && a.Role == b.Role && a.Name == b.Name && a.DryRun == b.DryRun &&
		a.Now.Equal(b.Now) && a.Validated == b.Validated && a.Session == b.Session
}

// replay writes the staged part into t when the store and the session are as the
// stage assumed; ok is false (and t untouched) otherwise. The two sequences are read
// through t, so a writer that changes them before the commit makes it conflict.
func (sp *stagedPart) replay(t *tx, ss *ImportSession) (ok bool, err error) {
	last, err := getUint(t.txn, keySeqLead)
	if err != nil {
		return false, err
	}
	seq, err := getUint(t.txn, keySeqEvent)
	if err != nil {
		return false, err
	}
	if last != sp.base.last || seq != sp.base.seq || ss.seq != seq || ss.filter == nil || ss.filter != sp.w.filter ||
		sp.part.scorer != t.s.cachedScorer() || sp.part.sla != t.s.cachedSettings().SLA {
		return false, nil
	}
	for _, op := range sp.w.ops {
		if op.del {
			err = t.del(op.e.Key)
		} else {
			err = t.setEntry(op.e)
		}
		if err != nil {
			return false, err
		}
	}
	for name, d := range sp.count {
		t.count(name, d)
	}
	t.feed = append(t.feed, sp.feed...)
	sp.part.t = t
	ss.ahead.replayed++
	return true, nil
}

// setSeq records the event sequence the session's last committed part left.
func (ss *ImportSession) setSeq(seq uint64) {
	ss.ahead.mu.Lock()
	defer ss.ahead.mu.Unlock()
	ss.seq = seq
}
