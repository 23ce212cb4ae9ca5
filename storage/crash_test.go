package storage

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"align/model"
)

// crashDirEnv makes TestCrashChild the writer that TestCrashLosesNothing kills.
const crashDirEnv = "ALIGN_STORAGE_CRASH_DIR"

// TestCrashLosesNothing runs a child process that writes and prints every write the
// store acknowledged, kills it with SIGKILL mid-way, reopens the directory and checks
// every acknowledged write is there and every lead's version equals its history.
func TestCrashLosesNothing(t *testing.T) {
	if os.Getenv(crashDirEnv) != "" {
		t.Skip("this is the child")
	}
	dir := t.TempDir()
	cmd, sc := startChild(t, "TestCrashChild", crashDirEnv+"="+dir)
	acked := map[model.LeadID]uint64{} // lead -> acknowledged version
	for sc.Scan() && len(acked) < 120 {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[0] != "ack" {
			continue
		}
		id, _ := strconv.ParseUint(f[1], 10, 64)
		v, _ := strconv.ParseUint(f[2], 10, 64)
		acked[model.LeadID(id)] = max(acked[model.LeadID(id)], v)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(acked) < 120 {
		t.Fatalf("the child acknowledged only %d leads before it ended", len(acked))
	}

	s := openDir(t, dir)
	defer s.Close()
	for id, v := range acked {
		l, err := s.Lead(id)
		if err != nil {
			t.Errorf("acknowledged lead %s is gone: %v", id, err)
			continue
		}
		if l.Version < v {
			t.Errorf("lead %s is at version %d; version %d was acknowledged", id, l.Version, v)
		}
	}
	checkInvariant(t, s)
}

// TestCrashChild is the writer process of TestCrashLosesNothing; it does nothing in a
// normal run. It imports a lead, adds a note to it, and prints each acknowledgement.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("run by TestCrashLosesNothing")
	}
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	seedTeam(t, s)
	ctx := context.Background()
	for i := range 100000 {
		email := fmt.Sprintf("crash%d@example.com", i)
		if _, err := s.Import(ctx, []ImportRow{row(i+2, email, true)}, ImportOptions{Actor: mkt.Name, Now: t0}); err != nil {
			t.Fatal(err)
		}
		l, err := s.LeadByEmail(email)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("ack %d %d\n", l.ID, l.Version)
		l, _, err = s.Do(ctx, sdr, model.Command{Action: model.ActNote, Lead: l.ID, Note: "called"})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("ack %d %d\n", l.ID, l.Version)
	}
}

// startChild runs the test called name of this test binary as a child process, with
// env added to its environment, for at most a minute; it returns the process and a
// scanner of its standard output.
func startChild(t *testing.T, name, env string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^"+name+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, bufio.NewScanner(out)
}
