package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// Lead returns one lead; a missing one is an ErrNotFound sentence.
func (s *Store) Lead(id model.LeadID) (model.Lead, error) {
	var l model.Lead
	err := s.view(func(txn *badger.Txn) (err error) {
		l, err = getLead(txn, id)
		return err
	})
	return l, err
}

// LeadByEmail returns the lead with this email, compared case-insensitively.
func (s *Store) LeadByEmail(email string) (model.Lead, error) {
	var l model.Lead
	err := s.view(func(txn *badger.Txn) error {
		found, ok, err := leadByIndex(txn, emailKey(email))
		if err != nil {
			return err
		}
		if !ok {
			return notFound("No lead has the email %s.", model.NormalEmail(email))
		}
		l = found
		return nil
	})
	return l, err
}

// Page returns up to n leads of the queue in its order, starting just after the cursor
// (nil starts at the top). The queue index and the leads are read in one snapshot. The
// leads are rows (decodeRow): without breakdown, activity or imported columns.
func (s *Store) Page(q model.Queue, me string, after *Cursor, n int) ([]model.Lead, error) {
	return s.page(q, me, after, n, false)
}

// PageBefore returns the n leads just before the cursor (nil means the end of the
// queue), in queue order, so a screen can page up.
func (s *Store) PageBefore(q model.Queue, me string, before *Cursor, n int) ([]model.Lead, error) {
	return s.page(q, me, before, n, true)
}

func (s *Store) page(q model.Queue, me string, at *Cursor, n int, reverse bool) ([]model.Lead, error) {
	if err := checkQueue(q); err != nil {
		return nil, err
	}
	if n <= 0 || (q == model.QueueMine && me == "") {
		return nil, nil
	}
	out := make([]model.Lead, 0, min(n, 1024))
	err := s.view(func(txn *badger.Txn) error {
		if q == model.QueueAll {
			return pageAll(txn, at, n, reverse, &out)
		}
		return pageIndex(txn, queuePrefix(q, me), at, n, reverse, &out)
	})
	if reverse {
		slices.Reverse(out)
	}
	return out, err
}

// pageIndex walks a queue index from the cursor (exclusive) and reads each lead.
func pageIndex(txn *badger.Txn, prefix []byte, at *Cursor, n int, reverse bool, out *[]model.Lead) error {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, Reverse: reverse})
	defer it.Close()
	start := seekLast(prefix)
	if !reverse {
		start = prefix
	}
	var skip []byte
	if at != nil {
		start = queueEntryKey(prefix, *at)
		skip = start
	}
	raw := make([][]byte, 0, min(n, 1024))
	for it.Seek(start); it.ValidForPrefix(prefix) && len(raw) < n; it.Next() {
		key := it.Item().Key()
		if skip != nil && bytes.Equal(key, skip) {
			continue
		}
		id := cursorFromEntry(prefix, key).ID
		item, err := txn.Get(leadKey(id))
		if err != nil {
			return fmt.Errorf("read lead %s of the queue: %w", id, err)
		}
		b, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		raw = append(raw, b)
	}
	return decodeLeads(raw, out)
}

// decodeLeads decodes a page of leads as rows (decodeRow) on every core: decoding is
// most of what a page costs.
func decodeLeads(raw [][]byte, out *[]model.Lead) error {
	leads := make([]model.Lead, len(raw))
	err := parallel(len(raw), 16, func(i int) error { return decodeRow(raw[i], &leads[i]) })
	*out = append(*out, leads...)
	return err
}

// decodeRow decodes a lead's record as a queue row: without the score's breakdown,
// the activity and the imported columns, which no row shows and which are most of an
// imported lead's record (decoding them made the first page of the inbox at a million
// leads imported from a CRM-like file cost 2 ms, twice that of plain leads). Lead and
// the other reads of one lead decode it in full.
func decodeRow(b []byte, l *model.Lead) error {
	var r rowLead
	err := jsonUnmarshal(b, &r)
	*l = r.Lead
	return err
}

// rowLead is model.Lead with its heavy fields skipped: the outer fields take those
// names, so encoding/json hands their values to skipValue instead of decoding them.
type rowLead struct {
	model.Lead
	Breakdown skipValue `json:"breakdown"`
	Activity  skipValue `json:"activity"`
	Attrs     skipValue `json:"attrs"`
}

// skipValue takes a JSON value and keeps nothing of it.
type skipValue struct{}

func (*skipValue) UnmarshalJSON([]byte) error { return nil }

