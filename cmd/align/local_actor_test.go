package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLocalNameOfAMemberActsWithTheirRole: run locally under a login name (ALIGN_USER)
// that is a member's, align acts as that member, with their role. It acted as the
// local administrator under the member's name, so the history said an SDR had added
// members or decided disputes (new-user review). A name that is nobody's stays the
// local administrator.
func TestLocalNameOfAMemberActsWithTheirRole(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("ALIGN_USER", "root")
	var out bytes.Buffer
	if code := run([]string{"--data", dir, "user", "add", "bob", "--role", "sdr"}, strings.NewReader(""), &out, &out); code != 0 {
		t.Fatalf("adding bob as the local administrator: exit %d\n%s", code, out.String())
	}
	t.Setenv("ALIGN_USER", "Bob")
	out.Reset()
	code := run([]string{"--data", dir, "user", "add", "carol", "--role", "ae"}, strings.NewReader(""), &out, &out)
	if code != 1 || !strings.Contains(out.String(), "SDR") || !strings.Contains(out.String(), "set ALIGN_USER to a name no member has") {
		t.Fatalf("bob, an SDR, adding a member: exit %d, want 1 with a sentence naming his role:\n%s", code, out.String())
	}
	// backup checked the role before the store was open, as the local administrator's,
	// and never again (code review).
	out.Reset()
	bak := filepath.Join(t.TempDir(), "x.bak")
	if code := run([]string{"--data", dir, "backup", bak}, strings.NewReader(""), &out, &out); code != 1 {
		t.Errorf("bob, an SDR, backing up: exit %d, want 1:\n%s", code, out.String())
	}
	if _, err := os.Stat(bak); err == nil {
		t.Error("bob's refused backup wrote a file")
	}
	t.Setenv("ALIGN_USER", "nobody")
	out.Reset()
	if code := run([]string{"--data", dir, "user", "add", "carol", "--role", "ae"}, strings.NewReader(""), &out, &out); code != 0 {
		t.Fatalf("a name that is nobody's is the local administrator: exit %d\n%s", code, out.String())
	}
}
