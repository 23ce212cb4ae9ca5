package model

import (
	"fmt"
	"strings"
)

// Undone is the sentence that reports an undo, for the status bar and `align lead
// undo`: l is the lead as the undo left it, ev the undo's event. It says which lead,
// where it is now, and what was taken back, by name and sanitised: "Undone “rejected:
// other”: lead 42 (Kate Bennett) is back in the MQL inbox." rather than the event's own
// "undid rejected: other"; a change that left the stage alone reads "Undone “assigned
// to Kenji” on Kate Bennett (#42)." What was taken back is quoted as the feed
// says it, which reads whatever its grammar ("overturned the rejection: back to the
// MQL inbox").
func (n *Names) Undone(l Lead, ev Event) string {
	what := strings.TrimSuffix(strings.TrimPrefix(n.Summary(ev), "undid “"), "”")
	lead := l.Ref()
	for _, c := range ev.Changes {
		if c.Field != "stage" {
			continue
		}
		where := "at stage " + l.Stage.Label()
		if l.Stage == StageMQL {
			where = "in the " + QueueMQL.Title()
		}
		return fmt.Sprintf("Undone “%s”: %s is back %s.", what, lead, where)
	}
	return fmt.Sprintf("Undone “%s” on %s.", what, lead)
}
