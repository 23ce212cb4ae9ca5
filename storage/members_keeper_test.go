package storage

import (
	"context"
	"strings"
	"testing"

	"align/model"
)

// TestKeepAnAdminWhoCanSignIn: root, the only admin with an SSH key, made themselves
// viewer over SSH and locked everyone out, since the guard counted Amara, an admin
// with no key (new-user review). Every roster change that would leave no admin who
// can sign in is refused while there is one; a local workspace, where nobody has a
// key, keeps only the last-admin rule.
func TestKeepAnAdminWhoCanSignIn(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t) // ada, the seeded admin, has no key
	rootKey, _ := newKey(t)
	ninaKey, _ := newKey(t)
	root := model.Member{Name: "root", Role: model.RoleAdmin, Keys: []string{rootKey}}
	nina := model.Member{Name: "nina", Role: model.RoleAE, Keys: []string{ninaKey}}
	for _, m := range []model.Member{root, nina} {
		if err := s.PutMember(ctx, admin, m); err != nil {
			t.Fatal(err)
		}
	}
	const want = "no admin who can sign in with an SSH key"
	refused := map[string]func() error{
		"demoting root": func() error {
			return s.PutMember(ctx, root, model.Member{Name: "root", Role: model.RoleViewer, Keys: root.Keys})
		},
		"removing root's key": func() error { return s.PutMember(ctx, root, model.Member{Name: "root", Role: model.RoleAdmin}) },
		"removing root":       func() error { return s.RemoveMember(ctx, admin, "root") },
	}
	for name, change := range refused {
		if err := change(); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "`align user role NAME admin`") {
			t.Errorf("%s: got %v, want a refusal with %q that names the command to run", name, err, want)
		}
	}
	if m, _, _ := s.Member("root"); m.Role != model.RoleAdmin || len(m.Keys) != 1 {
		t.Errorf("root after the refusals: %+v", m)
	}
	// An admin without a key may go: root still signs in.
	if err := s.PutMember(ctx, root, model.Member{Name: "ada", Role: model.RoleSDR}); err != nil {
		t.Errorf("demoting ada, who has no key: %v", err)
	}
	// With another admin who has a key, root may step down.
	nina.Role = model.RoleAdmin
	if err := s.PutMember(ctx, root, nina); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMember(ctx, root, model.Member{Name: "root", Role: model.RoleViewer, Keys: root.Keys}); err != nil {
		t.Errorf("demoting root beside nina, an admin with a key: %v", err)
	}
}

// TestKeepAnAdminLocally: in a local workspace nobody has a key, and the admins are
// managed as before: any but the last may be demoted or removed.
func TestKeepAnAdminLocally(t *testing.T) {
	ctx := context.Background()
	s, _ := newStore(t)
	if err := s.PutMember(ctx, admin, model.Member{Name: "bo", Role: model.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutMember(ctx, admin, model.Member{Name: "bo", Role: model.RoleSDR}); err != nil {
		t.Errorf("demoting one of two admins without keys: %v", err)
	}
	if err := s.PutMember(ctx, admin, model.Member{Name: "bo", Role: model.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveMember(ctx, admin, "bo"); err != nil {
		t.Errorf("removing one of two admins without keys: %v", err)
	}
	if err := s.RemoveMember(ctx, admin, admin.Name); err == nil || !strings.HasPrefix(err.Error(), "the workspace's last admin is ada") {
		t.Errorf("removing the last admin: %v", err)
	}
	if err := s.PutMember(ctx, admin, model.Member{Name: "sdr-without-key", Role: model.RoleSDR}); err != nil {
		t.Errorf("adding a member without a key: %v", err)
	}
}
