package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestUserAddHelpOverSSH: user add's help names the ssh command over ssh, where the
// caller has no align binary.
func TestUserAddHelpOverSSH(t *testing.T) {
	var out, errOut bytes.Buffer
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	code := runRemote(context.Background(), newMemStore(t), admin, "ssh -p 2222 align.example",
		[]string{"help", "user", "add"}, strings.NewReader(""), &out, &errOut, time.Now)
	if code != 0 || !strings.Contains(out.String(), "`ssh -p 2222 align.example user role NAME ROLE`") || strings.Contains(out.String(), "`align ") {
		t.Errorf("exit %d, %s%s", code, out.String(), errOut.String())
	}
}
