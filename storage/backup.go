package storage

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Backup writes a consistent copy of the whole store to w while it stays online
// (Badger's DB.Backup reads one snapshot).
func (s *Store) Backup(w io.Writer) error {
	if _, err := s.db.Backup(w, 0); err != nil {
		return fmt.Errorf("align could not write the backup (%v); check the destination has space and try again: %w", err, err)
	}
	return nil
}

// Restore loads a backup written by Backup into dir, which must be missing or empty:
// restoring over live data would mix two workspaces.
func Restore(dir string, r io.Reader) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return fmt.Errorf("align cannot read the directory %s to restore into (%v); check the path and its permissions: %w", dir, err, err)
	case len(entries) > 0:
		return sentence(ErrNotEmpty, nil, "The directory %s is not empty; restore into a new or empty directory, then point --data at it.", dir)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("align cannot create %s to restore into (%v); pick a directory you can write to: %w", dir, err, err)
	}
	db, err := openBadger(Options{Dir: dir})
	if err != nil {
		return err
	}
	if err := db.Load(r, 256); err != nil {
		_ = db.Close()
		return fmt.Errorf("align could not restore the backup (%v); check it is a file written by `align backup`, empty %s and try again: %w", err, dir, err)
	}
	return db.Close()
}
