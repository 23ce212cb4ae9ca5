package tui

import (
	"testing"

	"align/model"
)

// TestReasonPickerStopsAtTheEnds: in the reject and disqualify forms, ↓ on the last
// reason ("other") jumped to the first (huh's Select wraps around), and a person
// submitted a reason they had not picked. The cursor stops at the ends, with the
// arrows and with j/k, and moves as before in between.
func TestReasonPickerStopsAtTheEnds(t *testing.T) {
	for _, c := range []struct {
		key     string
		reasons []model.RejectReason
	}{
		{"r", model.RejectReasons},
		{"x", model.DisqualifyReasons},
	} {
		h := newHarness(t, "sam", 120, 40)
		h.key(c.key)
		f := h.app.form
		if f == nil {
			t.Fatalf("%s opened no form: %s", c.key, h.app.status.text)
		}
		first, last := c.reasons[0], c.reasons[len(c.reasons)-1]
		h.key("down")
		if f.v.Reason != c.reasons[1] {
			t.Fatalf("%s: ↓ from the first reason is on %q, want %q", c.key, f.v.Reason, c.reasons[1])
		}
		for _, k := range []string{"up", "up", "k"} {
			h.key(k)
			if f.v.Reason != first {
				t.Errorf("%s: %s at the first reason went to %q", c.key, k, f.v.Reason)
			}
		}
		for range c.reasons {
			h.key("j")
		}
		for _, k := range []string{"down", "j"} {
			h.key(k)
			if f.v.Reason != last {
				t.Errorf("%s: %s at the last reason went to %q, want it to stay on %q", c.key, k, f.v.Reason, last)
			}
		}
		h.key("up")
		if f.v.Reason != c.reasons[len(c.reasons)-2] {
			t.Errorf("%s: ↑ from the last reason is on %q", c.key, f.v.Reason)
		}
		// In a filtered list too: "/o" leaves the reasons with an o, "other" last.
		h.keys("/", "o")
		for range c.reasons {
			h.key("down")
		}
		if f.v.Reason != model.ReasonOther {
			t.Errorf("%s: ↓ past the end of the filtered reasons went to %q", c.key, f.v.Reason)
		}
	}
}
