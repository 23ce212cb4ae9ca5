package storage

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"align/model"
)

// journeyStore imports n leads and places lead i in the awareness stage i hours
// after t0 (so lead 1 is the oldest), the odd ones linked to ops-olga.
func journeyStore(t *testing.T, n int) (*Store, *clock) {
	t.Helper()
	s, c := newStore(t)
	rows := make([]ImportRow, n)
	for i := range rows {
		rows[i] = row(i+2, "", false)
		rows[i].Lead.Name = "Lead " + string(rune('a'+i%26))
		rows[i].Lead.Journey = "awareness"
		rows[i].Lead.JourneySince = t0.Add(time.Duration(i) * time.Hour)
		if i%2 == 0 {
			rows[i].Lead.Persona = "ops-olga"
		}
	}
	importRows(t, s, t0, rows...)
	return s, c
}

func TestJourneyPageOrderAndBounds(t *testing.T) {
	s, _ := journeyStore(t, 9)
	all := func(*model.Lead) bool { return true }
	olga := func(l *model.Lead) bool { return l.Persona == "ops-olga" }
	c3 := Cursor{Key: t0.Add(2 * time.Hour).UnixMilli(), ID: 3}
	tests := []struct {
		name    string
		at      *Cursor
		n, scan int
		reverse bool
		keep    func(*model.Lead) bool
		want    []model.LeadID
		end     bool
	}{
		{"oldest first", nil, 4, 100, false, nil, []model.LeadID{1, 2, 3, 4}, false},
		{"all of it", nil, 20, 100, false, all, []model.LeadID{1, 2, 3, 4, 5, 6, 7, 8, 9}, true},
		{"after a cursor", &c3, 3, 100, false, nil, []model.LeadID{4, 5, 6}, false},
		{"newest first", nil, 2, 100, true, nil, []model.LeadID{9, 8}, false},
		{"before a cursor", &c3, 5, 100, true, nil, []model.LeadID{2, 1}, true},
		{"filtered", nil, 10, 100, false, olga, []model.LeadID{1, 3, 5, 7, 9}, true},
		{"filtered, bounded scan", nil, 10, 4, false, olga, []model.LeadID{1, 3}, false},
	}
	for _, tt := range tests {
		got, last, end, err := s.JourneyPage("awareness", tt.at, tt.n, tt.scan, tt.reverse, tt.keep)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(ids(got), tt.want) || end != tt.end {
			t.Errorf("%s: got %v end %v, want %v end %v", tt.name, ids(got), end, tt.want, tt.end)
		}
		if tt.name == "filtered, bounded scan" && last.ID != 4 {
			t.Errorf("bounded scan stopped at %d, want 4: the next page starts after the last entry read", last.ID)
		}
	}
	if n, _ := s.JourneyCount("awareness"); n != 9 {
		t.Errorf("awareness counts %d", n)
	}
	if got, _, end, _ := s.JourneyPage("decision", nil, 5, 5, false, nil); len(got) != 0 || !end {
		t.Errorf("an empty column: %v end %v", ids(got), end)
	}
}

func TestJourneyMoveKeepsIndexAndMedian(t *testing.T) {
	s, c := journeyStore(t, 5)
	ctx := context.Background()
	if m, _ := s.JourneyMedian("awareness"); !m.Equal(t0.Add(2 * time.Hour)) {
		t.Errorf("median of awareness %v, want lead 3's entry", m)
	}
	c.Set(t0.Add(48 * time.Hour))
	if _, _, err := s.Do(ctx, sdr, model.Command{Action: model.ActJourney, Lead: 2, To: "consideration", Note: "asked for pricing"}); err != nil {
		t.Fatal(err)
	}
	got, _, _, _ := s.JourneyPage("awareness", nil, 10, 10, false, nil)
	if !slices.Equal(ids(got), []model.LeadID{1, 3, 4, 5}) {
		t.Errorf("awareness after the move %v", ids(got))
	}
	got, _, _, _ = s.JourneyPage("consideration", nil, 10, 10, false, nil)
	if len(got) != 1 || got[0].ID != 2 || !got[0].JourneySince.Equal(t0.Add(48*time.Hour)) {
		t.Errorf("consideration after the move %+v", got)
	}
	for stage, want := range map[string]int{"awareness": 4, "consideration": 1} {
		if n, _ := s.JourneyCount(stage); n != want {
			t.Errorf("%s counts %d, want %d", stage, n, want)
		}
	}
	if m, _ := s.JourneyMedian("awareness"); !m.Equal(t0.Add(3 * time.Hour)) {
		t.Errorf("median after the move %v, want lead 4's entry", m)
	}
	if m, _ := s.JourneyMedian("purchase"); !m.IsZero() {
		t.Errorf("median of an empty stage %v", m)
	}
	// Undo puts the lead back where it was in the column.
	if _, _, err := s.Undo(ctx, sdr); err != nil {
		t.Fatal(err)
	}
	got, _, _, _ = s.JourneyPage("awareness", nil, 10, 10, false, nil)
	if !slices.Equal(ids(got), []model.LeadID{1, 2, 3, 4, 5}) {
		t.Errorf("awareness after undo %v", ids(got))
	}
	checkInvariant(t, s)
}

