package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/storage"
)

// The tests in this file close the gaps between issue 4's checklist (and the SSH table
// of reliability.md) and the end-to-end tests in serve_e2e_test.go.

// TestServeRefusesAnonymous: a client with no key at all (the "none" method) is refused.
func TestServeRefusesAnonymous(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	if c, err := ts.dial("ada"); err == nil {
		c.Close()
		t.Fatal("a client without any credentials signed in")
	}
}

// storeState is what a viewer must not be able to change: every lead, the audit log's
// newest event and the roster.
func storeState(t *testing.T, s *storage.Store) string {
	t.Helper()
	var b bytes.Buffer
	c := &cli{ctx: context.Background(), in: strings.NewReader(""), out: &b, errOut: io.Discard,
		getenv: func(string) string { return "" }, now: time.Now, actor: model.LocalAdmin("test"), store: s}
	if code := c.execute(c.localRoot(), []string{"export", "--format", "json"}); code != 0 {
		t.Fatalf("export: exit %d", code)
	}
	evs, err := s.Events(0, 1)
	if err != nil {
		t.Fatal(err)
	}
	members, err := s.Members()
	if err != nil {
		t.Fatal(err)
	}
	tail, _ := json.Marshal(struct {
		Events  []model.Event
		Members []model.Member
	}{evs, members})
	return b.String() + string(tail)
}

