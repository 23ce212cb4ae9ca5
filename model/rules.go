package model

import "time"

// Rule is one scoring rule the company writes: when its condition holds, the lead gets
// its points, explained by its reason.
type Rule struct {
	ID        string    `json:"id"`
	Dimension Dimension `json:"dim"`
	// When is an expression over the lead (see the scoring documentation for its names).
	When   string `json:"when"`
	Points int    `json:"points"`
	Reason string `json:"reason"`
}

// PersonaRule links a lead to a persona when its condition holds; the first match wins.
type PersonaRule struct {
	Persona string `json:"persona"`
	When    string `json:"when"`
}

// RuleSet is a company's whole scoring definition, versioned so every change is kept.
type RuleSet struct {
	Version int    `json:"version"`
	Rules   []Rule `json:"rules"`
	// MQL is the expression that makes a lead marketing-qualified, over fit, engagement
	// and score as well as the lead's fields ("score >= 60 && fit >= 20").
	MQL string `json:"mql"`
	// HalfLifeDays halves an engagement activity's points every so many days.
	HalfLifeDays float64       `json:"half_life_days"`
	Personas     []PersonaRule `json:"personas,omitempty"`
	UpdatedBy    string        `json:"updated_by,omitempty"`
	Updated      time.Time     `json:"updated,omitzero"`
}

// Settings are the workspace's targets.
type Settings struct {
	Name string    `json:"name"`
	SLA  SLAPolicy `json:"sla"`
}

// Workspace is a whole workspace's content, as the sample generator builds it and as
// a new store is seeded with it.
type Workspace struct {
	Settings  Settings       `json:"settings"`
	Members   []Member       `json:"members"`
	Personas  []Persona      `json:"personas"`
	Journey   []JourneyStage `json:"journey"`
	Campaigns []Campaign     `json:"campaigns"`
	Rules     RuleSet        `json:"rules"`
	// Leads carry their final state; Events their history, oldest first, each naming its lead.
	Leads  []Lead  `json:"leads"`
	Events []Event `json:"events"`
}
