package model

import (
	"strings"
	"testing"
)

// TestRefusalSpeaksOfOthers: a refusal names what the roles that may do it may do, in
// the third person; it said "Only marketing, ... may undo my last change" to a viewer.
func TestRefusalSpeaksOfOthers(t *testing.T) {
	for a := range permissions {
		msg := Check(RoleViewer, a)
		if msg == nil {
			continue
		}
		if s := msg.Error(); strings.Contains(s, " my ") {
			t.Errorf("%s: %q speaks as the member", a, s)
		}
	}
}
