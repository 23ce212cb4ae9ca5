package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"align/model"
)

// userList is `align user list` as name → "role keys".
func userList(t *testing.T, dir string) map[string]string {
	t.Helper()
	code, out, errOut := runAlign(t, dir, nil, "user", "list")
	if code != 0 {
		t.Fatalf("user list: exit %d, %s", code, errOut)
	}
	m := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		f := strings.Fields(line)
		m[f[0]] = f[1] + " " + f[2]
	}
	return m
}

// addUser runs user add and fails the test unless it exits with want.
func addUser(t *testing.T, dir string, want int, args ...string) (string, string) {
	t.Helper()
	code, out, errOut := runAlign(t, dir, nil, append([]string{"user", "add"}, args...)...)
	if code != want {
		t.Fatalf("user add %s: exit %d, want %d: %q %q", strings.Join(args, " "), code, want, out, errOut)
	}
	return out, errOut
}

// TestUserAddKeyKeepsRole: `user add maya --key K` on an existing member adds the key
// and keeps her role; it failed with "needs --role", while the hint for `user add Maya`
// named exactly that command.
func TestUserAddKeyKeepsRole(t *testing.T) {
	dir := t.TempDir()
	_, k1 := newKey(t, "maya@laptop")
	_, k2 := newKey(t, "maya@desktop")
	addUser(t, dir, 0, "maya", "--role", "marketing", "--key", k1)

	_, errOut := addUser(t, dir, 1, "Maya", "--role", "sdr")
	hint := "`align user add maya --key KEY`"
	if !strings.Contains(errOut, hint) {
		t.Fatalf("the case hint: %q", errOut)
	}
	out, _ := addUser(t, dir, 0, "maya", "--key", k2) // the hinted command, with a key
	if out != "Added 1 key to maya; maya is marketing with 2 keys.\n" {
		t.Errorf("adding a key: %q", out)
	}
	if got := userList(t, dir)["maya"]; got != "marketing 2" {
		t.Errorf("maya is %q, want marketing with 2 keys", got)
	}

	// Without --role, a name that is no member is told it needs one; one that differs
	// from a member's only in case is pointed at the member.
	_, errOut = addUser(t, dir, 2, "Maya", "--key", k2)
	if !strings.Contains(errOut, "there is maya") || !strings.Contains(errOut, hint) {
		t.Errorf("Maya without --role: %q", errOut)
	}
	_, errOut = addUser(t, dir, 2, "newbie", "--key", k2)
	if !strings.Contains(errOut, "no member called newbie yet") || !strings.Contains(errOut, "needs --role") {
		t.Errorf("newbie without --role: %q", errOut)
	}
}

// TestUserAddRefusesRoleChange: `user add sofia --role sdr --key K` on leadership
// member sofia made her sdr and printed only "sofia is sdr with 2 key(s)". user add
// never changes a role: it refuses, changes nothing, and names `user role`.
func TestUserAddRefusesRoleChange(t *testing.T) {
	dir := t.TempDir()
	_, k1 := newKey(t, "sofia@laptop")
	_, k2 := newKey(t, "sofia@desktop")
	addUser(t, dir, 0, "sofia", "--role", "leadership", "--key", k1)
	_, errOut := addUser(t, dir, 2, "sofia", "--role", "sdr", "--key", k2)
	if !strings.Contains(errOut, "does not change roles") || !strings.Contains(errOut, "`align user role sofia sdr`") {
		t.Errorf("role change through user add: %q", errOut)
	}
	if got := userList(t, dir)["sofia"]; got != "leadership 1" {
		t.Errorf("sofia is %q, want leadership with her 1 key", got)
	}
	// The same role is no change: the key is added.
	if out, _ := addUser(t, dir, 0, "sofia", "--role", "leadership", "--key", k2); !strings.Contains(out, "Added 1 key to sofia") {
		t.Errorf("same role: %q", out)
	}
}

// TestUserAddSameKeyTwice: adding a key a member has printed "maya is marketing with 2
// key(s)" while `user list` showed 1; it says the key was there already.
func TestUserAddSameKeyTwice(t *testing.T) {
	dir := t.TempDir()
	_, k := newKey(t, "maya@laptop")
	addUser(t, dir, 0, "maya", "--role", "marketing", "--key", k)
	out, _ := addUser(t, dir, 0, "maya", "--role", "marketing", "--key", k)
	if out != "maya already has that key, so nothing changed; maya is marketing with 1 key.\n" {
		t.Errorf("same key again: %q", out)
	}
	_, k2 := newKey(t, "maya@desktop")
	out, _ = addUser(t, dir, 0, "maya", "--key", k, "--key", k2)
	if out != "Added 1 key to maya (1 key already theirs); maya is marketing with 2 keys.\n" {
		t.Errorf("one new, one old: %q", out)
	}
	if got := userList(t, dir)["maya"]; got != "marketing 2" {
		t.Errorf("maya is %q, want marketing with 2 keys", got)
	}
}

