package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRestoreRefusesOtherFiles: `align restore leads.csv` panicked inside Badger's
// Load (makeslice: len out of range, from the CSV's first bytes read as a record
// length) and left a half-made store in the directory. It is refused as not a backup,
// and the directory is left empty for the next try.
func TestRestoreRefusesOtherFiles(t *testing.T) {
	// An empty stream (a backup piped from an ssh command that failed) restored "into"
	// an empty workspace and said so; a backup cut short got Badger's own wording.
	var full strings.Builder
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true), row(3, "b@x.com", false))
	if err := s.Backup(&full); err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]string{
		"csv":       "id,external_id,name,email\n1,,Sarah Wilson,sarah@example.com\n",
		"json":      `[{"id":1,"name":"Sarah Wilson"}]`,
		"empty":     "",
		"cut short": full.String()[:full.Len()/2],
	} {
		dir := filepath.Join(t.TempDir(), "restored")
		err := Restore(dir, strings.NewReader(in))
		if !errors.Is(err, ErrNotBackup) || strings.Contains(err.Error(), "EOF") {
			t.Errorf("%s: %v; want ErrNotBackup in a sentence of its own", name, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("%s: the failed restore left %d files in %s", name, len(entries), dir)
		}
	}
}
