package sample

import (
	"time"

	"align/model"
)

// campaignPlan is one sample campaign with its launch as days before now and the lead
// source its leads arrive through.
type campaignPlan struct {
	c       model.Campaign
	ago     int // launch, in days before now
	length  int // days it runs
	window  int // days after launch that new leads are still attributed to it
	source  string
	weight  int // share of the source's leads it brings in while it runs
	persona []string
}

// campaignPlans are Northwind's campaigns of the last quarter.
func campaignPlans() []campaignPlan {
	return []campaignPlan{
		{c: model.Campaign{ID: "warehouse-kpi-webinar", Name: "Warehouse KPIs that matter (webinar)", Channel: "webinar",
			Content: "60-minute live webinar with a customer panel from Bluefin Logistics, plus the KPI template workbook for attendees.",
			Budget:  12000, Owner: maya.Name}, ago: 82, length: 60, window: 75, source: "webinar", weight: 5,
			persona: []string{"ops-olga", "champion-chris", "user-uma"}},
		{c: model.Campaign{ID: "cfo-roi-guide", Name: "The CFO's guide to operations ROI", Channel: "content",
			Content: "Gated 24-page guide with an ungated ROI calculator; promoted on LinkedIn to finance titles.",
			Budget:  18500, Owner: tomas.Name}, ago: 71, length: 70, window: 71, source: "content download", weight: 6,
			persona: []string{"finance-fiona", "ops-olga"}},
		{c: model.Campaign{ID: "paid-search-ops-dashboards", Name: "Q4 paid search: operations reporting", Channel: "paid search",
			Content: "Search ads on 'warehouse KPI dashboard', 'operations reporting software' and competitor terms, landing on the template page.",
			Budget:  30000, Owner: tomas.Name}, ago: 60, length: 60, window: 60, source: "paid search", weight: 7,
			persona: []string{"ops-olga", "user-uma"}},
		{c: model.Campaign{ID: "supply-chain-summit", Name: "Supply Chain Ops Summit, Rotterdam", Channel: "event",
			Content: "Booth, a 20-minute talk on late-shipment analytics, and a customer dinner for 24 guests.",
			Budget:  42000, Owner: maya.Name}, ago: 45, length: 3, window: 21, source: "event", weight: 10,
			persona: []string{"ops-olga", "champion-chris", "it-ivan"}},
		{c: model.Campaign{ID: "it-security-briefing", Name: "Security and integration briefing for IT", Channel: "email",
			Content: "Email sequence and a 30-minute technical briefing: read-only connectors, SSO, SOC 2 report on request.",
			Budget:  6000, Owner: maya.Name}, ago: 30, length: 30, window: 30, source: "outbound", weight: 4,
			persona: []string{"it-ivan"}},
		{c: model.Campaign{ID: "customer-referrals", Name: "Customer referral programme", Channel: "referral",
			Content: "A donation to the referrer's chosen charity for every qualified introduction; announced in the customer community.",
			Budget:  9000, Owner: tomas.Name}, ago: 20, length: 90, window: 20, source: "referral", weight: 6,
			persona: []string{"champion-chris", "ops-olga"}},
	}
}

// campaigns returns the sample campaigns with dates relative to now: each launched at
// 09:00 UTC on its day. Campaigns still running have no end date.
func campaigns(now time.Time, plans []campaignPlan) []model.Campaign {
	day := now.Truncate(24 * time.Hour)
	out := make([]model.Campaign, len(plans))
	for i, p := range plans {
		c := p.c
		c.Launch = day.Add(-time.Duration(p.ago)*24*time.Hour + 9*time.Hour)
		if end := c.Launch.Add(time.Duration(p.length) * 24 * time.Hour); end.Before(now) {
			c.End = end
		}
		c.Personas = append([]string(nil), p.persona...)
		c.Version = 1
		out[i] = c
	}
	return out
}
