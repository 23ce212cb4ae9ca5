package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestRemoteUsageHint: a remote command's usage error named `align lead accept --help`,
// which nobody on the other end of ssh can run (and `ssh HOST --help` is ssh's own
// option); it now names the remote help command. Local runs keep `align ... --help`.
// `user role` of an unknown member named `align user list` the same way, and so does
// a missing lead ID its list (args.go).
// An unknown flag got its hint twice ("; see X; see X"); once now. The hints named
// `ssh -p PORT HOST`; they name the ssh command that reached the server.
func TestRemoteUsageHint(t *testing.T) {
	s := newMemStore(t)
	me := model.Member{Name: "sam", Role: model.RoleSDR}
	for args, want := range map[string]string{
		"lead accept": "see `ssh -p 2222 align.example lead list`",
		"bogus":       "see `ssh -p 2222 align.example help`",
		"lead --nope": "see `ssh -p 2222 align.example help lead`",
		// A shell command with flags read as align's flags: "Unknown shorthand flag: 'l'".
		"ls -la": `The server has no command "ls"; see ` + "`ssh -p 2222 align.example help`",
		// import's example was a file name, which the server then refused.
		"import": "such as `ssh -p 2222 align.example import - < leads.csv`",
		// A note quoted once locally reaches the server as several words; the hint said
		// to put the text in --note, where it already was.
		"lead reject 1 --reason other --note two words": `quote a note twice, as in --note "'Called, call back Monday'"`,
	} {
		var out, errOut bytes.Buffer
		code := runRemote(context.Background(), s, me, "ssh -p 2222 align.example", strings.Fields(args), strings.NewReader(""), &out, &errOut, time.Now)
		if code != 2 || !strings.Contains(errOut.String(), want) || strings.Count(errOut.String(), "see ") != 1 || strings.Contains(errOut.String(), "align lead") {
			t.Errorf("%s: exit %d, %s", args, code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	if code := runRemote(context.Background(), s, admin, "ssh -p 2222 align.example", []string{"user", "role", "nobody", "sdr"}, strings.NewReader(""), &out, &errOut, time.Now); code != 1 || !strings.Contains(errOut.String(), "see `ssh -p 2222 align.example user list`") {
		t.Errorf("user role of nobody: exit %d, %s", code, errOut.String())
	}
	if code, _, errOut := runAlign(t, t.TempDir(), nil, "lead", "accept"); code != 2 || !strings.Contains(errOut, "see `align lead list`") {
		t.Errorf("local: exit %d, %s", code, errOut)
	}
}

// TestRemoteSentencesNameSSH: a sentence from the store or the model that names an
// align command (`align user list`) reads, over ssh, as the command that runs it there.
func TestRemoteSentencesNameSSH(t *testing.T) {
	s := newMemStore(t)
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	var out, errOut bytes.Buffer
	code := runRemote(context.Background(), s, admin, "ssh -p 2222 align.example", []string{"user", "rm", "nobody"}, strings.NewReader(""), &out, &errOut, time.Now)
	if code != 1 || !strings.Contains(errOut.String(), "`ssh -p 2222 align.example user list`") || strings.Contains(errOut.String(), "`align ") {
		t.Errorf("user rm nobody: exit %d, %s", code, errOut.String())
	}
}

func TestSSHCommand(t *testing.T) {
	for addr, want := range map[string]string{
		"127.0.0.1:2222": "ssh -p 2222 127.0.0.1", "10.0.0.5:22": "ssh 10.0.0.5", "[::]:23234": "ssh -p 23234 localhost",
	} {
		if got, ok := sshCommand(addr); !ok || got != want {
			t.Errorf("sshCommand(%q) = %q, want %q", addr, got, want)
		}
	}
}
