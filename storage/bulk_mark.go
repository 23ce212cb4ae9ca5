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

// A bulk load (bulk.go) drops Badger's tree, streams the store's older keys back with
// its own, and only its last transaction makes it whole. bulkMarkFile, in the data
// directory, says a load is under way: written and synced before the tree is
// dropped, it holds the older keys, and it is removed after the last transaction.
// That transaction writes the load's token under keyBulkDone, so Open, finding the
// file, tells a load that finished (the process died before removing the file) from
// one that did not, and rolls the latter back: it drops the tree again and writes the
// older keys back.
const bulkMarkFile = "align-import-in-progress"

// keyBulkDone holds the token of the last bulk load that finished.
var keyBulkDone = []byte("s/bulk")

type bulkMark struct {
	Token string `json:"token"`
	// Kept is every key the store held when the load began (no lead: members,
	// rules, cards, their events).
	Kept []keptKV `json:"kept"`
}

type keptKV struct {
	Key   []byte `json:"k"`
	Value []byte `json:"v,omitempty"`
	Meta  byte   `json:"m,omitempty"`
}

// writeBulkMark writes a new mark with a fresh token and the store's keys.
func writeBulkMark(dir string, kept []keptKV) (bulkMark, error) {
	var tok [16]byte
	_, _ = rand.Read(tok[:])
	m := bulkMark{Token: hex.EncodeToString(tok[:]), Kept: kept}
	return m, m.write(dir)
}

// write writes the mark and syncs it and the directory.
func (m bulkMark) write(dir string) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
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
		_ = os.Remove(path)
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
		// A mark cut short: the process died while writing it, before the tree was
		// dropped.
		return removeBulkMark(s.opts.Dir)
	}
	done, err := s.bulkDone(m.Token)
	if err != nil || done {
		if err == nil {
			err = removeBulkMark(s.opts.Dir)
		}
		return err
	}
	if err := s.restoreKept(m); err != nil {
		return err
	}
	s.rolledBack = true
	if s.log != nil {
		s.log.Warn(RolledBackNotice, "dir", s.opts.Dir)
	}
	return nil
}

// bulkDone reports whether the load with this token wrote its last transaction.
func (s *Store) bulkDone(token string) (done bool, err error) {
	err = s.view(func(txn *badger.Txn) error {
		item, err := txn.Get(keyBulkDone)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			done = bytes.Equal(v, []byte(token))
			return nil
		})
	})
	return done, err
}

// restoreKept rolls a load back: it drops the tree and writes the keys the store held
// before the load, then removes the mark. Run again after a crash, it does the same.
func (s *Store) restoreKept(m bulkMark) error {
	err := s.db.DropAll()
	if err == nil {
		wb := s.db.NewWriteBatch()
		for _, kv := range m.Kept {
			if err = wb.SetEntry(badger.NewEntry(kv.Key, kv.Value).WithMeta(kv.Meta)); err != nil {
				break
			}
		}
		if err == nil {
			err = wb.Flush()
		} else {
			wb.Cancel()
		}
	}
	if err != nil {
		return fmt.Errorf("rolling back an unfinished import (align tries again when it next opens %s): %w", s.opts.Dir, err)
	}
	return removeBulkMark(s.opts.Dir)
}
