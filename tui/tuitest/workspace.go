package tuitest

import (
	"fmt"
	"slices"
	"time"

	"align/model"
)

// Now is the fixed time of the test workspace, so clocks and ages in golden files
// never drift.
var Now = time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC)

// Members of the test workspace, one or two per role.
var Members = []model.Member{
	{Name: "ada", Role: model.RoleAdmin},
	{Name: "lee", Role: model.RoleLeadership},
	{Name: "mia", Role: model.RoleMarketing},
	{Name: "sam", Role: model.RoleSDR},
	{Name: "sia", Role: model.RoleSDR},
	{Name: "alex", Role: model.RoleAE},
	{Name: "ben", Role: model.RoleAE},
	{Name: "val", Role: model.RoleViewer},
}

// Member returns the test member with the name; it panics on a name not in Members,
// which is a mistake in a test.
func Member(name string) model.Member {
	for _, m := range Members {
		if m.Name == name {
			return m
		}
	}
	panic("tuitest: no member " + name)
}

var (
	firsts    = []string{"Olga", "Jonas", "Priya", "Marco", "Aiko", "Samuel", "Fatima", "Lucas", "Ingrid", "Tomás", "Chen", "Amara"}
	lasts     = []string{"Petrova", "Berg", "Nair", "Rossi", "Tanaka", "Okafor", "Haddad", "Silva", "Lund", "García", "Wei", "Mensah"}
	companies = []string{"Northwind", "Globex", "Initech", "Umbrella Logistics", "Hooli", "Stark Freight", "Wayne Health", "Acme Corp", "Soylent", "Vandelay Imports"}
	titles    = []string{"VP Operations", "Head of Logistics", "CFO", "IT Manager", "Procurement Lead", "COO", "Analyst", "Director of Sales Ops"}
	sources   = []string{"webinar", "paid search", "referral", "trade show", "content", "outbound"}
	personas  = []string{"ops-olga", "cfo-carl", "it-ian", "proc-petra", ""}
)

