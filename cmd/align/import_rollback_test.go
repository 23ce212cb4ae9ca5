package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRolledBackImportIsSaid: a data directory whose import was killed in the middle
// of a bulk load (its marker left behind, the load never marked done) is rolled back
// by the next command, which says so instead of showing a workspace without the
// leads and no word why.
func TestRolledBackImportIsSaid(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := runAlign(t, dir, nil, "user", "add", "maya", "--role", "marketing"); code != 0 {
		t.Fatalf("user add: exit %d, %s", code, stderr)
	}
	mark := `{"token":"a load that never finished","first_seq":99}`
	if err := os.WriteFile(filepath.Join(dir, "align-import-in-progress"), []byte(mark), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runAlign(t, dir, nil, "user", "list")
	if code != 0 || !strings.Contains(stderr, "was rolled back") || !strings.Contains(stderr, "run the same import again") {
		t.Errorf("exit %d, stderr %q; want the rollback said", code, stderr)
	}
	if _, out, _ := runAlign(t, dir, nil, "user", "list"); !strings.Contains(out, "maya") {
		t.Errorf("the workspace lost its member: %q", out)
	}
	if _, _, stderr := runAlign(t, dir, nil, "user", "list"); strings.Contains(stderr, "rolled back") {
		t.Errorf("said again on the next run: %q", stderr)
	}
}
