package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
	gojson "github.com/goccy/go-json"

	"align/model"
)

// getJSON reads the JSON record under key into v; found is false when there is none.
func getJSON(txn *badger.Txn, key []byte, v any) (found bool, err error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, item.Value(func(b []byte) error { return jsonUnmarshal(b, v) })
}

// putJSON writes v as JSON under key.
func putJSON(txn *badger.Txn, key []byte, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return txn.Set(key, b)
}

// getUint reads an 8-byte number (a counter, a sequence or an index's lead ID); a
// missing key reads as 0.
func getUint(txn *badger.Txn, key []byte) (uint64, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n uint64
	err = item.Value(func(b []byte) error { n = readBE8(b); return nil })
	return n, err
}

// getLead reads one lead; a missing lead is an ErrNotFound sentence.
func getLead(txn *badger.Txn, id model.LeadID) (model.Lead, error) {
	var l model.Lead
	found, err := getJSON(txn, leadKey(id), &l)
	if err != nil {
		return l, fmt.Errorf("read lead %s: %w", id, err)
	}
	if !found {
		return l, notFound("There is no lead %s; check the ID with `align lead list`.", id)
	}
	return l, nil
}

// getEvent reads one audit event.
func getEvent(txn *badger.Txn, seq uint64) (model.Event, error) {
	item, err := txn.Get(eventKey(seq))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return model.Event{}, notFound("There is no event %d in the audit log.", seq)
	}
	if err != nil {
		return model.Event{}, fmt.Errorf("read event %d: %w", seq, err)
	}
	return readEvent(txn, item)
}

// metaBatch marks an event whose lead IDs are kept apart under b/<seq>: an import
// event names thousands of leads, and a lead's history should not decode them all as
// JSON numbers each time it is shown.
const metaBatch byte = 1

// encodeEvent is the event's record and, for a batch event, its packed lead IDs.
func encodeEvent(ev *model.Event) (entry *badger.Entry, batch *badger.Entry, err error) {
	rec := *ev
	if len(ev.Leads) > 0 {
		packed := make([]byte, 0, 8*len(ev.Leads))
		for _, id := range ev.Leads {
			packed = binary.BigEndian.AppendUint64(packed, uint64(id))
		}
		batch = badger.NewEntry(batchKey(ev.Seq), packed)
		rec.Leads = nil
	}
	b, err := json.Marshal(&rec)
	if err != nil {
		return nil, nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
	}
	entry = badger.NewEntry(eventKey(ev.Seq), b)
	if batch != nil {
		entry = entry.WithMeta(metaBatch)
	}
	return entry, batch, nil
}

// readEvent decodes an event record, with its batch lead IDs when it has them.
func readEvent(txn *badger.Txn, item *badger.Item) (model.Event, error) {
	var ev model.Event
	if err := item.Value(func(b []byte) error { return jsonUnmarshal(b, &ev) }); err != nil {
		return ev, fmt.Errorf("read event %d: %w", readBE8(item.Key()), err)
	}
	if item.UserMeta()&metaBatch == 0 {
		return ev, nil
	}
	b, err := txn.Get(batchKey(ev.Seq))
	if err != nil {
		return ev, fmt.Errorf("read the leads of event %d: %w", ev.Seq, err)
	}
	err = b.Value(func(p []byte) error {
		ev.Leads = make([]model.LeadID, len(p)/8)
		for i := range ev.Leads {
			ev.Leads[i] = model.LeadID(binary.BigEndian.Uint64(p[8*i:]))
		}
		return nil
	})
	return ev, err
}

// nextSeq bumps a sequence inside the transaction and returns the new value.
func (t *tx) nextSeq(key []byte) (uint64, error) {
	n, err := t.uint(key)
	if err != nil {
		return 0, err
	}
	n++
	return n, t.set(key, be8(n))
}

// count adds delta to a counter when the transaction commits.
func (t *tx) count(name string, delta int64) {
	if delta == 0 {
		return
	}
	if t.counters == nil {
		t.counters = make(map[string]int64)
	}
	t.counters[name] += delta
}

