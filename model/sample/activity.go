package sample

import (
	"slices"
	"time"

	"align/model"
)

// Activity kinds the sample leads have; the default rule set scores them.
const (
	kindVisit    = "visit"
	kindOpen     = "email_open"
	kindWebinar  = "webinar"
	kindDemo     = "demo_request"
	kindPricing  = "pricing_view"
	kindDownload = "content_download"
)

// signalKinds are what tips a lead into the MQL inbox, with how often each does.
var (
	signalKinds   = []string{kindDemo, kindPricing, kindWebinar, kindDownload}
	signalWeights = []int{45, 35, 10, 10}
)

// activity is what a lead did between its creation and now: visits and email opens
// in proportion to its strength, what its source implies (a webinar lead attended
// one), and the signal that made it an MQL shortly before it became one.
func activity(d *dice, p *leadPlan, now time.Time) []model.Activity {
	c := p.created
	var out []model.Activity
	add := func(kind string, at time.Time) {
		if !at.Before(c) && !at.After(now) {
			out = append(out, model.Activity{Kind: kind, At: at})
		}
	}
	within := func(from, to time.Time) time.Time {
		return from.Add(d.span(0, to.Sub(from)))
	}
	switch p.lead.Source {
	case "webinar":
		add(kindWebinar, c)
	case "content download":
		add(kindDownload, c)
	default:
		add(kindVisit, c)
	}
	visits := [...][2]int{{1, 3}, {2, 5}, {4, 9}, {6, 14}}[p.strength]
	opens := [...][2]int{{0, 2}, {1, 4}, {2, 6}, {3, 8}}[p.strength]
	for range d.between(visits[0], visits[1]) {
		add(kindVisit, within(c, now))
	}
	for range d.between(opens[0], opens[1]) {
		add(kindOpen, within(c, now))
	}
	if p.mqlAt >= 0 {
		m := c.Add(p.mqlAt)
		add(signalKinds[d.weighted(signalWeights)], m.Add(-d.span(minute, min(90*minute, p.mqlAt))))
		if p.strength >= 2 {
			add(kindPricing, within(c, m))
		}
	}
	if p.outcome == wonDeal || p.outcome == lostSQL || p.outcome == staySQL {
		// Evaluation: the buying team comes back to pricing and the docs.
		from := c.Add(p.mqlAt)
		add(kindPricing, within(from, now))
		for range d.between(2, 6) {
			add(kindVisit, within(from, now))
		}
	}
	slices.SortStableFunc(out, func(a, b model.Activity) int { return a.At.Compare(b.At) })
	return out
}
