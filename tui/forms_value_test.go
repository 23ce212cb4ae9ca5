package tui

import "testing"

// TestDealValueAsWritten: the won form took "12,000" for not a number and asked for
// "a whole number above 0"; thousands separators are how people write a deal value.
func TestDealValueAsWritten(t *testing.T) {
	for in, want := range map[string]int64{"12000": 12000, "12,000": 12000, " 12 000 ": 12000, "1_500_000": 1500000, "12\u202f000": 12000} {
		if n, ok := dealValue(in); !ok || n != want {
			t.Errorf("dealValue(%q) = %d, %v; want %d", in, n, ok, want)
		}
	}
	for _, in := range []string{"", "12k", "12.5", "twelve"} {
		if _, ok := dealValue(in); ok {
			t.Errorf("dealValue(%q) accepted a value that is not a whole number", in)
		}
	}
}
