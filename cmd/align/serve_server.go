package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"align/storage"
)

// serverConfig holds the server's limits. The zero value of a field means its
// default; tests shorten the timers.
type serverConfig struct {
	// HandshakeTimeout closes a connection that has not finished signing in (20 s).
	HandshakeTimeout time.Duration
	// MaxHandshakes caps connections still in the handshake; more are refused at once (128).
	MaxHandshakes int
	// FailureLimit failed sign-ins from one address within FailureWindow earn it
	// Penalty, during which its new connections are refused (10 in 1 min, 1 min).
	FailureLimit  int
	FailureWindow time.Duration
	Penalty       time.Duration
	// Inactivity ends a workspace session with no key or mouse input for this long (30 min).
	Inactivity time.Duration
	// MaxSession ends any session after this long, whatever happens in it (12 h).
	MaxSession time.Duration
	// KeepaliveInterval is how often the server asks the client for a sign of life;
	// after KeepaliveMisses unanswered requests the connection is closed (30 s, 3).
	KeepaliveInterval time.Duration
	KeepaliveMisses   int
	// FreeMemoryEvery bounds how often memory is handed back to the OS once the
	// server is quiet after sessions started or ended (3 s; serve_memory.go).
	FreeMemoryEvery time.Duration
}

func (c serverConfig) withDefaults() serverConfig {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.HandshakeTimeout, 20*time.Second)
	def(&c.FailureWindow, time.Minute)
	def(&c.Penalty, time.Minute)
	def(&c.Inactivity, 30*time.Minute)
	def(&c.MaxSession, 12*time.Hour)
	def(&c.KeepaliveInterval, 30*time.Second)
	def(&c.FreeMemoryEvery, 3*time.Second)
	if c.MaxHandshakes <= 0 {
		c.MaxHandshakes = 128
	}
	if c.FailureLimit <= 0 {
		c.FailureLimit = 10
	}
	if c.KeepaliveMisses <= 0 {
		c.KeepaliveMisses = 3
	}
	return c
}

// server is align's SSH server: wish and charm.land/ssh with align's own
// authentication, connection guards, middleware and sessions.
type server struct {
	cfg   serverConfig
	store *storage.Store
	log   *log.Logger
	now   func() time.Time
	ssh   *ssh.Server

	gate      *handshakeGate
	penalties *penaltyBox
	sessions  *sessionSet
	hub       *hub
	mem       *memReleaser
	refusals  throttle
	// keyRefusals throttles the log line of a key on no member's roster.
	keyRefusals throttle
	nextID      atomic.Uint64
	// roster follows the store's changes for watchRoster (serve_roster.go).
	roster *storage.Subscription
}

// newServer builds the server on an open store. hostKey identifies the server to clients.
func newServer(store *storage.Store, logger *log.Logger, hostKey gossh.Signer, cfg serverConfig, now func() time.Time) *server {
	cfg = cfg.withDefaults()
	if now == nil {
		now = time.Now
	}
	s := &server{
		cfg: cfg, store: store, log: logger, now: now,
		gate:      &handshakeGate{limit: int64(cfg.MaxHandshakes)},
		penalties: newPenaltyBox(cfg.FailureLimit, cfg.FailureWindow, cfg.Penalty),
		sessions:  newSessionSet(),
		hub:       newHub(),
	}
	s.mem = newMemReleaser(cfg.FreeMemoryEvery, s.goSafe)
	s.mem.scheduleAfter(startupWait)
	s.roster = store.Subscribe()
	s.goSafe("roster watch", func() { s.watchRoster(s.roster) })
	srv := &ssh.Server{
		Version:          "align",
		HostSigners:      []ssh.Signer{hostKey},
		PublicKeyHandler: s.knownKey,
		// No password or keyboard-interactive handler: public keys only.
		ServerConfigCallback: s.sshConfig,
		ConnCallback:         s.admit,
		HandshakeTimeout:     cfg.HandshakeTimeout,
		// The session tells the person when MaxSession is up; this is the backstop.
		MaxTimeout: cfg.MaxSession + time.Minute,
		// Only session channels: no direct-tcpip (local forwarding), no X11 or agent
		// channels. No global request handlers: tcpip-forward is refused. No
		// subsystems: sftp and friends are refused.
		ChannelHandlers:   map[string]ssh.ChannelHandler{"session": s.sessionChannel},
		RequestHandlers:   map[string]ssh.RequestHandler{},
		SubsystemHandlers: map[string]ssh.SubsystemHandler{},
	}
	// wish composes middleware first to last, so the last one listed runs first.
	_ = wish.WithMiddleware(s.middlewares()...)(srv)
	s.ssh = srv
	return s
}

// Serve accepts connections on ln until Stop; it returns ssh.ErrServerClosed then.
func (s *server) Serve(ln net.Listener) error { return s.ssh.Serve(ln) }

// Stop shuts the server down gracefully: no new connections, every session is told
// and ends (a workspace quits, a remote command gets a line on stderr), then the
// remaining connections are closed. ctx bounds the wait for sessions; when it expires
// the connections are cut anyway. The store stays open: its owner closes it.
func (s *server) Stop(ctx context.Context) error {
	shut := make(chan error, 1)
	s.goSafe("shutdown", func() { shut <- s.ssh.Shutdown(ctx) })
	s.sessions.stopAll()
	waitErr := s.sessions.wait(ctx, s.goSafe)
	closeErr := s.ssh.Close()
	var shutErr error
	select {
	case shutErr = <-shut:
	case <-ctx.Done():
	}
	s.mem.stop()
	s.roster.Close()
	if waitErr != nil {
		return fmt.Errorf("some sessions did not end in time and were cut: %w", waitErr)
	}
	if shutErr != nil && !errors.Is(shutErr, context.DeadlineExceeded) && !errors.Is(shutErr, net.ErrClosed) {
		return shutErr
	}
	if closeErr != nil && !errors.Is(closeErr, net.ErrClosed) {
		return closeErr
	}
	return nil
}

// goSafe runs fn in a goroutine that logs a panic instead of ending the process:
// one session's bug must not end everyone's.
func (s *server) goSafe(name string, fn func()) {
	go func() {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("A server goroutine panicked; the server carries on.",
					"goroutine", name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			}
		}()
		fn()
	}()
}

// throttle lets a repeated warning through at most once a second, counting the rest,
// so a flood of refused connections cannot flood the log too.
type throttle struct {
	mu         sync.Mutex
	last       time.Time
	suppressed int
}

// allow reports whether to log now, and how many were held back since the last one.
func (t *throttle) allow() (bool, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if time.Since(t.last) < time.Second {
		t.suppressed++
		return false, 0
	}
	n := t.suppressed
	t.last, t.suppressed = time.Now(), 0
	return true, n
}
