package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/model/sample"
	"align/storage"
)

var (
	sampleOnce sync.Once
	sampleWS   model.Workspace
)

// smallSample is the sample workspace with every 8th lead and its history: the same
// variety of stages and queues at an eighth of the seeding time, which matters under
// -race. It is generated once per test binary; each server seeds its own store.
func smallSample() model.Workspace {
	sampleOnce.Do(func() {
		ws := sample.Generate(time.Now())
		keep := map[model.LeadID]bool{}
		var leads []model.Lead
		for i, l := range ws.Leads {
			if i%8 == 0 {
				leads = append(leads, l)
				keep[l.ID] = true
			}
		}
		var events []model.Event
		for _, e := range ws.Events {
			if e.Lead == 0 && len(e.Leads) == 0 || keep[e.Lead] {
				events = append(events, e)
			}
		}
		ws.Leads, ws.Events = leads, events
		sampleWS = ws
	})
	return sampleWS
}

// testServer is one align server on 127.0.0.1 with its own in-memory store.
type testServer struct {
	addr    string
	srv     *server
	store   *storage.Store
	logs    *logBuffer
	hostKey gossh.PublicKey
	keys    map[string]gossh.Signer       // by member name
	lines   map[string]string             // authorized_keys lines, by member name
	privs   map[string]ed25519.PrivateKey // by member name, for OpenSSH
}

// testMembers are the roster of every test server.
var testMembers = []model.Member{
	{Name: "ada", Role: model.RoleAdmin},
	{Name: "vic", Role: model.RoleViewer},
	{Name: "sam", Role: model.RoleSDR},
}

// startServer starts a server for one test. withSample loads the sample workspace
// (about 2,000 leads) for tests that look at leads.
func startServer(t testing.TB, withSample bool, cfg serverConfig) *testServer {
	t.Helper()
	ctx := context.Background()
	store := newMemStore(t)
	if withSample {
		if err := store.Seed(ctx, smallSample()); err != nil {
			t.Fatal(err)
		}
	}
	ts := &testServer{store: store, logs: &logBuffer{}, keys: map[string]gossh.Signer{}, lines: map[string]string{}, privs: map[string]ed25519.PrivateKey{}}
	for _, m := range testMembers {
		priv, signer, line := newKeyPair(t, m.Name+"@test")
		m.Keys = []string{line}
		if err := store.PutMember(ctx, seedActor, m); err != nil {
			t.Fatal(err)
		}
		ts.keys[m.Name], ts.lines[m.Name], ts.privs[m.Name] = signer, line, priv
	}
	hostKey, err := newHostKey()
	if err != nil {
		t.Fatal(err)
	}
	ts.hostKey = hostKey.PublicKey()
	ts.srv = newServer(store, newServerLogger(ts.logs), hostKey, cfg, time.Now)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.addr = ln.Addr().String()
	served := make(chan error, 1)
	go func() { served <- ts.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = ts.srv.Stop(ctx)
		select {
		case <-served:
		case <-time.After(5 * time.Second):
			t.Error("the server did not stop")
		}
	})
	return ts
}

// dial connects with the given authentication methods, as user.
func (ts *testServer) dial(user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	return gossh.Dial("tcp", ts.addr, &gossh.ClientConfig{
		User: user, Auth: auth,
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey),
		Timeout:         5 * time.Second,
	})
}