func TestPersonaStatsAndLeads(t *testing.T) {
	s, _ := journeyStore(t, 6) // leads 1, 3, 5 are linked to ops-olga
	ctx := context.Background()
	check := func(wantLinked, wantWon int) {
		t.Helper()
		linked, won, err := s.PersonaStats("ops-olga")
		if err != nil || linked != wantLinked || won != wantWon {
			t.Errorf("ops-olga: %d linked, %d won (%v); want %d, %d", linked, won, err, wantLinked, wantWon)
		}
	}
	check(3, 0)
	// Lead 3 goes all the way to won; lead 1 is linked to no persona afterwards.
	l, _ := s.Lead(3)
	for _, c := range []model.Command{
		{Action: model.ActMarkMQL}, {Action: model.ActAccept}, {Action: model.ActQualify}, {Action: model.ActWon, Value: 9000},
	} {
		c.Lead = l.ID
		actor := sdr
		if c.Action == model.ActMarkMQL {
			actor = mkt
		}
		if c.Action == model.ActWon {
			actor = admin
		}
		if _, _, err := s.Do(ctx, actor, c); err != nil {
			t.Fatalf("%s: %v", c.Action, err)
		}
	}
	check(3, 1)
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActPersona, Lead: 3, To: ""}); err != nil {
		t.Fatal(err)
	}
	check(2, 0)
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActPersona, Lead: 3, To: "ops-olga"}); err != nil {
		t.Fatal(err)
	}
	check(3, 1)
	got, err := s.PersonaLeads("ops-olga", 1, 10)
	if err != nil || !slices.Equal(ids(got), []model.LeadID{3, 5}) {
		t.Errorf("PersonaLeads after 1: %v (%v)", ids(got), err)
	}
	if got, _ := s.PersonaLeads("ops-olga", 0, 1); !slices.Equal(ids(got), []model.LeadID{1}) {
		t.Errorf("PersonaLeads n=1: %v", ids(got))
	}
}

func TestJourneyStructureNeedsLeadership(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	js, _ := s.Journey()
	st := js[0]
	st.Goals = []string{"Name the problem"}
	if err := s.PutJourneyStage(ctx, mkt, st); err != nil {
		t.Fatalf("marketing could not edit the guide: %v", err)
	}
	js, _ = s.Journey()
	for _, tt := range []struct {
		name string
		edit func(*model.JourneyStage)
	}{
		{"rename", func(st *model.JourneyStage) { st.Name = "Attention" }},
		{"reorder", func(st *model.JourneyStage) { st.Order = 9 }},
		{"add", func(st *model.JourneyStage) { *st = model.JourneyStage{ID: "expansion", Name: "Expansion", Order: 6} }},
	} {
		next := js[0]
		tt.edit(&next)
		err := s.PutJourneyStage(ctx, mkt, next)
		if err == nil || !strings.Contains(err.Error(), "only leadership or admins may add, rename or reorder") {
			t.Errorf("marketing may %s: %v", tt.name, err)
		}
		if err := s.PutJourneyStage(ctx, lead, next); err != nil {
			t.Errorf("leadership may not %s: %v", tt.name, err)
		}
		js, _ = s.Journey()
	}
}

func TestJourneyGuideOnDefaultStages(t *testing.T) {
	s, err := Open(Options{InMemory: true, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	js, _ := s.Journey()
	if len(js) != 6 {
		t.Fatalf("a new store shows %d stages", len(js))
	}
	st := js[1]
	st.ExitCriteria = "Asks for a demo"
	if err := s.PutJourneyStage(ctx, mkt, st); err != nil {
		t.Fatalf("marketing could not write the guide of a default stage: %v", err)
	}
	js, _ = s.Journey()
	if len(js) != 6 || js[1].ExitCriteria != "Asks for a demo" || js[0].ID != "awareness" || js[5].ID != "retention" {
		t.Errorf("after the first guide edit the board has %d stages: %+v", len(js), js)
	}
}
