package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBackupKeepsExistingFile: `align backup FILE` replaced an existing file without a
// word, and a 31.6 MB backup was lost (new-user review). It refuses, leaves the file as
// it was and says what to do; --force replaces it.
func TestBackupKeepsExistingFile(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, nil, "user", "add", "kim", "--role", "sdr"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, errOut)
	}
	file := filepath.Join(t.TempDir(), "align.bak")
	if err := os.WriteFile(file, []byte("an older backup"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runAlign(t, dir, nil, "backup", file)
	if code != 1 || out != "" || !strings.Contains(errOut, "will not replace "+file) || !strings.Contains(errOut, "pick another name, or remove it first") {
		t.Errorf("backup over a file: exit %d, stdout %q, stderr %q; want exit 1 and what to do", code, out, errOut)
	}
	if b, _ := os.ReadFile(file); string(b) != "an older backup" {
		t.Fatalf("the existing file was changed: %q", b)
	}
	if code, _, errOut := runAlign(t, dir, nil, "backup", "--force", file); code != 0 {
		t.Fatalf("backup --force: exit %d: %s", code, errOut)
	}
	if b, _ := os.ReadFile(file); string(b) == "an older backup" || len(b) == 0 {
		t.Errorf("backup --force did not replace the file")
	}
	if _, out, _ := runAlign(t, dir, nil, "backup", "--help"); !strings.Contains(out, "--force") || !strings.Contains(out, "remove it first") {
		t.Errorf("backup --help does not say how an existing FILE is treated:\n%s", out)
	}
}
