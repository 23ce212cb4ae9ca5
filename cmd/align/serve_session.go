package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	"charm.land/wish/v2/bubbletea"
	"github.com/anmitsu/go-shlex"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/storage"
	"align/tui"
)

// Sentences sessions end with. Each says what happened and what to do next.
const (
	msgNoTerminal = "this server opens the workspace in a terminal or runs one of align's commands; " +
		"connect with `ssh -t` for the workspace, or add a command such as `export` or `lead list`"
	msgStopping    = "the server is shutting down; connect again in a minute"
	msgNoKey       = "align signs people in with SSH keys only; connect with a key an admin has added with `align user add`"
	msgKeyMismatch = "align could not confirm which key signed in, so it refused the session; connect again"
	msgRosterDown  = "align could not read the roster just now; connect again in a moment"
)

// route is what a session asked for.
type route int

const (
	routeUnknown route = iota
	routeNone
	routeCommand
	routeWorkspace
)

func (r route) String() string {
	switch r {
	case routeNone:
		return "none"
	case routeCommand:
		return "command"
	case routeWorkspace:
		return "workspace"
	}
	return "unknown"
}

// session is one SSH session as it passes through align's middleware: the outer
// layers fill in what the inner ones need. Sessions of one connection share its
// ssh.Context, so per-session facts live here, not in the context.
type session struct {
	ssh.Session
	id     uint64
	route  route
	member model.Member
	exit   int
	reason string

	// stop is closed when the server stops, so the session says goodbye.
	stop     chan struct{}
	stopOnce sync.Once
	// revoked is closed when the roster changed under the member (serve_roster.go);
	// revokedWhy, set before, says how.
	revoked    chan struct{}
	revokedWhy string
	revokeOnce sync.Once
	// ownChange is set when the session's command changed its own member
	// (sessionSet.ownChange); roster changes leave it alone from then on.
	ownChange bool
}

// end sends the exit status and closes the session.
func (ss *session) end(code int) {
	ss.exit = code
	_ = ss.Exit(code)
}

// fail writes one sentence to stderr and ends the session with code.
func (ss *session) fail(code int, reason, msg string) {
	ss.reason = reason
	fmt.Fprintln(ss.Stderr(), errorLine(msg))
	ss.end(code)
}

// goodbye ends a workspace session with one sentence on the terminal itself, after
// the program's last frame: OpenSSH writes stdout and stderr separately, so a sentence
// on stderr could land inside the alternate screen the frame then leaves, and vanish.
// The client's terminal is still raw, hence \r\n.
func (ss *session) goodbye(code int, reason, msg string) {
	ss.reason = reason
	fmt.Fprint(ss, "\r\n"+errorLine(msg)+"\r\n")
	ss.end(code)
}

// sshCommand is the ssh command line that reached this server ("ssh -p 2222 host").
func (ss *session) sshCommand() string {
	if cmd, ok := sshCommand(ss.LocalAddr().String()); ok {
		return cmd
	}
	return "ssh HOST"
}

// handBack writes text typed into a form and not sent to the terminal as the session
// ends under the member, so that it is not lost with the session: it stays in their
// scrollback to copy.
func (ss *session) handBack(text string) {
	fmt.Fprint(ss, handBackText(text, "\r\n"))
}

// handBackText words unsent text for the terminal, each line through the sanitiser and
// ended with nl ("\r\n" on a PTY the workspace left); "" when there is none.
func handBackText(text, nl string) string {
	if text == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(nl + "align: what you typed and did not send, kept here for you:" + nl)
	for _, line := range strings.Split(text, "\n") {
		b.WriteString("  " + model.Sanitize(line) + nl)
	}
	return b.String()
}

func (ss *session) signalStop() { ss.stopOnce.Do(func() { close(ss.stop) }) }

// as recovers align's session from what the middleware passes on.
func as(sess ssh.Session) *session {
	if ss, ok := sess.(*session); ok {
		return ss
	}
	return &session{Session: sess, stop: make(chan struct{}), revoked: make(chan struct{})}
}

// middlewares lists the layers innermost first, the order wish.WithMiddleware takes
// them in (the last one listed runs first). A session meets them as:
//
//  1. logging: every session, refused ones included, one line in and one out;
//  2. routing: a PTY opens the workspace, a command runs one of align's commands,
//     neither is refused with a sentence, and nothing starts while the server stops;
//  3. authorisation: the member behind the key that signed, looked up again now;
//  4. the app: the workspace or the remote command, with that member's role.
//
// serve_test.go holds this order.
func (s *server) middlewares() []wish.Middleware {
	return []wish.Middleware{s.appMiddleware, s.authorizeMiddleware, s.routeMiddleware, s.logMiddleware}
}

