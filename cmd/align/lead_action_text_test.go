package main

import (
	"strings"
	"testing"

	"align/model"
)

// TestLeadActionSentence: a lead action says where it left the lead, by the stage's
// name, only when it moved it; it printed "; now sal." after an accept and
// "; now recycled." after a note.
func TestLeadActionSentence(t *testing.T) {
	dir := t.TempDir()
	runAlign(t, dir, strings.NewReader("Email,Name\nkim@example.com,Kim\n"), "import", "-")
	runAlign(t, dir, nil, "lead", "mql", "1")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lead", "accept", "1"}, "Lead 1 (Kim): accepted; now at stage Accepted.\n"},
		{[]string{"lead", "note", "1", "Called"}, "Lead 1 (Kim): added a note.\n"},
	} {
		code, out, errOut := runAlign(t, dir, nil, c.args...)
		if code != 0 || out != c.want {
			t.Errorf("%v: exit %d, %q %s; want %q", c.args, code, out, errOut, c.want)
		}
	}
}

// TestLeadLabelWithoutAName: a lead with neither name nor email (X Education's) is
// "Lead 3", not "Lead 3 (#3)" (new-user review).
func TestLeadLabelWithoutAName(t *testing.T) {
	if got := leadLabel(model.Lead{ID: 3}); got != "Lead 3" {
		t.Errorf("leadLabel = %q", got)
	}
	if got := leadLabel(model.Lead{ID: 3, Name: "Kim"}); got != "Lead 3 (Kim)" {
		t.Errorf("leadLabel = %q", got)
	}
	if got := (&model.Lead{ID: 3}).Ref(); got != "#3" {
		t.Errorf("Ref = %q", got)
	}
}
