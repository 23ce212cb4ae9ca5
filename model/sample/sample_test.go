package sample

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"align/model"
)

// testNow is the instant the tests generate the workspace at.
var testNow = time.Date(2026, 11, 26, 17, 0, 0, 0, time.UTC)

// workspace is generated once and shared by the read-only tests below.
var workspace = sync.OnceValue(func() model.Workspace { return Generate(testNow) })

// TestGenerateIsDeterministic compares a fresh workspace with the shared one as JSON.
// Events are compared without their Before snapshots, which dominate the size: each
// is the lead as the events before it left it, so equal leads and equal events imply
// equal snapshots (TestHistoryMatchesLeads checks that they are there).
func TestGenerateIsDeterministic(t *testing.T) {
	a, b := Generate(testNow), workspace()
	for _, ws := range []*model.Workspace{&a, &b} {
		evs := make([]model.Event, len(ws.Events))
		for i, ev := range ws.Events {
			ev.Before = nil
			evs[i] = ev
		}
		ws.Events = evs
	}
	ja, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	jb, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja, jb) {
		t.Fatal("two workspaces generated at the same now differ")
	}
}

func TestGenerateFollowsNow(t *testing.T) {
	later := Generate(testNow.Add(72 * time.Hour))
	ws := workspace()
	if got, want := later.Leads[10].Created.Sub(ws.Leads[10].Created), 72*time.Hour; got != want {
		t.Fatalf("lead 10 moved by %v when now moved by %v", got, want)
	}
}

func TestGenerateCounts(t *testing.T) {
	ws := workspace()
	if ws.Settings.Name == "" || ws.Settings.SLA != model.DefaultSLA() {
		t.Errorf("settings = %+v, want a name and the default SLA", ws.Settings)
	}
	if n := len(ws.Leads); n != LeadCount {
		t.Errorf("%d leads, want %d", n, LeadCount)
	}
	stages := map[model.Stage]int{}
	for _, l := range ws.Leads {
		stages[l.Stage]++
	}
	for _, s := range model.Stages {
		if stages[s] < 40 {
			t.Errorf("%d leads in stage %s, want at least 40 in every stage", stages[s], s)
		}
	}
	if n := stages[model.StageMQL]; n < 150 || n > 250 {
		t.Errorf("MQL inbox holds %d leads, want 150 to 250", n)
	}

	if len(ws.Members) != 8 {
		t.Errorf("%d members, want 8", len(ws.Members))
	}
	roles := map[model.Role]int{}
	for _, m := range ws.Members {
		roles[m.Role]++
		if len(m.Keys) != 0 {
			t.Errorf("member %s has keys; sample members must have none", m.Name)
		}
	}
	for _, r := range model.Roles {
		if roles[r] == 0 {
			t.Errorf("no member has role %s", r)
		}
	}

	var ids []string
	for _, p := range ws.Personas {
		ids = append(ids, p.ID)
	}
	if got, want := strings.Join(ids, " "), "ops-olga it-ivan finance-fiona champion-chris user-uma"; got != want {
		t.Errorf("personas %q, want %q", got, want)
	}
	if len(ws.Journey) != 6 {
		t.Errorf("%d journey stages, want 6", len(ws.Journey))
	}
	if n := len(ws.Campaigns); n < 4 || n > 6 {
		t.Errorf("%d campaigns, want 4 to 6", n)
	}
	if len(ws.Rules.Rules) == 0 || ws.Rules.MQL == "" {
		t.Error("the workspace has no scoring rules")
	}
}

