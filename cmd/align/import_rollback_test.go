package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// killedImportEnv makes TestKilledImportChild the import TestRolledBackImportIsSaid
// kills; it holds the data directory.
const killedImportEnv = "ALIGN_TEST_KILLED_IMPORT"

// TestRolledBackImportIsSaid: `align import` killed with SIGKILL in the middle of a
// bulk load; the next command rolls the load back, keeps the workspace as it was
// before (its member), and says so once, instead of showing a workspace without
// the leads and no word why.
func TestRolledBackImportIsSaid(t *testing.T) {
	if os.Getenv(killedImportEnv) != "" {
		t.Skip("this is the child")
	}
	dir := t.TempDir()
	if code, _, stderr := runAlign(t, dir, nil, "user", "add", "maya", "--role", "marketing"); code != 0 {
		t.Fatalf("user add: exit %d, %s", code, stderr)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestKilledImportChild$", "-test.count=1")
	child.Env = append(os.Environ(), killedImportEnv+"="+dir)
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	for sc := bufio.NewScanner(out); sc.Scan() && sc.Text() != "ready"; {
	}
	time.Sleep(time.Second) // the batches read so far reach the load
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = child.Wait()

	code, users, stderr := runAlign(t, dir, nil, "user", "list")
	if code != 0 || !strings.Contains(stderr, "was rolled back") || !strings.Contains(stderr, "run the same import again") {
		t.Errorf("exit %d, stderr %q; want the rollback said", code, stderr)
	}
	if !strings.Contains(users, "maya") {
		t.Errorf("the workspace lost its member: %q", users)
	}
	if code, list, stderr := runAlign(t, dir, nil, "lead", "list", "--queue", "all"); code != 0 || strings.Contains(list, "@x.com") || strings.Contains(stderr, "rolled back") {
		t.Errorf("exit %d, leads %q, stderr %q; want no lead and nothing said again", code, list, stderr)
	}
}

// TestKilledImportChild is the import TestRolledBackImportIsSaid kills: it reads
// 10,000 rows, says "ready" and waits for more that never come.
func TestKilledImportChild(t *testing.T) {
	dir := os.Getenv(killedImportEnv)
	if dir == "" {
		t.Skip("run by TestRolledBackImportIsSaid")
	}
	var csv strings.Builder
	csv.WriteString("name,email\n")
	for i := range 10000 {
		fmt.Fprintf(&csv, "Person %d,p%d@x.com\n", i, i)
	}
	in := io.MultiReader(strings.NewReader(csv.String()), stallReader{})
	run([]string{"--data", dir, "import", "-"}, in, io.Discard, io.Discard)
}

// stallReader says "ready" on stdout and never returns: a pipe whose writer stopped.
type stallReader struct{}

func (stallReader) Read([]byte) (int, error) {
	fmt.Println("ready")
	time.Sleep(time.Hour)
	return 0, io.EOF
}
