package sample

import (
	"time"

	"align/model"
)

// Durations the stories are told in.
const (
	minute = time.Minute
	hour   = time.Hour
	day    = 24 * time.Hour
	// maxAge is how far back the history reaches: every event is inside the last 90 days.
	maxAge = 89 * day
)

// teller writes lead stories: the steps from creation to the lead's final stage.
type teller struct{ d *dice }

// acceptor picks who claims an MQL: mostly the SDRs, sometimes the AE or leadership.
func (t *teller) acceptor() model.Member {
	return []model.Member{priya, diego, kenji, sofia}[t.d.weighted([]int{46, 40, 10, 4})]
}

// decider picks who rules on a dispute: leadership, or the admin when they are away.
func (t *teller) decider() model.Member {
	if t.d.chance(0.15) {
		return amara
	}
	return sofia
}

// reason draws a rejection reason with weights keyed by reason.
func (t *teller) reason(weights map[model.RejectReason]int) model.RejectReason {
	ws := make([]int, len(model.RejectReasons))
	for i, r := range model.RejectReasons {
		ws[i] = weights[r]
	}
	return model.RejectReasons[t.d.weighted(ws)]
}

// Reason weights by situation: why sales sends leads back, as sales teams report it.
var (
	rejectFromInbox  = map[model.RejectReason]int{model.ReasonUnreachable: 24, model.ReasonBadTiming: 18, model.ReasonNoBudget: 12, model.ReasonBadContact: 12, model.ReasonNotICP: 10, model.ReasonLeftCompany: 6, model.ReasonDuplicate: 5, model.ReasonAlreadyCustomer: 3, model.ReasonOther: 6}
	rejectAfterCall  = map[model.RejectReason]int{model.ReasonNoBudget: 30, model.ReasonBadTiming: 30, model.ReasonUnreachable: 10, model.ReasonLeftCompany: 8, model.ReasonLostToCompetitor: 12, model.ReasonOther: 6}
	disqualifyInbox  = map[model.RejectReason]int{model.ReasonNotICP: 35, model.ReasonBadContact: 20, model.ReasonDuplicate: 15, model.ReasonAlreadyCustomer: 10, model.ReasonLostToCompetitor: 8, model.ReasonUnreachable: 5, model.ReasonOther: 7}
	disqualifyAfter  = map[model.RejectReason]int{model.ReasonNotICP: 40, model.ReasonAlreadyCustomer: 15, model.ReasonLostToCompetitor: 25, model.ReasonDuplicate: 10, model.ReasonOther: 10}
	untouchedByState = []int{40, 15, 45} // on track, at risk, breached
)

// rejectCmd is a reject or disqualify command with a reason and, where people
// write one, a note.
func (t *teller) rejectCmd(p *leadPlan, a model.Action, weights map[model.RejectReason]int) model.Command {
	r := t.reason(weights)
	note := pick(t.d, rejectNotes[r])
	return model.Command{Action: a, Reason: r, Note: fill(note, p, "", pick(t.d, sdrs).Name)}
}

// inboxAge is how long ago a still-pending MQL entered the inbox: on track, at risk
// or breached against the 24-hour acceptance SLA.
func (t *teller) inboxAge() time.Duration {
	switch t.d.weighted(untouchedByState) {
	case 0:
		return t.d.span(5*minute, 17*hour+50*minute)
	case 1:
		return t.d.span(18*hour+10*minute, 23*hour+50*minute)
	}
	return 24*hour + 10*minute + t.expSpan(3*day, 20*day)
}

// idleAge is how long ago a lead that nobody contacted was accepted, against the
// 4-hour first-touch SLA.
func (t *teller) idleAge() time.Duration {
	switch t.d.weighted(untouchedByState) {
	case 0:
		return t.d.span(5*minute, 2*hour+50*minute)
	case 1:
		return t.d.span(3*hour+5*minute, 3*hour+55*minute)
	}
	return 4*hour + 10*minute + t.expSpan(2*day, 10*day)
}