func TestPersonasAreComplete(t *testing.T) {
	for _, p := range workspace().Personas {
		t.Run(p.ID, func(t *testing.T) {
			texts := map[string]string{"name": p.Name, "decision role": string(p.DecisionRole),
				"industry": p.Industry, "company size": p.CompanySize, "messaging": p.Messaging}
			for field, v := range texts {
				if v == "" {
					t.Errorf("%s is empty", field)
				}
			}
			lists := map[string][]string{"interests": p.Interests, "pains": p.Pains, "goals": p.Goals,
				"objections": p.Objections, "channels": p.Channels, "information": p.Information}
			for field, v := range lists {
				if len(v) < 2 {
					t.Errorf("%s has %d entries, want at least 2", field, len(v))
				}
			}
			if !strings.Contains(p.Messaging, "## ") || !strings.Contains(p.Messaging, "\n- ") {
				t.Error("messaging notes have no Markdown heading or bullet list")
			}
			if err := model.ValidateNote(p.Messaging); err != nil {
				t.Errorf("messaging notes: %v", err)
			}
		})
	}
	roles := map[model.DecisionRole]bool{}
	for _, p := range workspace().Personas {
		roles[p.DecisionRole] = true
	}
	if len(roles) != len(model.DecisionRoles) {
		t.Errorf("personas cover %d decision roles, want all %d", len(roles), len(model.DecisionRoles))
	}
}

func TestJourneyIsDocumented(t *testing.T) {
	ws := workspace()
	defaults := model.DefaultJourney()
	notes := 0
	for i, s := range ws.Journey {
		t.Run(s.ID, func(t *testing.T) {
			if s.ID != defaults[i].ID || s.Name != defaults[i].Name || s.Order != i {
				t.Errorf("stage %d is %s %q, want the default %s %q", i, s.ID, s.Name, defaults[i].ID, defaults[i].Name)
			}
			if len(s.Goals) == 0 || len(s.Activities) == 0 || len(s.Information) == 0 || len(s.Channels) == 0 {
				t.Error("a guidance list is empty")
			}
			if s.TypicalDays <= 0 || s.OwnerTeam == "" || s.ExitCriteria == "" {
				t.Errorf("typical days %d, owner %q, exit criteria %q: want all set", s.TypicalDays, s.OwnerTeam, s.ExitCriteria)
			}
		})
		notes += len(s.PersonaNotes)
	}
	if notes == 0 {
		t.Error("no journey stage has per-persona notes")
	}
}

func TestCampaignsAreRecent(t *testing.T) {
	personas := map[string]bool{}
	for _, p := range workspace().Personas {
		personas[p.ID] = true
	}
	for _, c := range workspace().Campaigns {
		if age := testNow.Sub(c.Launch); age < 0 || age > 90*24*time.Hour {
			t.Errorf("campaign %s launched %v before now, want within 90 days", c.ID, age)
		}
		if c.Name == "" || c.Channel == "" || c.Content == "" || c.Budget <= 0 || c.Owner == "" || len(c.Personas) == 0 {
			t.Errorf("campaign %s has an empty field: %+v", c.ID, c)
		}
		for _, p := range c.Personas {
			if !personas[p] {
				t.Errorf("campaign %s targets unknown persona %q", c.ID, p)
			}
		}
	}
}

func TestLeadsAreValidAndConsistent(t *testing.T) {
	ws := workspace()
	members := map[string]model.Member{}
	for _, m := range ws.Members {
		members[m.Name] = m
	}
	campaigns, personas, journey := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range ws.Campaigns {
		campaigns[c.ID] = true
	}
	for _, p := range ws.Personas {
		personas[p.ID] = true
	}
	for _, s := range ws.Journey {
		journey[s.ID] = true
	}
	emails := map[string]bool{}
	scorer, err := model.CompileRules(ws.Rules)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ws.Leads {
		l := &ws.Leads[i]
		if err := model.ValidateLead(l); err != nil {
			t.Fatalf("lead %d: %v", l.ID, err)
		}
		if l.ID != model.LeadID(i+1) {
			t.Fatalf("lead at index %d has ID %d, want %d", i, l.ID, i+1)
		}
		if i > 0 && l.Created.Before(ws.Leads[i-1].Created) {
			t.Fatalf("lead %d was created before lead %d; IDs must follow creation order", l.ID, l.ID-1)
		}
		if e := model.NormalEmail(l.Email); emails[e] {
			t.Fatalf("lead %d repeats email %s", l.ID, l.Email)
		} else {
			emails[e] = true
		}
		if l.Campaign != "" && !campaigns[l.Campaign] {
			t.Errorf("lead %d names unknown campaign %q", l.ID, l.Campaign)
		}
		if l.Persona != "" && !personas[l.Persona] {
			t.Errorf("lead %d names unknown persona %q", l.ID, l.Persona)
		}
		if !journey[l.Journey] {
			t.Errorf("lead %d is in unknown journey stage %q", l.ID, l.Journey)
		}
		if l.Score != l.Fit+l.Engagement || (l.Score != 0 && len(l.Breakdown) == 0) {
			t.Errorf("lead %d: score %d, fit %d, engagement %d, %d breakdown lines", l.ID, l.Score, l.Fit, l.Engagement, len(l.Breakdown))
		}
		if l.Stage == model.StageInquiry && scorer.Score(l, testNow).MQL {
			t.Errorf("lead %d is an inquiry but meets the MQL rule", l.ID)
		}
		for _, a := range l.Activity {
			if a.At.After(testNow) || testNow.Sub(a.At) > 90*24*time.Hour {
				t.Errorf("lead %d has %s activity at %v, outside the last 90 days", l.ID, a.Kind, a.At)
			}
		}
		checkStage(t, l, members)
	}
}

