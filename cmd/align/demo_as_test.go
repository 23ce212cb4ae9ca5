package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestDemoAs: `align demo --as NAME` opens the sample workspace as a member of the
// sample team with their role, so a newcomer can try a dispute as marketing and its
// verdict as leadership; the demo only ever ran as the local admin. The help names
// Maya and Sofia, so their roles are pinned here.
func TestDemoAs(t *testing.T) {
	s, err := openDemoStore(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for name, role := range map[string]model.Role{"maya": model.RoleMarketing, "Sofia": model.RoleLeadership} {
		m, err := demoMember(s, name)
		if err != nil || m.Role != role || !strings.EqualFold(m.Name, name) {
			t.Errorf("demo --as %s: %+v, %v; want a %s", name, m, err, role)
		}
	}

	code, _, errOut := runAlign(t, t.TempDir(), nil, "demo", "--as", "nobody")
	if code != 2 || !strings.Contains(errOut, `no "nobody"; pick one of`) || !strings.Contains(errOut, "Sofia (Leadership)") {
		t.Errorf("demo --as nobody: exit %d, %q; want 2 and the sample team", code, errOut)
	}
	code, _, errOut = runAlign(t, t.TempDir(), nil, "demo", "--as", "sofia")
	if code != 1 || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("demo --as sofia without a terminal: exit %d, %q; want 1 and the terminal sentence", code, errOut)
	}
}

// TestDemoRunsAsLoginMember: without --as, a login name (ALIGN_USER) that names a
// sample member runs the demo as that member with their role, not as an admin who
// happens to share Maya's name; any other login runs as the local administrator.
func TestDemoRunsAsLoginMember(t *testing.T) {
	s, err := openDemoStore(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	admin := model.Member{Name: "root", Role: model.RoleAdmin}
	if m, err := demoActor(s, "", model.Member{Name: "maya", Role: model.RoleAdmin}); err != nil || m.Role != model.RoleMarketing {
		t.Errorf("ALIGN_USER=maya: %+v, %v; want Maya the marketer", m, err)
	}
	if m, err := demoActor(s, "", admin); err != nil || m.Name != admin.Name || m.Role != admin.Role {
		t.Errorf("ALIGN_USER=root: %+v, %v; want the local admin", m, err)
	}
	if m, err := demoActor(s, "sofia", admin); err != nil || m.Role != model.RoleLeadership {
		t.Errorf("--as sofia: %+v, %v", m, err)
	}
}
