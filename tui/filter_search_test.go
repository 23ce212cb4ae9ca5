package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// searchWorkspace is a store of n leads where one in three of the first 7,000 leads
// is an inquiry from "Olark Chat", outside the MQL inbox, and one in 50 of the
// inbox's leads from lead 8,000 on comes from there too, so that the source's matches
// outside the inbox (more than searchLimit) come before those in it.
func searchWorkspace(t *testing.T, n int) (*tuitest.Store, []model.LeadID) {
	t.Helper()
	ws := tuitest.Workspace()
	ws.Leads = tuitest.Leads(n, tuitest.Now)
	for i := range ws.Leads {
		l := &ws.Leads[i]
		l.Source = "Web"
		switch {
		case i < 7000 && i%3 == 0:
			l.Stage, l.AcceptClock, l.Source = model.StageInquiry, model.Clock{}, "Olark Chat"
		case i >= 8000 && i%50 == 0:
			l.Source = "Olark Chat"
		}
	}
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	inbox, err := st.Page(model.QueueMQL, "", nil, n)
	if err != nil {
		t.Fatal(err)
	}
	var want []model.LeadID
	for _, l := range inbox {
		if l.Source == "Olark Chat" {
			want = append(want, l.ID)
		}
	}
	return st, want
}

func rowIDs(rows []model.Lead) []model.LeadID {
	ids := make([]model.LeadID, len(rows))
	for i := range rows {
		ids[i] = rows[i].ID
	}
	return ids
}

// TestFilterFindsEveryMatchOfTheQueue: `/Olark` in X Education's inbox listed 24 of its
// 62 leads from Olark Chat and said "24+ matching, type more to narrow": the filter
// took the store search's first 500 matches among every lead and kept those of the
// inbox, so matches outside the inbox used up the limit. The filter now walks the
// inbox itself and lists every match up to the limit, in the inbox's order, with a
// true count.
func TestFilterFindsEveryMatchOfTheQueue(t *testing.T) {
	st, want := searchWorkspace(t, 12_000)
	if len(want) < 50 || len(want) >= searchLimit {
		t.Fatalf("the inbox holds %d leads from Olark Chat; the test needs 50 to %d", len(want), searchLimit-1)
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			h := newHarnessWith(t, st, tuitest.Member("sam"), size[0], size[1])
			q := h.queue()
			if !slices.ContainsFunc(want, func(id model.LeadID) bool { return !containsLead(q.win.rows, id) }) {
				t.Fatal("every match is in the loaded window; the test needs some beyond it")
			}
			h.key("/")
			h.typeText("olark")
			h.key("enter")
			if got := rowIDs(q.rows()); !slices.Equal(got, want) {
				t.Errorf("/olark lists %d leads %v,\nwant the inbox's %d %v", len(got), got, len(want), want)
			}
			if v := plain(h.view()); !strings.Contains(v, fmt.Sprintf("%d matching", len(want))) || strings.Contains(v, "+ matching") {
				t.Errorf("/olark does not say %d matching:\n%s", len(want), v)
			}
		})
	}
}

// TestFilterCapsAtTheLimit: a filter that matches more leads of the queue than the
// limit lists the first searchLimit of them in the queue's order and says there are
// more.
func TestFilterCapsAtTheLimit(t *testing.T) {
	st, _ := searchWorkspace(t, 12_000)
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	inbox, err := st.Page(model.QueueMQL, "", nil, 12_000)
	if err != nil {
		t.Fatal(err)
	}
	var want []model.LeadID
	for _, l := range inbox {
		if l.Source == "Web" && len(want) < searchLimit {
			want = append(want, l.ID)
		}
	}
	h.key("/")
	h.typeText("web")
	h.key("enter")
	if got := rowIDs(h.queue().rows()); !slices.Equal(got, want) {
		t.Errorf("/web lists %d leads, want the inbox's first %d matches", len(got), len(want))
	}
	if v := plain(h.view()); !strings.Contains(v, fmt.Sprintf("%d+ matching, type more to narrow", searchLimit)) {
		t.Errorf("a capped filter does not say so:\n%s", v)
	}
}

