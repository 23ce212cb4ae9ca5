package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"align/storage"
)

// serveAddrFile, in the data directory, holds the address `align serve` listens on
// while it runs, so that a second align on the directory can say how to connect.
const serveAddrFile = "serve.addr"

// recordServeAddr writes addr into dir and returns the function that removes it.
// It is a courtesy for the message of a second process: a failure is only logged.
func recordServeAddr(dir string, addr net.Addr, warn func(msg any, kv ...any)) func() {
	path := filepath.Join(dir, serveAddrFile)
	if err := os.WriteFile(path, []byte(addr.String()+"\n"), 0o600); err != nil {
		warn("Could not record the listen address in the data directory.", "err", err)
		return func() {}
	}
	return func() { _ = os.Remove(path) }
}

// heldByServe is storage.ErrLocked with the ssh command that reaches the server
// holding the directory.
type heldByServe struct {
	dir, ssh string
	err      error
}

func (e heldByServe) Error() string {
	return fmt.Sprintf("align's data in %s is in use by a running `align serve`; connect with `%s` instead", e.dir, e.ssh)
}

func (e heldByServe) Unwrap() error { return e.err }

// explainLocked names the running server's ssh command in a lock error when the
// server recorded its address; any other error comes back as it is.
func explainLocked(dir string, err error) error {
	if !errors.Is(err, storage.ErrLocked) {
		return err
	}
	b, rerr := os.ReadFile(filepath.Join(dir, serveAddrFile))
	if rerr != nil {
		return err
	}
	cmd, ok := sshCommand(strings.TrimSpace(string(b)))
	if !ok {
		return err
	}
	return heldByServe{dir: dir, ssh: cmd, err: err}
}

// sshCommand is the ssh command line that reaches a server at addr (host:port):
// "ssh -p 2222 host", "ssh host" on port 22; an unspecified host reads localhost.
func sshCommand(addr string) (string, bool) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", false
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	if port == "22" {
		return "ssh " + host, true
	}
	return "ssh -p " + port + " " + host, true
}
