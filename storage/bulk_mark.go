package storage

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
)

// A bulk load (bulk.go) adds Badger tables to the store as it goes, and only its last
// transaction makes it whole. bulkMarkFile, in the data directory, says a load is
// under way: written and synced before the first table, removed after the last
// transaction. That transaction writes the load's token under keyBulkDone, so Open,
// finding the file, tells a load that finished (the process died before removing the
// file) from one that did not, and rolls the latter back.
const bulkMarkFile = "align-import-in-progress"

// keyBulkDone holds the token of the last bulk load that finished.
var keyBulkDone = []byte("s/bulk")

type bulkMark struct {
	Token string `json:"token"`
	// FirstSeq is the first event sequence the load used: its events are dropped with
	// it, not the store's older ones.
	FirstSeq uint64 `json:"first_seq"`
}

// writeBulkMark writes a new mark with a fresh token.
func writeBulkMark(dir string) (bulkMark, error) {
	var tok [16]byte
	_, _ = rand.Read(tok[:])
	m := bulkMark{Token: hex.EncodeToString(tok[:])}
	return m, m.write(dir)
}

// write writes the mark and syncs it and the directory.
func (m bulkMark) write(dir string) error {
	b, _ := json.Marshal(m)
	path := filepath.Join(dir, bulkMarkFile)
	f, err := os.Create(path)
	if err == nil {
		_, err = f.Write(b)
		if serr := f.Sync(); err == nil {
			err = serr
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err == nil {
		err = syncDir(dir)
	}
	if err != nil {
		return fmt.Errorf("align could not write %s in its data directory: %w", bulkMarkFile, err)
	}
	return nil
}

func removeBulkMark(dir string) error {
	if err := os.Remove(filepath.Join(dir, bulkMarkFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("align could not remove %s from its data directory: %w", bulkMarkFile, err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// RolledBackNotice is what a person is told when Open rolled an unfinished import
// back.
const RolledBackNotice = "an import that stopped before it finished (its process ended) was rolled back, so none of its leads are here; run the same import again"

// RolledBackImport reports whether Open rolled back an import that a process left
// unfinished (RolledBackNotice).
func (s *Store) RolledBackImport() bool { return s.rolledBack }

// recoverBulk rolls back a bulk load that a dead process left unfinished; it runs in
// Open, before anything reads the store.
func (s *Store) recoverBulk() error {
	if s.opts.InMemory {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(s.opts.Dir, bulkMarkFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	var m bulkMark
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil || m.Token == "" {
		// A mark cut short: the process died before the load wrote anything.
		return removeBulkMark(s.opts.Dir)
	}
	var done bool
	err = s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(keyBulkDone)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			done = bytes.Equal(v, []byte(m.Token))
			return nil
		})
	})
	if err != nil {
		return err
	}
	if !done {
		if m.FirstSeq == 0 {
			return removeBulkMark(s.opts.Dir) // marked before it began: nothing written
		}
		if err := s.dropLoad(m.FirstSeq); err != nil {
			return err
		}
		s.rolledBack = true
		if s.log != nil {
			s.log.Warn(RolledBackNotice, "dir", s.opts.Dir)
		}
	}
	return removeBulkMark(s.opts.Dir)
}

// dropLoad drops what a bulk load wrote: every key that exists only because of leads
// (the load began on a store with none) and the events from firstSeq on.
func (s *Store) dropLoad(firstSeq uint64) error {
	if err := s.db.DropPrefix(leadPrefixes...); err != nil {
		return fmt.Errorf("rolling back an unfinished import: %w", err)
	}
	for _, p := range [][]byte{prefixEvent, prefixBatch} {
		for {
			n, err := s.dropFrom(p, firstSeq)
			if err != nil {
				return fmt.Errorf("rolling back an unfinished import: %w", err)
			}
			if n == 0 {
				break
			}
		}
	}
	return nil
}

// dropFrom deletes up to 1,000 keys of prefix p from sequence first on, and says how
// many it deleted.
func (s *Store) dropFrom(p []byte, first uint64) (int, error) {
	var keys [][]byte
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: false})
		defer it.Close()
		for it.Seek(cat(p, be8(first))); it.ValidForPrefix(p) && len(keys) < 1000; it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		return nil
	})
	if err != nil || len(keys) == 0 {
		return 0, err
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range keys {
		if err := wb.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(keys), wb.Flush()
}
