package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// buildAlign builds ./cmd/align into a temporary directory; run sshbench from the
// repository root, or pass --align.
func buildAlign() (string, func(), error) {
	dir, err := os.MkdirTemp("", "sshbench")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	path := filepath.Join(dir, "align")
	cmd := exec.Command("go", "build", "-o", path, "./cmd/align")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("building ./cmd/align failed (%v); run sshbench from the repository root or pass --align", err)
	}
	return path, cleanup, nil
}

// alignServer is one `align serve --demo` child process on a loopback port.
type alignServer struct {
	addr string
	cmd  *exec.Cmd
	log  *lockedBuffer
	done chan error
}

// lockedBuffer is the child's log.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 8<<20 { // bounded: keep the head, which says why a start failed
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startAlign starts the server with the benchmark's key as its only admin and waits
// until it accepts connections.
func startAlign(path string, signer gossh.Signer) (*alignServer, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	pub := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey()))) + " sshbench"
	s := &alignServer{addr: addr, log: &lockedBuffer{}, done: make(chan error, 1)}
	s.cmd = exec.Command(path, "serve", "--demo", "--listen", addr)
	s.cmd.Env = append(os.Environ(), "ALIGN_INITIAL_ADMIN_KEYS="+pub)
	s.cmd.Stdout, s.cmd.Stderr = s.log, s.log
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { s.done <- s.cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("align serve exited early (%v): %s", err, s.log.String())
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			_ = c.Close()
			return s, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("align serve did not listen within a minute")
}

// stop sends SIGTERM (the graceful stop) and kills the process if it lingers.
func (s *alignServer) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// procSample is the server's resident memory and CPU time at one moment.
type procSample struct {
	rssKiB int
	cpuNs  int64 // on-CPU time summed over threads, from schedstat (ns resolution)
}

func sample(pid int) (procSample, error) {
	var p procSample
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return p, fmt.Errorf("reading the server's /proc entry: %w", err)
	}
	for _, ln := range strings.Split(string(b), "\n") {
		if f := strings.Fields(ln); len(f) >= 2 && f[0] == "VmRSS:" {
			p.rssKiB, _ = strconv.Atoi(f[1])
		}
	}
	tasks, err := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
	if err != nil {
		return p, err
	}
	for _, t := range tasks {
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/schedstat", pid, t.Name()))
		if err != nil {
			continue // the thread ended meanwhile
		}
		if f := strings.Fields(string(st)); len(f) > 0 {
			ns, _ := strconv.ParseInt(f[0], 10, 64)
			p.cpuNs += ns
		}
	}
	return p, nil
}
