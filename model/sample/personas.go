package sample

import (
	"time"

	"align/model"
)

// personas are the five buyer personas Northwind's marketing and sales teams agreed
// on: one per decision role, written the way a team writes them after a quarter of
// calls, so the persona screens have real content to show.
func personas(now time.Time) []model.Persona {
	updated := now.Add(-41 * 24 * time.Hour).Truncate(time.Hour)
	ps := []model.Persona{
		{
			ID:           "ops-olga",
			Name:         "Ops Olga",
			DecisionRole: model.DecisionMaker,
			Industry:     "Logistics and manufacturing",
			CompanySize:  "200-1000",
			Interests:    []string{"warehouse throughput", "on-time delivery", "lean operations", "automation", "supplier performance"},
			Pains: []string{
				"Weekly operations review is built by hand from five spreadsheets and is stale by Monday",
				"Finds out about missed shipments from customers, not from her own reports",
				"Cannot show the board what last year's automation spend actually saved",
			},
			Goals: []string{
				"Cut late deliveries below 3 % this fiscal year",
				"One number per site that every shift lead trusts",
				"Free her analysts from report building so they can fix processes",
			},
			Objections: []string{
				"We tried a BI tool two years ago and nobody opened it after launch",
				"My team has no time for a six-month implementation",
				"IT will never approve another cloud vendor this year",
			},
			Channels:    []string{"industry events", "LinkedIn", "peer referrals", "webinars"},
			Information: []string{"Supply Chain Dive", "case studies from similar companies", "analyst reports on warehouse automation", "peer benchmarks"},
			Messaging: `## How to talk to Olga

Olga owns the operations budget and signs the contract. She is measured on
delivery performance and cost per order, not on dashboards, so **lead with the
operational outcome** and keep the product in the background.

### Open with

- A benchmark from a company her size: "3PLs with 300 to 800 people cut late
  shipments by a third in two quarters."
- The Monday-morning review she builds by hand today, and what it would look like
  if it built itself.

### Avoid

- Feature tours in the first call: she will send them to IT and disengage.
- The word "dashboard" on its own; say "the site review your shift leads already run".

### Proof she asks for

1. A reference customer in logistics or manufacturing she can call.
2. A 30-day pilot plan with one site and a named owner on her side.
3. The implementation effort in her team's hours, not ours.
`,
		},
		{
			ID:           "it-ivan",
			Name:         "IT Ivan",
			DecisionRole: model.Gatekeeper,
			Industry:     "Any, mostly mid-market",
			CompanySize:  "200-5000",
			Interests:    []string{"security and compliance", "single sign-on", "data integration", "cloud cost control", "vendor consolidation"},
			Pains: []string{
				"Every department buys its own SaaS tool and he inherits the integrations",
				"Security questionnaires take weeks because vendors answer vaguely",
				"The ERP team is already over capacity",
			},
			Goals: []string{
				"Fewer vendors, each with SSO, audit logs and a clear data-processing agreement",
				"No new integration work for his team this year",
				"Pass the next ISO 27001 audit without findings",
			},
			Objections: []string{
				"Where is the data stored, and who at your company can read it?",
				"We do not allow write access to the ERP",
				"Your connector list does not include our version of SAP",
			},
			Channels:    []string{"email", "vendor security portals", "technical documentation", "Reddit and Stack Overflow"},
			Information: []string{"security whitepapers", "API documentation", "SOC 2 reports", "Gartner peer reviews"},
			Messaging: `## How to talk to Ivan

Ivan cannot buy, but he can stop any deal. He is the **gatekeeper**: bring him in
early, before he hears about us from Olga's team as a done deal.

### What he needs from us

- The security pack (SOC 2 Type II, DPA, pen-test summary) **before** he asks.
- A one-page architecture diagram: read-only connectors, EU or US hosting, SSO.
- A named solutions engineer, not a sales rep, for his questions.

### Talking points

- "Read-only by design: we never write to your ERP or WMS."
- "SAML SSO and SCIM on every plan; audit log exportable to your SIEM."
- "Typical IT effort: two days to connect, then nothing."

### Red flags

- He asks for on-premises hosting: qualify hard, it is not on the roadmap.
- He has not heard of the project: stop and ask Olga to introduce us properly.
`,
		},
		{
			ID:           "finance-fiona",
			Name:         "Finance Fiona",
			DecisionRole: model.Influencer,
			Industry:     "Logistics, manufacturing and retail",
			CompanySize:  "200-2000",
			Interests:    []string{"cost per order", "working capital", "forecast accuracy", "return on investment", "budget cycles"},
			Pains: []string{
				"Operations asks for tools without a business case she can check",
				"Cost figures from operations and finance never match",
				"Software spend grew 30 % last year with no measured return",
			},
			Goals: []string{
				"Every new tool pays back inside 12 months, on numbers she trusts",
				"One shared definition of cost per order across finance and operations",
				"Predictable annual pricing, no usage surprises",
			},
			Objections: []string{
				"Show me the payback on our numbers, not an average",
				"Why per-seat pricing when half the seats are read-only?",
				"This was not in the budget; come back in Q1",
			},
			Channels:    []string{"email", "analyst reports", "CFO round tables", "LinkedIn"},
			Information: []string{"ROI calculators", "CFO Dive", "total cost of ownership comparisons", "customer references at CFO level"},
			Messaging: `## How to talk to Fiona

Fiona does not use the product. She **influences** the deal through the business
case, and she can stall it for a quarter by asking for one more number.

### Bring

- The ROI model filled in with *her* volumes (orders per month, late-shipment cost).
- Annual pricing with read-only seats free, in one line.
- A CFO reference who will say what payback they actually saw.

### Timing

Budget is set in September and October. A deal that reaches Fiona in November
without a budget line usually slips to Q1: flag it in the notes and **recycle with
reason bad timing**, not no budget, so marketing nurtures it for the next cycle.

### Do not

- Quote list prices in the first email.
- Argue with her numbers: ask which assumption she would change.
`,
		},
		{
			ID:           "champion-chris",
			Name:         "Champion Chris",
			DecisionRole: model.Champion,
			Industry:     "Any, data-minded operations teams",
			CompanySize:  "50-1000",
			Interests:    []string{"operational analytics", "automation", "process improvement", "career growth", "community events"},
			Pains: []string{
				"Spends Thursday and Friday building the weekly pack instead of analysing it",
				"Nobody upstream trusts his numbers because the sources disagree",
				"Has pitched better tooling twice and lost to other priorities",
			},
			Goals: []string{
				"Be the person who fixed operations reporting",
				"Get promoted to head of operational excellence",
				"A tool his analysts like using, so adoption is not his problem",
			},
			Objections: []string{
				"I need to show results before I can ask for budget",
				"My boss will ask why not just Power BI",
				"I cannot run a long evaluation on top of my day job",
			},
			Channels:    []string{"webinars", "community Slack groups", "LinkedIn", "YouTube walkthroughs", "referrals"},
			Information: []string{"hands-on tutorials", "templates", "practitioner blogs", "conference talks"},
			Messaging: `## How to talk to Chris

Chris is our **champion**: he found us, he wants this, and he will sell it inside
his company if we arm him. Most won deals started with a Chris.

### Arm him

- A free workspace with his own data in a day: the KPI template workbook is the
  fastest path.
- A two-slide internal pitch he can present to Olga, with the payback on slide two.
- An answer to "why not Power BI" that is about time saved, not features.

### Keep him

- Invite him to the customer community and the quarterly practitioner webinar.
- Credit him on the wins wall and in the case study if the deal closes.

> If Chris goes quiet for two weeks, it usually means he lost an internal
> argument. Ask what objection he heard; do not send another demo link.
`,
		},
		{
			ID:           "user-uma",
			Name:         "User Uma",
			DecisionRole: model.User,
			Industry:     "Logistics, retail and manufacturing",
			CompanySize:  "50-5000",
			Interests:    []string{"Excel and SQL tips", "data visualisation", "automation of routine work", "learning new tools"},
			Pains: []string{
				"Copies the same exports into the same workbook every morning",
				"Gets blamed when a number is wrong that came from someone else's sheet",
				"Learns every new tool alone, from videos, at night",
			},
			Goals: []string{
				"Finish the daily report before 9 am",
				"Spend her time on analysis that gets noticed",
				"Skills that look good on her next CV",
			},
			Objections: []string{
				"Another tool to learn on top of Excel",
				"Will it break my existing workbooks?",
			},
			Channels:    []string{"organic search", "YouTube", "content downloads", "email newsletters"},
			Information: []string{"how-to guides", "templates", "short videos", "product documentation"},
			Messaging: `## How to talk to Uma

Uma uses the product every day but does not choose it. She arrives through
**search and content downloads**, often before anyone else at her company knows
about us. Treat her as a signal, not a deal.

### What works

- Templates and short how-to videos; no sales call unless she asks.
- Showing how her existing workbook imports in minutes.
- Pointing her to Chris-type colleagues: "who runs the weekly operations pack?"

### Handoff rule

An Uma lead on her own is **nurture**, not an MQL, unless her company already has
an open opportunity or she requested a demo. Sales: reject with *bad timing* or
*not ICP* rather than let her sit in the inbox.
`,
		},
	}
	for i := range ps {
		ps[i].Updated, ps[i].UpdatedBy, ps[i].Version = updated.Add(time.Duration(i)*26*time.Hour), maya.Name, 1
	}
	return ps
}
