package tui

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"align/model"
	"align/tui/tuitest"
)

// held delivers msg but holds back what it sets off: the commands run now, so a step of
// the filter's walk reads the store as it is now, and their messages are returned
// rather than delivered, for the test to deliver later, as a step that is slow to come
// back would be.
func (h *harness) held(msg tea.Msg) []tea.Msg {
	h.t.Helper()
	_, cmd := h.app.Update(msg)
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil || blinks(c) {
			continue
		}
		m, ok := runWithin(c, h.wait)
		if !ok || m == nil {
			continue
		}
		if b, ok := m.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if v := reflect.ValueOf(m); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
			for i := 0; i < v.Len(); i++ {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

// deliver sends messages held back, and runs what they set off.
func (h *harness) deliver(msgs []tea.Msg) {
	h.t.Helper()
	for _, m := range msgs {
		h.send(m)
	}
}

// heldStep is the step of the walk among messages held back.
func heldStep(t *testing.T, msgs []tea.Msg) searchLoaded {
	t.Helper()
	for _, m := range msgs {
		if s, ok := m.(searchLoaded); ok {
			return s
		}
	}
	t.Fatal("no step of the walk was set off")
	return searchLoaded{}
}

// TestFilterWalkDoesNotPutBackALeadThatLeft: a step of the walk reads a snapshot of the
// store; when a teammate accepted a lead after the snapshot and the change reached
// the screen before the step, the step put the old version back, a lead the inbox no
// longer holds (for a text query among its matches, for a number query as the lead
// with that ID).
func TestFilterWalkDoesNotPutBackALeadThatLeft(t *testing.T) {
	for _, byID := range []bool{false, true} {
		t.Run(fmt.Sprintf("byID=%v", byID), func(t *testing.T) {
			st, _ := searchWorkspace(t, 12_000)
			feed, stop := st.Subscribe()
			defer stop()
			h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
			q := h.queue()
			inbox, err := st.Page(model.QueueMQL, "", nil, 12_000)
			if err != nil {
				t.Fatal(err)
			}
			query, target := "web", model.LeadID(0)
			if byID {
				target = inbox[len(inbox)-1].ID // beyond the loaded window and the first step
				query = target.String()
			}
			h.key("/")
			h.typeText(query[:len(query)-1])
			msgs := h.held(keyMsg(query[len(query)-1:]))
			step := heldStep(t, msgs)
			if !byID {
				i := slices.IndexFunc(step.Leads, func(l model.Lead) bool { return !containsLead(q.win.rows, l.ID) })
				if i < 0 {
					t.Fatal("the first step found no match beyond the loaded window")
				}
				target = step.Leads[i].ID
			} else if step.Exact == nil || step.Exact.ID != target {
				t.Fatalf("the first step of /%s does not carry lead %d", query, target)
			}
			if containsLead(q.rows(), target) {
				t.Fatalf("lead %d is listed before its step came", target)
			}
			if _, _, err := st.Do(t.Context(), tuitest.Member("sia"), model.Command{Action: model.ActAccept, Lead: target}); err != nil {
				t.Fatal(err)
			}
			h.send(feedMsg{Item: <-feed})
			h.deliver(msgs)
			if containsLead(q.rows(), target) {
				t.Errorf("/%s lists lead %d, which sia accepted out of the inbox before the step came", query, target)
			}
		})
	}
}

// TestFilterWalkKeepsTheCursorOnItsLead: every step of the walk put the cursor back on
// the first row while it was there, so once the person had moved to a lead and back
// to the top, or opened the top lead, a step that merged earlier matches in front
// turned the selection (and the open detail) into another lead. The cursor now stays
// on the first match only until the person moves it or opens a lead.
func TestFilterWalkKeepsTheCursorOnItsLead(t *testing.T) {
	for _, tt := range []struct {
		name  string
		keys  []string
		stays bool // on the lead selected before the walk went on, else on the first match
	}{
		{"untouched", nil, false},
		{"moved down and up", []string{"down", "up"}, true},
		{"opened", []string{"enter", "enter"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st, want := searchWorkspace(t, 12_000)
			h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
			q := h.queue()
			h.key("G") // the window is the inbox's end: the walk finds matches before it
			h.key("/")
			h.typeText("olar")
			msgs := h.held(keyMsg("k"))
			h.keys(tt.keys...)
			on, ok := q.current()
			if !ok || on.ID == want[0] {
				t.Fatalf("before the walk the cursor is on lead %d; the test needs a match of the window's", on.ID)
			}
			h.deliver(msgs)
			if got := rowIDs(q.rows()); !slices.Equal(got, want) {
				t.Fatalf("/olark lists %d leads, want %d", len(got), len(want))
			}
			wantID := want[0]
			if tt.stays {
				wantID = on.ID
			}
			if got, ok := q.current(); !ok || got.ID != wantID {
				t.Errorf("after the walk the cursor is on lead %d, want %d", got.ID, wantID)
			}
		})
	}
}

// TestFilterCountsALeadOnce: the walk can return a lead twice (a change moved its sort
// key past the walk's cursor), and every return counted towards the limit, so the
// filter said "500+ matching, type more to narrow" and stopped with fewer matches.
func TestFilterCountsALeadOnce(t *testing.T) {
	st, want := searchWorkspace(t, 12_000)
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	q := h.queue()
	h.key("/")
	h.typeText("olar")
	msgs := h.held(keyMsg("k"))
	// The walk's first step (the head of the inbox, no match) comes; before the second,
	// a step returns the inbox's matches several times over, as repeated returns add
	// up, and the walk goes on from there.
	step := heldStep(t, msgs)
	h.held(step)
	var again []model.Lead
	for range searchLimit/len(want) + 1 {
		for _, id := range want {
			l, err := st.Lead(id)
			if err != nil {
				t.Fatal(err)
			}
			again = append(again, l)
		}
	}
	h.send(searchLoaded{Queue: model.QueueMQL, Query: "olark", Gen: q.filter.gen, Leads: again, Last: step.Last})
	if got := rowIDs(q.rows()); !slices.Equal(got, want) {
		t.Errorf("/olark lists %d leads, want %d", len(got), len(want))
	}
	if v := plain(h.view()); !strings.Contains(v, fmt.Sprintf("%d matching", len(want))) || strings.Contains(v, "+ matching") {
		t.Errorf("/olark does not say %d matching:\n%s", len(want), v)
	}
}

// TestFilterSaysWhyTheSearchStopped: a step that failed left "N+ matching, the search
// failed" and dropped the error; the status bar now says why and what to do, in one
// sentence, its text neutralised, and typing again searches again.
func TestFilterSaysWhyTheSearchStopped(t *testing.T) {
	st, want := searchWorkspace(t, 12_000)
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	q := h.queue()
	h.key("G")
	h.key("/")
	h.typeText("olar")
	msgs := h.held(keyMsg("k"))
	st.Err = errors.New("read \x1b]0;pwned\x07snapshot: too many open files")
	h.deliver(msgs)
	n := len(q.rows())
	raw := h.view()
	v := plain(raw)
	if strings.Contains(raw, "\x1b]0;") {
		t.Errorf("the error's escape sequence reached the screen: %q", raw)
	}
	if s := fmt.Sprintf("%d+ matching so far; the search stopped: read ^[]0;pwned^Gsnapshot: too many open files. Type again to retry.", n); !strings.Contains(v, s) {
		t.Errorf("the status bar does not say %q:\n%s", s, v)
	}
	if line := plain(q.filter.line(h.app.ctx.Theme, n, 120)); !strings.Contains(line, fmt.Sprintf("%d+ matching so far; the search stopped", n)) {
		t.Errorf("the filter line is %q", line)
	}
	st.Err = nil
	h.key("backspace")
	h.key("k")
	if got := len(q.rows()); got != len(want) {
		t.Errorf("typing again lists %d leads, want %d", got, len(want))
	}
}
