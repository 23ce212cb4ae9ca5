package tui

import (
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestFollowerIsNotToldTheLeadStays: sam follows ada, who accepts the MQL she has
// open and moves on to the next. Sam's status line said "#5 left the MQL inbox while
// you had it open: ada accepted. It stays open here; esc goes back to the list."
// while sam's pane already showed ada's next lead. A follower's view goes where the
// teammate's goes: no such word, and the pane shows ada's next lead. Without the
// follow, the word and the kept lead stay (TestOpenLeadStaysWhenATeammateTakesIt).
func TestFollowerIsNotToldTheLeadStays(t *testing.T) {
	st := tuitest.NewStore(tuitest.Workspace(), func() time.Time { return tuitest.Now })
	feed, stop := st.Subscribe()
	defer stop()
	h, _ := newRoomHarnessWith(t, st, 120, 40)
	h.send(presenceMsg{News: roomOf(Peer{Session: 2, Name: "ada", Role: model.RoleAdmin, Place: Place{Screen: 1, Queue: model.QueueMQL}})})
	h.send(followMsg{Name: "ada"})
	q := h.queue()
	rows := q.rows()
	if len(rows) < 2 {
		t.Fatalf("test workspace: %d MQL leads", len(rows))
	}
	open, next := rows[0], rows[1]
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueMQL, Lead: open.ID, Detail: true}}})
	if p := q.place(); p.Lead != open.ID || !p.Detail {
		t.Fatalf("following ada shows %+v, want lead %d with its detail open", p, open.ID)
	}
	if _, _, err := st.Do(t.Context(), tuitest.Member("ada"), model.Command{Action: model.ActAccept, Lead: open.ID}); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: <-feed})
	h.send(presenceMsg{News: PresenceNews{Self: 1, HasLead: true, Lead: Place{Screen: 1, Queue: model.QueueMQL, Lead: next.ID, Detail: true}}})
	v := plain(h.view())
	if strings.Contains(v, "stays open here") || strings.Contains(h.app.status.text, "stays open here") {
		t.Errorf("a follower is told the lead ada accepted stays open:\n%s", v)
	}
	if p := q.place(); p.Lead != next.ID || !p.Detail {
		t.Errorf("after ada moved on, sam's view shows %+v, want lead %d with its detail open", p, next.ID)
	}
}
