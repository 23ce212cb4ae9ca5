package tui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"align/model"
	"align/tui/tuitest"
)

// newBoardHarness is a harness over the board workspace: personas, a documented
// journey and campaigns besides the leads.
func newBoardHarness(t testing.TB, me string, w, h int) *harness {
	t.Helper()
	st := tuitest.NewStore(tuitest.BoardWorkspace(), func() time.Time { return tuitest.Now })
	return newHarnessWith(t, st, tuitest.Member(me), w, h)
}

// bigBoardStore is the board's workspace with 6,000 leads: columns longer than a page.
func bigBoardStore() *tuitest.Store {
	ws := tuitest.BoardWorkspace()
	ws.Leads = tuitest.BoardLeads(6000, tuitest.Now)
	return tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
}

// enters presses enter n times, to walk a form's fields.
func (h *harness) enters(n int) {
	for range n {
		h.key("enter")
	}
}

// persona reads a persona from the store, failing the test when it is missing.
func (h *harness) persona(id string) model.Persona {
	h.t.Helper()
	ps, _ := h.store.Personas()
	i := slices.IndexFunc(ps, func(p model.Persona) bool { return p.ID == id })
	if i < 0 {
		h.t.Fatalf("no persona %q in %v", id, ps)
	}
	return ps[i]
}

// lastEvent is the newest audit event.
func (h *harness) lastEvent() model.Event {
	evs, _ := h.store.Events(0, 1)
	if len(evs) == 0 {
		return model.Event{}
	}
	return evs[0]
}

