package tui

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"align/model"
	"align/tui/tuitest"
)

// board is the journey screen of the harness.
func (h *harness) board() *journeyScreen {
	for _, s := range h.app.screens {
		if b, ok := s.(*journeyScreen); ok {
			return b
		}
	}
	h.t.Fatal("no journey screen")
	return nil
}

func TestJourneyBoardShowsStagesAndCards(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.key("3")
	v := plain(h.view())
	// 8 of the workspace's 48 leads are lost or disqualified: off the board.
	for _, want := range []string{"Buyer journey · 40 leads", "Awareness", "Consideration", "Decision", "median 18d", "typ. 14d", "⚑ 37d", "Fatima Haddad"} {
		if !strings.Contains(v, want) {
			t.Errorf("board lacks %q:\n%s", want, v)
		}
	}
	// Cards are oldest in stage first, and the mark is only on cards past the typical time.
	col := h.board().cols["awareness"]
	for i := 1; i < len(col.rows); i++ {
		if col.rows[i].JourneySince.Before(col.rows[i-1].JourneySince) {
			t.Fatalf("awareness is not oldest first at %d", i)
		}
	}
	if !strings.Contains(v, "Fatima Haddad      6d") {
		t.Errorf("a card inside the typical time frame is marked:\n%s", v)
	}
	// At 80 columns three stages show, the last one with its long name and count.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.keys("l", "l", "l", "l", "l")
	if v := plain(h.view()); !strings.Contains(v, "▸Retention and advocacy 8") {
		t.Errorf("the retention header:\n%s", strings.Join(strings.Split(v, "\n")[2:5], "\n"))
	}
}

func TestJourneyMove(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.key("3")
	b := h.board()
	first := b.cols["awareness"].rows[0]
	before := b.cols["consideration"].count
	h.key("L")
	got, _ := h.store.Lead(first.ID)
	if got.Journey != "consideration" || !got.JourneySince.Equal(tuitest.Now) {
		t.Fatalf("L moved it to %q since %v", got.Journey, got.JourneySince)
	}
	if ev := h.lastEvent(); ev.Action != model.ActJourney || ev.Actor != "sam" || ev.Lead != first.ID {
		t.Errorf("move not audited: %+v", ev)
	}
	if n := b.cols["consideration"].count; n != before+1 {
		t.Errorf("consideration counts %d after the move, want %d", n, before+1)
	}
	if b.cols["awareness"].count != 7 || slices.ContainsFunc(b.cols["awareness"].rows, func(l model.Lead) bool { return l.ID == first.ID }) {
		t.Error("the card is still in awareness")
	}
	if !regexp.MustCompile(`Consideration +` + strconv.Itoa(before+1) + ` `).MatchString(plain(h.view())) {
		t.Errorf("the header does not count %d:\n%s", before+1, plain(h.view()))
	}
	// m moves with a note: the next stage is offered first.
	h.key("l")
	i := slices.IndexFunc(b.cols["consideration"].rows, func(l model.Lead) bool { return l.ID == first.ID })
	if i < 0 {
		t.Fatal("the moved card is not in the consideration column")
	}
	b.cols["consideration"].sel = i
	h.key("m")
	if h.app.form == nil {
		t.Fatal("m did not open the move form")
	}
	h.key("enter")
	h.typeText("Asked for the pricing page")
	h.key("enter")
	if got, _ := h.store.Lead(first.ID); got.Journey != "decision" {
		t.Errorf("m moved it to %q", got.Journey)
	}
	if ev := h.lastEvent(); ev.Note != "Asked for the pricing page" {
		t.Errorf("the note is not on the move: %+v", ev)
	}
	// H moves it back; another session sees it through the feed.
	other := newHarnessWith(t, h.store, tuitest.Member("mia"), 120, 40)
	other.key("3")
	h.key("l")
	b.cols["decision"].sel = slices.IndexFunc(b.cols["decision"].rows, func(l model.Lead) bool { return l.ID == first.ID })
	h.key("H")
	moved, _ := h.store.Lead(first.ID)
	if moved.Journey != "consideration" {
		t.Fatalf("H moved it to %q", moved.Journey)
	}
	other.send(feedMsg{Item: model.FeedItem{Event: h.lastEvent(), Leads: []model.Lead{moved}}})
	ob := other.board()
	if !slices.ContainsFunc(ob.cols["consideration"].rows, func(l model.Lead) bool { return l.ID == first.ID }) ||
		slices.ContainsFunc(ob.cols["decision"].rows, func(l model.Lead) bool { return l.ID == first.ID }) {
		t.Error("the other session did not follow the move")
	}
	if ob.cols["consideration"].count != before+1 {
		t.Errorf("the other session counts %d in consideration", ob.cols["consideration"].count)
	}
}

