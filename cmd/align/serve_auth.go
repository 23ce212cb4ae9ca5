package main

import (
	"net"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// clientKeyAlgorithms are the signatures align accepts from clients: no ssh-rsa
// (SHA-1) and no DSA, which Go's server still accepts by default.
var clientKeyAlgorithms = []string{
	gossh.KeyAlgoED25519,
	gossh.KeyAlgoSKED25519,
	gossh.KeyAlgoECDSA256, gossh.KeyAlgoECDSA384, gossh.KeyAlgoECDSA521,
	gossh.KeyAlgoSKECDSA256,
	gossh.KeyAlgoRSASHA256, gossh.KeyAlgoRSASHA512,
}

// maxAuthTries is OpenSSH's default: six failed attempts end a connection.
const maxAuthTries = 6

// verifiedKeyExt is the permissions extension holding the fingerprint of the key whose
// signature was verified. The session checks it against sess.PublicKey(), so a
// library regression in which key the session reports (CVE-2024-45337) is caught.
const verifiedKeyExt = "align-verified-key"

// connStateKey finds a connection's connState in its ssh.Context.
type connStateKey struct{}

// connState is what align tracks about one connection while it signs in.
type connState struct {
	host string
	gate *handshakeGate
	// released says the handshake slot was given back (on sign-in or close).
	released atomic.Bool
	// attempted says the client tried a key, a password or another method.
	attempted atomic.Bool
	// authenticated says a signature was verified for a key on the roster.
	authenticated atomic.Bool
}

func (st *connState) releaseSlot() {
	if st.released.CompareAndSwap(false, true) {
		st.gate.release()
	}
}

// knownKey accepts the keys on the roster. It may see keys the client only offers
// and never signs with, so it decides nothing about identity: the session looks the
// member up again from the key that signed.
func (s *server) knownKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if st, ok := ctx.Value(connStateKey{}).(*connState); ok {
		st.attempted.Store(true)
	}
	fp := gossh.FingerprintSHA256(key)
	_, ok, err := s.store.MemberByKey(fp)
	if err != nil {
		s.log.Error("Could not look a key up on the roster; refusing it.", "err", err)
		return false
	}
	if !ok {
		// The person sees only "Permission denied"; the log tells the admin which key
		// to add (a client with several keys may still sign in with another).
		if allow, n := s.keyRefusals.allow(); allow {
			s.log.Info("Refused a key that is on no member's roster; `align user add NAME --role ROLE --key -` adds it.",
				"key", fp, "type", key.Type(), "user", ctx.User(), "remote", hostOf(ctx.RemoteAddr()), "also_refused", n)
		}
	}
	return ok
}

// sshConfig is a fresh x/crypto/ssh configuration for each connection.
func (s *server) sshConfig(ctx ssh.Context) *gossh.ServerConfig {
	st, _ := ctx.Value(connStateKey{}).(*connState)
	return &gossh.ServerConfig{
		PublicKeyAuthAlgorithms: clientKeyAlgorithms,
		MaxAuthTries:            maxAuthTries,
		AuthLogCallback: func(_ gossh.ConnMetadata, method string, err error) {
			if st != nil && err != nil && method != "none" {
				st.attempted.Store(true)
			}
		},
		VerifiedPublicKeyCallback: func(_ gossh.ConnMetadata, key gossh.PublicKey, perms *gossh.Permissions, _ string) (*gossh.Permissions, error) {
			if perms == nil {
				perms = &gossh.Permissions{}
			}
			if perms.Extensions == nil {
				perms.Extensions = map[string]string{}
			}
			perms.Extensions[verifiedKeyExt] = gossh.FingerprintSHA256(key)
			if st != nil {
				st.authenticated.Store(true)
				st.releaseSlot()
			}
			return perms, nil
		},
	}
}

// admit is the ConnCallback: it refuses an address serving a penalty and any
// connection beyond the handshake cap (like OpenSSH's MaxStartups hard limit), and
// starts the connection's keepalives. Returning nil closes the connection.
func (s *server) admit(ctx ssh.Context, c net.Conn) net.Conn {
	host := hostOf(c.RemoteAddr())
	if until, blocked := s.penalties.blocked(host, time.Now()); blocked {
		if ok, n := s.refusals.allow(); ok {
			s.log.Warn("Refused a connection from an address with repeated failed sign-ins.",
				"remote", host, "until", until.UTC().Format(time.RFC3339), "also_refused", n)
		}
		return nil
	}
	if !s.gate.acquire() {
		if ok, n := s.refusals.allow(); ok {
			s.log.Warn("Refused a connection: too many connections are still signing in.",
				"remote", host, "limit", s.cfg.MaxHandshakes, "also_refused", n)
		}
		return nil
	}
	st := &connState{host: host, gate: s.gate}
	ctx.SetValue(connStateKey{}, st)
	s.goSafe("keepalive", func() { s.keepalive(ctx) })
	return &guardedConn{Conn: c, st: st, s: s}
}

// guardedConn gives the handshake slot back when the connection closes, and counts a
// connection that tried to sign in and never did as a failure of its address. A
// connection that merely closes is no failure.
type guardedConn struct {
	net.Conn
	st   *connState
	s    *server
	once sync.Once
}

