package main

import (
	"strings"
	"testing"
)

// TestLeadListShowsRejectionReason: the queues marketing reviews (rejected, disputes)
// list why sales rejected each lead; the table gave no reason, so reviewing rejections
// from the command line meant a lead show per lead. The other queues keep their columns.
func TestLeadListShowsRejectionReason(t *testing.T) {
	dir, _ := sampleDir(t)
	for _, q := range []string{"rejected", "disputes"} {
		leads := leadList(t, dir, q)
		if len(leads) == 0 {
			t.Fatalf("the sample has no lead in %s", q)
		}
		code, out, errOut := runAlign(t, dir, nil, "lead", "list", "--queue", q)
		if code != 0 {
			t.Fatalf("lead list --queue %s: exit %d, %s", q, code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if !strings.HasSuffix(lines[0], " REASON") {
			t.Errorf("%s: the header has no REASON: %q", q, lines[0])
		}
		for i, l := range leads {
			if l.Rejection != nil && !strings.HasSuffix(lines[i+1], " "+l.Rejection.Reason.Label()) {
				t.Errorf("%s: the row of lead %s does not end with %q: %q", q, l.ID, l.Rejection.Reason.Label(), lines[i+1])
			}
		}
	}
	_, out, _ := runAlign(t, dir, nil, "lead", "list", "--queue", "mql")
	if strings.Contains(strings.SplitN(out, "\n", 2)[0], "REASON") {
		t.Errorf("the MQL inbox lists a REASON column: %q", strings.SplitN(out, "\n", 2)[0])
	}
}

// TestRejectOtherWithoutNoteIsUsage: --reason other without --note is a usage error
// (exit 2), as a missing --reason is; it exited 1 (new-user review). The disqualify
// help lists only the reasons that rule a lead out.
func TestRejectOtherWithoutNoteIsUsage(t *testing.T) {
	dir, _ := sampleDir(t)
	leads := leadList(t, dir, "mql")
	if len(leads) == 0 {
		t.Fatal("the sample has no MQL")
	}
	code, _, errOut := runAlign(t, dir, nil, "lead", "reject", leads[0].ID.String(), "--reason", "other")
	if code != 2 || !strings.Contains(errOut, "--reason other needs --note") {
		t.Errorf("reject --reason other without a note: exit %d, %s", code, errOut)
	}
	_, out, _ := runAlign(t, dir, nil, "lead", "disqualify", "--help")
	if strings.Contains(out, "no_budget") || !strings.Contains(out, "not_icp") {
		t.Errorf("disqualify --help lists the wrong reasons:\n%s", out)
	}
}