// flushCounters writes the counter deltas gathered by count: one read and one write
// per counter per transaction, however many leads it touched.
func (t *tx) flushCounters() error {
	for name, d := range t.counters {
		if d == 0 {
			continue
		}
		k := counterKey(name)
		n, err := getUint(t.txn, k)
		if err != nil {
			return err
		}
		v := int64(n) + d
		if v <= 0 {
			if err := t.del(k); err != nil {
				return err
			}
			continue
		}
		if err := t.set(k, be8(uint64(v))); err != nil {
			return err
		}
	}
	return nil
}

// addEvent assigns the event its sequence number and writes it with one history
// pointer per lead it touched (ev.Lead and ev.Leads).
func (t *tx) addEvent(ev *model.Event) error {
	return t.addEventExcept(ev, func(model.LeadID) bool { return false })
}

// addEventExcept is addEvent without the history pointers of the leads that skip
// reports (an import's new leads, whose history starts at an i/ range instead).
func (t *tx) addEventExcept(ev *model.Event, skip func(model.LeadID) bool) error {
	seq, err := t.nextSeq(keySeqEvent)
	if err != nil {
		return err
	}
	ev.Seq = seq
	if ev.At.IsZero() {
		ev.At = t.now
	}
	rec, batch, err := encodeEvent(ev)
	if err != nil {
		return err
	}
	if err := t.setEntry(rec); err != nil {
		return err
	}
	if batch != nil {
		if err := t.setEntry(batch); err != nil {
			return err
		}
	}
	if ev.Lead != 0 && !skip(ev.Lead) {
		if err := t.set(historyKey(ev.Lead, seq), nil); err != nil {
			return err
		}
	}
	for _, id := range ev.Leads {
		if id == ev.Lead || skip(id) {
			continue
		}
		if err := t.set(historyKey(id, seq), nil); err != nil {
			return err
		}
	}
	return nil
}

// set writes a key in the transaction, keeping the estimate of its size that Import
// uses to end a part before Badger refuses it as too big.
func (t *tx) set(key, value []byte) error {
	if t.staged != nil {
		return t.setEntry(badger.NewEntry(key, value))
	}
	t.add(key, value)
	return t.txn.Set(key, value)
}

func (t *tx) setEntry(e *badger.Entry) error {
	t.add(e.Key, e.Value)
	if t.staged != nil {
		t.staged.set(e)
		return nil
	}
	return t.txn.SetEntry(e)
}

// uint reads a number as getUint does, or as a part staged ahead knows it.
func (t *tx) uint(key []byte) (uint64, error) {
	if t.staged != nil {
		return t.staged.read(key)
	}
	return getUint(t.txn, key)
}

// add counts an entry as Badger does: a value at or over the value threshold goes to
// the value log and costs only a pointer in the transaction.
func (t *tx) add(key, value []byte) {
	v := int64(len(value))
	if v >= t.s.valueThreshold {
		v = 12
	}
	t.size += int64(len(key)) + v + entryOverhead
	t.entries++
}

// del deletes a key in the transaction, counted like set.
func (t *tx) del(key []byte) error {
	t.size += int64(len(key)) + entryOverhead
	t.entries++
	if t.staged != nil {
		t.staged.ops = append(t.staged.ops, stagedOp{e: &badger.Entry{Key: key}, del: true})
		return nil
	}
	return t.txn.Delete(key)
}

// entryOverhead is what Badger adds to each entry of a transaction when it checks
// its size (meta bytes and the key's version).
const entryOverhead = 12

// jsonUnmarshal decodes a stored JSON record: every read of the store goes through it.
// It is github.com/goccy/go-json, a drop-in for encoding/json's Unmarshal that decodes
// a lead's 1.5 KB record in 9 µs instead of 40 (5 µs instead of 22 as a queue row,
// BenchmarkDecodeLead), which is most of what a page of the inbox costs. Records are
// written by encoding/json and encodeLead, and TestDecodersAgree holds the two
// decoders to the same result.
func jsonUnmarshal(b []byte, v any) error { return gojson.Unmarshal(b, v) }
