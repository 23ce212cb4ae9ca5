package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/storage"
)

// newKey makes an ed25519 key pair for a test member: its signer and its
// authorized_keys line.
func newKey(t testing.TB, comment string) (gossh.Signer, string) {
	t.Helper()
	_, signer, line := newKeyPair(t, comment)
	return signer, line
}

// newKeyPair is newKey with the private key too, for tests that hand it to OpenSSH.
func newKeyPair(t testing.TB, comment string) (ed25519.PrivateKey, gossh.Signer, string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshPub)))
	if comment != "" {
		line += " " + comment
	}
	return priv, signer, line
}

// logBuffer collects the server's JSON log lines; safe for concurrent use.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is everything written so far.
func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// entries parses every log line; a line that is not JSON fails the test, since user
// text must never break the format.
func (b *logBuffer) entries(t testing.TB) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line is not JSON (%v): %q", err, line)
		}
		out = append(out, m)
	}
	return out
}

// find returns the log entries whose msg has the prefix.
func (b *logBuffer) find(t testing.TB, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, e := range b.entries(t) {
		if s, _ := e["msg"].(string); strings.HasPrefix(s, msg) {
			out = append(out, e)
		}
	}
	return out
}

func newMemStore(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(storage.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestParseAdminKeys(t *testing.T) {
	_, k1 := newKey(t, "maya@laptop")
	_, k2 := newKey(t, "")
	_, k3 := newKey(t, "kenji")
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "team.pub")
	if err := os.WriteFile(keyFile, []byte("# team keys\n"+k2+"\nnot a key\n\n"+k3+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	privFile := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(privFile, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	emptyFile := filepath.Join(dir, "empty.pub")
	if err := os.WriteFile(emptyFile, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	home := dir

	tests := []struct {
		name         string
		text         string
		wantKeys     []string // comments of the keys found, in order
		wantProblems []int    // line numbers reported
		wantReason   string   // a word in the first problem's reason
	}{
		{name: "one key", text: k1, wantKeys: []string{"maya@laptop"}},
		{name: "blank lines and comments", text: "\n# admins\n  " + k1 + "  \n\n", wantKeys: []string{"maya@laptop"}},
		{name: "bad key line is skipped, later lines still count",
			text: "ssh-ed25519 AAAAbroken\n" + k1, wantKeys: []string{"maya@laptop"}, wantProblems: []int{1}, wantReason: "not a valid public key"},
		{name: "file of keys with a bad line",
			text: keyFile, wantKeys: []string{"", "kenji"}, wantProblems: []int{1}, wantReason: "line 3"},
		{name: "home directory path", text: "~/team.pub", wantKeys: []string{"", "kenji"}, wantProblems: []int{1}},
		{name: "missing file", text: k1 + "\n/nonexistent/id.pub", wantKeys: []string{"maya@laptop"}, wantProblems: []int{2}, wantReason: "neither a public key nor a readable file"},
		{name: "private key file", text: privFile, wantProblems: []int{1}, wantReason: "private key"},
		{name: "empty file", text: emptyFile, wantProblems: []int{1}, wantReason: "holds no public key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			keys, problems := parseAdminKeys(tt.text, os.ReadFile, home)
			var got []string
			for _, k := range keys {
				got = append(got, k.comment)
			}
			if !reflect.DeepEqual(got, tt.wantKeys) {
				t.Errorf("keys: got comments %q, want %q", got, tt.wantKeys)
			}
			var lines []int
			for _, p := range problems {
				lines = append(lines, p.line)
			}
			if !reflect.DeepEqual(lines, tt.wantProblems) {
				t.Errorf("problems: got lines %v (%+v), want %v", lines, problems, tt.wantProblems)
			}
			if tt.wantReason != "" && len(problems) > 0 && !strings.Contains(problems[0].where+" "+problems[0].reason, tt.wantReason) {
				t.Errorf("problem %q (%s) does not mention %q", problems[0].reason, problems[0].where, tt.wantReason)
			}
		})
	}
}

func TestAdminName(t *testing.T) {
	tests := []struct {
		comment string
		taken   []string
		want    string
	}{
		{"maya@laptop", nil, "maya"},
		{"", nil, "admin"},
		{"", []string{"admin"}, "admin-2"},
		{"", []string{"admin", "admin-2"}, "admin-3"},
		{"Maya Lopez", nil, "Maya-Lopez"},
		{"maya@laptop", []string{"Maya"}, "maya-2"},
		{"--é\x1b[31m!@x", nil, "31m"},
		{"@@@", nil, "admin"},
		{strings.Repeat("a", 60), nil, strings.Repeat("a", 28)},
	}
	for _, tt := range tests {
		taken := map[string]bool{}
		for _, n := range tt.taken {
			taken[strings.ToLower(n)] = true
		}
		if got := adminName(tt.comment, taken); got != tt.want {
			t.Errorf("adminName(%q, %v) = %q, want %q", tt.comment, tt.taken, got, tt.want)
		}
	}
}

func TestSeedAdminsAndRequireAdmin(t *testing.T) {
	ctx := context.Background()
	_, k1 := newKey(t, "maya@laptop")
	_, k2 := newKey(t, "")

	t.Run("fresh store gets every good key as an admin", func(t *testing.T) {
		s := newMemStore(t)
		logs := &logBuffer{}
		if err := requireAdmin(s); err == nil || !strings.Contains(err.Error(), "ALIGN_INITIAL_ADMIN_KEYS=~/.ssh/id_ed25519.pub align serve") {
			t.Fatalf("requireAdmin on an empty store: %v", err)
		}
		text := k1 + "\nssh-ed25519 garbage\n" + k2 + "\n" + k2
		if err := seedAdmins(ctx, s, text, true, newServerLogger(logs)); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Members()
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, m := range ms {
			if m.Role != model.RoleAdmin || len(m.Keys) != 1 {
				t.Errorf("member %+v is not an admin with one key", m)
			}
			names = append(names, m.Name)
		}
		if want := []string{"admin", "maya"}; !reflect.DeepEqual(names, want) {
			t.Errorf("members %v, want %v", names, want)
		}
		skipped := logs.find(t, "Skipped a line")
		if len(skipped) != 1 || skipped[0]["line"] != float64(2) {
			t.Errorf("want line 2 reported as skipped, got %v", skipped)
		}
		if dup := logs.find(t, "Skipped a key of ALIGN_INITIAL_ADMIN_KEYS that is already"); len(dup) != 1 {
			t.Errorf("want the repeated key reported once, got %v", dup)
		}
		if err := requireAdmin(s); err != nil {
			t.Errorf("requireAdmin after seeding: %v", err)
		}
	})

	t.Run("a store with members keeps its roster", func(t *testing.T) {
		s := newMemStore(t)
		if err := s.PutMember(ctx, seedActor, model.Member{Name: "oliver", Role: model.RoleViewer}); err != nil {
			t.Fatal(err)
		}
		if err := seedAdmins(ctx, s, k1, false, newServerLogger(&logBuffer{})); err != nil {
			t.Fatal(err)
		}
		ms, _ := s.Members()
		if len(ms) != 1 {
			t.Errorf("roster changed: %+v", ms)
		}
		if err := requireAdmin(s); err == nil {
			t.Error("a store whose only member is a viewer must not start")
		}
	})
}

func TestLoadHostKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", hostKeyFile)
	first, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("new host key has mode %04o, want 0600", perm)
	}
	again, err := loadHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first.PublicKey().Marshal(), again.PublicKey().Marshal()) {
		t.Error("the host key changed between starts")
	}

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = loadHostKey(path)
	if err == nil || !strings.Contains(err.Error(), "chmod 600 "+path) {
		t.Errorf("a host key others can read: got %v, want a refusal naming `chmod 600 %s`", err, path)
	}

	bad := filepath.Join(dir, "bad_key")
	if err := os.WriteFile(bad, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadHostKey(bad); err == nil || !strings.Contains(err.Error(), "not a private key") {
		t.Errorf("a garbage host key: got %v", err)
	}
}

func TestPenaltyBox(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	p := newPenaltyBox(3, time.Minute, 5*time.Minute)
	if p.fail("10.0.0.1", t0) || p.fail("10.0.0.1", t0.Add(time.Second)) {
		t.Fatal("penalised before the limit")
	}
	if _, blocked := p.blocked("10.0.0.1", t0.Add(2*time.Second)); blocked {
		t.Fatal("blocked before the limit")
	}
	if !p.fail("10.0.0.1", t0.Add(2*time.Second)) {
		t.Fatal("third failure within the window earns no penalty")
	}
	if _, blocked := p.blocked("10.0.0.1", t0.Add(time.Minute)); !blocked {
		t.Error("not blocked during the penalty")
	}
	if _, blocked := p.blocked("10.0.0.2", t0.Add(time.Minute)); blocked {
		t.Error("another address is blocked too")
	}
	if _, blocked := p.blocked("10.0.0.1", t0.Add(6*time.Minute)); blocked {
		t.Error("still blocked after the penalty")
	}
	// Failures spread wider than the window never add up.
	for i := range 10 {
		if p.fail("10.0.0.3", t0.Add(time.Duration(i)*2*time.Minute)) {
			t.Fatalf("failure %d, two minutes apart, earned a penalty", i)
		}
	}
}

func TestHandshakeGate(t *testing.T) {
	g := &handshakeGate{limit: 2}
	if !g.acquire() || !g.acquire() {
		t.Fatal("refused within the limit")
	}
	if g.acquire() {
		t.Fatal("admitted beyond the limit")
	}
	g.release()
	if !g.acquire() {
		t.Fatal("a released slot is not free again")
	}
}

// TestMiddlewareOrder holds the order of serve_session.go's middleware comment:
// wish runs the last one listed first.
func TestMiddlewareOrder(t *testing.T) {
	s := &server{}
	var names []string
	for _, mw := range s.middlewares() {
		name := runtime.FuncForPC(reflect.ValueOf(mw).Pointer()).Name()
		name = strings.TrimSuffix(name[strings.LastIndex(name, ".")+1:], "-fm")
		names = append(names, name)
	}
	want := []string{"appMiddleware", "authorizeMiddleware", "routeMiddleware", "logMiddleware"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("middlewares (innermost first) = %v, want %v", names, want)
	}
}

func TestGoSafeRecoversAndLogs(t *testing.T) {
	logs := &logBuffer{}
	s := &server{log: newServerLogger(logs)}
	done := make(chan struct{})
	s.goSafe("test ticker", func() {
		defer close(done)
		panic("boom")
	})
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("goroutine did not run")
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if got := logs.find(t, "A server goroutine panicked"); len(got) == 1 {
			if got[0]["goroutine"] != "test ticker" || got[0]["panic"] != "boom" || got[0]["stack"] == "" {
				t.Errorf("panic log lacks its fields: %v", got[0])
			}
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the panic was not logged")
}

func TestActivityReader(t *testing.T) {
	r := newActivityReader(strings.NewReader("j"))
	time.Sleep(20 * time.Millisecond)
	before := r.idleFor()
	if before < 20*time.Millisecond {
		t.Fatalf("idle %v before any input, want at least 20ms", before)
	}
	buf := make([]byte, 8)
	if n, _ := r.Read(buf); n != 1 {
		t.Fatalf("read %d bytes", n)
	}
	if after := r.idleFor(); after >= before {
		t.Errorf("input did not reset the idle time: %v, then %v", before, after)
	}
	// A read with no bytes (EOF) is no activity.
	time.Sleep(5 * time.Millisecond)
	idle := r.idleFor()
	_, err := r.Read(buf)
	if !errors.Is(err, io.EOF) || r.idleFor() < idle {
		t.Errorf("EOF counted as input (err %v)", err)
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute: "30 minutes", 12 * time.Hour: "12 hours", time.Hour: "1 hour",
		90 * time.Second: "90 seconds", time.Minute: "1 minute",
	} {
		if got := humanDuration(d); got != want {
			t.Errorf("humanDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// TestServeCommand runs `align serve` itself: it refuses to start without an admin or
// with a host key others can read, and otherwise serves until its context ends (what
// SIGTERM does), then stops cleanly.
func TestServeCommand(t *testing.T) {
	signer, line := newKey(t, "maya@laptop")
	start := func(ctx context.Context, dir, keys string) (*logBuffer, chan int) {
		logs := &logBuffer{}
		c := &cli{ctx: ctx, in: strings.NewReader(""), out: io.Discard, errOut: logs, now: time.Now,
			getenv: func(k string) string {
				if k == "ALIGN_INITIAL_ADMIN_KEYS" {
					return keys
				}
				return ""
			}}
		c.actor = model.LocalAdmin("test")
		done := make(chan int, 1)
		go func() {
			code := c.execute(c.localRoot(), []string{"serve", "--data", dir, "--listen", "127.0.0.1:0"})
			c.close() // the store, as run() does
			done <- code
		}()
		return logs, done
	}
	wait := func(done chan int) int {
		select {
		case code := <-done:
			return code
		case <-time.After(20 * time.Second):
			t.Fatal("align serve did not return")
		}
		return -1
	}

	t.Run("no admin", func(t *testing.T) {
		logs, done := start(context.Background(), t.TempDir(), "")
		if code := wait(done); code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		logs.mu.Lock()
		out := logs.buf.String()
		logs.mu.Unlock()
		if !strings.Contains(out, "ALIGN_INITIAL_ADMIN_KEYS=~/.ssh/id_ed25519.pub align serve") {
			t.Errorf("stderr %q does not say how to start", out)
		}
	})

	t.Run("host key readable by others", func(t *testing.T) {
		dir := t.TempDir()
		if _, err := loadHostKey(filepath.Join(dir, hostKeyFile)); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, hostKeyFile), 0o640); err != nil {
			t.Fatal(err)
		}
		logs, done := start(context.Background(), dir, line)
		if code := wait(done); code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		logs.mu.Lock()
		out := logs.buf.String()
		logs.mu.Unlock()
		if !strings.Contains(out, "chmod 600") {
			t.Errorf("stderr %q does not give the chmod command", out)
		}
	})

	t.Run("serves, then stops", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		dir := t.TempDir()
		logs, done := start(ctx, dir, line)
		var addr string
		deadline := time.Now().Add(20 * time.Second)
		for addr == "" && time.Now().Before(deadline) {
			if got := logs.find(t, "Serving the workspace"); len(got) > 0 {
				addr, _ = got[0]["addr"].(string)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if addr == "" {
			t.Fatal("the server never said where it listens")
		}
		c, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "maya", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
			HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		out, _, code := remote(t, c, "user list", "")
		c.Close()
		if code != 0 || !strings.Contains(out, "maya") {
			t.Errorf("user list: exit %d, %q", code, out)
		}
		if info, err := os.Stat(filepath.Join(dir, hostKeyFile)); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("host key: %v %v", info, err)
		}
		// A second align on the directory names the server's own port.
		_, port, _ := net.SplitHostPort(addr)
		code, _, errOut := runAlign(t, dir, nil, "lead", "list")
		if want := "ssh -p " + port + " 127.0.0.1"; code != 1 || !strings.Contains(errOut, want) {
			t.Errorf("a second align: exit %d, %q; want 1 and %q", code, errOut, want)
		}
		cancel()
		if code := wait(done); code != 0 {
			t.Errorf("exit %d after a stop, want 0", code)
		}
		if len(logs.find(t, "Stopped.")) != 1 {
			t.Error("no Stopped line")
		}
		if _, err := os.Stat(filepath.Join(dir, serveAddrFile)); !os.IsNotExist(err) {
			t.Errorf("%s left behind after the stop (%v)", serveAddrFile, err)
		}
	})
}

func TestServeRefusesSHA1Signatures(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(rsaKey)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))
	if err := ts.store.PutMember(context.Background(), seedActor, model.Member{Name: "rita", Role: model.RoleAE, Keys: []string{line}}); err != nil {
		t.Fatal(err)
	}
	as := signer.(gossh.AlgorithmSigner)
	sha1Only, err := gossh.NewSignerWithAlgorithms(as, []string{gossh.KeyAlgoRSA})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := ts.dial("rita", gossh.PublicKeys(sha1Only)); err == nil {
		c.Close()
		t.Fatal("an ssh-rsa (SHA-1) signature signed in")
	}
	sha2, err := gossh.NewSignerWithAlgorithms(as, []string{gossh.KeyAlgoRSASHA512})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ts.dial("rita", gossh.PublicKeys(sha2))
	if err != nil {
		t.Fatalf("rsa-sha2-512 was refused: %v", err)
	}
	c.Close()
}
