package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// Sentinel errors. Each reaches a person wrapped in a sentence that says what to do;
// callers test for them with errors.Is.
var (
	// ErrNotFound is returned when a lead, member or card does not exist.
	ErrNotFound = errors.New("not found")
	// ErrLocked means another process holds the data directory.
	ErrLocked = errors.New("data directory in use")
	// ErrReadOnly means the data directory cannot be written.
	ErrReadOnly = errors.New("data directory not writable")
	// ErrCorrupt means the store's files cannot be read back.
	ErrCorrupt = errors.New("store corrupt")
	// ErrDiskFull means free space fell under Options.MinFreeBytes, so writes stopped.
	ErrDiskFull = errors.New("disk nearly full")
	// ErrNotEmpty means Seed or Restore was asked to overwrite existing data.
	ErrNotEmpty = errors.New("not empty")
	// ErrNotBackup means Restore was given a file that is not a backup.
	ErrNotBackup = errors.New("not a backup")
	// ErrNotDir means the data directory's path (or a folder on it) is a file.
	ErrNotDir = errors.New("data path is a file")
)

// sentenceError is an error that reads as one sentence for a person while still
// matching a sentinel with errors.Is.
type sentenceError struct {
	msg  string
	kind error
	err  error
}

func (e *sentenceError) Error() string { return e.msg }

func (e *sentenceError) Unwrap() []error {
	if e.err == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.err}
}

func sentence(kind, cause error, format string, a ...any) error {
	return &sentenceError{msg: fmt.Sprintf(format, a...), kind: kind, err: cause}
}

func notFound(format string, a ...any) error { return sentence(ErrNotFound, nil, format, a...) }

// openError turns what Badger says when it cannot open a directory into a sentence
// with the next step. Badger flattens its causes into text (y.Wrap uses %+v), so the
// text is all there is to match.
func openError(dir string, err error) error {
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ENOTDIR) || strings.Contains(msg, "not a directory"):
		return notDir(dir, err)
	case strings.Contains(msg, "Cannot acquire directory lock"):
		return sentence(ErrLocked, err, "align's data in %s is in use by another align process; close the align open on it in another terminal and try again, or, if `align serve` holds it, connect to that server with ssh instead.", dir)
	case errors.Is(err, fs.ErrPermission) || strings.Contains(msg, "permission denied") ||
		strings.Contains(msg, "read-only file system"):
		return sentence(ErrReadOnly, err, "align cannot write to its data directory %s (%s); make it writable by this user or pick another one with --data.", dir, permissionCause(msg))
	case strings.Contains(msg, "manifest") || strings.Contains(msg, "MANIFEST") ||
		strings.Contains(msg, "checksum") || strings.Contains(msg, "corrupt") ||
		strings.Contains(msg, "truncate") || strings.Contains(msg, "unexpected EOF"):
		return sentence(ErrCorrupt, err, "align's data in %s is damaged and cannot be read (%s); restore from a backup with `align restore FILE` into an empty directory.", dir, firstLine(msg))
	}
	return fmt.Errorf("align could not open its data in %s: %w", dir, err)
}

// notDir says the data directory's path is a file (--data /etc/passwd), or runs
// through one, which Badger reports as "Cannot write pid file … not a directory".
func notDir(dir string, err error) error {
	file := dir
	for p := dir; ; p = filepath.Dir(p) {
		if fi, serr := os.Stat(p); serr == nil && !fi.IsDir() {
			file = p
			break
		}
		if filepath.Dir(p) == p {
			break
		}
	}
	return sentence(ErrNotDir, err, "%s is a file, not a directory, so align cannot keep its data there; pass --data the path of a directory (align creates a new one), or leave --data out for the default.", file)
}

func permissionCause(msg string) string {
	if strings.Contains(msg, "read-only file system") {
		return "read-only file system"
	}
	return "permission denied"
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
