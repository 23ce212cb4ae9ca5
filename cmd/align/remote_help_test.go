package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestRemoteHelpNamesSSH: `ssh HOST help` printed cobra's "Usage: align [command]" and
// "Use "align [command] --help"", commands the caller, who has no align binary, cannot
// run. Every usage line and hint now starts with the ssh command.
func TestRemoteHelpNamesSSH(t *testing.T) {
	admin := model.Member{Name: "ada", Role: model.RoleAdmin}
	for _, args := range [][]string{{"help"}, {"help", "lead"}, {"lead", "show", "--help"}, {"help", "user", "add"}, {"help", "rules"}, {"rules", "set", "--help"}} {
		var out, errOut bytes.Buffer
		code := runRemote(context.Background(), newMemStore(t), admin, "ssh -p 2222 align.example", args, strings.NewReader(""), &out, &errOut, time.Now)
		text := out.String()
		if code != 0 || !strings.Contains(text, "Usage:\n  ssh -p 2222 align.example") {
			t.Errorf("%v: exit %d\n%s%s", args, code, text, errOut.String())
		}
		for _, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), "align ") || strings.Contains(line, `"align `) || strings.Contains(line, "`align ") {
				t.Errorf("%v: a line names a local align: %q", args, line)
			}
		}
	}
}
