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
// An unknown flag got its hint twice ("; see X; see X"); once now.
func TestRemoteUsageHint(t *testing.T) {
	s := newMemStore(t)
	me := model.Member{Name: "sam", Role: model.RoleSDR}
	for args, want := range map[string]string{
		"lead accept": "see `ssh -p PORT HOST lead list`",
		"bogus":       "see `ssh -p PORT HOST help`",
		"lead --nope": "see `ssh -p PORT HOST help lead`",
	} {
		var out, errOut bytes.Buffer
		code := runRemote(context.Background(), s, me, strings.Fields(args), strings.NewReader(""), &out, &errOut, time.Now)
		if code != 2 || !strings.Contains(errOut.String(), want) || strings.Count(errOut.String(), "see ") != 1 || strings.Contains(errOut.String(), "align lead") {
			t.Errorf("%s: exit %d, %s", args, code, errOut.String())
		}
	}
	var out, errOut bytes.Buffer
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	if code := runRemote(context.Background(), s, admin, []string{"user", "role", "nobody", "sdr"}, strings.NewReader(""), &out, &errOut, time.Now); code != 1 || !strings.Contains(errOut.String(), "see `ssh -p PORT HOST user list`") {
		t.Errorf("user role of nobody: exit %d, %s", code, errOut.String())
	}
	if code, _, errOut := runAlign(t, t.TempDir(), nil, "lead", "accept"); code != 2 || !strings.Contains(errOut, "see `align lead list`") {
		t.Errorf("local: exit %d, %s", code, errOut)
	}
}