func (c *guardedConn) Close() error {
	c.once.Do(func() {
		c.st.releaseSlot()
		if c.st.attempted.Load() && !c.st.authenticated.Load() {
			if c.s.penalties.fail(c.st.host, time.Now()) {
				c.s.log.Warn("An address failed to sign in repeatedly; refusing it for a while.",
					"remote", c.st.host, "penalty", c.s.cfg.Penalty.String())
			}
		}
	})
	return c.Conn.Close()
}

// hostOf is the IP part of a remote address.
func hostOf(a net.Addr) string {
	if a == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// handshakeGate counts connections that have not finished signing in.
type handshakeGate struct {
	limit int64
	n     atomic.Int64
}

func (g *handshakeGate) acquire() bool {
	if g.n.Add(1) > g.limit {
		g.n.Add(-1)
		return false
	}
	return true
}

func (g *handshakeGate) release() { g.n.Add(-1) }

// maxPenaltyAddrs bounds the addresses the penalty box remembers.
const maxPenaltyAddrs = 10000

// penaltyBox counts failed sign-ins per address. `limit` failures within `window`
// earn the address `penalty`, during which its new connections are refused. There is
// no small per-address cap on connections: a whole office often shares one address.
type penaltyBox struct {
	limit           int
	window, penalty time.Duration

	mu    sync.Mutex
	addrs map[string]*strikes
}

type strikes struct {
	n     int
	since time.Time
	until time.Time
}

func newPenaltyBox(limit int, window, penalty time.Duration) *penaltyBox {
	return &penaltyBox{limit: limit, window: window, penalty: penalty, addrs: map[string]*strikes{}}
}

// fail records a failed sign-in; it reports whether the address just earned a penalty.
func (p *penaltyBox) fail(host string, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.addrs[host]
	if st == nil {
		if len(p.addrs) >= maxPenaltyAddrs {
			p.prune(now)
		}
		st = &strikes{since: now}
		p.addrs[host] = st
	}
	if now.Sub(st.since) > p.window {
		st.n, st.since = 0, now
	}
	st.n++
	if st.n >= p.limit {
		st.n, st.since, st.until = 0, now, now.Add(p.penalty)
		return true
	}
	return false
}

// blocked reports whether the address is serving a penalty, and until when.
func (p *penaltyBox) blocked(host string, now time.Time) (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if st := p.addrs[host]; st != nil && now.Before(st.until) {
		return st.until, true
	}
	return time.Time{}, false
}

// prune forgets addresses with no recent failure and no running penalty; if that is
// not enough, it starts over rather than grow without bound.
func (p *penaltyBox) prune(now time.Time) {
	for h, st := range p.addrs {
		if now.After(st.until) && now.Sub(st.since) > p.window {
			delete(p.addrs, h)
		}
	}
	if len(p.addrs) >= maxPenaltyAddrs {
		clear(p.addrs)
	}
}

// keepalive asks the client for a sign of life every KeepaliveInterval and closes the
// connection after KeepaliveMisses requests went unanswered: a peer that vanished
// (a laptop lid, a dropped VPN) would otherwise hold its session until MaxSession.
func (s *server) keepalive(ctx ssh.Context) {
	t := time.NewTicker(s.cfg.KeepaliveInterval)
	defer t.Stop()
	replies := make(chan error, 1)
	inFlight, misses := false, 0
	for {
		var conn *gossh.ServerConn
		select {
		case <-ctx.Done():
			return
		case err := <-replies:
			inFlight = false
			if err != nil {
				return // the connection is gone
			}
			misses = 0
			continue
		case <-t.C:
			conn, _ = ctx.Value(ssh.ContextKeyConn).(*gossh.ServerConn)
			if conn == nil {
				continue // still signing in; HandshakeTimeout bounds that
			}
			if inFlight {
				misses++
			} else {
				inFlight = true
				s.goSafe("keepalive request", func() {
					// Any reply, even a refusal, is a sign of life.
					_, _, err := conn.SendRequest("keepalive@openssh.com", true, nil)
					replies <- err
				})
			}
		}
		if misses >= s.cfg.KeepaliveMisses {
			s.log.Info("Closed a connection whose client stopped answering keepalives.",
				"remote", conn.RemoteAddr().String(), "user", conn.User())
			_ = conn.Close()
			return
		}
	}
}

// sessionChannel accepts a session channel like charm.land/ssh does, but refuses
// agent and X11 forwarding requests on it (charm.land/ssh answers yes to agent
// forwarding by default).
func (s *server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	ssh.DefaultSessionHandler(srv, conn, &guardedChannel{NewChannel: nc, s: s, remote: hostOf(conn.RemoteAddr())}, ctx)
}

// refusedSessionRequests are session requests align never grants.
var refusedSessionRequests = map[string]bool{
	"auth-agent-req@openssh.com": true,
	"x11-req":                    true,
}

// guardedChannel filters a session channel's requests.
type guardedChannel struct {
	gossh.NewChannel
	s      *server
	remote string
}

func (c *guardedChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	c.s.goSafe("session requests", func() {
		defer close(out)
		for r := range reqs {
			if refusedSessionRequests[r.Type] {
				c.s.log.Info("Refused a forwarding request.", "type", r.Type, "remote", c.remote)
				if r.WantReply {
					_ = r.Reply(false, nil)
				}
				continue
			}
			out <- r
		}
	})
	return ch, out, nil
}
