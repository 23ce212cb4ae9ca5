package main

import (
	"context"
	"strings"
	"testing"

	"align/model"
)

// TestServeAdminKeepsSignInAdmin: over SSH, root, the only admin with a key, ran
// `user role root viewer`, was told "root is now viewer." and got exit status 1, and
// nobody could run admin commands any more (new-user review). Here ada, the only admin
// with a key beside keyless Amara, is refused with the commands to run instead; once
// sam is an admin with a key, ada steps down and the command that did it exits 0
// without a word on stderr: a command is not stopped by its own change.
func TestServeAdminKeepsSignInAdmin(t *testing.T) {
	ts := startServer(t, false, serverConfig{})
	ctx := context.Background()
	if err := ts.store.PutMember(ctx, seedActor, model.Member{Name: "amara", Role: model.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	ada := ts.client(t, "ada")
	for _, cmd := range []string{"user role ada viewer", "user rm ada"} {
		out, errOut, code, err := runSSHCommand(ada, cmd, false)
		if err != nil || code != 1 || out != "" || !strings.Contains(errOut, "no admin who can sign in with an SSH key") ||
			!strings.Contains(errOut, "user role NAME admin`") || strings.Contains(errOut, "`align ") {
			t.Errorf("%s: exit %d (%v), stdout %q, stderr %q; want a refusal naming the ssh commands to run", cmd, code, err, out, errOut)
		}
	}
	if m, _, _ := ts.store.Member("ada"); m.Role != model.RoleAdmin {
		t.Fatalf("ada is %s after the refusals", m.Role)
	}

	if out, errOut, code, err := runSSHCommand(ada, "user role sam admin", false); err != nil || code != 0 {
		t.Fatalf("making sam an admin: exit %d (%v), %q %q", code, err, out, errOut)
	}
	out, errOut, code, err := runSSHCommand(ada, "user role ada viewer", false)
	if err != nil || code != 0 || out != "ada is now viewer.\n" || errOut != "" {
		t.Errorf("ada stepping down: exit %d (%v), stdout %q, stderr %q; want exit 0 and only the change said", code, err, out, errOut)
	}
	// The roster change still reaches ada's next command: she is a viewer now.
	if _, errOut, code, _ := runSSHCommand(ts.client(t, "ada"), "user role vic sdr", false); code == 0 || !strings.Contains(errOut, "Only admins") {
		t.Errorf("ada as viewer changed a role: exit %d, stderr %q", code, errOut)
	}
}
