package storage

import (
	"hash/maphash"

	"github.com/dgraph-io/badger/v4"
)

// An import into a store that holds no email or external ID yet (the first import of
// a workspace, the common big one) checks each row's unique keys against a Bloom
// filter of the keys it has written itself instead of asking Badger: a key the filter
// has never seen is certainly free, so only the rare key it may have seen costs a
// Get. The filter is a fixed 8 MiB, whatever the file's size; past about 4 million
// keys it answers "maybe" more often and the import asks Badger more often, never
// wrongly.
//
// The filter stays valid only while this import is the store's only writer: every
// change writes an audit event, so a session that finds the event sequence moved
// since its last batch drops its filter and asks Badger for every key from then on.
const (
	filterBits   = 1 << 26 // 8 MiB
	filterHashes = 7
)

type keyFilter struct {
	seed maphash.Seed
	bits []uint64
}

func newKeyFilter() *keyFilter {
	return &keyFilter{seed: maphash.MakeSeed(), bits: make([]uint64, filterBits/64)}
}

// probes calls fn with the key's filterHashes bit positions (double hashing).
func (f *keyFilter) probes(key string, fn func(bit uint64) bool) bool {
	h := maphash.String(f.seed, key)
	h1, h2 := h, h>>32|h<<32|1
	for i := range uint64(filterHashes) {
		if !fn((h1 + i*h2) % filterBits) {
			return false
		}
	}
	return true
}

func (f *keyFilter) add(key string) {
	f.probes(key, func(b uint64) bool { f.bits[b/64] |= 1 << (b % 64); return true })
}

// mayHave is false when key was certainly never added.
func (f *keyFilter) mayHave(key string) bool {
	return f.probes(key, func(b uint64) bool { return f.bits[b/64]&(1<<(b%64)) != 0 })
}

// noUniqueKeys reports whether the store holds no e/ or x/ key.
func noUniqueKeys(txn *badger.Txn) bool {
	it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: false})
	defer it.Close()
	for _, p := range [][]byte{prefixEmail, prefixExternal} {
		it.Seek(p)
		if it.ValidForPrefix(p) {
			return false
		}
	}
	return true
}

// filterFor is the session's filter for a part about to run in txn, or nil when the
// part must ask Badger: the store held unique keys when the session began, or
// another writer changed the store since the session's last part.
func (s *ImportSession) filterFor(txn *badger.Txn) (*keyFilter, error) {
	if s == nil {
		return nil, nil
	}
	seq, err := getUint(txn, keySeqEvent)
	if err != nil {
		return nil, err
	}
	if !s.began {
		s.began = true
		if noUniqueKeys(txn) {
			s.filter = newKeyFilter()
			s.seq = seq
		}
	}
	if s.filter != nil && seq != s.seq {
		s.filter = nil
	}
	return s.filter, nil
}