// expSpan is an exponentially distributed duration with the given mean, capped.
func (t *teller) expSpan(mean, limit time.Duration) time.Duration {
	return min(time.Duration(t.d.r.ExpFloat64()*float64(mean)), limit).Truncate(time.Second)
}

// responseDelay is how long after becoming an MQL the first contact happened.
func (t *teller) responseDelay(r response) time.Duration {
	switch r {
	case withinHour:
		return t.d.span(4*minute, 59*minute)
	case withinDay:
		return t.d.span(61*minute, 23*hour+50*minute)
	}
	return 24*hour + 10*minute + t.expSpan(60*hour, 10*day)
}

// tell writes the steps of a lead that becomes an MQL. It returns the offset the
// lead's pending clock started at and how long ago that must be, or a zero age when
// nothing is pending and the lead may sit anywhere in the 90 days.
func (t *teller) tell(p *leadPlan) (anchor, age time.Duration) {
	d := t.d
	var at time.Duration
	if d.chance(0.2) {
		at = d.span(10*minute, 2*hour) // a demo request form: MQL on arrival
	} else {
		at = d.span(day, 21*day)
	}
	p.mqlAt = at
	marketer := pick(d, marketers)
	p.add(at, marketer, model.Command{Action: model.ActMarkMQL})
	p.add(at+d.span(minute, 30*minute), marketer, model.Command{Action: model.ActJourney, To: "consideration"})

	switch p.outcome {
	case inInbox:
		age = t.inboxAge()
		if d.chance(0.15) {
			p.add(at+age/3, sofia, model.Command{Action: model.ActAssign, To: pick(d, sdrs).Name})
		}
		return at, age
	case rejectedMQL, disqualMQL:
		delay := d.span(5*minute, 20*hour)
		if d.chance(0.65) {
			delay = d.span(day, 20*day) // nobody called; the inbox was cleaned up late
		}
		a, w := model.ActReject, rejectFromInbox
		if p.outcome == disqualMQL {
			a, w = model.ActDisqualify, disqualifyInbox
		}
		c := t.rejectCmd(p, a, w)
		return t.afterRejection(p, p.add(at+delay, pick(d, sdrs), c), c)
	case acceptedIdle:
		acc := at + d.span(5*minute, 30*hour)
		p.add(acc, pick(d, sdrs), model.Command{Action: model.ActAccept})
		return acc, t.idleAge()
	}

	// Every other story starts with a contact after p.resp.
	owner := t.acceptor()
	touch := at + t.responseDelay(p.resp)
	acc := at + d.span(minute, touch-at-minute)
	if p.resp == later && d.chance(0.5) {
		acc = at + d.span(10*minute, min(23*hour, touch-at-minute))
	}
	p.add(acc, owner, model.Command{Action: model.ActAccept})
	at = p.add(touch, owner, model.Command{Action: model.ActTouch, Note: fill(pick(d, touchNotes), p, "", "")})

	switch p.outcome {
	case staySAL:
		if d.chance(0.4) {
			p.add(at+d.span(day, 6*day), owner, model.Command{Action: model.ActTouch, Note: fill(pick(d, touchNotes), p, "", "")})
		}
		return 0, 0
	case rejectedSAL:
		c := t.rejectCmd(p, model.ActReject, rejectAfterCall)
		return t.afterRejection(p, p.add(at+d.span(day, 14*day), owner, c), c)
	case disqualSAL:
		c := t.rejectCmd(p, model.ActDisqualify, disqualifyAfter)
		return t.afterRejection(p, p.add(at+d.span(day, 10*day), owner, c), c)
	case lostSAL:
		closer, at := t.handover(p, owner, at+d.span(hour, 2*day))
		p.add(at+d.span(2*day, 14*day), closer, model.Command{Action: model.ActLost, LostReason: pick(d, lostReasons)})
		return 0, 0
	}

	at = p.add(at+d.span(day, 10*day), owner, model.Command{Action: model.ActQualify})
	p.add(at+d.span(minute, hour), owner, model.Command{Action: model.ActJourney, To: "decision"})
	closer, at := t.handover(p, owner, at+d.span(30*minute, day))
	switch p.outcome {
	case wonDeal:
		at = p.add(at+d.span(7*day, 40*day), closer, model.Command{Action: model.ActWon, Value: dealValue(d, p.lead.Employees)})
		p.add(at+d.span(minute, hour), closer, model.Command{Action: model.ActJourney, To: "purchase"})
	case lostSQL:
		p.add(at+d.span(5*day, 35*day), closer, model.Command{Action: model.ActLost, LostReason: pick(d, lostReasons)})
	case staySQL:
		if d.chance(0.5) {
			p.add(at+d.span(day, 8*day), closer, model.Command{Action: model.ActTouch, Note: "Demo with the wider team; proposal requested."})
		}
	}
	return 0, 0
}