// checkStage checks what a lead's stage implies about its owner, decisions and journey.
func checkStage(t *testing.T, l *model.Lead, members map[string]model.Member) {
	t.Helper()
	switch l.Stage {
	case model.StageSAL, model.StageSQL, model.StageWon, model.StageLost:
		m, ok := members[l.Owner]
		if !ok || !model.Can(m.Role, model.ActAccept) {
			t.Errorf("lead %d is %s with owner %q, want a sales member", l.ID, l.Stage, l.Owner)
		}
	case model.StageRecycled, model.StageDisqualified:
		if l.Rejection == nil || l.Rejection.Reason == "" {
			t.Errorf("lead %d is %s without a rejection reason", l.ID, l.Stage)
		} else if l.Rejection.Reason == model.ReasonOther && l.Rejection.Note == "" {
			t.Errorf("lead %d was rejected for reason other without a note", l.ID)
		}
	case model.StageMQL:
		if !l.AcceptClock.Running() {
			t.Errorf("lead %d is an MQL whose acceptance clock is not running", l.ID)
		}
	}
	wantJourney := map[model.Stage][]string{
		model.StageInquiry: {"awareness"},
		model.StageMQL:     {"consideration"},
		model.StageSQL:     {"decision"},
		model.StageWon:     {"purchase", "onboarding", "retention"},
	}
	if want, ok := wantJourney[l.Stage]; ok && !strings.Contains(" "+strings.Join(want, " ")+" ", " "+l.Journey+" ") {
		t.Errorf("lead %d is %s in journey stage %s, want one of %v", l.ID, l.Stage, l.Journey, want)
	}
	if l.Stage == model.StageWon && l.WonValue <= 0 {
		t.Errorf("lead %d is won without a value", l.ID)
	}
	if l.Stage == model.StageLost && l.LostReason == "" {
		t.Errorf("lead %d is lost without a reason", l.ID)
	}
}

func TestHistoryMatchesLeads(t *testing.T) {
	ws := workspace()
	perLead := make(map[model.LeadID][]model.Event, len(ws.Leads))
	for i, ev := range ws.Events {
		if i > 0 && ev.At.Before(ws.Events[i-1].At) {
			t.Fatalf("event %d at %v comes after one at %v; events must be oldest first", i, ev.At, ws.Events[i-1].At)
		}
		if ev.Seq != 0 {
			t.Fatalf("event %d has Seq %d; the store assigns it", i, ev.Seq)
		}
		if ev.At.After(testNow) || testNow.Sub(ev.At) > 90*24*time.Hour {
			t.Fatalf("event %d at %v is outside the last 90 days", i, ev.At)
		}
		perLead[ev.Lead] = append(perLead[ev.Lead], ev)
	}
	for _, l := range ws.Leads {
		evs := perLead[l.ID]
		if uint64(len(evs)) != l.Version {
			t.Fatalf("lead %d has version %d and %d events", l.ID, l.Version, len(evs))
		}
		if evs[0].Kind != model.EventLeadCreated || !evs[0].At.Equal(l.Created) {
			t.Fatalf("lead %d: first event is %s at %v, want its creation at %v", l.ID, evs[0].Kind, evs[0].At, l.Created)
		}
		for i, ev := range evs[1:] {
			if ev.Before == nil || ev.Before.Version != uint64(i+1) || ev.Before.ID != l.ID {
				t.Fatalf("lead %d: event %d (%s) does not carry the lead as it was before", l.ID, i+1, ev.Action)
			}
		}
		if last := evs[len(evs)-1]; len(evs) > 1 && !last.At.Equal(l.Updated) {
			t.Errorf("lead %d was updated at %v but its last event is at %v", l.ID, l.Updated, last.At)
		}
	}
}

