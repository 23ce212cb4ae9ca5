package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestUserAddWithoutKeySaysSo: `user add bob --role sdr` said only "bob is sdr with
// 0 keys.", though bob can never sign in over SSH so (new-user review). It is still
// allowed, for a workspace used locally, and says how to add a key, locally and over
// ssh; a member added with a key gets no such note.
func TestUserAddWithoutKeySaysSo(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runAlign(t, dir, nil, "user", "add", "bob", "--role", "sdr")
	want := "align: bob cannot sign in over SSH without a key; add theirs with `align user add bob --key - < bob.pub`.\n"
	if code != 0 || out != "bob is sdr with 0 keys.\n" || !strings.Contains(errOut, want) {
		t.Errorf("local: exit %d, stdout %q, stderr %q; want stderr %q", code, out, errOut, want)
	}

	var rout, rerr bytes.Buffer
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	code = runRemote(context.Background(), newMemStore(t), admin, "ssh -p 2222 align.example",
		[]string{"user", "add", "bob", "--role", "sdr"}, strings.NewReader(""), &rout, &rerr, time.Now)
	if code != 0 || !strings.Contains(rerr.String(), "add theirs with `ssh -p 2222 align.example user add bob --key - < bob.pub`.") {
		t.Errorf("over ssh: exit %d, stderr %q", code, rerr.String())
	}

	_, k := newKey(t, "kim@laptop")
	if code, _, errOut := runAlign(t, dir, nil, "user", "add", "kim", "--role", "ae", "--key", k); code != 0 || strings.Contains(errOut, "cannot sign in") {
		t.Errorf("with a key: exit %d, stderr %q", code, errOut)
	}
}
