package main

import (
	"bytes"
	"context"
	"net"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"align/model"
	"align/storage"
)

// runWithPTY runs a remote command in a session with a PTY, as `ssh -t` does.
func runWithPTY(t *testing.T, client *gossh.Client, cmd string) (stdout, stderr string, code int) {
	t.Helper()
	stdout, stderr, code, err := runSSHCommand(client, cmd, true)
	if err != nil {
		t.Fatalf("%q with a PTY: %v", cmd, err)
	}
	return stdout, stderr, code
}

// TestServeBackupRefusesPTY: `ssh -t host backup - > file` wrote a backup whose
// newlines the server's terminal had turned into CR LF, which restore then refused,
// and exited 0 (new-user review). With a PTY it writes nothing, exits 1 and names the
// command to run instead; without one it writes the backup.
func TestServeBackupRefusesPTY(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	_, port, _ := net.SplitHostPort(ts.addr)
	out, errOut, code := runWithPTY(t, ts.client(t, "ada"), "backup -")
	want := "run it without -t: `ssh -p " + port + " 127.0.0.1 backup - > align.bak`"
	if code != 1 || out != "" || !strings.Contains(errOut, want) {
		t.Errorf("backup - with a PTY: exit %d, %d bytes on stdout, stderr %q; want exit 1, nothing written and %q", code, len(out), errOut, want)
	}
	out, errOut, code, err := runSSHCommand(ts.client(t, "ada"), "backup -", false)
	if err != nil || code != 0 || len(out) == 0 || errOut != "" {
		t.Errorf("backup - without a PTY: exit %d (%v), %d bytes, stderr %q", code, err, len(out), errOut)
	}
}

// TestExportThroughPTYImportsAlike: an export is text, and with a PTY (ssh -t) each of
// its newlines arrives as CR LF. That is allowed, since both formats read back the
// same: CSV rows may end in CR LF (RFC 4180) and JSON takes CR as space, and no field
// holds a CR of its own (import refuses control characters). A file imported as sent
// and as a PTY delivers it give the same workspace.
func TestExportThroughPTYImportsAlike(t *testing.T) {
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	src := newMemStore(t)
	if err := src.Seed(context.Background(), smallSample()); err != nil {
		t.Fatal(err)
	}
	at := func() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }
	run := func(s *storage.Store, args, in string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := runRemote(context.Background(), s, admin, "ssh -p 2222 align.example", strings.Fields(args), strings.NewReader(in), &out, &errOut, at); code != 0 {
			t.Fatalf("%s: exit %d, %s", args, code, errOut.String())
		}
		return out.String()
	}
	for _, format := range []string{"csv", "json"} {
		sent := run(src, "export --format "+format, "")
		var got [2]string
		for i, text := range []string{sent, strings.ReplaceAll(sent, "\n", "\r\n")} {
			dst := newMemStore(t)
			// The same team, whom the leads' owners name (an import takes owners who are
			// members only), and no lead.
			team := smallSample()
			team.Leads, team.Events = nil, nil
			if err := dst.Seed(context.Background(), team); err != nil {
				t.Fatal(err)
			}
			if sum := run(dst, "import -", text); !strings.HasSuffix(sum, " updated, 0 rejected\n") {
				t.Fatalf("%s import: %q", format, sum)
			}
			got[i] = run(dst, "export --format "+format, "")
		}
		if got[0] == "" || got[0] != got[1] {
			t.Errorf("the %s export read back through a PTY differs from the one read as sent", format)
		}
	}
}
