package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Backup writes a consistent copy of the whole store to w while it stays online
// (Badger's DB.Backup reads one snapshot).
func (s *Store) Backup(w io.Writer) error {
	if _, err := s.db.Backup(w, 0); err != nil {
		return fmt.Errorf("align could not write the backup (%w); check the destination has space and try again", err)
	}
	return nil
}

// Restore loads a backup written by Backup into dir, which must be missing or empty:
// restoring over live data would mix two workspaces.
func Restore(dir string, r io.Reader) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case errors.Is(err, syscall.ENOTDIR):
		return notDir(dir, err)
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
	fr := &frameReader{r: r}
	err = db.Load(fr, 256)
	if err == nil && fr.read == 0 {
		err = errEmptyBackup
	}
	if err != nil {
		_ = db.Close()
		// The directory was missing or empty: what the failed load wrote goes, so
		// the next try starts clean.
		if entries, rerr := os.ReadDir(dir); rerr == nil {
			for _, e := range entries {
				_ = os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
		var nb *notBackupError
		switch {
		case errors.As(err, &nb):
			return sentence(ErrNotBackup, err, "That file is not a backup written by `align backup`; nothing was restored, so check which file you meant and run restore again.")
		case errors.Is(err, errEmptyBackup):
			// A backup piped from an ssh command that failed is empty, and restoring it
			// would report success with an empty workspace.
			return sentence(ErrNotBackup, err, "The backup is empty (0 bytes), so nothing was restored; if it came from `backup -` over ssh, check what that command said, make the backup again and restore that.")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return sentence(ErrNotBackup, err, "The backup ends part-way through: it was cut short (an interrupted copy or a full disk?), so nothing was restored; make the backup again and restore that.")
		}
		return fmt.Errorf("align could not restore the backup (%w); check it is a file written by `align backup` and try again", err)
	}
	return db.Close()
}

// errEmptyBackup is a backup stream with no byte in it.
var errEmptyBackup = errors.New("the backup is empty")

// maxBackupFrame bounds one record of a backup stream. Badger's Load allocates what
// a record's length prefix says, so any other file (a CSV, say) read as a backup made
// it panic on a length of exabytes; Backup's records are a few megabytes at most.
const maxBackupFrame = 256 << 20

// notBackupError is a stream whose record lengths no backup would have.
type notBackupError struct{ size uint64 }

func (e *notBackupError) Error() string {
	return fmt.Sprintf("a record of %d bytes is longer than any backup holds", e.size)
}

// frameReader passes a backup stream through to Badger's Load, checking each
// record's 8-byte little-endian length before Load allocates it.
type frameReader struct {
	r    io.Reader
	head [8]byte
	nh   int    // bytes of the current length prefix read so far
	body uint64 // bytes of the current record still to pass
	read int64  // bytes passed in all
}

func (f *frameReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if f.body == 0 {
		// Inside a length prefix: pass at most the rest of it, and check it whole.
		n, err := f.r.Read(p[:min(len(p), 8-f.nh)])
		copy(f.head[f.nh:], p[:n])
		f.nh += n
		f.read += int64(n)
		if f.nh == 8 {
			f.nh, f.body = 0, binary.LittleEndian.Uint64(f.head[:])
			if f.body > maxBackupFrame {
				return 0, &notBackupError{f.body}
			}
		}
		return n, err
	}
	n, err := f.r.Read(p[:min(uint64(len(p)), f.body)])
	f.body -= uint64(n)
	f.read += int64(n)
	return n, err
}
