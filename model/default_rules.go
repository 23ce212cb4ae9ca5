package model

// DefaultHalfLifeDays halves engagement points every two weeks: a pricing-page view
// from last month counts a quarter of one from today.
const DefaultHalfLifeDays = 14

// DefaultMQL makes a lead an MQL when it has enough score in total and has done
// something itself: a perfect fit that never engaged is not ready for sales yet.
const DefaultMQL = "score >= 40 && engagement >= 20"

// DefaultRuleSet is the rule set a new workspace starts with. It serves two kinds of
// leads at once: B2B leads with a title, company size, industry and dated activity
// (the sample workspace), and leads imported from a form-driven CSV such as X
// Education's (occupation, time on site, lead origin as columns). A rule whose
// inputs a lead lacks simply does not match it.
//
// It never reads columns that sales fills in after contact (X Education's Tags,
// Lead Quality and Last Notable Activity) nor the outcome itself (Converted): a
// score built on them would look accurate and predict nothing.
func DefaultRuleSet() RuleSet {
	return RuleSet{
		Version:      1,
		Rules:        append(defaultFitRules(), defaultEngagementRules()...),
		MQL:          DefaultMQL,
		HalfLifeDays: DefaultHalfLifeDays,
		Personas:     DefaultPersonaRules(),
	}
}

// Title words shared by the fit rules and the persona rules, for hasWord.
const (
	seniorWords  = "chief|ceo|coo|cto|cfo|cio|cmo|vp|svp|evp|vice president|head of|director|founder|co-founder|owner|president|partner"
	managerWords = "manager|team lead|team leader|lead|supervisor"
)

func defaultFitRules() []Rule {
	return []Rule{
		{ID: "senior-title", Dimension: DimFit, Points: 25, Reason: "senior title",
			When: `hasWord(title, "` + seniorWords + `")`},
		{ID: "manager-title", Dimension: DimFit, Points: 10, Reason: "manager or team lead",
			When: `hasWord(title, "` + managerWords + `") && !hasWord(title, "` + seniorWords + `")`},
		{ID: "company-size-core", Dimension: DimFit, Points: 15, Reason: "company of 50-5,000 people",
			When: `employees >= 50 && employees <= 5000`},
		{ID: "company-size-enterprise", Dimension: DimFit, Points: 10, Reason: "enterprise (over 5,000 people)",
			When: `employees > 5000`},
		{ID: "company-size-tiny", Dimension: DimFit, Points: -10, Reason: "company under 10 people",
			When: `employees > 0 && employees < 10`},
		{ID: "target-industry", Dimension: DimFit, Points: 10, Reason: "industry we serve",
			When: `hasWord(industry, "software|saas|technology|financial services|fintech|manufacturing|logistics|healthcare|retail|professional services|education")`},
		{ID: "served-country", Dimension: DimFit, Points: 5, Reason: "country we sell in",
			When: `country in ["United States", "Canada", "United Kingdom", "Ireland", "Germany", "France", "Netherlands", "Sweden", "Denmark", "Australia", "Singapore", "India"]`},
		{ID: "personal-email", Dimension: DimFit, Points: -10, Reason: "personal email address",
			When: `hasWord(email, "gmail.com|googlemail.com|yahoo.com|hotmail.com|outlook.com|live.com|aol.com|icloud.com")`},
		{ID: "referred", Dimension: DimFit, Points: 15, Reason: "referred by a customer or partner",
			When: `lower(source) in ["reference", "referral", "partner", "customer referral", "word of mouth"]`},
		{ID: "working-professional", Dimension: DimFit, Points: 25, Reason: "working professional",
			When: `attr("What is your current occupation") in ["Working Professional", "Businessman"]`},
		{ID: "occupation-given", Dimension: DimFit, Points: 10, Reason: "told us their occupation",
			When: `has("What is your current occupation")`},
	}
}

