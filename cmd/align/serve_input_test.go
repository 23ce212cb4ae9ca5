package main

import (
	"bytes"
	"fmt"
	"io"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// readersLeft counts goroutines still decoding some session's input.
func readersLeft() (int, string) {
	var b bytes.Buffer
	_ = pprof.Lookup("goroutine").WriteTo(&b, 1)
	n := 0
	for _, block := range strings.Split(b.String(), "\n\n") {
		if strings.Contains(block, "ultraviolet.(*TerminalReader).StreamEvents") {
			var count int
			if _, err := fmt.Sscan(block, &count); err == nil {
				n += count
			}
		}
	}
	return n, b.String()
}

// TestServeKeysAfterQuitLeaveNoReader: keys still on their way when a workspace ends
// must not strand the goroutine decoding its input. Bubble Tea's own reader blocks
// forever handing them to an event loop that has ended, and keeps the session's whole
// program alive with it. Two ways to get there: a key held down past q, and a
// connection that drops while a form is still taking a burst of typing.
func TestServeKeysAfterQuitLeaveNoReader(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	for round := range 4 {
		c := ts.client(t, "ada")
		sess, stdin, sc := workspace(t, c)
		if round%2 == 0 {
			if _, err := io.WriteString(stdin, "q"); err != nil {
				t.Fatal(err)
			}
			for range 200 { // the key stays down: its repeats keep coming while the program ends
				if _, err := io.WriteString(stdin, "j"); err != nil {
					break
				}
				time.Sleep(time.Millisecond)
			}
			if code := waitExit(t, sess, 10*time.Second); code != 0 {
				t.Fatalf("round %d: exit %d", round, code)
			}
			c.Close()
			continue
		}
		sc.waitFor(t, "MQL inbox", 20*time.Second)
		off := sc.size()
		if _, err := io.WriteString(stdin, "n"); err != nil { // a note form
			t.Fatal(err)
		}
		if !sc.appears(off, 10*time.Second, "Note") {
			t.Fatalf("round %d: the note form did not open", round)
		}
		if _, err := io.WriteString(stdin, strings.Repeat("typing on ", 30)); err != nil {
			t.Fatal(err)
		}
		c.Close() // the connection drops mid-typing
	}
	waitNoReaders(t, 15*time.Second)
}

// waitNoReaders fails the test when input readers are still running after timeout.
func waitNoReaders(t *testing.T, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		n, dump := readersLeft()
		if n == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d input readers outlived their sessions:\n%s", n, dump)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