// pageAll walks the leads themselves: the "all" queue is every lead by ID.
func pageAll(txn *badger.Txn, at *Cursor, n int, reverse bool, out *[]model.Lead) error {
	opt := badger.IteratorOptions{Prefix: prefixLead, Reverse: reverse, PrefetchValues: true, PrefetchSize: min(n, 100)}
	it := txn.NewIterator(opt)
	defer it.Close()
	start := prefixLead
	if reverse {
		start = seekLast(prefixLead)
	}
	var skip []byte
	if at != nil {
		start = leadKey(at.ID)
		skip = start
	}
	for it.Seek(start); it.ValidForPrefix(prefixLead) && len(*out) < n; it.Next() {
		item := it.Item()
		if skip != nil && bytes.Equal(item.Key(), skip) {
			continue
		}
		var l model.Lead
		if err := item.Value(func(b []byte) error { return decodeRow(b, &l) }); err != nil {
			return fmt.Errorf("read lead %d: %w", binary.BigEndian.Uint64(item.Key()[len(prefixLead):]), err)
		}
		*out = append(*out, l)
	}
	return nil
}

// Count is the number of leads in the queue, read from a counter that every change
// keeps in the same transaction: O(1) at any size.
func (s *Store) Count(q model.Queue, me string) (int, error) {
	if err := checkQueue(q); err != nil {
		return 0, err
	}
	name := counterAll
	switch q {
	case model.QueueAll:
	case model.QueueMine:
		if me == "" {
			return 0, nil
		}
		name = "o" + me
	default:
		name = "q" + string(queueByte(q))
	}
	return s.counter(name)
}

func (s *Store) counter(name string) (int, error) {
	var n uint64
	err := s.view(func(txn *badger.Txn) (err error) {
		n, err = getUint(txn, counterKey(name))
		return err
	})
	return int(n), err
}

// Scan calls fn for every lead of the queue in its order, from one consistent
// snapshot (the lead list and export). It stops at fn's first error or when ctx ends.
func (s *Store) Scan(ctx context.Context, q model.Queue, me string, fn func(*model.Lead) error) error {
	if err := checkQueue(q); err != nil {
		return err
	}
	if q == model.QueueMine && me == "" {
		return nil
	}
	return s.view(func(txn *badger.Txn) error {
		prefix := queuePrefix(q, me)
		opt := badger.IteratorOptions{Prefix: prefix}
		if q == model.QueueAll {
			prefix = prefixLead
			opt = badger.IteratorOptions{Prefix: prefix, PrefetchValues: true, PrefetchSize: 100}
		}
		it := txn.NewIterator(opt)
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			if err := ctx.Err(); err != nil {
				return err
			}
			var l model.Lead
			var err error
			if q == model.QueueAll {
				err = it.Item().Value(func(b []byte) error { return jsonUnmarshal(b, &l) })
			} else {
				l, err = getLead(txn, cursorFromEntry(prefix, it.Item().Key()).ID)
			}
			if err != nil {
				return err
			}
			if err := fn(&l); err != nil {
				return err
			}
		}
		return nil
	})
}

// History returns the lead's audit events, oldest first, including the import batches
// that touched it. Its length equals the lead's Version.
func (s *Store) History(id model.LeadID) ([]model.Event, error) {
	var out []model.Event
	err := s.view(func(txn *badger.Txn) error {
		if _, err := getLead(txn, id); err != nil {
			return err
		}
		seqs, err := historySeqs(txn, id)
		if err != nil {
			return err
		}
		for _, seq := range seqs {
			ev, err := getEvent(txn, seq)
			if err != nil {
				return err
			}
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}

// Events returns up to n events of the team feed, newest first, older than the
// sequence number before (0 starts from the latest).
func (s *Store) Events(before uint64, n int) ([]model.Event, error) {
	if n <= 0 {
		return nil, nil
	}
	var out []model.Event
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefixEvent, Reverse: true, PrefetchValues: true, PrefetchSize: min(n, 100)})
		defer it.Close()
		start := seekLast(prefixEvent)
		if before > 0 {
			start = eventKey(before - 1)
		}
		for it.Seek(start); it.ValidForPrefix(prefixEvent) && len(out) < n; it.Next() {
			ev, err := readEvent(txn, it.Item())
			if err != nil {
				return err
			}
			out = append(out, ev)
		}
		return nil
	})
	return out, err
}

// checkQueue refuses an unknown queue with the list of real ones.
func checkQueue(q model.Queue) error {
	_, err := model.ParseQueue(string(q))
	return err
}

// CursorOf is the lead's position in the queue q (model.CursorOf), for paging.
func CursorOf(q model.Queue, l *model.Lead) Cursor { return model.CursorOf(q, l) }