// defaultEngagementRules read engagement events, X Education's columns and the usual
// CRM export columns (Total Visits, Time On Site in seconds, Last Activity).
func defaultEngagementRules() []Rule {
	return []Rule{
		{ID: "demo-request", Dimension: DimEngagement, Points: 35, Reason: "asked for a demo",
			When: `count("demo_request") > 0 || attr("Last Activity") == "Demo Requested"`},
		{ID: "pricing-page", Dimension: DimEngagement, Points: 30, Reason: "pricing page",
			When: `count("pricing_view") > 0 || attr("Last Activity") == "Pricing Page Viewed"`},
		{ID: "webinar", Dimension: DimEngagement, Points: 15, Reason: "attended a webinar",
			When: `count("webinar") > 0 || attr("Last Activity") == "Webinar Attended"`},
		{ID: "content-download", Dimension: DimEngagement, Points: 10, Reason: "downloaded content",
			When: `count("content_download") > 0 || attr("Last Activity") == "Content Downloaded"`},
		{ID: "email-opens", Dimension: DimEngagement, Points: 5, Reason: "opened or clicked our emails",
			When: `count("email_open") >= 3 || attr("Last Activity") in ["Email Opened", "Email Link Clicked"]`},
		{ID: "frequent-visitor", Dimension: DimEngagement, Points: 10, Reason: "5 or more website visits",
			When: `count("visit") >= 5 || num("TotalVisits") >= 5 || num("Total Visits") >= 5`},
		{ID: "time-on-site", Dimension: DimEngagement, Points: 25, Reason: "over 10 minutes on the website",
			When: `num("Total Time Spent on Website") >= 600 || num("Time On Site") >= 600`},
		{ID: "long-time-on-site", Dimension: DimEngagement, Points: 10, Reason: "over 20 minutes on the website",
			When: `num("Total Time Spent on Website") >= 1200 || num("Time On Site") >= 1200`},
		{ID: "enquiry-form", Dimension: DimEngagement, Points: 30, Reason: "filled in the enquiry form",
			When: `attr("Lead Origin") in ["Lead Add Form", "Quick Add Form"]`},
		{ID: "phone-conversation", Dimension: DimEngagement, Points: 15, Reason: "talked to us on the phone",
			When: `attr("Last Activity") == "Had a Phone Conversation"`},
		{ID: "email-bounced", Dimension: DimEngagement, Points: -15, Reason: "email bounced",
			When: `attr("Last Activity") == "Email Bounced"`},
		{ID: "email-opt-out", Dimension: DimEngagement, Points: -15, Reason: "asked not to be emailed",
			When: `attr("Do Not Email") == "Yes" || attr("Last Activity") == "Unsubscribed"`},
	}
}

// DefaultPersonaRules link leads to the sample workspace's five personas by title.
// The order matters, since the first match wins: the specific roles (operations
// leaders, IT, finance) come before the generic ones (any manager, any analyst), so
// an "IT Manager" is Ivan and not Chris.
func DefaultPersonaRules() []PersonaRule {
	return []PersonaRule{
		{Persona: "ops-olga", When: `hasWord(title, "coo|chief operating officer|operations director") || ` +
			`hasWord(title, "operations|ops") && hasWord(title, "head|vp|svp|vice president|director|chief")`},
		{Persona: "it-ivan", When: `hasWord(title, "cto|cio|chief technology officer|chief information officer|it|engineering|engineer|` +
			`developer|devops|infrastructure|sysadmin|systems administrator")`},
		{Persona: "finance-fiona", When: `hasWord(title, "cfo|chief financial officer|finance|financial|controller|` +
			`accounting|accountant|treasurer")`},
		{Persona: "champion-chris", When: `hasWord(title, "` + managerWords + `")`},
		{Persona: "user-uma", When: `hasWord(title, "analyst|specialist|coordinator|associate|assistant|administrator|` +
			`consultant|representative")`},
	}
}
