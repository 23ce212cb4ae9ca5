package model

import "time"

// EventKind names what happened.
type EventKind string

// The kinds of audit event.
const (
	EventLeadCreated   EventKind = "lead.created"
	EventLeadImported  EventKind = "lead.imported" // one per import batch
	EventLeadChanged   EventKind = "lead.changed"  // a triage action; Action says which
	EventLeadRescored  EventKind = "lead.rescored" // one per batch of `align rules rescore`
	EventMemberChanged EventKind = "member.changed"
	EventPersona       EventKind = "persona.changed"
	EventJourney       EventKind = "journey.changed"
	EventCampaign      EventKind = "campaign.changed"
	EventRules         EventKind = "rules.changed"
)

// Event is one entry of the append-only audit log: who did what, when, and what changed.
type Event struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Kind   EventKind `json:"kind"`
	Action Action    `json:"action,omitempty"`
	Lead   LeadID    `json:"lead,omitempty"`
	// Leads lists the leads a batch event touched (an import batch).
	Leads []LeadID `json:"leads,omitempty"`
	// Subject names the persona, journey stage, member or campaign changed.
	Subject string `json:"subject,omitempty"`
	// Summary is a one-line human account ("accepted", "rejected: no budget").
	Summary string   `json:"summary,omitempty"`
	Note    string   `json:"note,omitempty"`
	Changes []Change `json:"changes,omitempty"`
	// Undoes is the Seq of the event this one compensates.
	Undoes uint64 `json:"undoes,omitempty"`
	// Before is the lead as it was before a lead change, so the change can be undone.
	Before *Lead `json:"before,omitempty"`
	// Import names the import run (file and time) that produced a batch event; New and
	// Updated count the leads the batch created and updated (a rescore batch: Updated the
	// leads it changed, New those of them that entered the MQL inbox).
	Import  string `json:"import,omitempty"`
	New     int    `json:"new,omitempty"`
	Updated int    `json:"updated,omitempty"`
}

// Change is one field's value before and after an event.
type Change struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}
