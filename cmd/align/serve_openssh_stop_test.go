package main

import (
	"path/filepath"
	"testing"
	"time"
)

// TestOpenSSHSIGTERMTellsEverySession is the graceful stop with the real client: two
// members in `ssh -t` inside tmux, SIGTERM to the align serve process, and each
// terminal says the server is shutting down before the process exits 0.
func TestOpenSSHSIGTERMTellsEverySession(t *testing.T) {
	serveChild()
	needTools(t, "ssh", "tmux")
	adaPriv, ada, adaLine := newKeyPair(t, "ada@test")
	samPriv, _, samLine := newKeyPair(t, "sam@test")
	sp := startServeProcess(t, adaLine)
	if _, errOut, code := remote(t, sp.dial(t, "ada", ada), "user add sam --role sdr --key '"+samLine+"'", ""); code != 0 {
		t.Fatalf("user add: exit %d, %s", code, errOut)
	}
	dir := t.TempDir()
	writePrivateKey(t, filepath.Join(dir, "ada"), adaPriv)
	writePrivateKey(t, filepath.Join(dir, "sam"), samPriv)
	args := (&testServer{addr: sp.addr}).sshArgs
	tm := newTmux(t)
	tm.open("ada", args("ada", filepath.Join(dir, "ada")))
	tm.run("set-option", "-g", "remain-on-exit", "on") // keep each pane to read after ssh ends
	tm.open("sam", args("sam", filepath.Join(dir, "sam")))
	tm.waitFor("ada", "? help", 20*time.Second)
	tm.waitFor("sam", "? help", 20*time.Second)

	sp.terminate(t)
	tm.waitFor("ada", "The server is shutting down", 20*time.Second)
	tm.waitFor("sam", "The server is shutting down", 20*time.Second)
	sp.waitStopped(t)
}
