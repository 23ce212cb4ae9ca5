package tuitest

import (
	"time"

	"align/model"
)

// BoardWorkspace is Workspace with what the persona cards and the journey board show:
// four personas with every field (one with a hostile name), a documented journey with
// per-persona notes, three campaigns, and leads spread over the journey with their
// time in stage and campaign.
func BoardWorkspace() model.Workspace {
	ws := Workspace()
	ws.Personas = Personas()
	ws.Journey = Journey()
	ws.Campaigns = []model.Campaign{
		{ID: "webinar-q3", Name: "Q3 logistics webinar", Channel: "webinar", Launch: Now.Add(-60 * 24 * time.Hour), Version: 1},
		{ID: "fall-ads", Name: "Fall paid search", Channel: "paid search", Launch: Now.Add(-40 * 24 * time.Hour), Version: 1},
		{ID: "expo-2026", Name: "LogiMAT expo", Channel: "trade show", Launch: Now.Add(-20 * 24 * time.Hour), Version: 1},
	}
	for i := range ws.Leads {
		l := &ws.Leads[i]
		l.JourneySince = Now.Add(-time.Duration(1+i*i%40) * 24 * time.Hour).Add(-time.Duration(i) * time.Hour)
		l.Campaign = ws.Campaigns[i%len(ws.Campaigns)].ID
	}
	return ws
}

// BoardLeads makes n leads spread evenly over the default journey's six stages, each
// a different number of hours into its stage, for the board's benchmarks. Like Leads,
// they share their strings.
func BoardLeads(n int, now time.Time) []model.Lead {
	out := Leads(n, now)
	stages := model.DefaultJourney()
	for i := range out {
		out[i].Journey = stages[i%len(stages)].ID
		out[i].JourneySince = now.Add(-time.Duration(i%5000) * time.Hour)
	}
	return out
}

// Personas are four persona cards with every field filled in. One name carries an
// escape sequence, so golden files prove that it is neutralised.
func Personas() []model.Persona {
	updated := Now.Add(-10 * 24 * time.Hour)
	return []model.Persona{
		{
			ID: "cfo-carl", Name: "CFO Carl", DecisionRole: model.DecisionMaker, Industry: "Logistics", CompanySize: "200-1000",
			Interests:   []string{"cost per order", "cash flow", "vendor consolidation"},
			Pains:       []string{"Cannot tie software spend to savings", "Month-end close takes two weeks", "Too many tools with overlapping contracts"},
			Goals:       []string{"Cut operating cost 8 % this year", "One trusted number per site", "Fewer vendors"},
			Objections:  []string{"We already pay for a BI tool", "No budget until next fiscal year"},
			Channels:    []string{"peer referrals", "analyst reports", "email"},
			Information: []string{"ROI calculators", "case studies", "CFO Dive"},
			Messaging:   "## How to talk to Carl\n\nCarl signs. Lead with **payback in months**, not features.\n\n- Bring a reference from a company his size.\n- Put the price next to the saving.\n",
			Updated:     updated, UpdatedBy: "mia", Version: 3,
		},
		{
			ID: "it-ian", Name: "IT Ian", DecisionRole: model.Gatekeeper, Industry: "Any", CompanySize: "200-5000",
			Interests:   []string{"single sign-on", "security reviews"},
			Pains:       []string{"Inherits every integration other teams buy", "Security questionnaires take weeks"},
			Goals:       []string{"Fewer vendors, all with SSO and audit logs", "No new integration work this year"},
			Objections:  []string{"Another cloud vendor to review"},
			Channels:    []string{"documentation", "vendor security pages"},
			Information: []string{"SOC 2 reports", "API docs"},
			Messaging:   "Send the **security pack** before he asks.\n\n1. SOC 2 report\n2. Data-processing agreement\n",
			Updated:     updated, UpdatedBy: "mia", Version: 1,
		},
		{
			ID: "ops-olga", Name: "Ops Olga \x1b]0;pwned\x07\x1b[31m", DecisionRole: model.Champion, Industry: "Logistics and manufacturing", CompanySize: "200-1000",
			Interests:   []string{"warehouse throughput", "on-time delivery", "automation"},
			Pains:       []string{"Weekly review built by hand from five spreadsheets", "Hears about missed shipments from customers", "Cannot show what automation saved"},
			Goals:       []string{"Late deliveries below 3 %", "Free her analysts from report building"},
			Objections:  []string{"My team has no time for a long rollout"},
			Channels:    []string{"industry events", "LinkedIn", "webinars"},
			Information: []string{"Supply Chain Dive", "peer benchmarks"},
			Messaging:   "### Open with\n\nThe Monday review she builds by hand, and how it would look if it built itself.\n\n> Avoid the word *dashboard*.\n",
			Updated:     updated, UpdatedBy: "lee", Version: 2,
		},
		{
			ID: "proc-petra", Name: "Procurement Petra", DecisionRole: model.Influencer, Industry: "Manufacturing", CompanySize: "1000+",
			Pains:    []string{"Vendors hide the total cost"},
			Goals:    []string{"Three quotes for every purchase"},
			Channels: []string{"RFP portals"},
			Updated:  updated, UpdatedBy: "mia", Version: 1,
		},
	}
}

// Journey is the default journey with a guide written for every stage, and
// per-persona notes on the first two.
func Journey() []model.JourneyStage {
	stages := model.DefaultJourney()
	type guide struct {
		goals, activities, info, channels []string
		days                              int
		team                              model.Team
		exit                              string
	}
	guides := []guide{
		{[]string{"Put a name to a problem"}, []string{"Searches symptoms", "Reads peers' posts"}, []string{"Blog posts", "Industry reports"},
			[]string{"search", "LinkedIn"}, 14, model.TeamMarketing, "Downloads content or registers for a webinar"},
		{[]string{"Compare approaches"}, []string{"Attends webinars", "Reads case studies"}, []string{"Case studies", "Comparison guides"},
			[]string{"webinar", "email"}, 21, model.TeamMarketing, "Asks for a demo or pricing"},
		{[]string{"Pick a vendor"}, []string{"Runs a demo", "Checks references"}, []string{"Pricing", "Security pack"},
			[]string{"sales calls"}, 30, model.TeamSales, "Verbal yes from the decision maker"},
		{[]string{"Sign without surprises"}, []string{"Legal review", "Procurement"}, []string{"Contract", "DPA"},
			[]string{"email"}, 14, model.TeamSales, "Signed contract"},
		{[]string{"First value fast"}, []string{"Kick-off", "Training"}, []string{"Onboarding guide"},
			[]string{"customer success"}, 30, model.TeamSales, "First site live"},
		{[]string{"Keep getting value"}, []string{"Quarterly reviews", "Referrals"}, []string{"Release notes"},
			[]string{"community", "email"}, 365, model.TeamMarketing, "Renews and refers a peer"},
	}
	for i := range stages {
		g := guides[i]
		st := &stages[i]
		st.Goals, st.Activities, st.Information, st.Channels = g.goals, g.activities, g.info, g.channels
		st.TypicalDays, st.OwnerTeam, st.ExitCriteria, st.Version = g.days, g.team, g.exit, 1
	}
	stages[0].PersonaNotes = map[string]string{"ops-olga": "Finds us through peers at industry events.", "cfo-carl": "Rarely here: reached later through Olga."}
	stages[1].PersonaNotes = map[string]string{"it-ian": "Sends the security questionnaire now; answer within a week."}
	return stages
}