// handover passes an SDR's lead to a closer (leadership assigns it) so it can be
// won or lost; an AE or leadership owner keeps it. It returns the closer and the
// offset after the handover.
func (t *teller) handover(p *leadPlan, owner model.Member, at time.Duration) (model.Member, time.Duration) {
	if owner.Role != model.RoleSDR {
		return owner, at
	}
	closer := kenji
	if t.d.chance(0.15) {
		closer = sofia
	}
	p.add(at, sofia, model.Command{Action: model.ActAssign, To: closer.Name})
	return closer, at
}

// afterRejection continues a rejected lead's story: marketing may dispute it and
// leadership decide, and a recycled lead may come back as an MQL. It returns the
// pending clock's anchor and age as tell does.
func (t *teller) afterRejection(p *leadPlan, at time.Duration, rejection model.Command) (time.Duration, time.Duration) {
	d := t.d
	if d.chance(0.22) {
		args := disputeArguments[rejection.Reason]
		if len(args) == 0 || d.chance(0.3) {
			args = disputeArguments[""]
		}
		at = p.add(at+d.span(2*hour, 3*day), pick(d, marketers),
			model.Command{Action: model.ActDispute, Note: fill(pick(d, args), p, "", "")})
		switch d.weighted([]int{30, 40, 30}) {
		case 0:
			return 0, 0 // waiting for the next joint session
		case 1:
			p.add(at+d.span(day, 7*day), t.decider(), model.Command{Action: model.ActVerdict, Verdict: model.VerdictUphold, Note: pick(d, upholdVerdicts)})
			return 0, 0
		}
		at = p.add(at+d.span(day, 7*day), t.decider(), model.Command{Action: model.ActVerdict, Verdict: model.VerdictOverturn, Note: pick(d, overturnVerdicts)})
		return t.secondChance(p, at)
	}
	if rejection.Action == model.ActReject && d.chance(0.12) {
		at = p.add(at+d.span(7*day, 25*day), pick(d, marketers), model.Command{Action: model.ActMarkMQL})
		return t.secondChance(p, at)
	}
	return 0, 0
}

// secondChance is an MQL back in the inbox (overturned or re-qualified): it waits
// there, or an SDR accepts and calls it.
func (t *teller) secondChance(p *leadPlan, at time.Duration) (time.Duration, time.Duration) {
	d := t.d
	if d.chance(0.5) {
		return at, t.inboxAge()
	}
	sdr := pick(d, sdrs)
	at = p.add(at+d.span(10*minute, 20*hour), sdr, model.Command{Action: model.ActAccept})
	p.add(at+d.span(10*minute, 3*hour), sdr, model.Command{Action: model.ActTouch, Note: fill(pick(d, touchNotes), p, "", "")})
	return 0, 0
}

// dealValue is a won deal's annual value, larger for larger companies, in steps of 500.
func dealValue(d *dice, employees int) int64 {
	base := 9000.0
	switch {
	case employees >= 5000:
		base = 60000
	case employees >= 1000:
		base = 32000
	case employees >= 200:
		base = 18000
	}
	v := base * (0.6 + d.r.Float64()*1.2)
	return int64(v/500+0.5) * 500
}
