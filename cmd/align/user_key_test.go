package main

import (
	"strings"
	"testing"
)

const testKeyLine = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl sam@laptop"

// TestUserAddSplitKey: `ssh HOST user add sam --role sdr --key 'ssh-ed25519 AAAA... c'`
// (README's form) reaches the server with the key cut at its spaces, because the local
// shell eats the quotes and ssh joins the words. align said "Accepts 1 arg(s), received
// 3"; it now says what happened and how to send the key.
func TestUserAddSplitKey(t *testing.T) {
	dir := t.TempDir()
	args := append([]string{"user", "add", "sam", "--role", "sdr", "--key"}, strings.Fields(testKeyLine)...)
	code, _, errOut := runAlign(t, dir, nil, args...)
	if code != 2 || !strings.Contains(errOut, "--key - < id_ed25519.pub") || strings.Contains(errOut, "arg(s)") {
		t.Fatalf("exit %d, %s", code, errOut)
	}
}

// TestUserAddKeyFromStdin: --key - reads the key line from stdin, the form that needs
// no quoting over ssh.
func TestUserAddKeyFromStdin(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runAlign(t, dir, strings.NewReader("# sam's laptop\n"+testKeyLine+"\n\n"), "user", "add", "sam", "--role", "sdr", "--key", "-")
	if code != 0 || !strings.Contains(out, "sam is sdr with 1 key.") {
		t.Fatalf("exit %d, %q, %s", code, out, errOut)
	}
	code, _, errOut = runAlign(t, dir, nil, "user", "add", "sam", "--role", "sdr", "--key", "-")
	if code != 2 || !strings.Contains(errOut, "read no key from stdin") {
		t.Fatalf("empty stdin: exit %d, %s", code, errOut)
	}
}

// TestUserListEmptySaysSo: an empty roster prints nothing on stdout (scripts) and a
// sentence on stderr with the command that adds the first member.
func TestUserListEmptySaysSo(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, nil, "import", "-"); code > 1 {
		t.Fatalf("creating the store: exit %d, %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "user", "list")
	if code != 0 || out != "" || !strings.Contains(errOut, "no members yet") || !strings.Contains(errOut, "align user add") {
		t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
	}
}

// TestUserAddRefusesPrivateKey: a private key sent with --key - is refused with what
// to send instead, and the advice to replace the key that has now travelled; it gave
// ssh's "no key found; last parsing error … illegal base64".
func TestUserAddRefusesPrivateKey(t *testing.T) {
	priv := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----\n"
	dir := t.TempDir()
	code, _, errOut := runAlign(t, dir, strings.NewReader(priv), "user", "add", "maya", "--role", "marketing", "--key", "-")
	if code != 2 || !strings.Contains(errOut, "That is a private key") || !strings.Contains(errOut, "ssh-keygen") {
		t.Errorf("exit %d, %s", code, errOut)
	}
	if _, out, _ := runAlign(t, dir, nil, "user", "list"); strings.Contains(out, "maya") {
		t.Errorf("maya was added: %s", out)
	}
}