// logMiddleware logs each session. User text (the SSH user name, the command) only
// ever appears as a JSON field, so a newline in it cannot forge a line.
func (s *server) logMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := &session{Session: sess, id: s.nextID.Add(1), stop: make(chan struct{}), revoked: make(chan struct{})}
		start := time.Now()
		s.mem.schedule()
		pty, _, hasPTY := sess.Pty()
		s.log.Info("Session started.", "session", ss.id, "user", sess.User(),
			"remote", sess.RemoteAddr().String(), "pty", hasPTY, "term", pty.Term,
			"width", pty.Window.Width, "height", pty.Window.Height,
			"command", sess.RawCommand(), "client", sess.Context().ClientVersion())
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("A session panicked; the server carries on.", "session", ss.id,
					"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
				ss.reason = "panic"
				ss.end(1)
			}
			s.log.Info("Session ended.", "session", ss.id, "route", ss.route.String(),
				"member", ss.member.Name, "role", string(ss.member.Role), "exit", ss.exit,
				"reason", ss.reason, "duration", time.Since(start).Round(time.Millisecond).String())
			s.mem.schedule()
		}()
		next(ss)
	}
}

// routeMiddleware sends a session with a command to align's command router and one
// with a PTY to the workspace; one with neither gets a sentence and exit 1.
func (s *server) routeMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := as(sess)
		_, _, hasPTY := ss.Pty()
		switch {
		case strings.TrimSpace(ss.RawCommand()) != "":
			ss.route = routeCommand
		case hasPTY:
			ss.route = routeWorkspace
		default:
			ss.route = routeNone
			ss.fail(1, "no terminal and no command", msgNoTerminal)
			return
		}
		if !s.sessions.add(ss) {
			ss.fail(1, "stopping", msgStopping)
			return
		}
		defer s.sessions.remove(ss)
		next(ss)
	}
}

// authorizeMiddleware finds the member behind the session. Identity is the key that
// signed (sess.PublicKey(), checked against the fingerprint recorded when its
// signature was verified), looked up on the roster again now: a key the client only
// offered never counts, and a member removed since the handshake is refused. The SSH
// user name is display text only.
func (s *server) authorizeMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := as(sess)
		key := ss.PublicKey()
		if key == nil {
			ss.fail(1, "no key", msgNoKey)
			return
		}
		fp := gossh.FingerprintSHA256(key)
		if perms := ss.Permissions(); perms.Permissions == nil || perms.Extensions[verifiedKeyExt] != fp {
			s.log.Error("The session's key is not the key whose signature was verified; refusing the session.",
				"session", ss.id, "key", fp)
			ss.fail(1, "key mismatch", msgKeyMismatch)
			return
		}
		m, ok, err := s.store.MemberByKey(fp)
		if err != nil {
			s.log.Error("Could not read the roster.", "session", ss.id, "err", err)
			ss.fail(1, "roster unreadable", msgRosterDown)
			return
		}
		if !ok {
			ss.fail(1, "key not on the roster", fmt.Sprintf("your key (%s) is not on this workspace's roster any more; ask an admin to add it with `align user add`", fp))
			return
		}
		s.sessions.signIn(ss, m)
		next(ss)
	}
}

// appMiddleware is the innermost layer: the workspace or the remote command.
func (s *server) appMiddleware(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := as(sess)
		switch ss.route {
		case routeCommand:
			s.runCommand(ss)
		case routeWorkspace:
			s.runWorkspace(ss)
		default:
			ss.fail(1, "unrouted", msgNoTerminal)
		}
	}
}

// runCommand runs one of align's own subcommands with the member's role: stdin and
// stdout are the channel's, the exit status is the command's. Anything else gets the
// command router's usage sentence and exit 2.
func (s *server) runCommand(ss *session) {
	// charm.land/ssh's Command() drops a split error and returns what it had so far,
	// so a command with a stray quote would run truncated: split it here instead.
	args, err := shlex.Split(ss.RawCommand(), true)
	if err != nil || len(args) == 0 {
		ss.fail(2, "unparsable command", "align could not split that command into words; check its quotes and backslashes")
		return
	}
	ctx, cancel := context.WithCancel(ss.Context())
	defer cancel()
	ctx = storage.WithCommitHook(ctx, func(it model.FeedItem) { s.sessions.ownChange(ss, it) })
	gate := newCommandGate(cancel)
	finished, watched := make(chan struct{}), make(chan struct{})
	// The command's end and a revocation race to end the session; the first one does.
	var ending sync.Once
	finish := func(code int, reason string) {
		ending.Do(func() {
			ss.reason = reason
			ss.end(code)
		})
	}
	s.goSafe("command stop notice", func() {
		defer close(watched)
		select {
		case <-ss.stop:
			fmt.Fprintln(ss.Stderr(), "align: the server is shutting down; this command is cut short unless it ends within seconds.")
		case <-ss.revoked:
			gate.shut()
			fmt.Fprintln(ss.Stderr(), errorLine(ss.revokedWhy))
			select {
			case <-finished:
			case <-time.After(revokeGrace):
				// The command waits for input: the exit status and the channel's close
				// end that wait.
			}
			finish(1, "revoked")
		case <-finished:
		}
	})
	out := gate.writer(ss)
	if _, _, hasPTY := ss.Pty(); hasPTY {
		out = ptyWriter{out}
	}
	code := runRemote(ctx, s.store, ss.member, ss.sshCommand(), args, gate.reader(ss), out, gate.writer(ss.Stderr()), s.now)
	close(finished)
	if gate.isShut() {
		<-watched // the watch ends a revoked command's session, with exit status 1
		return
	}
	// Not waiting for the watch: under load its goroutine may wait its turn for tens of
	// milliseconds, and the command's exit status with it.
	finish(code, "command")
}

