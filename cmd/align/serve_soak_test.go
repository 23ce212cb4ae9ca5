package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/storage"
)

// soakFull runs TestServeSoak at full size: `go test ./cmd/align -run Soak -soak`
// or ALIGN_SOAK=1.
var soakFull = flag.Bool("soak", false, "run TestServeSoak at full size (50 sessions for 60 s); also ALIGN_SOAK=1")

// soakRoles are the roles the soak sessions take in turn: triage roles, marketing
// (who may not triage) and a viewer (who may change nothing).
var soakRoles = []model.Role{model.RoleSDR, model.RoleAE, model.RoleAdmin, model.RoleLeadership, model.RoleMarketing, model.RoleViewer}

// soakSize is how many workspace sessions the soak runs, and for how long.
func soakSize() (int, time.Duration, bool) {
	if *soakFull || os.Getenv("ALIGN_SOAK") == "1" {
		return 50, 60 * time.Second, true
	}
	return 8, 3 * time.Second, false
}

// TestServeSoak runs `serve` on the sample workspace with many members triaging at
// once over SSH (navigation, accept, reject through the form, undo, queue switches,
// the detail pane) while another connection runs remote commands. Afterwards: no
// session error, no panic or warning in the log, every session was redrawn by someone
// else's change without a key pressed there, and the goroutines are back to where they
// were before the server started. Scaled down by default; full size with -soak.
func TestServeSoak(t *testing.T) {
	n, runFor, full := soakSize()
	ctx := context.Background()
	var store *storage.Store
	if full {
		s, err := openDemoStore(ctx, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		store = s
	} else {
		store = newMemStore(t)
		if err := store.Seed(ctx, smallSample()); err != nil {
			t.Fatal(err)
		}
	}
	players := make([]*soakPlayer, n)
	for i := range players {
		role := soakRoles[i%len(soakRoles)]
		_, signer, line := newKeyPair(t, "")
		m := model.Member{Name: fmt.Sprintf("soak%02d", i), Role: role, Keys: []string{line}}
		if err := store.PutMember(ctx, seedActor, m); err != nil {
			t.Fatal(err)
		}
		players[i] = &soakPlayer{name: m.Name, role: role, signer: signer,
			rng: rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano()))), counts: map[string]int{}}
	}
	_, cmdSigner, cmdLine := newKeyPair(t, "")
	if err := store.PutMember(ctx, seedActor, model.Member{Name: "soakcmd", Role: model.RoleAdmin, Keys: []string{cmdLine}}); err != nil {
		t.Fatal(err)
	}
	hostKey, err := newHostKey()
	if err != nil {
		t.Fatal(err)
	}

	firstSeq := newestSeq(t, store)

	// The baseline: the store is open and seeded; nothing of the server exists yet.
	runtime.GC()
	baseline := runtime.NumGoroutine()

	logs := &logBuffer{}
	srv := newServer(store, newServerLogger(logs), hostKey, serverConfig{}, time.Now)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := srv.Stop(sctx); err != nil {
			t.Errorf("Stop: %v", err)
		}
		select {
		case <-served:
		case <-time.After(15 * time.Second):
			t.Error("the server did not stop")
		}
	}
	t.Cleanup(stop)
	dial := func(user string, signer gossh.Signer) (*gossh.Client, error) {
		return gossh.Dial("tcp", ln.Addr().String(), &gossh.ClientConfig{
			User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
			HostKeyCallback: gossh.FixedHostKey(hostKey.PublicKey()), Timeout: 10 * time.Second,
		})
	}

	// Every member signs in and gets the first frame.
	var wg sync.WaitGroup
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.err = p.open(dial)
		}()
	}
	wg.Wait()
	failIfAny(t, players, "opening the workspace")

	// The triage: every member plays their script until the deadline while the
	// command connection runs remote commands.
	end := time.Now().Add(runFor)
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.err = p.play(end)
		}()
	}
	var cmds soakCommands
	cmdClient, err := dial("soakcmd", cmdSigner)
	if err != nil {
		t.Fatal(err)
	}
	defer cmdClient.Close()
	cmdDone := make(chan struct{})
	go func() {
		defer close(cmdDone)
		cmds.run(cmdClient, end)
	}()
	wg.Wait()
	<-cmdDone
	failIfAny(t, players, "triage")
	if cmds.failed.Load() > 0 {
		t.Errorf("%d of %d remote commands failed; the first: %s", cmds.failed.Load(), cmds.ran.Load(), cmds.firstErr())
	}

	// Live updates: everyone goes to the feed and keeps their hands off the keys; a
	// note by the command connection must redraw every one of them.
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.err = p.toFeed()
		}()
	}
	wg.Wait()
	failIfAny(t, players, "opening the feed")
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.quietAt = p.sc.settle(300*time.Millisecond, 15*time.Second)
		}()
	}
	wg.Wait()
	target, err := store.Page(model.QueueAll, "soakcmd", nil, 1)
	if err != nil || len(target) == 0 {
		t.Fatalf("no lead to note: %v", err)
	}
	if _, errOut, code, err := runSSHCommand(cmdClient, fmt.Sprintf("lead note %s soak live marker", target[0].ID), false); err != nil || code != 0 {
		t.Fatalf("the marker note: exit %d, %v, %s", code, err, errOut)
	}
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.live = p.sc.grewPast(p.quietAt, 15*time.Second)
		}()
	}
	wg.Wait()
	var live int
	for _, p := range players {
		if p.live {
			live++
		} else {
			t.Errorf("%s (%s) was not redrawn by the note another member added", p.name, p.role)
		}
	}

	// Everyone quits; the server stops; its goroutines must go.
	for _, p := range players {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.err = p.quit()
		}()
	}
	wg.Wait()
	failIfAny(t, players, "quitting")
	cmdClient.Close()
	stop()
	if n := srv.sessions.count(); n != 0 {
		t.Errorf("%d sessions still registered after the stop", n)
	}

	// Wait for the count to come all the way back; only more than the slack fails.
	after := waitGoroutines(baseline, 10*time.Second)
	totals := map[string]int{}
	for _, p := range players {
		for k, v := range p.counts {
			totals[k] += v
		}
	}
	t.Logf("soak: %d sessions for %v; keys %d: %v; changes in the store: %v; remote commands %d (failed %d); live updates %d/%d; goroutines %d before, %d after",
		n, runFor, totals["keys"], totals, changesSince(t, store, firstSeq), cmds.ran.Load(), cmds.failed.Load(), live, n, baseline, after)
	if after > baseline+soakGoroutineSlack {
		var dump bytes.Buffer
		_ = pprof.Lookup("goroutine").WriteTo(&dump, 1)
		t.Errorf("%d goroutines after the stop, %d before the server started:\n%s", after, baseline, dump.String())
	}
	for _, e := range logs.entries(t) {
		lvl, _ := e["level"].(string)
		msg, _ := e["msg"].(string)
		if lvl == "error" || lvl == "warn" || strings.Contains(msg, "panic") {
			t.Errorf("log: %v", e)
		}
	}
	ended := logs.find(t, "Session ended.")
	var workspaces int
	for _, e := range ended {
		if e["route"] == "workspace" {
			workspaces++
			if e["exit"] != float64(0) || e["reason"] != "quit" {
				t.Errorf("a workspace session ended badly: %v", e)
			}
		}
	}
	if workspaces != n {
		t.Errorf("%d workspace sessions logged their end, want %d", workspaces, n)
	}
}

