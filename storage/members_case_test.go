package storage

import (
	"context"
	"strings"
	"testing"

	"align/model"
)

// TestMemberNamesDifferByMoreThanCase: "Maya" beside "maya" is refused, since the feed,
// the owner column and @mentions would show two people as one; changing maya herself
// still works.
func TestMemberNamesDifferByMoreThanCase(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	k1, _ := newKey(t)
	k2, _ := newKey(t)
	if err := s.PutMember(ctx, admin, model.Member{Name: "maya", Role: model.RoleMarketing, Keys: []string{k1}}); err != nil {
		t.Fatal(err)
	}
	err := s.PutMember(ctx, admin, model.Member{Name: "Maya", Role: model.RoleSDR, Keys: []string{k2}})
	if err == nil || !strings.Contains(err.Error(), "already a member called maya") {
		t.Fatalf("adding Maya beside maya: %v", err)
	}
	if _, ok, _ := s.Member("Maya"); ok {
		t.Error("Maya was added")
	}
	if err := s.PutMember(ctx, admin, model.Member{Name: "maya", Role: model.RoleSDR, Keys: []string{k1, k2}}); err != nil {
		t.Errorf("changing maya: %v", err)
	}
}
