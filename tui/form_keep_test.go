package tui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/tui/tuitest"
)

// TestPersonaEditKeptWhenTeammateSavesFirst: I rename CFO Carl and rewrite his pains
// while lee saves new pains and goals for him; my save was refused with "…changed by
// someone else…; reload it and try again." and the form closed with my edit. Now the
// form comes back on lee's version, with lee's goals in and my name and pains kept,
// says what lee changed, and enter through the fields saves mine over lee's.
func TestPersonaEditKeptWhenTeammateSavesFirst(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("2", "e")
	if h.app.form == nil || !strings.Contains(h.app.form.Title, "CFO Carl") {
		t.Fatalf("e did not open CFO Carl's form: %s", h.app.status.text)
	}
	h.typeText(" Sr")
	h.enters(4) // name, role, industry, size: to the pains
	h.typeText(" (mine)")
	mine := h.app.form.persona.v.Pains

	theirs := h.persona("cfo-carl")
	theirs.Pains = []string{"Audit findings every quarter"}
	theirs.Goals = []string{"Close the books in five days"}
	if err := h.store.PutPersona(context.Background(), tuitest.Member("lee"), theirs); err != nil {
		t.Fatal(err)
	}
	h.enters(7) // pains, goals, interests, objections, channels, information, messaging: save
	if h.app.form == nil {
		t.Fatalf("the form closed after lee's save: %s", h.app.status.text)
	}
	st := h.app.status.text
	for _, want := range []string{"lee saved CFO Carl while you edited it", "their change to goals is in the form now",
		"you both changed pains, and the form keeps yours", "save again"} {
		if !strings.Contains(st, want) {
			t.Errorf("status %q lacks %q", st, want)
		}
	}
	if v := plain(h.view()); !strings.Contains(v, "CFO Carl Sr") {
		t.Errorf("the reopened form lost the typed name:\n%s", v)
	}
	h.enters(11)
	if h.app.form != nil {
		t.Fatalf("the reopened form did not save: %s", h.app.status.text)
	}
	p := h.persona("cfo-carl")
	if p.Name != "CFO Carl Sr" || !slices.Equal(p.Pains, splitList(mine)) || !slices.Equal(p.Goals, theirs.Goals) || p.Version != 5 {
		t.Errorf("saved %q pains %q goals %q version %d; want my name and pains over lee's goals, version 5",
			p.Name, p.Pains, p.Goals, p.Version)
	}
}

// TestPersonaEscKeepsDraft: esc on a persona form kept nothing ("Cancelled; nothing
// changed."); now e on the same persona brings the typed name back, on the persona as
// it is now, saying what a teammate changed since; another persona's form opens clean.
func TestPersonaEscKeepsDraft(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("2", "e", "esc")
	if st := h.app.status.text; st != "Cancelled; nothing changed." {
		t.Errorf("esc on an untouched persona form says %q", st)
	}
	h.key("e")
	h.typeText(" Sr")
	h.key("esc")
	if st := h.app.status.text; !strings.Contains(st, "e on CFO Carl brings your text back") {
		t.Errorf("status after esc: %q", st)
	}
	if got := h.app.Unsent(); got != "name:\nCFO Carl Sr" {
		t.Errorf("Unsent() = %q, want the typed name", got)
	}
	theirs := h.persona("cfo-carl")
	theirs.Goals = []string{"Close the books in five days"}
	if err := h.store.PutPersona(context.Background(), tuitest.Member("lee"), theirs); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: model.FeedItem{Event: model.Event{Kind: model.EventPersona}}}) // the cards reload
	h.keys("l", "e")                                                                    // the next persona: no draft for it
	if h.app.form == nil || strings.Contains(plain(h.view()), "Sr") {
		t.Fatalf("another persona's form opened with the draft:\n%s", plain(h.view()))
	}
	h.keys("esc", "h", "e")
	if v := plain(h.view()); h.app.form == nil || !strings.Contains(v, "CFO Carl Sr") {
		t.Fatalf("e on CFO Carl did not bring the draft back:\n%s", v)
	}
	if st := h.app.status.text; !strings.Contains(st, "What you typed before is back; lee changed CFO Carl since: their change to goals") {
		t.Errorf("status on the restored form: %q", st)
	}
	h.enters(11)
	p := h.persona("cfo-carl")
	if p.Name != "CFO Carl Sr" || !slices.Equal(p.Goals, theirs.Goals) {
		t.Errorf("saved %q goals %q, want my name over lee's goals", p.Name, p.Goals)
	}
	if h.app.draft != nil {
		t.Error("the draft outlived the save")
	}
}