// soakEsc is the escape key as a CSI u sequence: a bare ESC followed at once by
// another key reads as alt+key, and keys sent in a burst often arrive together.
const soakEsc = "\x1b[27u"

// newestSeq is the sequence number of the newest event in the store.
func newestSeq(t *testing.T, s *storage.Store) uint64 {
	t.Helper()
	evs, err := s.Events(0, 1)
	if err != nil || len(evs) == 0 {
		t.Fatalf("no events: %v", err)
	}
	return evs[0].Seq
}

// changesSince counts the store's events after seq by action.
func changesSince(t *testing.T, s *storage.Store, seq uint64) map[model.Action]int {
	t.Helper()
	out := map[model.Action]int{}
	before := uint64(0)
	for range 10000 {
		evs, err := s.Events(before, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			if ev.Seq <= seq {
				return out
			}
			out[ev.Action]++
			before = ev.Seq
		}
		if len(evs) < 500 {
			break
		}
	}
	return out
}

// soakGoroutineSlack is how far above the baseline the goroutine count may stay: the
// runtime and the test framework start a few of their own.
const soakGoroutineSlack = 3

// waitGoroutines polls until at most want goroutines run, or the deadline; it returns
// the last count.
func waitGoroutines(want int, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	for {
		n := runtime.NumGoroutine()
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func failIfAny(t *testing.T, players []*soakPlayer, phase string) {
	t.Helper()
	bad := 0
	for _, p := range players {
		if p.err != nil {
			bad++
			t.Errorf("%s (%s), %s: %v", p.name, p.role, phase, p.err)
		}
	}
	if bad > 0 {
		t.FailNow()
	}
}

// soakPlayer is one member with a workspace open.
type soakPlayer struct {
	name   string
	role   model.Role
	signer gossh.Signer
	rng    *rand.Rand

	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	sc     *screen
	// qi is the queue on screen, as an index into model.Queues: ] and [ wrap around.
	qi      int
	counts  map[string]int
	quietAt int
	live    bool
	err     error
}

// open signs in, asks for a 120x40 terminal and waits for the first frame.
func (p *soakPlayer) open(dial func(string, gossh.Signer) (*gossh.Client, error)) error {
	c, err := dial(p.name, p.signer)
	if err != nil {
		return err
	}
	p.client = c
	if p.sess, p.stdin, p.sc, err = startPTY(c, 120, 40, nil); err != nil {
		return err
	}
	if !p.sc.appears(0, 30*time.Second, "? help") {
		return errors.New("no first frame within 30 s")
	}
	return nil
}

// canTriage says the role may accept and reject.
func (p *soakPlayer) canTriage() bool { return model.Can(p.role, model.ActReject) }

// key types keys and counts them.
func (p *soakPlayer) key(keys ...string) error {
	for _, k := range keys {
		if _, err := io.WriteString(p.stdin, k); err != nil {
			return fmt.Errorf("typing %q: %w", k, err)
		}
		p.counts["keys"]++
	}
	return nil
}

// play runs the member's script until end: mostly navigation, with triage in the
// MQL inbox, undo, queue switches and the detail pane. The inbox is the only queue
// where every lead can be accepted or rejected, so triage waits for it.
func (p *soakPlayer) play(end time.Time) error {
	for time.Now().Before(end) {
		var err error
		off := p.sc.size()
		switch r := p.rng.IntN(100); {
		case r < 50:
			err = p.key([]string{"j", "k"}[p.rng.IntN(2)])
			p.counts["nav"]++
		case r < 60:
			err = p.key("a")
			p.counts["accept"]++
		case r < 68:
			if p.qi == 0 && p.canTriage() {
				err = p.reject()
			}
		case r < 74:
			err = p.key("u")
			p.counts["undo"]++
		case r < 87:
			k, step := "]", 1
			if p.rng.IntN(2) == 0 {
				k, step = "[", -1
			}
			err = p.key(k)
			p.qi = ((p.qi+step)%len(model.Queues) + len(model.Queues)) % len(model.Queues)
			p.counts["queue"]++
		default:
			err = p.detail()
		}
		if err != nil {
			return err
		}
		// Like a person, wait for the screen to answer before the next key, so a slow
		// server (-race) is not buried under a backlog of keys.
		p.sc.grewPast(off, 2*time.Second)
		time.Sleep(time.Duration(10+p.rng.IntN(40)) * time.Millisecond)
	}
	return nil
}

// reject rejects the lead under the cursor through the form: a reason, a note,
// enter. When no form opens (the inbox is empty or still loading), it carries on.
func (p *soakPlayer) reject() error {
	off := p.sc.size()
	if err := p.key("r"); err != nil {
		return err
	}
	if !p.sc.appears(off, 5*time.Second, "Reject with", "with a reason", "unreachable", "esc cancels") {
		p.counts["reject-no-form"]++
		return p.key(soakEsc)
	}
	// Each step of a form moves focus through a command, so wait for the note field.
	off = p.sc.size()
	if err := p.key("j", "\r"); err != nil {
		return err
	}
	if !p.sc.appears(off, 5*time.Second, "new line", "submit") {
		p.counts["reject-no-note"]++
		return p.key(soakEsc)
	}
	off = p.sc.size()
	if err := p.key("soak"); err != nil {
		return err
	}
	p.sc.grewPast(off, 2*time.Second)
	off = p.sc.size()
	if err := p.key("\r"); err != nil {
		return err
	}
	// The form is gone when the queue's key line is back. Whether the reject took
	// (another member may have taken the lead meanwhile), the store counts.
	if !p.sc.appears(off, 10*time.Second, "r reject", "a accept") {
		p.counts["reject-form-stuck"]++
		return p.key(soakEsc)
	}
	p.counts["reject-submitted"]++
	return nil
}

// detail opens the lead's detail pane, looks around and closes it.
func (p *soakPlayer) detail() error {
	p.counts["detail"]++
	if err := p.key("\r"); err != nil {
		return err
	}
	time.Sleep(30 * time.Millisecond)
	return p.key("j", soakEsc)
}

// toFeed closes whatever is open and goes to the activity feed. A form may take a
// moment to close (its end is a command), so a 5 that went into it is retried.
func (p *soakPlayer) toFeed() error {
	for range 4 {
		if err := p.key(soakEsc); err != nil {
			return err
		}
		p.sc.settle(100*time.Millisecond, 3*time.Second)
		off := p.sc.size()
		if err := p.key("5"); err != nil {
			return err
		}
		if p.sc.appears(off, 10*time.Second, "Team activity") {
			return nil
		}
	}
	return fmt.Errorf("the feed did not open: %s", p.sc.tail(400))
}

// quit leaves the workspace with q and expects exit 0.
func (p *soakPlayer) quit() error {
	defer p.client.Close()
	if err := p.key(soakEsc, "q"); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- p.sess.Wait() }()
	select {
	case err := <-done:
		var ee *gossh.ExitError
		if errors.As(err, &ee) {
			return fmt.Errorf("exit %d: %s", ee.ExitStatus(), p.sc.tail(400))
		}
		return err
	case <-time.After(15 * time.Second):
		return fmt.Errorf("q did not end the session within 15 s: %s", p.sc.tail(400))
	}
}

// soakCommands runs align's remote commands on one connection until the deadline.
type soakCommands struct {
	ran, failed atomic.Int64
	mu          sync.Mutex
	first       string
}

func (c *soakCommands) run(client *gossh.Client, end time.Time) {
	cmds := []string{"lead list", "export", "lead list --queue all --format json", "export --format json"}
	for i := 0; time.Now().Before(end); i++ {
		cmd := cmds[i%len(cmds)]
		out, errOut, code, err := runSSHCommand(client, cmd, false)
		c.ran.Add(1)
		if err != nil || code != 0 || len(out) == 0 {
			c.failed.Add(1)
			c.mu.Lock()
			if c.first == "" {
				c.first = fmt.Sprintf("%q: exit %d, %v, %s", cmd, code, err, errOut)
			}
			c.mu.Unlock()
		}
	}
}

func (c *soakCommands) firstErr() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.first
}

