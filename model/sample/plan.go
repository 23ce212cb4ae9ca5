package sample

import (
	"time"

	"align/model"
)

// response is how quickly sales first contacted a lead after it became an MQL: the
// buckets of the published response-time research that product.md cites.
type response int

// Response buckets. noResponse marks leads that never became an MQL.
const (
	noResponse response = iota
	withinHour
	withinDay
	later
	never
)

// responseWeights are the research's shares, in per cent, for withinHour..never.
var responseWeights = []int{37, 16, 24, 23}

// outcome is where a lead's story ends.
type outcome int

// Outcomes. The first group never had a logged contact after becoming an MQL; the
// second did.
const (
	stayInquiry  outcome = iota
	inInbox              // an MQL nobody answered yet
	rejectedMQL          // sent back from the inbox without a call
	disqualMQL           // ruled out from the inbox without a call
	acceptedIdle         // accepted, never contacted
	staySAL              // accepted and contacted, still working it
	rejectedSAL          // accepted, contacted, then sent back
	disqualSAL           // accepted, contacted, then ruled out
	lostSAL              // lost before qualification
	staySQL              // a live opportunity
	wonDeal              // closed won
	lostSQL              // closed lost
)

// untouchedOutcomes and touchedOutcomes weigh how stories end, per response bucket:
// leads contacted within the hour qualify and win more often, as the research says.
var (
	untouchedOutcomes = []int{inInbox: 52, rejectedMQL: 22, disqualMQL: 14, acceptedIdle: 12}
	touchedOutcomes   = map[response][]int{
		withinHour: {staySAL: 11, rejectedSAL: 12, disqualSAL: 4, lostSAL: 4, staySQL: 19, wonDeal: 24, lostSQL: 26},
		withinDay:  {staySAL: 12, rejectedSAL: 15, disqualSAL: 5, lostSAL: 5, staySQL: 20, wonDeal: 17, lostSQL: 26},
		later:      {staySAL: 14, rejectedSAL: 19, disqualSAL: 7, lostSAL: 7, staySQL: 20, wonDeal: 10, lostSQL: 23},
	}
)

// inquiryShare is the share of leads that never became an MQL.
const inquiryShare = 0.26

// step is one change in a lead's story, at an offset from its creation.
type step struct {
	at    time.Duration
	actor model.Member
	cmd   model.Command
}

// leadPlan is one lead before its history is applied: who it is, when it was
// created, and the steps of its story.
type leadPlan struct {
	lead     model.Lead
	creator  model.Member
	created  time.Time
	steps    []step
	resp     response
	outcome  outcome
	mqlAt    time.Duration // offset of the first MQL, -1 when never
	strength int           // how engaged the lead is, 0 (barely) to 3 (hot)
}

// add appends a step at offset at and returns at, for chaining offsets.
func (p *leadPlan) add(at time.Duration, actor model.Member, c model.Command) time.Duration {
	p.steps = append(p.steps, step{at: at, actor: actor, cmd: c})
	return at
}

// last is the offset of the latest step, 0 when there is none.
func (p *leadPlan) last() time.Duration {
	var t time.Duration
	for _, s := range p.steps {
		t = max(t, s.at)
	}
	return t
}