// client connects as a member with their own key.
func (ts *testServer) client(t testing.TB, name string) *gossh.Client {
	t.Helper()
	c, err := ts.dial(name, gossh.PublicKeys(ts.keys[name]))
	if err != nil {
		t.Fatalf("%s cannot connect: %v", name, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// run runs a remote command and returns its stdout, stderr and exit status.
func remote(t testing.TB, c *gossh.Client, cmd string, stdin string) (string, string, int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr, sess.Stdin = &out, &errOut, strings.NewReader(stdin)
	done := make(chan error, 1)
	go func() { done <- sess.Run(cmd) }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("%q did not finish", cmd)
	}
	return out.String(), errOut.String(), exitStatus(t, err)
}

func exitStatus(t testing.TB, err error) int {
	t.Helper()
	var ee *gossh.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitStatus()
	}
	t.Fatalf("session ended without an exit status: %v", err)
	return -1
}

// screen collects a session's output and answers questions about its text.
type screen struct {
	mu   sync.Mutex
	raw  bytes.Buffer
	done chan struct{}
}

func newScreen(r io.Reader) *screen {
	sc := &screen{done: make(chan struct{})}
	go func() {
		defer close(sc.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			sc.mu.Lock()
			sc.raw.Write(buf[:n])
			sc.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return sc
}

// Write takes the session's stderr, which a terminal shows alongside stdout.
func (sc *screen) Write(p []byte) (int, error) {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.raw.Write(p)
}

// text is everything received so far without escape sequences.
func (sc *screen) text() string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return ansi.Strip(sc.raw.String())
}

// waitFor polls until the text contains want, or fails the test after timeout.
func (sc *screen) waitFor(t testing.TB, want string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(sc.text(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tail := sc.text()
	if len(tail) > 2000 {
		tail = tail[len(tail)-2000:]
	}
	t.Fatalf("%q did not appear within %v; the session showed:\n%s", want, timeout, tail)
}

// workspace opens the workspace with a 120x40 PTY and waits for the first frame.
func workspace(t testing.TB, c *gossh.Client) (*gossh.Session, io.Writer, *screen) {
	t.Helper()
	sess, stdin, sc := openWorkspace(t, c)
	sc.waitFor(t, "? help", 20*time.Second)
	return sess, stdin, sc
}

// openWorkspace asks for the workspace with a 120x40 PTY and returns at once.
func openWorkspace(t testing.TB, c *gossh.Client) (*gossh.Session, io.Writer, *screen) {
	t.Helper()
	sess, stdin, sc, err := startPTY(c, 120, 40, nil)
	if sess != nil {
		t.Cleanup(func() { _ = sess.Close() })
	}
	if err != nil {
		t.Fatal(err)
	}
	return sess, stdin, sc
}

// startPTY opens a session with a cols x rows PTY and asks for the workspace. Its
// stdout feeds the returned screen, and so does its stderr unless stderr is given.
// The session is returned whenever it was opened, so the caller can close it.
func startPTY(c *gossh.Client, cols, rows int, stderr io.Writer) (*gossh.Session, io.WriteCloser, *screen, error) {
	sess, err := c.NewSession()
	if err != nil {
		return nil, nil, nil, err
	}
	if err := sess.RequestPty("xterm-256color", rows, cols, gossh.TerminalModes{}); err != nil {
		return sess, nil, nil, err
	}
	stdin, err := sess.StdinPipe()
	if err != nil {
		return sess, nil, nil, err
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		return sess, nil, nil, err
	}
	sc := newScreen(stdout)
	sess.Stderr = sc
	if stderr != nil {
		sess.Stderr = stderr
	}
	if err := sess.Shell(); err != nil {
		return sess, nil, nil, err
	}
	return sess, stdin, sc, nil
}

// waitExit waits for a session to end and returns its exit status.
func waitExit(t testing.TB, sess *gossh.Session, timeout time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- sess.Wait() }()
	select {
	case err := <-done:
		return exitStatus(t, err)
	case <-time.After(timeout):
		t.Fatalf("the session did not end within %v", timeout)
	}
	return -1
}

// waitLog polls the server log for an entry whose msg starts with msg.
func (ts *testServer) waitLog(t testing.TB, msg string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if got := ts.logs.find(t, msg); len(got) > 0 {
			return got[len(got)-1]
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no log entry %q", msg)
	return nil
}

func TestServeWorkspaceOpensForAdmin(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	c := ts.client(t, "ada")
	sess, stdin, sc := workspace(t, c)
	if !strings.Contains(sc.text(), "MQL") {
		t.Error("the first frame does not show the MQL inbox")
	}
	if _, err := stdin.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, sess, 10*time.Second); code != 0 {
		t.Errorf("quitting exits %d, want 0", code)
	}
	ended := ts.waitLog(t, "Session ended.")
	if ended["member"] != "ada" || ended["role"] != "admin" || ended["route"] != "workspace" {
		t.Errorf("session log: %v", ended)
	}
}

func TestServeRefusesUnknownKeyAndPasswords(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	stranger, _ := newKey(t, "")
	if c, err := ts.dial("ada", gossh.PublicKeys(stranger)); err == nil {
		c.Close()
		t.Fatal("an unknown key signed in")
	}
	// The log names the refused key, so an admin can tell which one to add; it named none.
	if refused := ts.waitLog(t, "Refused a key that is on no member's roster; `align user add NAME --role ROLE --key -` adds it."); refused["key"] != gossh.FingerprintSHA256(stranger.PublicKey()) {
		t.Errorf("refusal log: %v", refused)
	}
	if c, err := ts.dial("ada", gossh.Password("ada")); err == nil {
		c.Close()
		t.Fatal("a password signed in")
	}
	kbd := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	if c, err := ts.dial("ada", kbd); err == nil {
		c.Close()
		t.Fatal("keyboard-interactive signed in")
	}
}

// unsignableSigner offers a public key it cannot sign with: the first half of the
// offered-key impersonation (CVE-2024-45337, soft-serve GHSA-pchf-49fh-w34r).
type unsignableSigner struct{ pub gossh.PublicKey }

func (s unsignableSigner) PublicKey() gossh.PublicKey { return s.pub }
func (s unsignableSigner) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("this key is only offered, never signed with")
}

// TestServeOfferedKeyImpersonation offers the admin's public key without its private
// half, then signs with the viewer's key: the session must be the viewer's, or none.
// x/crypto's client ends the whole sign-in when a signer fails (client_auth.go returns
// the Sign error), so here the offer ends the connection; the full attack (offer one
// key, sign with another on the same connection) runs through OpenSSH in
// TestOpenSSHOfferedKeyImpersonation.
func TestServeOfferedKeyImpersonation(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	c, err := ts.dial("ada", gossh.PublicKeys(unsignableSigner{ts.keys["ada"].PublicKey()}, ts.keys["vic"]))
	if err != nil {
		t.Logf("the client gave up after the unsignable admin key (%v): no session, as required", err)
	} else {
		defer c.Close()
		_, errOut, code := remote(t, c, "lead accept 1", "")
		if code == 0 || !strings.Contains(errOut, "you are signed in as Viewer") {
			t.Fatalf("after offering the admin's key, `lead accept 1` exited %d with %q; want the viewer's refusal", code, errOut)
		}
	}
	// The viewer's own key, on its own, gets the viewer's role and nothing more.
	vic := ts.client(t, "vic")
	if _, errOut, code := remote(t, vic, "lead accept 1", ""); code == 0 || !strings.Contains(errOut, "you are signed in as Viewer") {
		t.Fatalf("viewer's `lead accept 1`: exit %d, stderr %q", code, errOut)
	}
}

func TestServeNeitherPTYNorCommand(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c := ts.client(t, "ada")
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var errOut bytes.Buffer
	sess.Stderr = &errOut
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, sess, 10*time.Second); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if got := errOut.String(); !strings.Contains(got, "connect with `ssh -t`") || strings.Count(got, "\n") != 1 {
		t.Errorf("stderr %q, want one sentence saying how to connect", got)
	}
	// Logging is outermost (it saw the refused session) and routing runs before
	// authorisation (no member was looked up for it).
	ended := ts.waitLog(t, "Session ended.")
	if ended["route"] != "none" || ended["member"] != "" || ended["exit"] != float64(1) {
		t.Errorf("session log: %v", ended)
	}
}

func TestServeForeignCommandIsUsageError(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c := ts.client(t, "ada")
	for _, cmd := range []string{"ls", "sh -c id", "scp -t /tmp", "serve", "restore -", `lead "unterminated`} {
		out, errOut, code := remote(t, c, cmd, "")
		if code != 2 || out != "" || !strings.HasPrefix(errOut, "align") || strings.Contains(errOut, "align: align") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 2 and one usage sentence", cmd, code, out, errOut)
		}
	}
	if out, _, code := remote(t, c, "version", ""); code != 0 || !strings.HasPrefix(out, "align ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

func TestServeRefusesForwardingAndSubsystems(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c := ts.client(t, "ada")

	// Remote port forwarding: a tcpip-forward global request.
	payload := gossh.Marshal(&struct {
		Addr string
		Port uint32
	}{"127.0.0.1", 0})
	if ok, _, err := c.SendRequest("tcpip-forward", true, payload); err != nil || ok {
		t.Errorf("tcpip-forward: ok=%v err=%v, want refused", ok, err)
	}
	// Local port forwarding: a direct-tcpip channel.
	if conn, err := c.Dial("tcp", ts.addr); err == nil {
		conn.Close()
		t.Error("direct-tcpip was accepted")
	}
	// The sftp subsystem.
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.RequestSubsystem("sftp"); err == nil {
		t.Error("the sftp subsystem was accepted")
	}
	sess.Close()
	// Agent and X11 forwarding requests on a session.
	sess, err = c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	for _, req := range []string{"auth-agent-req@openssh.com", "x11-req"} {
		if ok, err := sess.SendRequest(req, true, nil); err != nil || ok {
			t.Errorf("%s: ok=%v err=%v, want refused", req, ok, err)
		}
	}
	// The connection still works after all that.
	if _, _, code := remote(t, c, "version", ""); code != 0 {
		t.Errorf("version after refusals: exit %d", code)
	}
}

func TestServeRemoteExportEqualsLocal(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	c := ts.client(t, "ada")
	for _, args := range [][]string{{"export"}, {"export", "--format", "json"}} {
		remote, errOut, code := remote(t, c, strings.Join(args, " "), "")
		if code != 0 {
			t.Fatalf("remote %v: exit %d, %s", args, code, errOut)
		}
		var local, localErr bytes.Buffer
		lc := &cli{ctx: context.Background(), in: strings.NewReader(""), out: &local, errOut: &localErr,
			getenv: func(string) string { return "" }, now: time.Now, actor: model.LocalAdmin("ada"), store: ts.store}
		if code := lc.execute(lc.localRoot(), args); code != 0 {
			t.Fatalf("local %v: exit %d, %s", args, code, localErr.String())
		}
		if remote != local.String() {
			t.Errorf("remote %v differs from local (%d vs %d bytes)", args, len(remote), local.Len())
		}
		if len(remote) < 1000 {
			t.Errorf("remote %v is suspiciously short: %q", args, remote)
		}
	}
}

func TestServeViewerCannotChangeAnything(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	c := ts.client(t, "vic")
	leads, err := ts.store.Page(model.QueueMQL, "vic", nil, 1)
	if err != nil || len(leads) == 0 {
		t.Fatalf("no MQL lead to try: %v", err)
	}
	id := leads[0].ID.String()
	for _, cmd := range []string{"lead accept " + id, "user add eve --role admin --key '" + ts.lines["sam"] + "'"} {
		_, errOut, code := remote(t, c, cmd, "")
		if code != 1 || !strings.Contains(errOut, "you are signed in as Viewer") {
			t.Errorf("%q: exit %d, stderr %q; want exit 1 and the role sentence", cmd, code, errOut)
		}
	}
	if l, err := ts.store.Lead(leads[0].ID); err != nil || l.Stage != leads[0].Stage {
		t.Errorf("the lead changed: %v %v", l.Stage, err)
	}

	_, stdin, sc := workspace(t, c)
	if _, err := stdin.Write([]byte("a")); err != nil {
		t.Fatal(err)
	}
	sc.waitFor(t, "you are signed in as Viewer", 10*time.Second)
}

func TestServeMemberRemovedAfterSignIn(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c := ts.client(t, "sam")
	if err := ts.store.RemoveMember(context.Background(), seedActor, "sam"); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := remote(t, c, "version", "")
	if code != 1 || !strings.Contains(errOut, "not on this workspace's roster") {
		t.Errorf("exit %d, stderr %q; want the roster refusal", code, errOut)
	}
	ended := ts.waitLog(t, "Session ended.")
	if ended["route"] != "command" || ended["member"] != "" || ended["reason"] != "key not on the roster" {
		t.Errorf("session log: %v", ended)
	}
}

func TestServeLogsUserTextAsFields(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	evil := "ada\n{\"level\":\"error\",\"msg\":\"forged\"}\x1b[31m"
	c, err := ts.dial(evil, gossh.PublicKeys(ts.keys["ada"]))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, _, code := remote(t, c, "version\n{\"msg\":\"forged too\"}", ""); code == 0 {
		t.Log("the odd command ran") // it is a usage error; only the log matters here
	}
	started := ts.waitLog(t, "Session started.")
	if started["user"] != evil {
		t.Errorf("user field %q, want the raw name as a field", started["user"])
	}
	for _, e := range ts.logs.entries(t) { // entries fails on any non-JSON line
		if strings.HasPrefix(e["msg"].(string), "forged") {
			t.Errorf("a forged log line: %v", e)
		}
	}
}

func TestServeStopTellsSessions(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	sess, _, sc := workspace(t, ts.client(t, "ada"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stopped := make(chan error, 1)
	go func() { stopped <- ts.srv.Stop(ctx) }()
	sc.waitFor(t, "The server is shutting down", 10*time.Second)
	if code := waitExit(t, sess, 10*time.Second); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if err := <-stopped; err != nil {
		t.Errorf("Stop: %v", err)
	}
	if c, err := ts.dial("ada", gossh.PublicKeys(ts.keys["ada"])); err == nil {
		c.Close()
		t.Error("a connection was accepted after Stop")
	}
}

func TestServeInactivityEndsSession(t *testing.T) {
	t.Parallel()
	ts := startServer(t, false, serverConfig{Inactivity: time.Second})
	sess, stdin, sc := workspace(t, ts.client(t, "ada"))
	// Keys keep it alive; the screen's own redraws do not.
	for range 3 {
		time.Sleep(400 * time.Millisecond)
		if _, err := stdin.Write([]byte("j")); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(sc.text(), "without a key press") {
		t.Fatal("the session idled out while keys were pressed")
	}
	sc.waitFor(t, "The session ended after 1 second without a key press", 10*time.Second)
	if code := waitExit(t, sess, 10*time.Second); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
}

func TestServeMaxSessionEndsSession(t *testing.T) {
	t.Parallel()
	ts := startServer(t, false, serverConfig{MaxSession: 2 * time.Second})
	sess, _, sc := openWorkspace(t, ts.client(t, "ada"))
	sc.waitFor(t, "the longest a session may last", 10*time.Second)
	if code := waitExit(t, sess, 10*time.Second); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
}

// rawConn opens a TCP connection that never speaks SSH.
func rawConn(t testing.TB, addr string) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// closedWithin reports whether the server closes c within d (reading whatever it sends).
func closedWithin(c net.Conn, d time.Duration) bool {
	_ = c.SetReadDeadline(time.Now().Add(d))
	buf := make([]byte, 256)
	for {
		if _, err := c.Read(buf); err != nil {
			var ne net.Error
			return !(errors.As(err, &ne) && ne.Timeout())
		}
	}
}

func TestServeHandshakeTimeoutAndCap(t *testing.T) {
	t.Parallel()
	ts := startServer(t, false, serverConfig{HandshakeTimeout: time.Second, MaxHandshakes: 2})
	a, b := rawConn(t, ts.addr), rawConn(t, ts.addr)
	time.Sleep(100 * time.Millisecond) // let the server admit both
	over := rawConn(t, ts.addr)
	if !closedWithin(over, 500*time.Millisecond) {
		t.Error("a third connection still in the handshake was not refused at once")
	}
	// Signing in works again once the idle ones time out.
	if !closedWithin(a, 5*time.Second) || !closedWithin(b, 5*time.Second) {
		t.Fatal("idle connections outlived the handshake timeout")
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		c, err := ts.dial("ada", gossh.PublicKeys(ts.keys["ada"]))
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("cannot sign in after the idle connections closed: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServePenaltyAfterRepeatedFailures(t *testing.T) {
	ts := startServer(t, false, serverConfig{FailureLimit: 3, Penalty: time.Minute})
	// Connections that merely close are no failures.
	for range 5 {
		c := rawConn(t, ts.addr)
		c.Close()
	}
	if c, err := ts.dial("ada", gossh.PublicKeys(ts.keys["ada"])); err != nil {
		t.Fatalf("closed connections earned a penalty: %v", err)
	} else {
		c.Close()
	}
	stranger, _ := newKey(t, "")
	for i := range 3 {
		if c, err := ts.dial("ada", gossh.PublicKeys(stranger)); err == nil {
			c.Close()
			t.Fatalf("attempt %d with an unknown key signed in", i)
		}
	}
	ts.waitLog(t, "An address failed to sign in repeatedly")
	if c, err := ts.dial("ada", gossh.PublicKeys(ts.keys["ada"])); err == nil {
		c.Close()
		t.Fatal("an address serving a penalty could still connect")
	}
}

// freezeProxy forwards one connection until frozen; then it swallows what the server
// sends and forwards nothing, like a peer whose network vanished.
type freezeProxy struct {
	addr   string
	frozen chan struct{}
	closed chan struct{} // closed when the server side hangs up
}

func newFreezeProxy(t testing.TB, target string) *freezeProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	p := &freezeProxy{addr: ln.Addr().String(), frozen: make(chan struct{}), closed: make(chan struct{})}
	go func() {
		client, err := ln.Accept()
		if err != nil {
			return
		}
		defer client.Close()
		srv, err := net.Dial("tcp", target)
		if err != nil {
			return
		}
		defer srv.Close()
		go func() { // client to server, until frozen
			buf := make([]byte, 32<<10)
			for {
				n, err := client.Read(buf)
				if err != nil {
					return
				}
				select {
				case <-p.frozen:
					continue
				default:
				}
				if _, err := srv.Write(buf[:n]); err != nil {
					return
				}
			}
		}()
		buf := make([]byte, 32<<10)
		for { // server to client, swallowed once frozen
			n, err := srv.Read(buf)
			if err != nil {
				close(p.closed)
				return
			}
			select {
			case <-p.frozen:
				continue
			default:
			}
			if _, err := client.Write(buf[:n]); err != nil {
				return
			}
		}
	}()
	return p
}

func TestServeKeepaliveClosesDeadPeer(t *testing.T) {
	t.Parallel()
	ts := startServer(t, false, serverConfig{KeepaliveInterval: 200 * time.Millisecond, KeepaliveMisses: 3})
	p := newFreezeProxy(t, ts.addr)
	c, err := gossh.Dial("tcp", p.addr, &gossh.ClientConfig{
		User: "ada", Auth: []gossh.AuthMethod{gossh.PublicKeys(ts.keys["ada"])},
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey), Timeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// A live peer answers, so the connection stays.
	time.Sleep(time.Second)
	if _, _, code := remote(t, c, "version", ""); code != 0 {
		t.Fatalf("a live connection was cut (exit %d)", code)
	}
	close(p.frozen)
	select {
	case <-p.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("the server kept a peer that stopped answering")
	}
	ts.waitLog(t, "Closed a connection whose client stopped answering keepalives.")
}

func TestServeRemoteImportReadsStdin(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	csv := "Name,Email,Company\nAda Test,ada.test@example.com,Acme\nBad Row,not-an-email,Acme\n"
	out, errOut, code := remote(t, ts.client(t, "ada"), "import -", csv)
	if code != 0 || !strings.Contains(out+errOut, "1 imported, 0 updated, 1 rejected") || !strings.Contains(errOut, "line 3") {
		t.Fatalf("remote import: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if _, err := ts.store.LeadByEmail("ada.test@example.com"); err != nil {
		t.Errorf("the imported lead is not in the store: %v", err)
	}
	if _, errOut, code := remote(t, ts.client(t, "vic"), "import -", csv); code != 1 || !strings.Contains(errOut, "you are signed in as Viewer") {
		t.Errorf("viewer import: exit %d, stderr %q", code, errOut)
	}
}

// TestServeAbsurdWindowSizes asks for a 65535x65535 terminal, shrinks it to 0x0 and
// 1x1, then comes back to 120x40: the server neither allocates for the absurd size
// nor loses the session.
func TestServeAbsurdWindowSizes(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c := ts.client(t, "ada")
	sess, stdin, sc, err := startPTY(c, 65535, 65535, nil)
	if sess != nil {
		defer sess.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	sc.waitFor(t, "? help", 20*time.Second)
	for _, size := range [][2]int{{0, 0}, {1, 1}, {65535, 65535}, {40, 120}} {
		if err := sess.WindowChange(size[0], size[1]); err != nil {
			t.Fatal(err)
		}
	}
	if w, h := clampWindow(65535, 65535); w != 500 || h != 200 {
		t.Errorf("clampWindow(65535, 65535) = %dx%d", w, h)
	}
	if _, err := stdin.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, sess, 10*time.Second); code != 0 {
		t.Errorf("exit %d after quitting, want 0", code)
	}
}

// TestServeManyOfferedKeys: a member whose agent holds a few other keys still gets in;
// a client offering a dozen unknown keys is cut off (MaxAuthTries 6, after the
// allowance x/crypto gives rejected key queries).
func TestServeManyOfferedKeys(t *testing.T) {
	ts := startServer(t, false, serverConfig{FailureLimit: 100})
	strangers := func(n int) []gossh.Signer {
		var out []gossh.Signer
		for range n {
			s, _ := newKey(t, "")
			out = append(out, s)
		}
		return out
	}
	c, err := ts.dial("ada", gossh.PublicKeys(append(strangers(3), ts.keys["ada"])...))
	if err != nil {
		t.Fatalf("three other keys before the member's own: %v", err)
	}
	c.Close()
	if c, err := ts.dial("ada", gossh.PublicKeys(append(strangers(13), ts.keys["ada"])...)); err == nil {
		c.Close()
		t.Fatal("thirteen unknown keys were tried and the connection went on to sign in")
	}
}

// TestServeConnectionDropMidSession drops the TCP connection under an open workspace:
// the session ends, its subscription and goroutines go, and the server goes on.
func TestServeConnectionDropMidSession(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c, err := ts.dial("ada", gossh.PublicKeys(ts.keys["ada"]))
	if err != nil {
		t.Fatal(err)
	}
	_, stdin, _ := workspace(t, c)
	if _, err := stdin.Write([]byte("j")); err != nil {
		t.Fatal(err)
	}
	c.Close() // no goodbye: the TCP connection just goes
	ended := ts.waitLog(t, "Session ended.")
	if ended["reason"] != "disconnected" {
		t.Errorf("session log: %v", ended)
	}
	deadline := time.Now().Add(5 * time.Second)
	for ts.srv.sessions.count() != 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := ts.srv.sessions.count(); n != 0 {
		t.Errorf("%d sessions still registered", n)
	}
	if _, _, code := remote(t, ts.client(t, "ada"), "version", ""); code != 0 {
		t.Error("the server did not carry on")
	}
}
