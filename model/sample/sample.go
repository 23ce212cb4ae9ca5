package sample

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"align/model"
)

// LeadCount is how many leads Generate creates: enough for every queue, KPI and
// board column to have real content, few enough to build in a blink.
const LeadCount = 2000

// companyCount is the size of the company pool: about two leads per company, so
// buying committees (an Olga and an Ivan at one company) occur naturally.
const companyCount = 900

// The PCG seed of the sample workspace. Changing it changes every generated lead.
const (
	seedHi = 0x6e6f72746877696e // "northwin"
	seedLo = 0x6420616e616c7974 // "d analyt"
)

// Generate builds the sample workspace as it stands at now. The same now always
// gives the same workspace; dates are relative to now, so the demo always looks
// current. Each lead's history is made by applying model.Apply step by step, so a
// lead's final state, its Version and its events agree. Generate panics only if
// the model refuses a step it should accept, which is a bug in this package or in
// model, caught by the tests.
func Generate(now time.Time) model.Workspace {
	now = now.UTC()
	plans := campaignPlans()
	ws := model.Workspace{
		Settings:  settings(),
		Members:   team(),
		Personas:  personas(now),
		Journey:   journey(now),
		Campaigns: campaigns(now, plans),
		Rules:     model.DefaultRuleSet(),
	}
	scorer, err := model.CompileRules(ws.Rules)
	if err != nil {
		panic(fmt.Sprintf("sample: the default rule set does not compile: %v", err))
	}
	g := &generator{
		d: newDice(seedHi, seedLo), now: now, ws: &ws, scorer: scorer, plans: plans,
		taken: make(map[string]bool, LeadCount),
	}
	g.tell = teller{d: g.d}
	g.companies = companyPool(g.d, companyCount)
	g.env = g.newEnv()

	leads := make([]*leadPlan, LeadCount)
	for i := range leads {
		leads[i] = g.plan()
	}
	// IDs follow creation order, as the store assigns them.
	slices.SortStableFunc(leads, func(a, b *leadPlan) int { return a.created.Compare(b.created) })
	ws.Leads = make([]model.Lead, 0, LeadCount)
	for i, p := range leads {
		p.lead.ID = model.LeadID(i + 1)
		l, evs := g.live(p)
		ws.Leads = append(ws.Leads, l)
		ws.Events = append(ws.Events, evs...)
	}
	slices.SortStableFunc(ws.Events, func(a, b model.Event) int { return a.At.Compare(b.At) })
	return ws
}

// generator holds one Generate call's state; nothing outlives the call.
type generator struct {
	d         *dice
	now       time.Time
	ws        *model.Workspace
	scorer    *model.Scorer
	plans     []campaignPlan
	companies []company
	taken     map[string]bool // emails in use
	tell      teller
	env       model.Env
}

// newEnv is the lifecycle environment the sample team works in; Now is set per step.
func (g *generator) newEnv() model.Env {
	byName := make(map[string]model.Member, len(g.ws.Members))
	for _, m := range g.ws.Members {
		byName[m.Name] = m
	}
	personaIDs := make(map[string]bool, len(g.ws.Personas))
	for _, p := range g.ws.Personas {
		personaIDs[p.ID] = true
	}
	return model.Env{
		SLA:     g.ws.Settings.SLA,
		Member:  func(name string) (model.Member, bool) { m, ok := byName[name]; return m, ok },
		Journey: journeyIDs(g.ws.Journey),
		Persona: func(id string) bool { return personaIDs[id] },
	}
}

// plan draws one lead: its story, its place in time, who it is, what it did and
// its score.
func (g *generator) plan() *leadPlan {
	d := g.d
	p := &leadPlan{mqlAt: -1}
	var anchor, age time.Duration
	if d.chance(inquiryShare) {
		p.resp, p.outcome, p.strength = noResponse, stayInquiry, d.weighted([]int{70, 30})
	} else {
		p.resp = withinHour + response(d.weighted(responseWeights))
		if p.resp == never {
			p.outcome = outcome(d.weighted(untouchedOutcomes))
			p.strength = 1 + d.intn(2)
		} else {
			p.outcome = outcome(d.weighted(touchedOutcomes[p.resp]))
			p.strength = 2
			if p.outcome == wonDeal || d.chance(0.25) {
				p.strength = 3
			}
		}
	}
	co := &g.companies[d.intn(len(g.companies))]
	share := 0.85
	switch p.outcome {
	case stayInquiry:
		share = 0.6
	case disqualMQL, disqualSAL:
		share = 0.5
	}
	identity(d, &p.lead, co, newPerson(d, co, share), g.taken)
	p.lead.Source = sources[d.weighted(sourceWeights)].name
	if p.outcome != stayInquiry {
		anchor, age = g.tell.tell(p)
	}
	g.place(p, anchor, age)
	g.attribute(p)
	g.addNotes(p)
	g.score(p)
	return p
}

// sourceWeights follows sources.
var sourceWeights = func() []int {
	w := make([]int, len(sources))
	for i, s := range sources {
		w[i] = s.weight
	}
	return w
}()