func TestPersonaGridShowsPainsGoalsAndFigures(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.key("2")
	v := plain(h.view())
	for _, want := range []string{"Personas · 4", "CFO Carl", "Pains", "Goals", "• Cannot tie software spend to sav",
		"decision maker", "◦ peer referrals", "10 leads · 0 % won (0)", "10 leads · 10 % won (1)", "Ops Olga ^[]0;pwned"} {
		if !strings.Contains(v, want) {
			t.Errorf("grid lacks %q:\n%s", want, v)
		}
	}
	// Three cards a row at 120 columns, two at 80: the grid reflows.
	if n := strings.Count(strings.Split(v, "\n")[3], "╭"); n != 3 {
		t.Errorf("%d cards in the first row at 120 columns, want 3", n)
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if n := strings.Count(strings.Split(plain(h.view()), "\n")[3], "╭"); n != 2 {
		t.Errorf("%d cards in the first row at 80 columns, want 2", n)
	}
}

func TestPersonaCreateEditDelete(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("2", "c")
	if h.app.form == nil {
		t.Fatal("c did not open the persona form for marketing")
	}
	h.typeText("Warehouse Wendy")
	h.enters(4) // name, role, industry, size
	h.typeText("Pallets lost in transit")
	h.key("enter")
	h.typeText("Zero lost pallets")
	h.enters(5) // goals, interests, objections, channels, information
	h.typeText("Talk **pallets**.")
	h.key("enter")
	p := h.persona("warehouse-wendy")
	if p.Name != "Warehouse Wendy" || !slices.Equal(p.Pains, []string{"Pallets lost in transit"}) ||
		!slices.Equal(p.Goals, []string{"Zero lost pallets"}) || p.Messaging != "Talk **pallets**." || p.Version != 1 {
		t.Fatalf("created %+v", p)
	}
	if ev := h.lastEvent(); ev.Kind != model.EventPersona || ev.Actor != "mia" || ev.Subject != "warehouse-wendy" {
		t.Errorf("not audited: %+v", ev)
	}
	if v := plain(h.view()); !strings.Contains(v, "Warehouse Wendy") || !strings.Contains(v, "Added the persona Warehouse Wendy.") {
		t.Errorf("grid after create:\n%s", v)
	}

	h.keys("G", "e")
	h.typeText(" Jr")
	h.enters(11)
	if p := h.persona("warehouse-wendy"); p.Name != "Warehouse Wendy Jr" || p.Version != 2 || p.Pains[0] != "Pallets lost in transit" {
		t.Fatalf("edited %+v", p)
	}

	h.keys("G", "d", "y")
	ps, _ := h.store.Personas()
	if slices.ContainsFunc(ps, func(p model.Persona) bool { return p.ID == "warehouse-wendy" }) {
		t.Error("d y did not delete the persona")
	}
	h.keys("g", "d", "y")
	if !strings.Contains(h.app.status.text, "leads are linked to the persona CFO Carl") {
		t.Errorf("deleting a linked persona: status %q", h.app.status.text)
	}
}

func TestPersonaRoleRefusals(t *testing.T) {
	for _, me := range []string{"sam", "alex", "val"} {
		h := newBoardHarness(t, me, 120, 40)
		h.key("2")
		for _, k := range []string{"c", "e", "d"} {
			h.key(k)
			if h.app.form != nil {
				t.Fatalf("%s: %s opened a form", me, k)
			}
			if !strings.Contains(h.app.status.text, "Only marketing, leadership or admins may edit personas") {
				t.Errorf("%s: %s answered %q", me, k, h.app.status.text)
			}
		}
		if strings.Contains(plain(h.view()), "new persona") {
			t.Errorf("%s is offered new persona", me)
		}
	}
	if err := tuitest.NewStore(tuitest.BoardWorkspace(), time.Now).PutPersona(t.Context(), tuitest.Member("sam"),
		model.Persona{ID: "x", Name: "X"}); err == nil {
		t.Error("the store took a persona from an SDR")
	}
}

func TestPersonaDetailAndLeads(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	h.keys("2", "enter")
	v := plain(h.view())
	for _, want := range []string{"Needs and pains", "Goals and motivators", "Interests", "Objections", "Preferred channels",
		"Information they consume", "Messaging notes", "How to talk to Carl", "payback in months", "• Bring a reference"} {
		if !strings.Contains(v, want) {
			t.Errorf("detail lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "**") || strings.Contains(v, "## ") {
		t.Errorf("Markdown shown raw:\n%s", v)
	}
	h.key("o")
	v = plain(h.view())
	if !strings.Contains(v, "Leads of CFO Carl · 10") {
		t.Fatalf("o did not list the persona's leads:\n%s", v)
	}
	h.key("enter")
	if h.app.active != 0 || !h.app.screens[0].(*queueScreen).detail.open {
		t.Error("enter on a linked lead did not open it in Queues")
	}
}

// TestPersonaLinkFromQueue links leads to personas from the queue, one and in bulk. A
// lead with no persona used to open the form on "No persona (unlink)", so enter
// recorded an unlink of nothing in its history and the feed (new-user review): the
// form now starts on the first persona and offers unlinking only where there is a
// link, and a link that changes nothing is refused.
func TestPersonaLinkFromQueue(t *testing.T) {
	h := newBoardHarness(t, "sam", 120, 40)
	q := h.app.screens[0].(*queueScreen)
	h.keys("j", "j")
	l, _ := q.current()
	if l.Persona != "" {
		t.Fatalf("lead %d has persona %q; the test needs one without", l.ID, l.Persona)
	}
	h.key("p")
	if h.app.form == nil {
		t.Fatal("p did not open the link form")
	}
	if v := plain(h.view()); strings.Contains(v, "No persona") {
		t.Errorf("unlinking offered for a lead with no persona:\n%s", v)
	}
	h.key("enter") // CFO Carl, the first persona, where the form starts
	if got, _ := h.store.Lead(l.ID); got.Persona != "cfo-carl" {
		t.Fatalf("lead %d linked to %q", l.ID, got.Persona)
	}
	if ev := h.lastEvent(); ev.Action != model.ActPersona || ev.Actor != "sam" || ev.Lead != l.ID {
		t.Errorf("link not audited: %+v", ev)
	}
	before := h.lastEvent().Seq
	h.keys("p", "enter") // the same persona again
	if ev := h.lastEvent(); ev.Seq != before || !strings.Contains(h.app.status.text, "already linked to that persona") {
		t.Errorf("a link that changes nothing was recorded (%+v) or not said (%q)", ev, h.app.status.text)
	}
	h.keys("k", "k")
	// In bulk, from a selection.
	h.keys("g", "space", "space")
	var ids []model.LeadID
	for id := range q.marked {
		ids = append(ids, id)
	}
	h.keys("p", "G", "up", "enter") // Procurement Petra, above "No persona"
	if len(ids) != 2 {
		t.Fatalf("%d leads selected", len(ids))
	}
	for _, id := range ids {
		if got, _ := h.store.Lead(id); got.Persona != "proc-petra" {
			t.Errorf("lead %d linked to %q in bulk", id, got.Persona)
		}
	}
	v := newBoardHarness(t, "val", 120, 40)
	v.key("p")
	if v.app.form != nil || !strings.Contains(v.app.status.text, "may link to a persona; you are signed in as Viewer") {
		t.Errorf("a viewer got the link form; status %q", v.app.status.text)
	}
}

func TestJoinListContinuations(t *testing.T) {
	tests := []struct{ in, want string }{
		{"- a benchmark from\n  a company\n- next", "- a benchmark from a company\n- next"},
		{"1. first\n   line two\n\n  para", "1. first line two\n\n  para"},
		{"- item\n  - nested\n    more", "- item\n  - nested more"},
		{"```\n- x\n  y\n```", "```\n- x\n  y\n```"},
		{"plain\n  indented", "plain\n  indented"},
		{"- item\n  ## not joined", "- item\n  ## not joined"},
	}
	for _, tt := range tests {
		if got := joinListContinuations(tt.in); got != tt.want {
			t.Errorf("joinListContinuations(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPersonaFormEchoesNoEscapes(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("2", "l", "l", "e") // Ops Olga, whose stored name carries an OSC sequence
	if h.app.form == nil {
		t.Fatal("e did not open the form")
	}
	if v := h.view(); strings.Contains(v, "\x1b]0;") || !strings.Contains(plain(v), "Ops Olga ^[]0;pwned") {
		t.Errorf("the form echoes the stored escape sequence:\n%q", plain(v))
	}
}

// TestPersonaLeadsTitleCountsAll: a persona's leads list read "Leads of Champion
// Chris · 200+" while its card said 331 leads, until G had read them all; the title
// gives the card's figure.
func TestPersonaLeadsTitleCountsAll(t *testing.T) {
	st := bigBoardStore()
	h := newHarnessWith(t, st, tuitest.Member("sam"), 120, 40)
	h.keys("2", "enter")
	p := h.app.screens[1].(*personaScreen)
	cur, _ := p.current()
	linked := p.stats[cur.ID].Linked
	if linked <= personaLeadsPage {
		t.Fatalf("test workspace: %s has %d leads, want more than a page", cur.Name, linked)
	}
	h.key("o")
	if v := plain(h.view()); !strings.Contains(v, fmt.Sprintf("Leads of %s · %d ", cur.Name, linked)) {
		t.Errorf("the title does not count %d leads:\n%s", linked, strings.Join(strings.Split(v, "\n")[:4], "\n"))
	}
}
