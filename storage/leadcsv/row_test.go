package leadcsv

import (
	"strings"
	"testing"
)

// TestIsPlaceholder: the first-byte filter changes no answer of the plain comparison
// with every placeholder, ignoring case.
func TestIsPlaceholder(t *testing.T) {
	reference := func(v string) bool {
		if v == "" {
			return true
		}
		for _, p := range placeholders {
			if strings.EqualFold(v, p) {
				return true
			}
		}
		return false
	}
	for _, v := range []string{"", "select", "SELECT", "Select", "ſelect", "unknown", "UNKNOWN", "n/a", "N/A", "-",
		"selected", "none", "1", "50", "Jun", "Singapore", "s", "u", "n", "--", "Unknowns", "\xffselect", "é"} {
		if got, want := isPlaceholder(v), reference(v); got != want {
			t.Errorf("isPlaceholder(%q) = %v, want %v", v, got, want)
		}
	}
}
