package sample

import (
	"strings"

	"align/model"
)

// The words people write in the sample history: contact logs, rejection notes,
// dispute arguments, verdicts and team notes. Placeholders in braces are filled per
// lead by fill: {first} the lead's first name, {company}, {title}, {mention} another
// member as @Name, and {owner}.

var touchNotes = []string{
	"Call: 20 minutes of discovery. Weekly ops pack takes {first} two days; wants a pilot at one site.",
	"Left a voicemail and sent the KPI template by email.",
	"LinkedIn reply from {first}; intro call booked for Thursday.",
	"Quick call: {first} confirmed they are comparing us with an in-house build.",
	"Email reply: interested, asked for pricing for 3 sites and the security pack.",
	"Spoke with {first} and their IT lead; SSO is a must-have, we have it.",
	"Call: {company} is consolidating reporting tools this quarter. Good timing.",
	"Connected on the second attempt; {first} attended the webinar and wants a tailored demo.",
	"",
	"",
}

var rejectNotes = map[model.RejectReason][]string{
	model.ReasonUnreachable:      {"Three calls and two emails over a week, no answer.", "Phone number rings out; email auto-reply only.", ""},
	model.ReasonBadContact:       {"Phone number belongs to a different company.", "Email bounced; no one by that name on the switchboard.", ""},
	model.ReasonNotICP:           {"12-person agency, no operations team.", "Consultant researching tools for a client; no buying intent.", "Public-sector body; we do not sell there yet.", ""},
	model.ReasonNoBudget:         {"Budget frozen until the next fiscal year.", "Interested, but the ops budget went to a WMS upgrade.", ""},
	model.ReasonBadTiming:        {"Mid-ERP migration; asked us to call back after go-live in Q2.", "Peak season: no projects until January.", ""},
	model.ReasonAlreadyCustomer:  {"Their parent company is already a customer; passed to the account team.", ""},
	model.ReasonLostToCompetitor: {"Signed with a competitor last month.", "Went with Power BI through their Microsoft agreement.", ""},
	model.ReasonLeftCompany:      {"Left the company; their replacement starts next month.", ""},
	model.ReasonDuplicate:        {"Same person as an existing open lead under a personal email.", "Duplicate of a lead already owned by {owner}.", ""},
	model.ReasonOther: {
		"Student working on a thesis about warehouse analytics.",
		"Reseller asking for partner pricing; sent to the partner team.",
		"Journalist researching an article; forwarded to marketing.",
		"Job applicant who used the demo form by mistake.",
	},
}

var disputeArguments = []string{
	"{title} at a {employees}-person company in our core industry, attended the webinar and viewed pricing twice. This is not bad timing: they asked for a proposal.",
	"Fit score is high and they requested a demo last week. Only one call attempt is logged; please try again before recycling.",
	"The contact data was correct: the switchboard put me through to {first} yesterday.",
	"{company} is not a customer; the customer is a different company with a similar name.",
	"They downloaded the CFO guide and the ROI calculator in the same week. The budget objection is worth a second conversation.",
}

var upholdVerdicts = []string{
	"Upheld: the budget freeze was confirmed on the call. Recycle to the Q1 nurture track.",
	"Upheld: four attempts over two weeks is a fair effort. Marketing, please check the phone field on that form.",
	"Upheld: not our ICP at that size. Let's tighten the company-size rule in Thursday's session.",
}

var overturnVerdicts = []string{
	"Overturned: the engagement is recent and strong. Back to the inbox; give it another touch this week.",
	"Overturned: the contact data checks out. Priority accept, please.",
	"Overturned: different company from the customer. Work it as a new lead.",
}

var lostReasons = []string{
	"Chose a competitor on price",
	"No decision: project shelved after a reorganisation",
	"Budget moved to a WMS upgrade",
	"Built it in-house with their BI team",
	"Champion left the company mid-evaluation",
	"Security review failed on data residency",
	"Went with Power BI through their Microsoft agreement",
	"Timing: revisit after their ERP migration",
}

var teamNotes = []string{
	"{mention} this one came from the Rotterdam summit booth; {first} asked about SAP integration.",
	"{mention} can you look at this before Thursday's joint session?",
	"Spoke at the webinar Q&A about late shipments. {mention} worth a personal follow-up.",
	"{mention} {company} is on our target account list; loop me in on the demo.",
	"Pricing question came in through chat: three sites, annual billing. {mention} FYI.",
	"{mention} their IT lead wants the SOC 2 report before the next call.",
	"Same company as a won deal last quarter; {mention} ask for an intro from the champion.",
	"Checked the form data: the phone number was a typo, fixed in the CRM. {mention}",
}

// fill replaces the placeholders of a template for one lead.
func fill(tpl string, l *leadPlan, mention, owner string) string {
	if !strings.Contains(tpl, "{") {
		return tpl
	}
	first, _, _ := strings.Cut(l.lead.Name, " ")
	return strings.NewReplacer(
		"{first}", first,
		"{company}", l.lead.Company,
		"{title}", l.lead.Title,
		"{employees}", itoa(l.lead.Employees),
		"{mention}", "@"+mention,
		"{owner}", owner,
	).Replace(tpl)
}