// ptyWriter is the standard output of a command run with a PTY (`ssh -t`): the
// server's terminal line discipline turns each \n written to it into \r\n, so the
// command treats it as the terminal it is (isTerminal) and writes no bytes there that
// must arrive exactly, such as a backup's.
type ptyWriter struct{ io.Writer }

// revokeGrace is how long a revoked command has to notice before its session ends.
const revokeGrace = 2 * time.Second

// runWorkspace runs one workspace for the member: its own tui.App, its own change
// feed subscription and its place in the hub's room, all given up at the end. The
// session ends when the member quits, after Inactivity without key or mouse input,
// after MaxSession, when the connection drops, or when the server stops; the last
// three say why on the way out.
func (s *server) runWorkspace(ss *session) {
	ctx := ss.Context()
	// The app's context ends with the workspace, not with the connection, so what the
	// app waits on (the minute tick) ends with it.
	appCtx, endApp := context.WithCancel(ctx)
	defer endApp()
	sub := s.store.Subscribe()
	defer sub.Close()
	room := s.hub.join(ss.id, ss.member)
	defer room.leave()
	app := tui.New(tui.Deps{
		Store: s.store, Feed: sub.C, CloseFeed: sub.Close, Me: ss.member, Now: s.now, Context: appCtx,
		Presence: room, Command: ss.sshCommand(),
	})
	pty, windows, _ := ss.Pty()
	in := newActivityReader(ss)
	input := newSessionInput(in, s.goSafe)
	var p *tea.Program
	w, h := clampWindow(pty.Window.Width, pty.Window.Height)
	opts := append(bubbletea.MakeOptions(ss),
		tea.WithWindowSize(w, h),
		tea.WithInput(input),
		tea.WithFilter(input.filter(func() *tea.Program { return p }, s.goSafe)),
		tea.WithColorProfile(sessionProfile(append(ss.Environ(), "TERM="+pty.Term))),
		tea.WithoutSignalHandler(),
	)
	p = tea.NewProgram(app, opts...)

	ended := make(chan struct{})
	watched := make(chan string, 1)
	s.goSafe("session watch", func() { watched <- s.watchWorkspace(ss, p, in, windows, ended) })
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		s.log.Warn("The workspace ended with an error.", "session", ss.id, "err", err)
	}
	p.Kill() // restores the terminal if the program did not get to
	close(ended)
	var why string
	select {
	case why = <-watched:
	case <-time.After(time.Second):
		why = stoppedWhy(ss, "quit")
	}
	ss.reason = why
	if why != "disconnected" {
		ss.handBack(app.Unsent())
	}
	switch why {
	case "idle":
		ss.goodbye(1, why, fmt.Sprintf("the session ended after %s without a key press; connect again to carry on", humanDuration(s.cfg.Inactivity)))
	case "max":
		ss.goodbye(1, why, fmt.Sprintf("the session ended after %s, the longest a session may last; connect again to carry on", humanDuration(s.cfg.MaxSession)))
	case "stopping":
		ss.goodbye(1, why, msgStopping)
	case "revoked":
		ss.goodbye(1, why, ss.revokedWhy)
	default:
		ss.end(0)
	}
}

