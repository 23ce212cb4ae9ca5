package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// ALIGN_CPUPROFILE writes a profile of the run, with %p as the process ID; a path that
// cannot be written is said and the command still runs.
func TestCPUProfile(t *testing.T) {
	dir := t.TempDir()
	var errOut bytes.Buffer
	stop := startProfile(filepath.Join(dir, "cpu-%p.prof"), &errOut)
	stop()
	if fi, err := os.Stat(filepath.Join(dir, "cpu-"+strconv.Itoa(os.Getpid())+".prof")); err != nil || fi.Size() == 0 {
		t.Fatalf("no profile written: %v", err)
	}
	startProfile(filepath.Join(dir, "missing", "cpu.prof"), &errOut)()
	if !strings.Contains(errOut.String(), "carrying on without a profile") {
		t.Fatalf("unwritable path not said: %q", errOut.String())
	}
}