// TestServeViewerChangesNothing tries every changing remote command and every
// changing key of the queues, the persona cards and the journey board as a viewer:
// each is refused and the store stays exactly as it was.
func TestServeViewerChangesNothing(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	leads, err := ts.store.Page(model.QueueMQL, "vic", nil, 1)
	if err != nil || len(leads) == 0 {
		t.Fatalf("no MQL lead: %v", err)
	}
	id := leads[0].ID.String()
	// vic was an SDR and accepted a lead before becoming a viewer: that change is
	// vic's own, and still not vic's to undo now.
	ctx := context.Background()
	vicAs := func(r model.Role) model.Member {
		return model.Member{Name: "vic", Role: r, Keys: []string{ts.lines["vic"]}}
	}
	if err := ts.store.PutMember(ctx, seedActor, vicAs(model.RoleSDR)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ts.store.Do(ctx, vicAs(model.RoleSDR), model.Command{Action: model.ActAccept, Lead: leads[0].ID}); err != nil {
		t.Fatal(err)
	}
	if err := ts.store.PutMember(ctx, seedActor, vicAs(model.RoleViewer)); err != nil {
		t.Fatal(err)
	}
	before := storeState(t, ts.store)
	vic := ts.client(t, "vic")
	csv := "Name,Email,Company\nEve Test,eve.test@example.com,Acme\n"
	for _, cmd := range []string{
		"lead accept " + id, "lead reject " + id + " --reason other --note x",
		"lead disqualify " + id + " --reason other --note x", "lead dispute " + id + " --note x",
		"lead verdict " + id + " --verdict overturn --note x", "lead qualify " + id,
		"lead touch " + id, "lead won " + id + " --value 1", "lead lost " + id + " --reason x",
		"lead assign " + id + " --to sam", "lead note " + id + " a viewer note", "lead mql " + id,
		"lead undo", "import -", "backup -",
		"user add eve --role admin --key '" + ts.lines["sam"] + "'", "user rm sam", "user role vic admin",
	} {
		out, errOut, code := remote(t, vic, cmd, csv)
		if code == 0 || !strings.Contains(errOut, "you are signed in as Viewer") {
			t.Errorf("viewer %q: exit %d, stdout %.80q, stderr %q; want the role refusal", cmd, code, out, errOut)
		}
	}
	if after := storeState(t, ts.store); after != before {
		t.Fatal("a viewer's remote command changed the store")
	}

	// By key: on each screen, every key that changes something elsewhere, each followed
	// by esc in case a form opened anyway.
	_, stdin, sc := workspace(t, vic)
	screens := map[string]string{
		"1":  "arxDVstwlonpu", // the queues' triage keys and undo
		"2":  "cedn",          // persona cards: new, edit, delete
		"3":  "HLmneai<>",     // journey board: moves, notes, guide and stages
		"1 ": "arxDVstwlonpu", // the same with the detail pane open
	}
	for screen, keys := range screens {
		typed := []string{screen[:1]}
		if strings.HasSuffix(screen, " ") {
			typed = append(typed, "\r")
		}
		for _, k := range keys {
			typed = append(typed, string(k), soakEsc)
		}
		for _, k := range typed {
			if _, err := io.WriteString(stdin, k); err != nil {
				t.Fatal(err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	sc.waitFor(t, "you are signed in as Viewer", 10*time.Second)
	// The session is still alive and answers.
	off := sc.size()
	if _, err := io.WriteString(stdin, "?"); err != nil {
		t.Fatal(err)
	}
	if !sc.appears(off, 10*time.Second, "help", "Help") {
		t.Fatal("the viewer's workspace stopped answering")
	}
	if after := storeState(t, ts.store); after != before {
		t.Fatal("a viewer's key changed the store")
	}
}

// TestServeTCPResetMidEdit resets the TCP connection while a reject form is half
// filled in: the session ends, nothing of the edit reaches the store, and the server
// carries on.
func TestServeTCPResetMidEdit(t *testing.T) {
	ts := startServer(t, true, serverConfig{})
	leads, err := ts.store.Page(model.QueueMQL, "ada", nil, 1)
	if err != nil || len(leads) == 0 {
		t.Fatalf("no MQL lead: %v", err)
	}
	before := storeState(t, ts.store)
	raw, err := net.DialTimeout("tcp", ts.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	tcp := raw.(*net.TCPConn)
	conn, chans, reqs, err := gossh.NewClientConn(tcp, ts.addr, &gossh.ClientConfig{
		User: "ada", Auth: []gossh.AuthMethod{gossh.PublicKeys(ts.keys["ada"])},
		HostKeyCallback: gossh.FixedHostKey(ts.hostKey), Timeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	c := gossh.NewClient(conn, chans, reqs)
	defer c.Close()
	_, stdin, sc := workspace(t, c)
	sc.waitFor(t, string([]rune(leads[0].DisplayName())[:3]), 20*time.Second)
	off := sc.size()
	if _, err := io.WriteString(stdin, "r"); err != nil {
		t.Fatal(err)
	}
	if !sc.appears(off, 10*time.Second, "Reject with", "with a reason", "unreachable") {
		t.Fatalf("the reject form did not open: %s", sc.tail(600))
	}
	for _, k := range []string{"j", "\r", "half a note"} {
		if _, err := io.WriteString(stdin, k); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := tcp.SetLinger(0); err != nil { // Close now sends a reset, not a FIN
		t.Fatal(err)
	}
	tcp.Close()
	ended := ts.waitLog(t, "Session ended.")
	if ended["reason"] != "disconnected" {
		t.Errorf("session log: %v", ended)
	}
	deadline := time.Now().Add(10 * time.Second)
	for ts.srv.sessions.count() != 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := ts.srv.sessions.count(); n != 0 {
		t.Errorf("%d sessions still registered", n)
	}
	if after := storeState(t, ts.store); after != before {
		t.Error("a half-filled form reached the store")
	}
	// The keys typed just before the reset must not strand the input reader
	// (serve_input.go).
	waitNoReaders(t, 15*time.Second)
	if _, _, code := remote(t, ts.client(t, "ada"), "version", ""); code != 0 {
		t.Error("the server did not carry on")
	}
}

// forcedGCs is the number of garbage collections forced so far (runtime.GC and
// debug.FreeOSMemory both count).
func forcedGCs() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/forced:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// TestServeReleasesMemoryAfterSessionsEnd: once a workspace session ends, the server
// hands memory back to the OS (an explicit release, rate-limited) without waiting for
// the next session or the runtime's own pace.
func TestServeReleasesMemoryAfterSessionsEnd(t *testing.T) {
	ts := startServer(t, false, serverConfig{FreeMemoryEvery: time.Second})
	sess, stdin, _ := workspace(t, ts.client(t, "ada"))
	start := forcedGCs()
	if _, err := io.WriteString(stdin, "q"); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, sess, 10*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	deadline := time.Now().Add(10 * time.Second)
	for forcedGCs() == start {
		if time.Now().After(deadline) {
			t.Fatal("no memory was released after the session ended")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// serveChildEnv makes the test binary run `align serve` on the data directory it
// names, so a test can send the process a real SIGTERM.
const serveChildEnv = "ALIGN_TEST_SERVE_CHILD_DATA"

// logField finds the first JSON log line whose msg starts with msg and returns field.
// Lines that are not JSON (a race report) are skipped here; the exit status tells.
func logField(text, msg, field string) (string, bool) {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		var e map[string]any
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		if m, _ := e["msg"].(string); strings.HasPrefix(m, msg) {
			v, _ := e[field].(string)
			return v, true
		}
	}
	return "", false
}

// serveProcess is `align serve` running as a process of its own (the test binary run
// again with serveChildEnv), so a test can send it real signals.
type serveProcess struct {
	cmd          *exec.Cmd
	logs         *logBuffer
	exited       chan struct{} // closed when the process has ended; waitErr is then set
	waitErr      error
	addr, hostFP string
}

// serveChild turns this test binary into `align serve` when a test started it so.
func serveChild() {
	if dir := os.Getenv(serveChildEnv); dir != "" {
		os.Exit(run([]string{"serve", "--data", dir, "--listen", "127.0.0.1:0"}, strings.NewReader(""), io.Discard, os.Stderr))
	}
}

// startServeProcess runs `align serve` on a new data directory with one admin key,
// by running the calling test again in a child process, and waits until it listens.
func startServeProcess(t *testing.T, adminLine string) *serveProcess {
	t.Helper()
	sp := &serveProcess{logs: &logBuffer{}, exited: make(chan struct{})}
	sp.cmd = exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1")
	sp.cmd.Env = append(os.Environ(), serveChildEnv+"="+t.TempDir(), "ALIGN_INITIAL_ADMIN_KEYS="+adminLine)
	sp.cmd.Stdout, sp.cmd.Stderr = io.Discard, sp.logs
	if err := sp.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { sp.waitErr = sp.cmd.Wait(); close(sp.exited) }()
	t.Cleanup(func() {
		select {
		case <-sp.exited:
		default:
			_ = sp.cmd.Process.Kill()
			<-sp.exited
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		sp.addr, _ = logField(sp.logs.String(), "Serving the workspace", "addr")
		sp.hostFP, _ = logField(sp.logs.String(), "Serving the workspace", "host_key")
		if sp.addr != "" {
			return sp
		}
		select {
		case <-sp.exited:
			t.Fatalf("align serve ended before serving (%v):\n%s", sp.waitErr, sp.logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("align serve never said where it listens:\n%s", sp.logs.String())
		}
	}
}

// dial connects as user with key, checking the host key the server logged.
func (sp *serveProcess) dial(t *testing.T, user string, key gossh.Signer) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", sp.addr, &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(key)}, Timeout: 10 * time.Second,
		HostKeyCallback: func(_ string, _ net.Addr, k gossh.PublicKey) error {
			if gossh.FingerprintSHA256(k) != sp.hostFP {
				return fmt.Errorf("host key %s, the server logged %s", gossh.FingerprintSHA256(k), sp.hostFP)
			}
			return nil
		},
	})
	if err != nil {
		t.Fatalf("%s cannot connect: %v", user, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// terminate sends SIGTERM.
func (sp *serveProcess) terminate(t *testing.T) {
	t.Helper()
	if err := sp.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
}

// waitStopped expects the process to end with exit 0 after saying "Stopped.".
func (sp *serveProcess) waitStopped(t *testing.T) {
	t.Helper()
	select {
	case <-sp.exited:
		if sp.waitErr != nil {
			t.Fatalf("align serve exited with %v after SIGTERM:\n%s", sp.waitErr, sp.logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("align serve did not stop after SIGTERM:\n%s", sp.logs.String())
	}
	if _, ok := logField(sp.logs.String(), "Stopped.", "msg"); !ok {
		t.Errorf("no Stopped line:\n%s", sp.logs.String())
	}
}

// TestServeSIGTERMTellsEverySession runs `align serve` as its own process, opens two
// members' workspaces, and sends the process SIGTERM: both sessions are told and end,
// and the process stops cleanly with exit 0.
func TestServeSIGTERMTellsEverySession(t *testing.T) {
	serveChild()
	ada, adaLine := newKey(t, "ada@test")
	sam, samLine := newKey(t, "sam@test")
	sp := startServeProcess(t, adaLine)
	adaC := sp.dial(t, "ada", ada)
	if _, errOut, code := remote(t, adaC, "user add sam --role sdr --key '"+samLine+"'", ""); code != 0 {
		t.Fatalf("user add: exit %d, %s", code, errOut)
	}
	adaSess, _, adaScreen := workspace(t, adaC)
	samSess, _, samScreen := workspace(t, sp.dial(t, "sam", sam))

	sp.terminate(t)
	for name, s := range map[string]struct {
		sess *gossh.Session
		sc   *screen
	}{"ada": {adaSess, adaScreen}, "sam": {samSess, samScreen}} {
		s.sc.waitFor(t, "The server is shutting down", 20*time.Second)
		if code := waitExit(t, s.sess, 20*time.Second); code != 1 {
			t.Errorf("%s's session exited %d, want 1", name, code)
		}
	}
	sp.waitStopped(t)
}

// TestServeGoodbyeAfterLastFrame: the sentence a workspace ends with comes on the
// terminal's own stream after the program has left the alternate screen. On stderr,
// OpenSSH could print it before the frame's last bytes and the screen switch hid it
// (TestOpenSSHSIGTERMTellsEverySession saw that in most runs).
func TestServeGoodbyeAfterLastFrame(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	c := ts.client(t, "ada")
	var errOut logBuffer
	sess, _, out, err := startPTY(c, 120, 40, &errOut)
	if sess != nil {
		defer sess.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, "? help", 20*time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ts.srv.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	if code := waitExit(t, sess, 10*time.Second); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	select {
	case <-out.done:
	case <-time.After(10 * time.Second):
		t.Fatal("stdout did not end")
	}
	out.mu.Lock()
	raw := out.raw.String()
	out.mu.Unlock()
	said := strings.LastIndex(raw, "\r\nalign: The server is shutting down")
	left := strings.LastIndex(raw, "\x1b[?1049l") // the alternate screen's end
	if said < 0 || said < left {
		t.Errorf("the goodbye is not on stdout after the last frame (at %d, alternate screen left at %d); stdout ends %q", said, left, raw[max(0, len(raw)-300):])
	}
	if got := errOut.String(); got != "" {
		t.Errorf("stderr %q, want nothing", got)
	}
}