func TestJourneyRefusals(t *testing.T) {
	cases := []struct {
		me, key, want string
	}{
		{"val", "L", "may move in the buyer journey; you are signed in as Viewer"},
		{"val", "H", "may move in the buyer journey; you are signed in as Viewer"},
		{"val", "m", "may move in the buyer journey; you are signed in as Viewer"},
		{"val", "n", "may add a note; you are signed in as Viewer"},
		{"sam", "e", "Only marketing, leadership or admins may edit the journey stages; you are signed in as SDR."},
		{"mia", "a", "Only leadership or admins may add, rename or reorder journey stages; you are signed in as Marketing."},
		{"mia", ">", "Only leadership or admins may add, rename or reorder journey stages"},
		{"alex", "<", "Only leadership or admins may add, rename or reorder journey stages"},
	}
	for _, c := range cases {
		h := newBoardHarness(t, c.me, 120, 40)
		h.keys("3", "l", c.key)
		if h.app.form != nil {
			t.Errorf("%s %s opened a form", c.me, c.key)
		}
		if !strings.Contains(h.app.status.text, c.want) {
			t.Errorf("%s %s: status %q, want %q", c.me, c.key, h.app.status.text, c.want)
		}
	}
	// The store refuses a rename by marketing even if a screen asked.
	h := newBoardHarness(t, "mia", 120, 40)
	st := tuitest.Journey()[0]
	st.Name = "Attention"
	if err := h.store.PutJourneyStage(t.Context(), tuitest.Member("mia"), st); err == nil {
		t.Error("the store let marketing rename a stage")
	}
}

func TestJourneyGuide(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("3", "i")
	v := plain(h.view())
	for _, want := range []string{"Stage guide · Awareness", "owned by marketing", "typical time frame 14 days", "The buyer's goals",
		"What the buyer does", "Information they consume", "Channels", "Exit criteria", "Downloads content", "Per persona",
		"CFO Carl", "Rarely here", "Ops Olga", "Finds us through peers"} {
		if !strings.Contains(v, want) {
			t.Errorf("guide lacks %q:\n%s", want, v)
		}
	}
	// Marketing edits the guide: the typical time frame becomes 10 days.
	h.key("e")
	if h.app.form == nil {
		t.Fatal("e did not open the guide form")
	}
	h.keys("backspace", "backspace")
	h.typeText("10")
	h.enters(3 + 2 + 2 + 4)
	st, _ := h.store.Journey()
	if st[0].TypicalDays != 10 || st[0].Name != "Awareness" || st[0].Version != 2 || st[0].PersonaNotes["cfo-carl"] == "" {
		t.Fatalf("after the edit: %+v", st[0])
	}
	if ev := h.lastEvent(); ev.Kind != model.EventJourney || ev.Actor != "mia" {
		t.Errorf("guide edit not audited: %+v", ev)
	}
	h.key("esc")
	if h.board().guide.open {
		t.Error("esc did not close the guide")
	}
}

func TestJourneyStagesByLeadership(t *testing.T) {
	h := newBoardHarness(t, "lee", 120, 40)
	h.keys("3", ">")
	st, _ := h.store.Journey()
	if st[0].ID != "consideration" || st[1].ID != "awareness" {
		t.Fatalf("> did not move awareness right: %s, %s", st[0].ID, st[1].ID)
	}
	h.keys("a")
	h.typeText("Expansion")
	h.key("enter")
	st, _ = h.store.Journey()
	if last := st[len(st)-1]; last.ID != "expansion" || last.Name != "Expansion" {
		t.Fatalf("a added %+v", last)
	}
	if b := h.board(); len(b.stages) != 7 || b.cols["expansion"] == nil {
		t.Error("the new stage has no column")
	}
}

func TestJourneyFilters(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.keys("3", "f", "down", "enter", "enter", "enter") // CFO Carl, any owner, any campaign
	b := h.board()
	for id, c := range b.cols {
		// Every column holds an open lead of CFO Carl's but purchase, whose are closed.
		if len(c.rows) == 0 && id != "purchase" {
			t.Errorf("%s shows no CFO Carl card", id)
		}
		for _, l := range c.rows {
			if l.Persona != "cfo-carl" {
				t.Errorf("%s shows %s of %q", id, l.Name, l.Persona)
			}
		}
	}
	if v := plain(h.view()); !strings.Contains(v, "filter: CFO Carl") || !strings.Contains(v, "2 of 8") {
		t.Errorf("the filter is not shown:\n%s", v)
	}
	h.key("esc")
	if n := len(b.cols["awareness"].rows); n != 8 {
		t.Errorf("esc left %d cards in awareness, want 8", n)
	}
	h.keys("/")
	h.typeText("olga")
	h.key("enter")
	for id, c := range b.cols {
		for _, l := range c.rows {
			if !matches(&l, "olga") {
				t.Errorf("%s shows %s under /olga", id, l.Name)
			}
		}
	}
}