// Workspace is a small fixed workspace with leads in every stage, clocks in every
// state and a little history. One lead's name carries an escape sequence, so golden
// files prove that user text is neutralised.
func Workspace() model.Workspace {
	now := Now
	sla := model.DefaultSLA()
	ws := model.Workspace{
		Settings: model.Settings{Name: "Northwind Sales & Marketing", SLA: sla},
		Members:  Members,
		Journey:  model.DefaultJourney(),
	}
	stages := []model.Stage{model.StageMQL, model.StageMQL, model.StageMQL, model.StageSAL, model.StageSQL,
		model.StageRecycled, model.StageInquiry, model.StageDisqualified, model.StageWon, model.StageLost, model.StageMQL, model.StageSAL}
	owners := []string{"sam", "sia", "alex", "ben"}
	for i := 0; i < 48; i++ {
		st := stages[i%len(stages)]
		created := now.Add(-time.Duration(6+i*7) * time.Hour)
		l := model.Lead{
			Name:       firsts[i%len(firsts)] + " " + lasts[(i*5)%len(lasts)],
			Company:    companies[(i*3)%len(companies)],
			Title:      titles[i%len(titles)],
			Source:     sources[i%len(sources)],
			Persona:    personas[i%len(personas)],
			Industry:   "Logistics",
			Country:    "DE",
			City:       "Hamburg",
			Employees:  50 + i*37,
			Stage:      st,
			StageSince: created.Add(time.Hour),
			Fit:        20 + (i*7)%40,
			Engagement: 10 + (i*11)%50,
			Created:    created,
			Updated:    created,
			Version:    1,
			Journey:    ws.Journey[i%len(ws.Journey)].ID,
		}
		l.Email = fmt.Sprintf("%s.%d@%s.example", firsts[i%len(firsts)], i, "corp")
		l.Score = l.Fit + l.Engagement
		l.Breakdown = []model.ScoreLine{
			{Dimension: model.DimFit, Rule: "senior", Reason: "senior title", Points: l.Fit / 2},
			{Dimension: model.DimFit, Rule: "size", Reason: "company of 50-500", Points: l.Fit - l.Fit/2},
			{Dimension: model.DimEngagement, Rule: "pricing", Reason: "viewed the pricing page", Points: l.Engagement, Full: l.Engagement + 10, AgeDays: 3},
		}
		switch st {
		case model.StageMQL:
			// Spread the acceptance deadlines from breached to fresh.
			start := now.Add(-time.Duration(i*53%1800) * time.Minute)
			l.AcceptClock = model.StartClock(start, sla.Accept)
			l.StageSince = start
		case model.StageSAL, model.StageSQL:
			l.Owner = owners[i%len(owners)]
			l.AcceptClock = model.Clock{Start: created, Deadline: created.Add(sla.Accept), Stopped: created.Add(2 * time.Hour)}
			start := now.Add(-time.Duration(i*17%300) * time.Minute)
			l.FirstTouchClock = model.StartClock(start, sla.FirstTouch)
		case model.StageRecycled, model.StageDisqualified:
			l.Rejection = &model.Rejection{Reason: model.RejectReasons[i%len(model.RejectReasons)], Note: "Spoke to them; no project this year.",
				By: "sam", At: now.Add(-time.Duration(i) * time.Hour), From: model.StageMQL}
			if i%24 == 5 {
				l.Dispute = &model.Dispute{State: model.DisputeOpen, Argument: "They asked for a demo last week.\nPlease look again.", By: "mia", At: now.Add(-time.Duration(i) * time.Minute)}
			}
		case model.StageWon:
			l.Owner, l.WonValue = "alex", int64(12000+i*1000)
		case model.StageLost:
			l.Owner, l.LostReason = "ben", "chose a competitor"
		}
		ws.Leads = append(ws.Leads, l)
	}
	// One hostile name: an OSC title change and a clear-screen, which must show as text.
	ws.Leads[0].Name = "Mallory \x1b]0;pwned\x07\x1b[2J Evil"
	for i := range ws.Leads[:12] {
		id := model.LeadID(i + 1)
		ws.Events = append(ws.Events, model.Event{At: ws.Leads[i].Created, Actor: "mia", Kind: model.EventLeadCreated,
			Lead: id, Summary: "created from the webinar import"})
	}
	ws.Events = append(ws.Events,
		model.Event{At: now.Add(-90 * time.Minute), Actor: "sam", Kind: model.EventLeadChanged, Action: model.ActNote,
			Lead: 4, Summary: "added a note", Note: "Called, asked to follow up Monday."},
		model.Event{At: now.Add(-30 * time.Minute), Actor: "lee", Kind: model.EventRules, Subject: "scoring rules", Summary: "raised the MQL threshold to 60"})
	// The audit log is in commit order, which is time order.
	slices.SortStableFunc(ws.Events, func(a, b model.Event) int { return a.At.Compare(b.At) })
	return ws
}

// Leads makes n MQL leads for benchmarks, ordered by acceptance deadline, sharing
// their strings so a million of them cost little more than the structs.
func Leads(n int, now time.Time) []model.Lead {
	sla := model.DefaultSLA()
	out := make([]model.Lead, n)
	names := make([]string, len(firsts)*len(lasts))
	for i := range names {
		names[i] = firsts[i%len(firsts)] + " " + lasts[i/len(firsts)]
	}
	for i := range out {
		start := now.Add(-24*time.Hour + time.Duration(i)*time.Second)
		out[i] = model.Lead{
			Name: names[i%len(names)], Company: companies[i%len(companies)], Title: titles[i%len(titles)],
			Source: sources[i%len(sources)], Persona: personas[i%len(personas)], Stage: model.StageMQL,
			StageSince: start, Created: start, Updated: start, Version: 1, Fit: i % 50, Engagement: i % 40,
			AcceptClock: model.StartClock(start, sla.Accept),
		}
	}
	return out
}
