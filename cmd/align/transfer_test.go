package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportAsLocalAdmin: the local user runs `align import` as the workspace's
// administrator, as every other local command does, also when the workspace has
// members and the local user is not one of them.
func TestImportAsLocalAdmin(t *testing.T) {
	t.Setenv("ALIGN_USER", "local-owner")
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, nil, "user", "add", "kim", "--role", "sdr"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "leads.csv")
	if err := os.WriteFile(file, []byte("Name,Email\nAna,ana@example.com\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runAlign(t, dir, nil, "import", file)
	if code != 0 || lastLine(out) != "1 imported, 0 updated, 0 rejected" {
		t.Fatalf("import: exit %d, %q, %s", code, out, errOut)
	}
	if strings.Contains(errOut, "not a member") {
		t.Errorf("stderr: %s", errOut)
	}
}