// runSSHCommand runs one remote command with a deadline, in a session with a PTY (as
// `ssh -t` runs it) when pty is set, without a testing.T, so goroutines may call it.
func runSSHCommand(client *gossh.Client, cmd string, pty bool) (string, string, int, error) {
	sess, err := client.NewSession()
	if err != nil {
		return "", "", -1, err
	}
	defer sess.Close()
	if pty {
		if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			return "", "", -1, err
		}
	}
	var out, errOut bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errOut
	done := make(chan error, 1)
	go func() { done <- sess.Run(cmd) }()
	select {
	case err = <-done:
	case <-time.After(60 * time.Second):
		return out.String(), errOut.String(), -1, fmt.Errorf("%q did not finish within 60 s", cmd)
	}
	var ee *gossh.ExitError
	if errors.As(err, &ee) {
		return out.String(), errOut.String(), ee.ExitStatus(), nil
	}
	return out.String(), errOut.String(), 0, err
}

// size is how many bytes the session has sent so far.
func (sc *screen) size() int {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.raw.Len()
}

// since is the text sent after offset off, without escape sequences.
func (sc *screen) since(off int) string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return ansi.Strip(string(sc.raw.Bytes()[off:]))
}

// tail is the last n bytes of text, for error messages.
func (sc *screen) tail(n int) string {
	s := sc.text()
	if len(s) > n {
		s = s[len(s)-n:]
	}
	return s
}

// appears polls until text sent after off contains any of wants.
func (sc *screen) appears(off int, timeout time.Duration, wants ...string) bool {
	deadline := time.Now().Add(timeout)
	for {
		got := sc.since(off)
		for _, w := range wants {
			if strings.Contains(got, w) {
				return true
			}
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// grewPast polls until the session has sent more than off bytes.
func (sc *screen) grewPast(off int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for sc.size() <= off {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// settle waits until the session has sent nothing for quiet (or timeout passes) and
// returns its size then.
func (sc *screen) settle(quiet, timeout time.Duration) int {
	deadline := time.Now().Add(timeout)
	last, since := sc.size(), time.Now()
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if n := sc.size(); n != last {
			last, since = n, time.Now()
		} else if time.Since(since) >= quiet {
			break
		}
	}
	return last
}
