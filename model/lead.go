package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LeadID identifies a lead. IDs are assigned by the store in creation order and never reused.
type LeadID uint64

// String is the ID as people type it.
func (id LeadID) String() string { return strconv.FormatUint(uint64(id), 10) }

// ParseLeadID reads an ID as typed, with or without a leading '#'.
func ParseLeadID(s string) (LeadID, error) {
	n, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%q is not a lead ID; lead IDs are whole numbers such as 42 (see `align lead list`)", s)
	}
	return LeadID(n), nil
}

// Lead is one prospective buyer moving through the funnel.
type Lead struct {
	ID LeadID `json:"id"`
	// ExternalID is the lead's ID in the system it was imported from.
	ExternalID string `json:"external_id,omitempty"`

	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Company  string `json:"company,omitempty"`
	Title    string `json:"title,omitempty"`
	Industry string `json:"industry,omitempty"`
	Country  string `json:"country,omitempty"`
	City     string `json:"city,omitempty"`
	// Employees is the company's head count, 0 when unknown.
	Employees int    `json:"employees,omitempty"`
	Source    string `json:"source,omitempty"`
	Campaign  string `json:"campaign,omitempty"`
	Persona   string `json:"persona,omitempty"`
	// Journey is the ID of the buyer-journey stage the lead is in.
	Journey      string    `json:"journey,omitempty"`
	JourneySince time.Time `json:"journey_since,omitzero"`

	Stage      Stage     `json:"stage"`
	StageSince time.Time `json:"stage_since,omitzero"`
	Owner      string    `json:"owner,omitempty"`

	// Score is Fit plus Engagement as last computed; Breakdown explains it.
	Score      int         `json:"score"`
	Fit        int         `json:"fit"`
	Engagement int         `json:"engagement"`
	Breakdown  []ScoreLine `json:"breakdown,omitempty"`

	// Activity is what the lead did (visits, opens, webinars...), with when.
	Activity []Activity `json:"activity,omitempty"`

	// SLA clocks, as absolute UTC instants. A zero Start means the clock never ran.
	AcceptClock     Clock `json:"accept_clock,omitzero"`
	FirstTouchClock Clock `json:"first_touch_clock,omitzero"`

	Rejection *Rejection `json:"rejection,omitempty"`
	Dispute   *Dispute   `json:"dispute,omitempty"`

	// WonValue is the deal value in whole currency units; LostReason why it was lost.
	WonValue   int64  `json:"won_value,omitempty"`
	LostReason string `json:"lost_reason,omitempty"`

	// Attrs keeps every imported column that has no field of its own, by its header.
	Attrs map[string]string `json:"attrs,omitempty"`

	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
	// Version counts the changes committed to this lead; a stale edit is refused against it.
	Version uint64 `json:"version"`
}

// Activity is one thing a lead did, scored by engagement rules with time decay.
type Activity struct {
	Kind  string    `json:"kind"` // visit, email_open, webinar, demo_request, pricing_view, ...
	At    time.Time `json:"at"`
	Count float64   `json:"count,omitempty"`
}

// Rejection records why sales sent a lead back.
type Rejection struct {
	Reason RejectReason `json:"reason"`
	Note   string       `json:"note,omitempty"`
	By     string       `json:"by"`
	At     time.Time    `json:"at"`
	// From is the stage the lead was rejected from.
	From Stage `json:"from"`
}

// DisputeState is where a dispute stands.
type DisputeState string

// Dispute states: open until leadership decides.
const (
	DisputeOpen       DisputeState = "open"
	DisputeUpheld     DisputeState = "upheld"
	DisputeOverturned DisputeState = "overturned"
)

// Dispute is marketing contesting a rejection, and leadership's verdict.
type Dispute struct {
	State     DisputeState `json:"state"`
	Argument  string       `json:"argument"`
	By        string       `json:"by"`
	At        time.Time    `json:"at"`
	Verdict   string       `json:"verdict,omitempty"` // leadership's reasoning
	DecidedBy string       `json:"decided_by,omitempty"`
	DecidedAt time.Time    `json:"decided_at,omitzero"`
}

// Open reports whether the lead has a dispute waiting for a verdict.
func (l *Lead) DisputeOpen() bool { return l.Dispute != nil && l.Dispute.State == DisputeOpen }

// RejectedWord introduces the lead's rejection: "Disqualified" for a disqualified
// lead, else "Rejected".
func (l *Lead) RejectedWord() string {
	if l.Stage == StageDisqualified {
		return "Disqualified"
	}
	return "Rejected"
}

// DisplayName is the name to show: the name, else the email, else the ID.
func (l *Lead) DisplayName() string {
	switch {
	case l.Name != "":
		return l.Name
	case l.Email != "":
		return l.Email
	}
	return "#" + l.ID.String()
}

// Nameless reports whether the lead has neither name nor email, so that its ID is
// all that names it (X Education's leads): "Lead 3 (#3)" reads as a stutter.
func (l *Lead) Nameless() bool { return l.Name == "" && l.Email == "" }

// Ref names the lead for a sentence, sanitised: "Kate Bennett (#42)", or "#42" for a
// nameless lead.
func (l *Lead) Ref() string {
	if l.Nameless() {
		return "#" + l.ID.String()
	}
	return Sanitize(l.DisplayName()) + " (#" + l.ID.String() + ")"
}

// Attr returns an imported attribute, "" when absent.
func (l *Lead) Attr(name string) string { return l.Attrs[name] }

// Clone returns a deep copy, so a change can be computed without touching the original.
func (l Lead) Clone() Lead {
	c := l
	if l.Breakdown != nil {
		c.Breakdown = append([]ScoreLine(nil), l.Breakdown...)
	}
	if l.Activity != nil {
		c.Activity = append([]Activity(nil), l.Activity...)
	}
	if l.Rejection != nil {
		r := *l.Rejection
		c.Rejection = &r
	}
	if l.Dispute != nil {
		d := *l.Dispute
		c.Dispute = &d
	}
	if l.Attrs != nil {
		c.Attrs = make(map[string]string, len(l.Attrs))
		for k, v := range l.Attrs {
			c.Attrs[k] = v
		}
	}
	return c
}

// NormalEmail is the form emails are compared in: trimmed and lower-cased.
func NormalEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
