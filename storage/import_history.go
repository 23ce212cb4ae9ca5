package storage

import (
	"encoding/binary"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// An import part creates its new leads with consecutive IDs, so instead of one h/
// key per new lead it writes one i/ key for the whole range: i/<last ID 8> holds
// <first ID 8><event seq 8>. A lead's history is then the i/ range that created it,
// if an import did, followed by its h/ keys; its Version counts both. A million
// imported leads cost a million keys fewer, each a memtable insert in Badger's
// single writer.

// createdKey is the i/ key of the range of leads first..last created by one event.
func createdKey(last model.LeadID) []byte { return cat(prefixCreated, be8(uint64(last))) }

// putCreated records that event seq created the leads first..last.
func (t *tx) putCreated(first, last model.LeadID, seq uint64) error {
	v := binary.BigEndian.AppendUint64(be8(uint64(first)), seq)
	return t.set(createdKey(last), v)
}

// createdBy is the sequence number of the import event that created the lead, 0 when
// no import did (an i/ range holds it) or the lead was created another way.
func createdBy(txn *badger.Txn, id model.LeadID) (uint64, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefixCreated, PrefetchValues: false})
	defer it.Close()
	it.Seek(createdKey(id))
	if !it.ValidForPrefix(prefixCreated) {
		return 0, nil
	}
	var seq uint64
	err := it.Item().Value(func(v []byte) error {
		if len(v) == 16 && model.LeadID(binary.BigEndian.Uint64(v)) <= id {
			seq = binary.BigEndian.Uint64(v[8:])
		}
		return nil
	})
	return seq, err
}

// historySeqs is the sequence numbers of the lead's events, oldest first: the import
// that created it, if one did, then one per h/ key.
func historySeqs(txn *badger.Txn, id model.LeadID) ([]uint64, error) {
	var out []uint64
	seq, err := createdBy(txn, id)
	if err != nil {
		return nil, err
	}
	if seq != 0 {
		out = append(out, seq)
	}
	prefix := historyPrefix(id)
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix, PrefetchValues: false})
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		out = append(out, readBE8(it.Item().Key()))
	}
	return out, nil
}
