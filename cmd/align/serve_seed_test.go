package main

import (
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"align/model"
)

// TestServeSeedsAdminAfterUserAdd: the team was added with `align user add` before the
// first `align serve`, none of them an admin. ALIGN_INITIAL_ADMIN_KEYS then still names
// the first admin; it used to be ignored ("the store already has members") while the
// refusal that followed told the user to set it.
func TestServeSeedsAdminAfterUserAdd(t *testing.T) {
	dir := t.TempDir()
	_, mayaKey := newKey(t, "maya@laptop")
	if code, _, errOut := runAlign(t, dir, strings.NewReader(mayaKey), "user", "add", "maya", "--role", "marketing", "--key", "-"); code != 0 {
		t.Fatalf("user add: exit %d, %s", code, errOut)
	}
	admin, adminKey := newKey(t, "ada@laptop")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &logBuffer{}
	c := &cli{ctx: ctx, in: strings.NewReader(""), out: io.Discard, errOut: logs, now: time.Now,
		getenv: func(k string) string {
			if k == "ALIGN_INITIAL_ADMIN_KEYS" {
				return adminKey
			}
			return ""
		}}
	c.actor = model.LocalAdmin("test")
	done := make(chan int, 1)
	go func() {
		code := c.execute(c.localRoot(), []string{"serve", "--data", dir, "--listen", "127.0.0.1:0"})
		c.close()
		done <- code
	}()
	var addr string
	for deadline := time.Now().Add(20 * time.Second); addr == "" && time.Now().Before(deadline); {
		select {
		case code := <-done:
			t.Fatalf("align serve exited %d: %s", code, logs.String())
		case <-time.After(20 * time.Millisecond):
		}
		if got := logs.find(t, "Serving the workspace"); len(got) > 0 {
			addr, _ = got[0]["addr"].(string)
		}
	}
	if addr == "" {
		t.Fatalf("the server never said where it listens: %s", logs.String())
	}
	if len(logs.find(t, "Added an admin from ALIGN_INITIAL_ADMIN_KEYS")) != 1 {
		t.Errorf("the admin was not added: %s", logs.String())
	}
	conn, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "ada", Auth: []gossh.AuthMethod{gossh.PublicKeys(admin)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	out, _, code := remote(t, conn, "user list", "")
	conn.Close()
	if code != 0 || !strings.Contains(out, "maya") || !strings.Contains(out, "admin") {
		t.Errorf("user list as the seeded admin: exit %d, %q", code, out)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("align serve did not stop")
	}
}

// TestServePortInUseWritesNothing: a port already in use is found before the admins of
// ALIGN_INITIAL_ADMIN_KEYS are added, so a server that never ran leaves no member
// behind; it added the admin, then failed to listen.
func TestServePortInUseWritesNothing(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	dir := t.TempDir()
	_, adminKey := newKey(t, "ada@laptop")
	c := &cli{ctx: context.Background(), in: strings.NewReader(""), out: io.Discard, errOut: &logBuffer{}, now: time.Now,
		getenv: func(k string) string {
			if k == "ALIGN_INITIAL_ADMIN_KEYS" {
				return adminKey
			}
			return ""
		}}
	c.actor = model.LocalAdmin("test")
	code := c.execute(c.localRoot(), []string{"serve", "--data", dir, "--listen", busy.Addr().String()})
	c.close()
	if code != 1 {
		t.Fatalf("serve on a busy port: exit %d", code)
	}
	if _, out, _ := runAlign(t, dir, nil, "user", "list"); strings.Contains(out, "ada") {
		t.Errorf("the admin was added by a server that never listened:\n%s", out)
	}
}