// watchWorkspace feeds window changes to the program and quits it for inactivity,
// the session cap, a dropped connection or a server stop. It returns the reason.
func (s *server) watchWorkspace(ss *session, p *tea.Program, in *activityReader, windows <-chan ssh.Window, ended <-chan struct{}) string {
	idle := time.NewTimer(s.cfg.Inactivity)
	defer idle.Stop()
	limit := time.NewTimer(s.cfg.MaxSession)
	defer limit.Stop()
	for {
		select {
		case <-ended:
			return stoppedWhy(ss, "quit")
		case <-ss.Context().Done():
			p.Quit()
			return "disconnected"
		case <-ss.stop:
			p.Quit()
			return "stopping"
		case <-ss.revoked:
			p.Quit()
			return "revoked"
		case <-limit.C:
			p.Quit()
			return "max"
		case <-idle.C:
			if left := s.cfg.Inactivity - in.idleFor(); left > 0 {
				idle.Reset(left)
				continue
			}
			p.Quit()
			return "idle"
		case w, ok := <-windows:
			if !ok {
				windows = nil
				continue
			}
			width, height := clampWindow(w.Width, w.Height)
			p.Send(tea.WindowSizeMsg{Width: width, Height: height})
		}
	}
}

// stoppedWhy is "stopping" or "revoked" when the server stops or the member was
// revoked, else why: a program that ended at the same moment (its context ends with
// the server's) left the watcher two ready cases, and half the time the session ended
// without "the server is shutting down" (TestOpenSSHSIGTERMTellsEverySession, under
// load).
func stoppedWhy(ss *session, why string) string {
	select {
	case <-ss.stop:
		return "stopping"
	case <-ss.revoked:
		return "revoked"
	default:
		return why
	}
}

// clampWindow bounds the terminal size a client reports. Bubble Tea allocates its
// cell buffers at the initial size without checking it, so a PTY request of
// 65535x65535 would ask for four billion cells; the screens never draw beyond
// tui.MaxWidth x tui.MaxHeight anyway.
func clampWindow(w, h int) (int, int) {
	return min(max(w, 0), tui.MaxWidth), min(max(h, 0), tui.MaxHeight)
}

// sessionProfile is the colour profile for a client environment. OpenSSH usually
// sends TERM only, which gives ANSI256 for xterm-256color; COLORTERM=truecolor gives
// TrueColor, NO_COLOR=1 Ascii, TERM=dumb no styling. Never os.Getenv: that is the
// server's environment, not the teammate's.
func sessionProfile(env []string) colorprofile.Profile {
	return colorprofile.Env(env)
}

// activityReader is the session input as Bubble Tea reads it, noting when input last
// arrived. Inactivity is measured from the person's keys and mouse, not from output:
// a screen that redraws (an SLA clock ticking) would otherwise never idle out.
type activityReader struct {
	r     io.Reader
	start time.Time
	last  atomic.Int64 // time since start of the last read, in ns
}

func newActivityReader(r io.Reader) *activityReader {
	return &activityReader{r: r, start: time.Now()}
}

func (a *activityReader) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.last.Store(int64(time.Since(a.start)))
	}
	return n, err
}

// idleFor is how long ago input last arrived.
func (a *activityReader) idleFor() time.Duration {
	return time.Since(a.start) - time.Duration(a.last.Load())
}

// humanDuration says 30 minutes, 12 hours or 90 seconds.
func humanDuration(d time.Duration) string {
	switch {
	case d >= time.Hour && d%time.Hour == 0:
		return model.Plural(int(d/time.Hour), "hour")
	case d >= time.Minute && d%time.Minute == 0:
		return model.Plural(int(d/time.Minute), "minute")
	}
	return model.Plural(int(d.Round(time.Second)/time.Second), "second")
}

// sessionSet tracks live sessions so a stop can tell each of them.
type sessionSet struct {
	mu       sync.Mutex
	stopping bool
	live     map[*session]struct{}
	wg       sync.WaitGroup
}

func newSessionSet() *sessionSet { return &sessionSet{live: map[*session]struct{}{}} }

// add registers a session; it reports false once the server is stopping.
func (set *sessionSet) add(ss *session) bool {
	set.mu.Lock()
	defer set.mu.Unlock()
	if set.stopping {
		return false
	}
	set.live[ss] = struct{}{}
	set.wg.Add(1)
	return true
}

func (set *sessionSet) remove(ss *session) {
	set.mu.Lock()
	delete(set.live, ss)
	set.mu.Unlock()
	set.wg.Done()
}

// count is the number of live sessions.
func (set *sessionSet) count() int {
	set.mu.Lock()
	defer set.mu.Unlock()
	return len(set.live)
}

// stopAll refuses new sessions and tells every live one to end.
func (set *sessionSet) stopAll() {
	set.mu.Lock()
	defer set.mu.Unlock()
	set.stopping = true
	for ss := range set.live {
		ss.signalStop()
	}
}

// wait blocks until every session has ended or ctx is done.
func (set *sessionSet) wait(ctx context.Context, goSafe func(string, func())) error {
	done := make(chan struct{})
	goSafe("wait for sessions", func() { set.wg.Wait(); close(done) })
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
