package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"align/model"
)

// runOnTerminal runs align as run does, but as though stdin and stdout were the
// terminal (the tests' streams are buffers).
func runOnTerminal(t *testing.T, dir string, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	c := &cli{ctx: context.Background(), in: strings.NewReader(""), out: &out, errOut: &errOut,
		inTTY: true, outTTY: true, getenv: func(string) string { return "" }, now: time.Now}
	c.actor = model.LocalAdmin("admin")
	defer c.close()
	code := c.execute(c.localRoot(), append([]string{"--data", dir}, args...))
	return code, errOut.String()
}

// TestBinaryStreamsRefuseTheTerminal: `align backup -` on a terminal wrote the
// backup's binary to the screen, and `align restore -` waited without a word for a
// backup to be typed. Both now say what to do instead, as a usage error.
func TestBinaryStreamsRefuseTheTerminal(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, nil, "user", "add", "ada", "--role", "admin"); code != 0 {
		t.Fatalf("user add: %s", errOut)
	}
	code, errOut := runOnTerminal(t, dir, "backup", "-")
	if code != 2 || !strings.Contains(errOut, "align backup - > align.bak") {
		t.Errorf("backup - on a terminal: exit %d, %q", code, errOut)
	}
	code, errOut = runOnTerminal(t, filepath.Join(t.TempDir(), "new"), "restore", "-")
	if code != 2 || !strings.Contains(errOut, "align restore - < align.bak") {
		t.Errorf("restore - on a terminal: exit %d, %q", code, errOut)
	}
}

// TestInputThatIsADirectory: `align import DIR` said "Read DIR: is a directory."
// with no next step.
func TestInputThatIsADirectory(t *testing.T) {
	in := t.TempDir()
	for _, args := range [][]string{{"import", in}, {"restore", in}} {
		data := filepath.Join(t.TempDir(), "d")
		code, _, errOut := runAlign(t, data, nil, args...)
		if code != 1 || !strings.Contains(errOut, "is a directory; give the path of a file in it") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
	if _, err := os.Stat(in); err != nil {
		t.Fatal(err)
	}
}

// TestBackupArgumentSaysStandardOutput: backup's missing argument was described as
// "- for standard input".
func TestBackupArgumentSaysStandardOutput(t *testing.T) {
	code, _, errOut := runAlign(t, t.TempDir(), nil, "backup")
	if code != 2 || !strings.Contains(errOut, "- for standard output") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}