// goErrorWords are the words of Go's and x/crypto's error chains, which no sentence
// for a person should hold.
var goErrorWords = []string{"ssh:", "base64", "parsing error", "input byte", "err:", "pid file", "listen tcp", "missing port", "open /"}

func assertPlain(t *testing.T, what, line string) {
	t.Helper()
	for _, w := range goErrorWords {
		if strings.Contains(line, w) {
			t.Errorf("%s: %q holds Go's %q", what, line, w)
		}
	}
	if strings.Count(strings.TrimSpace(line), "\n") > 0 || !strings.HasSuffix(line, ".\n") {
		t.Errorf("%s: %q is not one sentence on one line", what, line)
	}
}

// TestUserAddDamagedKey: a key cut short said "(ssh: no key found; last parsing error
// for ignored line: illegal base64 data at input byte 8)".
func TestUserAddDamagedKey(t *testing.T) {
	dir := t.TempDir()
	_, errOut := addUser(t, dir, 2, "bob", "--role", "sdr", "--key", "ssh-ed25519 AAAAnotakey")
	assertPlain(t, "damaged key", errOut)
	if !strings.Contains(errOut, "damaged or incomplete") || !strings.Contains(errOut, "ssh-ed25519 AAAAC3Nz") {
		t.Errorf("damaged key: %q", errOut)
	}
	_, good := newKey(t, "bob@laptop")
	code, _, errOut := runAlign(t, dir, strings.NewReader(good+"\nssh-ed25519 AAAAC3Nz\n"), "user", "add", "bob", "--role", "sdr", "--key", "-")
	if code != 2 || !strings.Contains(errOut, "Key 2 of 2 in stdin is damaged") {
		t.Errorf("second key of stdin damaged: exit %d, %q", code, errOut)
	}
	assertPlain(t, "damaged key on stdin", errOut)
	_, errOut = addUser(t, dir, 2, "bob", "--role", "sdr", "--key", "AAAAC3NzaC1lZDI1NTE5")
	if !strings.Contains(errOut, "is not an SSH public key") {
		t.Errorf("a key's middle alone: %q", errOut)
	}
	if _, ok := userList(t, dir)["bob"]; ok {
		t.Error("bob was added with a damaged key")
	}
}

// TestUserAddKeyFile: --key with a .pub file's path was refused as "not an SSH public
// key"; locally it reads the file (as ALIGN_INITIAL_ADMIN_KEYS does), and over ssh,
// where the file is on the caller's machine, it says to send it on stdin.
func TestUserAddKeyFile(t *testing.T) {
	dir := t.TempDir()
	_, k := newKey(t, "dan@laptop")
	pub := filepath.Join(t.TempDir(), "id_ed25519.pub")
	if err := os.WriteFile(pub, []byte(k+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, _ := addUser(t, dir, 0, "dan", "--role", "sdr", "--key", pub); out != "dan is sdr with 1 key.\n" {
		t.Errorf("key file: %q", out)
	}
	_, errOut := addUser(t, dir, 2, "eve", "--role", "sdr", "--key", pub+".missing")
	assertPlain(t, "missing key file", errOut)
	if !strings.Contains(errOut, "no such file") {
		t.Errorf("missing key file: %q", errOut)
	}

	var out, stderr bytes.Buffer
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	code := runRemote(context.Background(), newMemStore(t), admin, "ssh -p 2222 align.example",
		[]string{"user", "add", "dan", "--role", "sdr", "--key", "~/.ssh/id_ed25519.pub"}, strings.NewReader(""), &out, &stderr, time.Now)
	if code != 2 || !strings.Contains(stderr.String(), "`--key - < ~/.ssh/id_ed25519.pub`") {
		t.Errorf("key file over ssh: exit %d, %q", code, stderr.String())
	}
}

// TestDataIsAFile: --data naming a file said "align: align could not open its data in
// /etc/passwd: Cannot write pid file "/etc/passwd/LOCK" err: open /etc/passwd/LOCK: not
// a directory."
func TestDataIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "align")} {
		code, _, errOut := runAlign(t, dir, nil, "user", "list")
		if code != 1 || !strings.Contains(errOut, file+" is a file, not a directory") || !strings.Contains(errOut, "--data") {
			t.Errorf("--data %s: exit %d, %q", dir, code, errOut)
		}
		assertPlain(t, "--data "+dir, errOut)
	}
}
