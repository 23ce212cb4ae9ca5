package sample

import (
	"maps"
	"slices"
	"time"

	"align/model"
)

// journeyGuide is the documentation a team writes into one default journey stage.
type journeyGuide struct {
	goals, activities, information, channels []string
	days                                     int
	owner                                    model.Team
	exit                                     string
	notes                                    map[string]string
}

// guides documents model.DefaultJourney's stages, by stage ID.
var guides = map[string]journeyGuide{
	"awareness": {
		goals:       []string{"Put a name to a problem they feel every week", "Find out whether other companies solved it"},
		activities:  []string{"Searches for 'warehouse KPI template' and similar", "Reads blog posts and benchmark reports", "Attends an industry webinar"},
		information: []string{"benchmark reports", "blog posts", "templates", "webinar recordings"},
		channels:    []string{"organic search", "paid search", "LinkedIn", "webinars", "events"},
		days:        30,
		owner:       model.TeamMarketing,
		exit:        "The buyer engages twice with problem-level content (a download, a webinar, a return visit) or asks a question.",
		notes: map[string]string{
			"user-uma":       "Uma is usually first in: she finds the templates through search. Nurture her with how-to content and ask who owns the weekly report.",
			"champion-chris": "Chris arrives from webinars and community posts; invite him to the next practitioner session.",
		},
	},
	"consideration": {
		goals:       []string{"Compare approaches: build in-house, extend BI, or buy", "Understand effort and risk"},
		activities:  []string{"Downloads the buyer's guide", "Views pricing", "Watches a product walkthrough", "Asks peers for recommendations"},
		information: []string{"buyer's guides", "comparison pages", "product videos", "case studies"},
		channels:    []string{"website", "email nurture", "review sites", "referrals"},
		days:        21,
		owner:       model.TeamMarketing,
		exit:        "The lead meets the MQL rule (fit and engagement) or requests a demo; marketing hands it to sales through the MQL inbox.",
		notes: map[string]string{
			"ops-olga":      "Olga compares vendors on implementation effort first. Send the 30-day pilot plan, not the feature matrix.",
			"finance-fiona": "Fiona enters here if Olga forwards the ROI guide; make sure the calculator is ungated.",
		},
	},
	"decision": {
		goals:       []string{"Choose a vendor they can defend internally", "Get security, finance and operations to agree"},
		activities:  []string{"Discovery and demo calls", "Security review", "Business-case review with finance", "Reference calls"},
		information: []string{"tailored demo", "security pack", "ROI model with their numbers", "reference customers"},
		channels:    []string{"sales calls", "email", "shared evaluation workspace"},
		days:        30,
		owner:       model.TeamSales,
		exit:        "Need, budget, authority and timing are confirmed and written in the lead's notes; the AE qualifies the lead to SQL and sends a proposal.",
		notes: map[string]string{
			"it-ivan":        "Book the security review in the first week of this stage; Ivan's questionnaire takes ten working days on average.",
			"finance-fiona":  "Fiona wants the payback on her numbers. Bring the filled-in ROI model to the business-case call.",
			"champion-chris": "Give Chris the two-slide internal pitch before his meeting with Olga.",
		},
	},
	"purchase": {
		goals:       []string{"Sign on terms procurement accepts", "Start without surprises"},
		activities:  []string{"Negotiation", "Procurement and legal review", "Order form and data-processing agreement signed"},
		information: []string{"order form", "DPA", "implementation plan"},
		channels:    []string{"email", "calls", "e-signature"},
		days:        14,
		owner:       model.TeamSales,
		exit:        "The order form is signed and the deal is marked won with its value; the customer success kickoff is booked.",
		notes: map[string]string{
			"ops-olga": "Olga signs; confirm her named pilot owner before the kickoff.",
		},
	},
	"onboarding": {
		goals:       []string{"First useful report within 30 days", "Every site lead logs in"},
		activities:  []string{"Kickoff", "Connectors set up", "KPI template configured", "Training for analysts"},
		information: []string{"onboarding checklist", "documentation", "training videos"},
		channels:    []string{"customer success calls", "in-product guides", "email"},
		days:        45,
		owner:       model.TeamSales,
		exit:        "The weekly operations review runs from the product for three weeks in a row.",
		notes: map[string]string{
			"user-uma": "Uma is the daily user: book her on the analyst training in week one.",
		},
	},
	"retention": {
		goals:       []string{"Prove the payback promised in the business case", "Roll out to more sites"},
		activities:  []string{"Quarterly business review", "Case study and reference calls", "Expansion to new sites"},
		information: []string{"QBR deck with measured outcomes", "customer community", "release notes"},
		channels:    []string{"customer success", "community", "events"},
		days:        365,
		owner:       model.TeamMarketing,
		exit:        "The renewal is signed; advocates stay here and marketing invites them to case studies, referrals and the customer panel.",
		notes: map[string]string{
			"champion-chris": "Credit Chris publicly; ask him to speak at the next practitioner webinar.",
		},
	},
}

// journey returns the default journey stages with Northwind's guidance written in.
func journey(now time.Time) []model.JourneyStage {
	stages := model.DefaultJourney()
	updated := now.Add(-55 * 24 * time.Hour).Truncate(time.Hour)
	for i := range stages {
		g := guides[stages[i].ID]
		s := &stages[i]
		// Copies, so a caller that edits its workspace cannot change the next one.
		s.Goals, s.Activities = slices.Clone(g.goals), slices.Clone(g.activities)
		s.Information, s.Channels = slices.Clone(g.information), slices.Clone(g.channels)
		s.TypicalDays, s.OwnerTeam, s.ExitCriteria, s.PersonaNotes = g.days, g.owner, g.exit, maps.Clone(g.notes)
		s.Updated, s.UpdatedBy, s.Version = updated.Add(time.Duration(i)*time.Hour), tomas.Name, 1
	}
	return stages
}

// journeyIDs reports whether a journey stage exists, for model.Env.
func journeyIDs(stages []model.JourneyStage) func(string) bool {
	ids := make(map[string]bool, len(stages))
	for _, s := range stages {
		ids[s.ID] = true
	}
	return func(id string) bool { return ids[id] }
}
