package main

import (
	"strings"
	"testing"
)

// TestLeadShowTellsItAll: lead show prints what a salesperson needs without the
// screen: the columns the import kept outside the lead's fields, and the text of each
// note, argument or reasoning in the history. It printed "added a note" without the
// note, and an X Education lead showed nothing but its country and source.
func TestLeadShowTellsItAll(t *testing.T) {
	dir := t.TempDir()
	csv := "name,city,country,Lead Quality\nAnn Lee,Mumbai,India,High in Relevance\n"
	if code, _, errOut := runAlign(t, dir, strings.NewReader(csv), "import", "-"); code != 0 {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runAlign(t, dir, nil, "lead", "note", "1", "Called twice,\nno answer"); code != 0 {
		t.Fatalf("lead note: exit %d, %s", code, errOut)
	}
	code, out, errOut := runAlign(t, dir, nil, "lead", "show", "1")
	if code != 0 {
		t.Fatalf("lead show: exit %d, %s", code, errOut)
	}
	for _, want := range []string{
		"Location     Mumbai, India",
		"    Lead Quality: High in Relevance\n",
		"added a note: Called twice,\n      no answer\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lead show lacks %q:\n%s", want, out)
		}
	}
}