// TestFilterByID: `/#3` listed 237 leads with a 3 anywhere (#5, #7, #12...) and not
// lead 3, and `/#9232` listed #5184 first: the window's matches came first and the
// store's lead by ID was merged in the queue's order. `#ID` now lists that lead alone
// (when the queue holds it), and a plain number lists the lead with that ID first.
func TestFilterByID(t *testing.T) {
	st, _ := searchWorkspace(t, 12_000)
	inbox, err := st.Page(model.QueueMQL, "", nil, 12_000)
	if err != nil {
		t.Fatal(err)
	}
	far := inbox[len(inbox)-1] // beyond the loaded window
	near := inbox[7]
	var outside model.LeadID
	for id := model.LeadID(1); outside == 0; id++ {
		if !slices.ContainsFunc(inbox, func(l model.Lead) bool { return l.ID == id }) {
			outside = id
		}
	}
	for _, size := range [][2]int{{120, 40}, {80, 24}} {
		for _, tt := range []struct {
			query string
			want  model.LeadID // first row, 0 for none
			alone bool
		}{
			{"#" + far.ID.String(), far.ID, true},
			{"#" + near.ID.String(), near.ID, true},
			{far.ID.String(), far.ID, false},
			{near.ID.String(), near.ID, false},
			{"#" + outside.String(), 0, true},
		} {
			t.Run(fmt.Sprintf("%s/%dx%d", tt.query, size[0], size[1]), func(t *testing.T) {
				h := newHarnessWith(t, st, tuitest.Member("sam"), size[0], size[1])
				q := h.queue()
				h.key("/")
				h.typeText(tt.query)
				h.key("enter")
				rows := q.rows()
				switch {
				case tt.want == 0 && len(rows) != 0:
					t.Errorf("/%s lists %v, want nothing: the inbox does not hold that lead", tt.query, rowIDs(rows))
				case tt.want != 0 && (len(rows) == 0 || rows[0].ID != tt.want):
					t.Errorf("/%s lists %v first, want lead %d\n%s", tt.query, rowIDs(rows[:min(len(rows), 5)]), tt.want, plain(h.view()))
				case tt.alone && len(rows) > 1:
					t.Errorf("/%s lists %d leads, want lead %d alone", tt.query, len(rows), tt.want)
				}
				if cur, ok := q.current(); tt.want != 0 && (!ok || cur.ID != tt.want) {
					t.Errorf("/%s selects lead %d, want %d", tt.query, cur.ID, tt.want)
				}
				if tt.alone {
					want := fmt.Sprintf("%d matching", len(rows))
					if v := plain(h.view()); !strings.Contains(v, want) || strings.Contains(v, "+ matching") {
						t.Errorf("/%s does not say %q:\n%s", tt.query, want, v)
					}
				}
			})
		}
	}
}

// TestFilterIgnoresAnEarlierWalk: typing "ab", a backspace and "b" again asks the store
// for "ab" twice; a step of the first walk that arrives late must not add to the
// second walk's matches or count (its cursor and count are its own).
func TestFilterIgnoresAnEarlierWalk(t *testing.T) {
	st, want := searchWorkspace(t, 12_000)
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	q := h.queue()
	h.key("/")
	h.typeText("olark")
	q.filter.searching = true // as if the second walk were still on its way
	stray := model.Lead{ID: want[0] + 1, Stage: model.StageMQL, Source: "Olark Chat"}
	h.send(searchLoaded{Queue: model.QueueMQL, Query: "olark", Gen: q.filter.gen - 1, Leads: []model.Lead{stray}})
	if got := rowIDs(q.rows()); !slices.Equal(got, want) {
		t.Errorf("a late step of an earlier walk changed the matches: %d leads, want %d", len(got), len(want))
	}
}

// TestFilterSaysWhileItSearches: until the walk of the queue ends the count says it
// may grow.
func TestFilterSaysWhileItSearches(t *testing.T) {
	th := NewTheme(true)
	f := filterState{input: newFilterInput(th), searching: true}
	f.input.SetValue("olark")
	if got := plain(f.line(th, 12, 80)); !strings.Contains(got, "12+ matching so far") {
		t.Errorf("the filter line while searching is %q", got)
	}
}
