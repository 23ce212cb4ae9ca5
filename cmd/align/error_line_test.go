package main

import (
	"strings"
	"testing"
)

// TestErrorLineNamesAlignOnce: a sentence whose subject is align already ("align
// could not open its data …", "align lead show needs a lead ID …") is printed as it
// is; the others get "align: " to say who is speaking. It printed "align: align …".
func TestErrorLineNamesAlignOnce(t *testing.T) {
	for msg, want := range map[string]string{
		"align could not open its data in /x; check it": "align could not open its data in /x; check it.",
		"align's data in /x is in use":                  "align's data in /x is in use.",
		"align lead show needs a lead ID":               "align lead show needs a lead ID.",
		"there is no member called \"kim\"":             "align: There is no member called \"kim\".",
		"alignment is off":                              "align: alignment is off.",
		"":                                              "align: Something went wrong.",
	} {
		if got := errorLine(msg); got != want {
			t.Errorf("errorLine(%q) = %q, want %q", msg, got, want)
		}
	}
}

// TestNoDoubledPrefix runs commands whose errors start with align and checks stderr
// never reads "align: align".
func TestNoDoubledPrefix(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"lead", "show"}, {"exprot"}, {"user", "role", "kim"}} {
		code, _, errOut := runAlign(t, dir, nil, args...)
		if code == 0 || strings.Contains(errOut, "align: align") || !strings.HasPrefix(errOut, "align ") {
			t.Errorf("align %s: exit %d, %q", strings.Join(args, " "), code, errOut)
		}
	}
}