// place sets the lead's creation time. A pending clock pins it: the clock must have
// started age ago. Otherwise the story may sit anywhere in the last 90 days.
func (g *generator) place(p *leadPlan, anchor, age time.Duration) {
	last := p.last()
	var span time.Duration
	if age > 0 {
		if anchor+age > maxAge {
			// Shorten the wait before the first MQL; failing that, the clock's age.
			cut := min(anchor+age-maxAge, p.mqlAt-minute)
			for i := range p.steps {
				p.steps[i].at -= cut
			}
			anchor -= cut
			p.mqlAt -= cut
			age = min(age, maxAge-anchor)
		}
		span = anchor + age
		// A follow-up drawn after the clock started (the MQL's journey move, say)
		// happened before now, however recent the clock.
		for i := range p.steps {
			p.steps[i].at = min(p.steps[i].at, span-minute)
		}
	} else {
		span = last + g.d.span(minute, max(minute, maxAge-last))
	}
	p.created = g.now.Add(-span)
	if p.outcome == wonDeal {
		g.afterWin(p, span)
	}
}

// afterWin moves a won customer on through onboarding and retention, as far as the
// time since the win allows.
func (g *generator) afterWin(p *leadPlan, span time.Duration) {
	won := p.last()
	at := won + g.d.span(3*day, 10*day)
	if at >= span {
		return
	}
	p.add(at, kenji, model.Command{Action: model.ActJourney, To: "onboarding"})
	if at += g.d.span(30*day, 45*day); at < span {
		p.add(at, pick(g.d, marketers), model.Command{Action: model.ActJourney, To: "retention"})
	}
}

// attribute links the lead to a campaign that was running when it arrived through
// the campaign's channel, and sets its journey start.
func (g *generator) attribute(p *leadPlan) {
	l := &p.lead
	var live []int
	var weights []int
	for i, c := range g.plans {
		launch := g.ws.Campaigns[i].Launch
		if !p.created.Before(launch) && p.created.Before(launch.Add(time.Duration(c.window)*day)) {
			live = append(live, i)
			weights = append(weights, c.weight)
		}
	}
	if len(live) > 0 && g.d.chance(0.45) {
		c := g.plans[live[g.d.weighted(weights)]]
		l.Campaign, l.Source = c.c.ID, c.source
	}
}

// addNotes gives some leads team notes that mention a colleague.
func (g *generator) addNotes(p *leadPlan) {
	d := g.d
	if !d.chance(0.14) {
		return
	}
	end := g.now.Sub(p.created)
	writers := []model.Member{maya, tomas, priya, diego, kenji, sofia}
	for range 1 + d.intn(2) {
		w := pick(d, writers)
		m := pick(d, writers)
		for m.Name == w.Name {
			m = pick(d, writers)
		}
		p.add(d.span(minute, end-minute), w, model.Command{Action: model.ActNote, Note: fill(pick(d, teamNotes), p, m.Name, "")})
	}
}

// score computes the lead's fit and engagement at now with the workspace's rules and
// links the persona its title matches. An inquiry that would already meet the MQL
// rule loses its newest activity until it does not: the rule would have made it an
// MQL otherwise.
func (g *generator) score(p *leadPlan) {
	l := &p.lead
	l.Created, l.Updated = p.created, p.created
	l.Activity = activity(g.d, p, g.now)
	r := g.scorer.Score(l, g.now)
	for p.outcome == stayInquiry && r.MQL && len(l.Activity) > 0 {
		l.Activity = l.Activity[:len(l.Activity)-1]
		r = g.scorer.Score(l, g.now)
	}
	l.Fit, l.Engagement, l.Score, l.Breakdown = r.Fit, r.Engagement, r.Score, r.Lines
	l.Persona = r.Persona
}

// live creates the lead and applies its steps one by one with model.Apply, as the
// team would have, returning the lead as it stands now and its events, oldest first.
func (g *generator) live(p *leadPlan) (model.Lead, []model.Event) {
	l := p.lead
	c := p.created
	l.Stage, l.StageSince = model.StageInquiry, c
	l.Journey, l.JourneySince = "awareness", c
	l.Version = 1
	creator := pick(g.d, marketers)
	if l.Source == "outbound" {
		creator = pick(g.d, sdrs)
	}
	summary := "created from " + l.Source
	if l.Campaign != "" {
		summary += " (" + l.Campaign + ")"
	}
	events := make([]model.Event, 0, 1+len(p.steps))
	events = append(events, model.Event{At: c, Actor: creator.Name, Kind: model.EventLeadCreated, Lead: l.ID, Summary: summary})
	env := g.env
	// Notes and follow-ups were drawn apart from the main story; time orders them.
	slices.SortStableFunc(p.steps, func(a, b step) int { return cmp.Compare(a.at, b.at) })
	for _, s := range p.steps {
		env.Now = c.Add(s.at)
		s.cmd.Lead = l.ID
		n, ev, err := model.Apply(l, s.cmd, s.actor, env)
		if err != nil {
			panic(fmt.Sprintf("sample: lead %d: %s by %s at +%s refused: %v", l.ID, s.cmd.Action, s.actor.Name, s.at, err))
		}
		l = n
		events = append(events, ev)
	}
	return l, events
}