// TestVerdictReasoningKeptWhenDecidedFirst: lee types the reasoning of a verdict
// while ada decides the same dispute; lee's submit said "ada changed … so it was not
// sent" and lost the reasoning. Now the sentence says ada decided it and that n on
// the lead brings the reasoning back, as a note, which enter adds.
func TestVerdictReasoningKeptWhenDecidedFirst(t *testing.T) {
	ws := tuitest.Workspace()
	id := model.LeadID(0)
	for i := range ws.Leads {
		if ws.Leads[i].DisputeOpen() {
			id = model.LeadID(i + 1)
			break
		}
	}
	if id == 0 {
		t.Fatal("the test workspace has no open dispute")
	}
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	h := newHarnessWith(t, st, tuitest.Member("lee"), 120, 40)
	h.send(showLeadMsg{ID: id})
	h.key("V")
	if h.app.form == nil {
		t.Fatalf("V opened no form: %s", h.app.status.text)
	}
	h.key("enter") // uphold
	h.typeText("The demo request was real")
	l, _ := st.Lead(id)
	if _, _, err := st.Do(context.Background(), tuitest.Member("ada"),
		model.Command{Action: model.ActVerdict, Lead: id, Verdict: model.VerdictOverturn, Note: "Fair point"}); err != nil {
		t.Fatal(err)
	}
	h.key("enter")
	want := "ada decided the dispute on " + leadName(l) + " while your form was open (overturned), so yours was not sent; " +
		"what you typed is kept, and n on " + leadName(l) + " brings it back as a note."
	if st := h.app.status.text; st != want {
		t.Errorf("status\n %q, want\n %q", st, want)
	}
	if got := h.app.Unsent(); got != "The demo request was real" {
		t.Errorf("Unsent() = %q, want the reasoning", got)
	}
	h.key("n")
	if h.app.form == nil || h.app.form.v.Note != "The demo request was real" {
		t.Fatalf("n did not bring the reasoning back: %+v", h.app.form)
	}
	before, _ := st.Lead(id)
	h.key("enter")
	after, _ := st.Lead(id)
	if h.app.form != nil || after.Version != before.Version+1 {
		t.Errorf("the note was not added: form %v, version %d after %d", h.app.form != nil, after.Version, before.Version)
	}
	if ev := h.lastEvent(); ev.Action != model.ActNote || !strings.Contains(ev.Note, "The demo request was real") {
		t.Errorf("last event %+v, want lee's note", ev)
	}
}

// TestPersonaRebaseIgnoresStoredForm: a teammate's save that only stores a field as
// every save does (the messaging's trailing newline trimmed) is no change to report;
// the tmux check showed "their changes to goals and messaging" for a goals change.
func TestPersonaRebaseIgnoresStoredForm(t *testing.T) {
	base := model.Persona{ID: "x", Name: "X", DecisionRole: model.DecisionMaker, Messaging: "Talk **money**.\n", Version: 3}
	cur := base
	cur.Messaging, cur.Goals, cur.Version = "Talk **money**.", []string{"Fewer vendors"}, 4
	e := &personaEdit{base: base, v: valuesOf(base)}
	e.v.Name = "X Sr"
	next, theirs, both := e.rebased(cur)
	if !slices.Equal(theirs, []string{"goals"}) || len(both) != 0 {
		t.Errorf("theirs %q both %q, want only goals", theirs, both)
	}
	if next.v.Name != "X Sr" || next.v.Goals != "Fewer vendors" || next.base.Version != 4 {
		t.Errorf("rebased %+v on version %d", next.v, next.base.Version)
	}
}

// TestNewPersonaEscKeepsDraft: a new persona's form closed with esc comes back with c.
func TestNewPersonaEscKeepsDraft(t *testing.T) {
	h := newBoardHarness(t, "mia", 120, 40)
	h.keys("2", "c")
	h.typeText("Warehouse Wendy")
	h.key("esc")
	if st := h.app.status.text; !strings.Contains(st, "c on the Personas screen brings your text back") {
		t.Errorf("status after esc: %q", st)
	}
	h.key("c")
	h.enters(11)
	if p := h.persona("warehouse-wendy"); p.Name != "Warehouse Wendy" {
		t.Errorf("saved %+v", p)
	}
}
