package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

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

// listenError says why `align serve` could not listen on addr, with what to pass
// instead, rather than Go's "listen tcp: address bogus: missing port in address".
func listenError(addr string, err error) error {
	const example = "such as 127.0.0.1:23234 for this machine only or :23234 for every network interface"
	host, port, serr := net.SplitHostPort(addr)
	if serr != nil || port == "" {
		return usagef("--listen %q is not an address to listen on; give HOST:PORT, %s (set it with --listen or ALIGN_LISTEN)", addr, example)
	}
	if n, perr := strconv.Atoi(port); perr != nil || n < 0 || n > 65535 {
		return usagef("--listen %q has no usable port: a port is a number up to 65535; give HOST:PORT, %s", addr, example)
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("align cannot listen on %s because another program already uses port %s; stop that program, or pick another port with --listen or ALIGN_LISTEN", addr, port)
	case errors.Is(err, syscall.EACCES) || errors.Is(err, os.ErrPermission):
		return fmt.Errorf("align may not listen on %s: ports under 1024 need root; pick a higher port with --listen or ALIGN_LISTEN, %s", addr, example)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("align cannot listen on %s because %s is not an address of this machine; give HOST:PORT with one of its addresses, %s", addr, host, example)
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return usagef("align cannot listen on %s because it cannot find the host %s; give HOST:PORT with an address of this machine, %s", addr, host, example)
	}
	return fmt.Errorf("align cannot listen on %s (%v); pick another address with --listen or ALIGN_LISTEN", addr, err)
}
