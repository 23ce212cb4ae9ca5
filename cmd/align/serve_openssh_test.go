package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/pem"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"align/model"
)

// The tests in this file drive the real OpenSSH client, inside tmux where a terminal
// is needed. They skip, saying why, where either program is missing.

func needTools(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("this test drives the real %s, which is not installed (install openssh-client and tmux to run it)", tool)
		}
	}
}

// writePrivateKey writes an OpenSSH private key file, mode 0600, and its .pub.
func writePrivateKey(t *testing.T, path string, priv ed25519.PrivateKey) {
	t.Helper()
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	pub, err := gossh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".pub", gossh.MarshalAuthorizedKey(pub), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sshArgs are OpenSSH arguments that ignore every local setting: no config file, no
// agent, no known_hosts, only the identities given.
func (ts *testServer) sshArgs(user string, identities ...string) []string {
	_, port, _ := net.SplitHostPort(ts.addr)
	args := []string{"-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
		"-o", "ConnectTimeout=10", "-p", port}
	for _, id := range identities {
		args = append(args, "-i", id)
	}
	return append(args, user+"@127.0.0.1")
}

// openssh runs ssh with a remote command and returns stdout, stderr and exit status.
func openssh(t *testing.T, args []string, command string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ssh", append(args, command)...)
	cmd.Env = append(os.Environ(), "SSH_AUTH_SOCK=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("ssh did not run: %v", err)
	}
	return out.String(), errOut.String(), code
}

// TestOpenSSHOfferedKeyImpersonation is the attack of CVE-2024-45337 and soft-serve's
// GHSA-pchf-49fh-w34r with a real client: OpenSSH offers the admin's public key (its
// private half is missing), the server says it would accept it, OpenSSH skips it and
// signs with the viewer's key. The session must be the viewer's.
func TestOpenSSHOfferedKeyImpersonation(t *testing.T) {
	needTools(t, "ssh")
	ts := startServer(t, true, serverConfig{})
	dir := t.TempDir()
	offered := filepath.Join(dir, "admin_offered")
	if err := os.WriteFile(offered+".pub", []byte(ts.lines["ada"]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	viewer := filepath.Join(dir, "viewer")
	writePrivateKey(t, viewer, ts.privs["vic"])
	leads, err := ts.store.Page(model.QueueMQL, "vic", nil, 1)
	if err != nil || len(leads) == 0 {
		t.Fatalf("no MQL lead: %v", err)
	}
	// Naming the .pub file makes OpenSSH offer it; it cannot load a private key from it.
	args := ts.sshArgs("ada", offered+".pub", viewer)
	args = append([]string{"-v"}, args...)
	_, errOut, code := openssh(t, args, "lead accept "+leads[0].ID.String())
	if !strings.Contains(errOut, "Server accepts key: "+offered) {
		t.Fatalf("OpenSSH never had the admin's key accepted as a candidate, so the attack did not run:\n%s", errOut)
	}
	for _, line := range strings.Split(errOut, "\n") {
		if strings.Contains(line, "Server accepts key") || strings.Contains(line, "Load key") || strings.HasPrefix(line, "align:") {
			t.Log(strings.TrimSpace(line))
		}
	}
	if code == 0 || !strings.Contains(errOut, "you are signed in as Viewer") {
		t.Fatalf("offering the admin's key and signing with the viewer's: exit %d; want the viewer's refusal:\n%s", code, errOut)
	}
	if l, err := ts.store.Lead(leads[0].ID); err != nil || l.Stage != leads[0].Stage {
		t.Errorf("the lead changed: %v %v", l.Stage, err)
	}
}

// tmux is one tmux server on a private socket.
type tmux struct {
	t    *testing.T
	sock string
}

func newTmux(t *testing.T) *tmux {
	t.Helper()
	dir, err := os.MkdirTemp("", "align-tmux")
	if err != nil {
		t.Fatal(err)
	}
	tm := &tmux{t: t, sock: filepath.Join(dir, "s")}
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-S", tm.sock, "kill-server").Run()
		_ = os.RemoveAll(dir)
	})
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "tmux", append([]string{"-S", tm.sock, "-f", "/dev/null"}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

// open starts a 120x40 window running ssh with a terminal.
func (tm *tmux) open(name string, sshArgs []string) {
	tm.t.Helper()
	quoted := make([]string, 0, len(sshArgs)+2)
	for _, a := range append([]string{"env", "SSH_AUTH_SOCK=", "ssh", "-t"}, sshArgs...) {
		quoted = append(quoted, "'"+strings.ReplaceAll(a, "'", `'\''`)+"'")
	}
	tm.run("new-session", "-d", "-s", name, "-x", "120", "-y", "40", strings.Join(quoted, " "))
}

func (tm *tmux) capture(name string) string {
	tm.t.Helper()
	return tm.run("capture-pane", "-p", "-t", name)
}

// waitFor polls the pane until it contains want.
func (tm *tmux) waitFor(name, want string, timeout time.Duration) string {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	var pane string
	for time.Now().Before(deadline) {
		if pane = tm.capture(name); strings.Contains(pane, want) {
			return pane
		}
		time.Sleep(50 * time.Millisecond)
	}
	tm.t.Fatalf("%q did not appear in %s within %v:\n%s", want, name, timeout, pane)
	return ""
}

// TestOpenSSHWorkspaceInTmux opens the workspace for two members with the real client
// in tmux; a lead one of them accepts by remote command leaves the other's inbox
// without a key pressed there.
func TestOpenSSHWorkspaceInTmux(t *testing.T) {
	needTools(t, "ssh", "tmux")
	ts := startServer(t, true, serverConfig{})
	dir := t.TempDir()
	for _, name := range []string{"ada", "sam"} {
		writePrivateKey(t, filepath.Join(dir, name), ts.privs[name])
	}
	tm := newTmux(t)
	tm.open("ada", ts.sshArgs("ada", filepath.Join(dir, "ada")))
	tm.open("sam", ts.sshArgs("sam", filepath.Join(dir, "sam")))
	tm.waitFor("ada", "? help", 20*time.Second)
	tm.waitFor("sam", "? help", 20*time.Second)

	leads, err := ts.store.Page(model.QueueMQL, "sam", nil, 1)
	if err != nil || len(leads) == 0 {
		t.Fatalf("no MQL lead: %v", err)
	}
	var pane string
	name := []rune(leads[0].DisplayName())
	if len(name) > 10 {
		name = name[:10]
	}
	// The first frame may still say "Loading…"; wait for the inbox itself.
	pane = tm.waitFor("sam", string(name), 20*time.Second)
	shown := strings.Count(pane, string(name))

	out, errOut, code := openssh(t, ts.sshArgs("ada", filepath.Join(dir, "ada")), "lead accept "+leads[0].ID.String())
	if code != 0 {
		t.Fatalf("ada's remote `lead accept`: exit %d, %s %s", code, out, errOut)
	}
	accepted := time.Now()
	deadline := accepted.Add(5 * time.Second)
	for {
		pane = tm.capture("sam")
		if strings.Count(pane, string(name)) < shown {
			t.Logf("the accepted lead left sam's inbox %v after the command returned", time.Since(accepted).Round(time.Millisecond))
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lead accepted by ada is still in sam's inbox:\n%s", pane)
		}
		time.Sleep(25 * time.Millisecond)
	}
	// Both sessions still work.
	tm.run("send-keys", "-t", "sam", "q")
	tm.run("send-keys", "-t", "ada", "q")
}