func TestHistoryHasEveryKindOfDecision(t *testing.T) {
	ws := workspace()
	disputes := map[model.DisputeState]int{}
	for _, l := range ws.Leads {
		if l.Dispute != nil {
			disputes[l.Dispute.State]++
		}
	}
	for _, s := range []model.DisputeState{model.DisputeOpen, model.DisputeUpheld, model.DisputeOverturned} {
		if disputes[s] == 0 {
			t.Errorf("no lead has a dispute that is %s", s)
		}
	}
	actions := map[model.Action]int{}
	mentions := 0
	for _, ev := range ws.Events {
		actions[ev.Action]++
		if ev.Action == model.ActNote && strings.Contains(ev.Note, "@") {
			mentions++
		}
	}
	for _, a := range []model.Action{model.ActMarkMQL, model.ActAccept, model.ActTouch, model.ActQualify, model.ActReject,
		model.ActDisqualify, model.ActDispute, model.ActVerdict, model.ActWon, model.ActLost, model.ActAssign,
		model.ActJourney, model.ActNote} {
		if actions[a] == 0 {
			t.Errorf("the history has no %s event", a)
		}
	}
	if mentions < 20 {
		t.Errorf("%d notes mention a member, want at least 20", mentions)
	}
}

func TestInboxClocksVary(t *testing.T) {
	states := map[model.ClockState]int{}
	for _, l := range workspace().Leads {
		if l.Stage != model.StageMQL {
			continue
		}
		s := l.AcceptClock.State(testNow)
		states[s]++
		recent := testNow.Sub(l.AcceptClock.Start) < model.DefaultSLA().Accept
		if recent == (s == model.ClockBreached) {
			t.Errorf("lead %d became an MQL %v ago and its clock is %s", l.ID, testNow.Sub(l.AcceptClock.Start), s)
		}
	}
	for _, s := range []model.ClockState{model.ClockOnTrack, model.ClockAtRisk, model.ClockBreached} {
		if states[s] < 10 {
			t.Errorf("%d MQLs are %s, want at least 10", states[s], s)
		}
	}
}

// TestResponseTimes checks the published distribution: for each lead that became an
// MQL, the time from its first MQL event to its first logged contact, counted as never
// when sales rejected it first or has not contacted it yet.
func TestResponseTimes(t *testing.T) {
	ws := workspace()
	mqlAt := map[model.LeadID]time.Time{}
	done := map[model.LeadID]bool{}
	var buckets [4]int
	for _, ev := range ws.Events {
		switch {
		case done[ev.Lead]:
		case ev.Action == model.ActMarkMQL:
			if _, ok := mqlAt[ev.Lead]; !ok {
				mqlAt[ev.Lead] = ev.At
			}
		case ev.Action == model.ActTouch:
			if at, ok := mqlAt[ev.Lead]; ok {
				switch wait := ev.At.Sub(at); {
				case wait <= time.Hour:
					buckets[0]++
				case wait <= 24*time.Hour:
					buckets[1]++
				default:
					buckets[2]++
				}
				done[ev.Lead] = true
			}
		case ev.Action == model.ActReject || ev.Action == model.ActDisqualify:
			if _, ok := mqlAt[ev.Lead]; ok {
				done[ev.Lead] = true // rejected before anyone called
			}
		}
	}
	total := len(mqlAt)
	buckets[3] = total - buckets[0] - buckets[1] - buckets[2]
	t.Logf("response buckets of %d MQLs: %v", total, buckets)
	for i, want := range []float64{37, 16, 24, 23} {
		got := 100 * float64(buckets[i]) / float64(total)
		if got < want-4 || got > want+4 {
			t.Errorf("bucket %d: %.1f %% of %d MQLs, want %.0f %% within 4 points", i, got, total, want)
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(testNow)
	}
}
