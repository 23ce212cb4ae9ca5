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

// TestBackupOfNoWorkspace: `align backup` of a mistyped --data created an empty store
// there and wrote an empty backup with exit 0, as though the workspace were saved.
// Backup and export refuse a data directory that does not exist, and create nothing.
func TestBackupOfNoWorkspace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	file := filepath.Join(t.TempDir(), "align.bak")
	for _, args := range [][]string{{"backup", file}, {"backup", "-"}, {"export"}} {
		code, out, errOut := runAlign(t, dir, nil, args...)
		if code != 1 || !strings.Contains(errOut, "no workspace in "+dir) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 naming the missing workspace", args, code, out, errOut)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the data directory was created (%v)", err)
	}
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Errorf("a backup file was written (%v)", err)
	}
}

// TestDryRunCreatesNothing: `align import --dry-run` on a data directory that did not
// exist yet created a store there, though it says "nothing written".
func TestDryRunCreatesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	code, out, errOut := runAlign(t, dir, strings.NewReader("Name,Email\nAna,ana@example.com\nAna again,ana@example.com\n"), "import", "--dry-run", "-")
	// The summary is exactly product.md's last line; that nothing was written goes to
	// stderr (new-user review: the prefix broke scripts that read the last line).
	if code != 0 || lastLine(out) != "1 imported, 1 updated, 0 rejected" || !strings.Contains(errOut, "dry run: nothing was written") {
		t.Fatalf("dry run: exit %d, %q, %s", code, out, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the dry run created the data directory (%v)", err)
	}
}

// TestImportOfOnlyRejectedRowsExits1: product.md's exit codes say an import that
// commits nothing because of an error exits 1; one whose every row was rejected
// exited 0, so a script could not tell that nothing went in. Some rows in is still 0.
func TestImportOfOnlyRejectedRowsExits1(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("N", 201)
	bad := "name,email\n" + long + ",n@example.com\n"
	for _, args := range [][]string{{"import", "--dry-run", "-"}, {"import", "-"}} {
		code, out, errOut := runAlign(t, dir, strings.NewReader(bad), args...)
		if code != 1 || lastLine(out) == "" || !strings.HasSuffix(lastLine(out), "0 imported, 0 updated, 1 rejected") ||
			!strings.Contains(errOut, "line 2:") || !strings.Contains(errOut, "Every row") {
			t.Errorf("%v: exit %d\nstdout %q\nstderr %q", args, code, out, errOut)
		}
	}
	code, out, _ := runAlign(t, dir, strings.NewReader(bad+"Ana,ana@example.com\n"), "import", "-")
	if code != 0 || lastLine(out) != "1 imported, 0 updated, 1 rejected" {
		t.Errorf("some rows in: exit %d, %q", code, out)
	}
}

// TestReadingCommandsRefuseAMissingWorkspace: `lead list`, `lead show` and the lead
// actions on a mistyped --data created an empty store there and answered as though
// the workspace were empty; export did so on an empty directory, which a restore then
// refused as not empty. Each now says there is no workspace, and writes nothing.
func TestReadingCommandsRefuseAMissingWorkspace(t *testing.T) {
	for _, args := range [][]string{
		{"lead", "list"}, {"lead", "show", "1"}, {"lead", "accept", "1"}, {"lead", "undo"}, {"export"}, {"backup", "-"},
	} {
		for _, dir := range []string{filepath.Join(t.TempDir(), "typo"), t.TempDir()} {
			code, _, errOut := runAlign(t, dir, nil, args...)
			if code != 1 || !strings.Contains(errOut, "There is no workspace in "+dir) {
				t.Errorf("%v on %s: exit %d, %q", args, dir, code, errOut)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("%v left %d files in %s", args, len(entries), dir)
			}
		}
	}
}

// TestRestoreIntoAFile: a --data that is a file got Go's error twice ("…(open
// /etc/passwd: not a directory)…: open /etc/passwd: not a directory").
func TestRestoreIntoAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runAlign(t, file, strings.NewReader("x"), "restore", "-")
	if code != 1 || !strings.Contains(errOut, "is a file, not a directory") || strings.Count(errOut, "not a directory") != 1 {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// TestFormatInAnyCase: --format JSON was refused while --queue MQL and --stage MQL
// were read in any case.
func TestFormatInAnyCase(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, strings.NewReader("name,email\nAna,ana@example.com\n"), "import", "-"); code != 0 {
		t.Fatalf("import: %s", errOut)
	}
	for _, args := range [][]string{{"lead", "list", "--queue", "all", "--format", "JSON"}, {"lead", "show", "1", "--format", "Json"}, {"export", "--format", "JSON"}} {
		if code, out, errOut := runAlign(t, dir, nil, args...); code != 0 || !strings.Contains(out, `"name":"Ana"`) && !strings.Contains(out, `"name": "Ana"`) {
			t.Errorf("%v: exit %d, %q %q", args, code, out, errOut)
		}
	}
}
