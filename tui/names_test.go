package tui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/model/sample"
	"align/tui/tuitest"
)

func TestNameBookSummary(t *testing.T) {
	n := newNameBook(namesLoaded{
		Personas:  []model.Persona{{ID: "ops-olga", Name: "Ops Olga"}, {ID: "evil", Name: "Eve\x1b[31m"}},
		Stages:    []model.JourneyStage{{ID: "consideration", Name: "Consideration"}},
		Campaigns: []model.Campaign{{ID: "cfo-roi-guide", Name: "The CFO's guide"}},
	}, 1)
	move := func(from, to string) []model.Change {
		return []model.Change{{Field: "journey", Before: from, After: to}}
	}
	cases := []struct {
		name string
		ev   model.Event
		want string
	}{
		{"journey move", model.Event{Action: model.ActJourney, Summary: "moved to journey stage consideration", Changes: move("awareness", "consideration")}, "moved to journey stage Consideration"},
		{"undone move", model.Event{Action: model.ActUndo, Summary: "undid moved to journey stage consideration", Changes: move("consideration", "awareness")}, "undid “moved to journey stage Consideration”"},
		{"unknown stage", model.Event{Action: model.ActJourney, Summary: "moved to journey stage gone", Changes: move("", "gone")}, "moved to journey stage gone"},
		{"persona link", model.Event{Action: model.ActPersona, Summary: "linked to persona ops-olga", Changes: []model.Change{{Field: "persona", After: "ops-olga"}}}, "linked to persona Ops Olga"},
		{"name sanitised", model.Event{Action: model.ActPersona, Summary: "linked to persona evil", Changes: []model.Change{{Field: "persona", After: "evil"}}}, "linked to persona " + clean("Eve\x1b[31m")},
		{"campaign", model.Event{Kind: model.EventLeadCreated, Summary: "created from content (cfo-roi-guide)"}, "created from content (The CFO's guide)"},
		{"no campaign", model.Event{Kind: model.EventLeadCreated, Summary: "created from web (form)"}, "created from web (form)"},
		{"plain", model.Event{Action: model.ActAccept, Summary: "accepted"}, "accepted"},
	}
	for _, c := range cases {
		if got := n.Summary(c.ev); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	if strings.Contains(n.Persona("evil"), "\x1b") {
		t.Errorf("a persona's name reaches the screen unsanitised: %q", n.Persona("evil"))
	}
	var none *nameBook
	if none.Persona("ops-olga") != "ops-olga" || none.Version() != 0 {
		t.Error("no book should show IDs")
	}
	if got := n.Subject(model.Event{Kind: model.EventCampaign, Subject: "cfo-roi-guide"}); got != "The CFO's guide" {
		t.Errorf("campaign subject: %q", got)
	}
}

// TestNamesFollowRenames: the queue, the detail pane and the feed show persona,
// stage and campaign names, and a renamed persona shows at once on cached rows.
func TestNamesFollowRenames(t *testing.T) {
	ws := sample.Generate(tuitest.Now)
	ws.Leads = slices.Clone(ws.Leads)
	st := tuitest.NewStore(ws, func() time.Time { return tuitest.Now })
	admin := model.Member{Name: "Ada", Role: model.RoleAdmin}
	h := newHarnessWith(t, st, admin, 120, 40)
	v := plain(h.view())
	if !strings.Contains(v, "Ops Olga") || strings.Contains(v, "ops-olga") {
		t.Fatalf("the queue shows persona IDs, not names:\n%s", v)
	}
	h.key("enter")
	v = plain(h.view())
	if !strings.Contains(v, "Journey") || strings.Contains(v, "Persona    champion-") || strings.Contains(v, "paid-search-ops") {
		t.Fatalf("the detail pane shows IDs:\n%s", v)
	}
	h.key("esc")

	ps, _ := st.Personas()
	i := slices.IndexFunc(ps, func(p model.Persona) bool { return p.ID == "ops-olga" })
	p := ps[i]
	p.Name = "Olga COO"
	if err := st.PutPersona(context.Background(), admin, p); err != nil {
		t.Fatal(err)
	}
	h.send(feedMsg{Item: model.FeedItem{Event: model.Event{Seq: 1 << 40, Kind: model.EventPersona, Subject: "ops-olga", Actor: "Ada", Summary: "changed the persona Olga COO"}}})
	v = plain(h.view())
	if !strings.Contains(v, "Olga COO") || strings.Contains(v, "Ops Olga") {
		t.Fatalf("a renamed persona still shows its old name:\n%s", v)
	}

	h.key("5")
	v = plain(h.view())
	if strings.Contains(v, "journey stage consideration") || !strings.Contains(v, "journey stage Consideration") {
		t.Fatalf("the feed shows stage IDs:\n%s", v)
	}
}

// TestOutcomeNamesStage: the status line after a move names the stage, as the
// timeline does.
func TestOutcomeNamesStage(t *testing.T) {
	book := newNameBook(namesLoaded{Stages: []model.JourneyStage{{ID: "consideration", Name: "Consideration"}}}, 1)
	ev := model.Event{Action: model.ActJourney, Summary: "moved to journey stage consideration",
		Changes: []model.Change{{Field: "journey", Before: "awareness", After: "consideration"}}}
	text, _ := outcome(actionDoneMsg{Leads: []model.Lead{{ID: 1, Name: "Ana"}}, Events: []model.Event{ev}, Names: book})
	if text != "Ana — moved to journey stage Consideration." {
		t.Errorf("outcome %q", text)
	}
}

// BenchmarkNameBook is the per-frame cost of showing names: a persona lookup (once
// per redrawn row) and an event's summary (once per feed or timeline line drawn).
func BenchmarkNameBook(b *testing.B) {
	ws := sample.Generate(tuitest.Now)
	n := newNameBook(namesLoaded{Personas: ws.Personas, Stages: ws.Journey, Campaigns: ws.Campaigns}, 1)
	ev := model.Event{Action: model.ActJourney, Summary: "moved to journey stage consideration",
		Changes: []model.Change{{Field: "stage", Before: "inquiry", After: "mql"}, {Field: "journey", Before: "awareness", After: "consideration"}}}
	b.Run("persona", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = n.Persona("ops-olga")
		}
	})
	b.Run("summary", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = n.Summary(ev)
		}
	})
}
