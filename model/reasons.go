package model

import (
	"fmt"
	"strings"
)

// RejectReason is why sales sent a lead back, as real sales teams say it.
type RejectReason string

// The rejection reasons of product.md.
const (
	ReasonUnreachable      RejectReason = "unreachable"
	ReasonBadContact       RejectReason = "bad_contact_data"
	ReasonNotICP           RejectReason = "not_icp"
	ReasonNoBudget         RejectReason = "no_budget"
	ReasonBadTiming        RejectReason = "bad_timing"
	ReasonAlreadyCustomer  RejectReason = "already_customer"
	ReasonLostToCompetitor RejectReason = "lost_to_competitor"
	ReasonLeftCompany      RejectReason = "left_company"
	ReasonDuplicate        RejectReason = "duplicate"
	ReasonOther            RejectReason = "other"
)

// RejectReasons lists the reasons for sending a lead back to nurture (reject).
var RejectReasons = []RejectReason{ReasonUnreachable, ReasonNoBudget, ReasonBadTiming, ReasonLeftCompany,
	ReasonLostToCompetitor, ReasonBadContact, ReasonNotICP, ReasonAlreadyCustomer, ReasonDuplicate, ReasonOther}

// DisqualifyReasons lists the reasons for ruling a lead out (disqualify), most usual
// first: not a fit. No budget and bad timing are reasons to nurture (product.md's
// recycled), so a lead they describe is rejected, not disqualified (NurtureReason).
var DisqualifyReasons = []RejectReason{ReasonNotICP, ReasonBadContact, ReasonDuplicate, ReasonLostToCompetitor,
	ReasonAlreadyCustomer, ReasonUnreachable, ReasonLeftCompany, ReasonOther}

// NurtureReason says whether the reason means "not now" rather than "not a fit": a
// lead it describes goes back to marketing's nurture, never out.
func (r RejectReason) NurtureReason() bool { return r == ReasonNoBudget || r == ReasonBadTiming }

// Label is the reason as people say it.
func (r RejectReason) Label() string {
	switch r {
	case ReasonUnreachable:
		return "unreachable"
	case ReasonBadContact:
		return "bad contact data"
	case ReasonNotICP:
		return "not ICP"
	case ReasonNoBudget:
		return "no budget"
	case ReasonBadTiming:
		return "bad timing"
	case ReasonAlreadyCustomer:
		return "already a customer"
	case ReasonLostToCompetitor:
		return "lost to competitor"
	case ReasonLeftCompany:
		return "left the company"
	case ReasonDuplicate:
		return "duplicate"
	case ReasonOther:
		return "other"
	}
	return string(r)
}

// reasonSpelling turns the blanks and dashes of a typed reason into the underscores
// of its name; built once, as a strings.Replacer builds its tables on first use.
var reasonSpelling = strings.NewReplacer(" ", "_", "-", "_")

// ParseRejectReason reads a reason as typed: its token or its label, any case,
// spaces, dashes or underscores ("no budget", "no-budget", "NO_BUDGET").
func ParseRejectReason(s string) (RejectReason, error) {
	for _, r := range RejectReasons {
		if string(r) == s { // a reason as stored: every triage check meets one
			return r, nil
		}
	}
	norm := reasonSpelling.Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, r := range RejectReasons {
		if string(r) == norm || strings.ReplaceAll(r.Label(), " ", "_") == norm {
			return r, nil
		}
	}
	names := make([]string, len(RejectReasons))
	for i, r := range RejectReasons {
		names[i] = string(r)
	}
	return "", fmt.Errorf("%q is not a rejection reason; use one of %s", s, strings.Join(names, ", "))
}

// VerdictKind is leadership's decision on a dispute.
type VerdictKind string

// Verdicts: uphold keeps the rejection; overturn sends the lead back to the MQL inbox.
const (
	VerdictUphold   VerdictKind = "uphold"
	VerdictOverturn VerdictKind = "overturn"
)

// ParseVerdict reads "uphold" or "overturn".
func ParseVerdict(s string) (VerdictKind, error) {
	switch v := VerdictKind(strings.ToLower(strings.TrimSpace(s))); v {
	case VerdictUphold, VerdictOverturn:
		return v, nil
	}
	return "", fmt.Errorf("%q is not a verdict; use uphold or overturn", s)
}
