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

// disputeArguments are marketing's case against a rejection, by the reason given;
// the "" entry answers any reason.
var disputeArguments = map[model.RejectReason][]string{
	"": {
		"{title} at {company} attended the webinar and viewed pricing twice; the fit is there. Worth a real conversation.",
		"Fit score is high and they requested a demo last week. Only one call attempt is logged; please try again before sending it back.",
	},
	model.ReasonBadTiming:       {"This is not bad timing: {first} asked for a proposal in the demo request form."},
	model.ReasonNoBudget:        {"They downloaded the CFO guide and the ROI calculator in the same week. The budget objection is worth a second conversation."},
	model.ReasonUnreachable:     {"The switchboard put me through to {first} yesterday; the number works."},
	model.ReasonBadContact:      {"The contact data was correct: I checked the email and phone against the event badge scan."},
	model.ReasonAlreadyCustomer: {"{company} is not a customer; the customer is a different company with a similar name."},
	model.ReasonNotICP:          {"{company} runs three warehouses with its own operations team: that is our ICP."},
}

var upholdVerdicts = []string{
	"Upheld: the rejection stands on what sales learned on the call. Recycle to nurture.",
	"Upheld: four attempts over two weeks is a fair effort. Marketing, please check the phone field on that form.",
	"Upheld: sales' reading holds. Let's review the scoring rule that sent it in Thursday's session.",
}

var overturnVerdicts = []string{
	"Overturned: the engagement is recent and strong. Back to the inbox; give it another touch this week.",
	"Overturned: marketing's evidence is convincing. Priority accept, please.",
	"Overturned: one attempt is not enough for a lead this engaged. Work it again this week.",
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
		"{mention}", "@"+mention,
		"{owner}", owner,
	).Replace(tpl)
}