func TestJourneyPagesLongColumns(t *testing.T) {
	st := bigBoardStore()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	h.key("3")
	c := h.board().cols["awareness"]
	if c.count != 1000 || len(c.rows) > boardKeepMax {
		t.Fatalf("count %d, %d rows held", c.count, len(c.rows))
	}
	for range 999 {
		h.key("j")
	}
	if len(c.rows) > boardKeepMax || c.rows[c.sel].ID == 0 || !c.atEnd {
		t.Fatalf("after 999 j: %d rows held, sel %d, at end %v", len(c.rows), c.sel, c.atEnd)
	}
	want, _, _, _ := st.JourneyPage("awareness", nil, 1, 1, true, nil)
	if c.rows[c.sel].ID != want[0].ID {
		t.Errorf("the last card is %d, want %d", c.rows[c.sel].ID, want[0].ID)
	}
	h.key("g")
	if !c.atStart || c.sel != 0 {
		t.Error("g did not return to the oldest card")
	}
}

func TestJourneyHeaderKeepsCount(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.key("3")
	b := h.board()
	st := b.stages[len(b.stages)-1]
	head := b.header(st, b.cols[st.ID], 20, true)
	if got := plain(head[0]); got != "▸Retention and a… 8 " {
		t.Errorf("a narrow retention header reads %q", got)
	}
}

// TestJourneyUndoKeepsCounts: a card moved into a long column lands beyond the cards
// the column holds, so when the move was undone the column it had joined never saw it
// leave and went on counting it (Consideration 770 of 769, "2001 leads" of 2000), in
// this session and in every other one.
func TestJourneyUndoKeepsCounts(t *testing.T) {
	st := bigBoardStore()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	other := newHarnessWith(t, st, tuitest.Member("mia"), 120, 40)
	h.key("3")
	other.key("3")
	counts := func(b *journeyScreen) (int, int) {
		return b.cols["awareness"].count, b.cols["consideration"].count
	}
	a0, c0 := counts(h.board())
	h.key("L")
	other.send(feedMsg{Item: model.FeedItem{Event: h.lastEvent(), Leads: []model.Lead{leadOf(t, st, h.lastEvent().Lead)}}})
	if a, c := counts(h.board()); a != a0-1 || c != c0+1 {
		t.Fatalf("after the move: awareness %d, consideration %d; want %d, %d", a, c, a0-1, c0+1)
	}
	h.key("u")
	other.send(feedMsg{Item: model.FeedItem{Event: h.lastEvent(), Leads: []model.Lead{leadOf(t, st, h.lastEvent().Lead)}}})
	for name, hh := range map[string]*harness{"mine": h, "the other session's": other} {
		if a, c := counts(hh.board()); a != a0 || c != c0 {
			t.Errorf("%s after the undo: awareness %d, consideration %d; want %d, %d", name, a, c, a0, c0)
		}
	}
}

func leadOf(t *testing.T, st *tuitest.Store, id model.LeadID) model.Lead {
	t.Helper()
	l, err := st.Lead(id)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// TestLeadOpenedElsewhereGoesBack: a lead opened from the board (or the feed, or a
// persona's leads) showed beside the MQL inbox, and esc left me on the inbox with its
// cursor on a lead I had not looked at, where the next a accepted it. esc now goes
// back to the screen the lead was opened from.
func TestLeadOpenedElsewhereGoesBack(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.key("3")
	card := h.board().cols["awareness"].rows[0]
	h.key("enter")
	q := h.queue()
	if h.app.defs[h.app.active].Number != 1 || !q.detail.open || q.detail.pinned == nil || q.detail.pinned.ID != card.ID {
		t.Fatalf("enter on a card: screen %d, detail open %v", h.app.defs[h.app.active].Number, q.detail.open)
	}
	h.key("esc")
	if n := h.app.defs[h.app.active].Number; n != 3 || q.detail.open {
		t.Errorf("esc from a lead opened on the board: screen %d, detail open %v; want the board", n, q.detail.open)
	}
	// Moving in the queue makes it the place I work in: esc then stays.
	h.key("enter")
	h.keys("j", "esc")
	if n := h.app.defs[h.app.active].Number; n != 1 {
		t.Errorf("after moving in the queue esc went to screen %d", n)
	}
}
