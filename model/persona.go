package model

import "time"

// DecisionRole is a persona's part in the buying decision.
type DecisionRole string

// Decision roles of product.md.
const (
	DecisionMaker DecisionRole = "decision maker"
	Champion      DecisionRole = "champion"
	Influencer    DecisionRole = "influencer"
	User          DecisionRole = "user"
	Gatekeeper    DecisionRole = "gatekeeper"
)

// DecisionRoles lists them in the order forms offer them.
var DecisionRoles = []DecisionRole{DecisionMaker, Champion, Influencer, User, Gatekeeper}

// Persona is a buyer persona card that marketing and sales share.
type Persona struct {
	ID           string       `json:"id"` // a short slug such as "ops-olga"
	Name         string       `json:"name"`
	DecisionRole DecisionRole `json:"decision_role"`
	Industry     string       `json:"industry,omitempty"`
	CompanySize  string       `json:"company_size,omitempty"` // a band such as "50-200"
	Interests    []string     `json:"interests,omitempty"`
	Pains        []string     `json:"pains,omitempty"` // needs and pain points
	Goals        []string     `json:"goals,omitempty"` // goals and motivators
	Objections   []string     `json:"objections,omitempty"`
	Channels     []string     `json:"channels,omitempty"`
	Information  []string     `json:"information,omitempty"` // what they read and watch
	// Messaging is Markdown: how to talk to this persona.
	Messaging string    `json:"messaging,omitempty"`
	Updated   time.Time `json:"updated"`
	UpdatedBy string    `json:"updated_by,omitempty"`
	Version   uint64    `json:"version"`
}

// JourneyStage is one column of the buyer-journey board, with its documentation.
type JourneyStage struct {
	ID          string   `json:"id"` // "awareness"
	Name        string   `json:"name"`
	Order       int      `json:"order"`
	Goals       []string `json:"goals,omitempty"` // the buyer's goals here
	Activities  []string `json:"activities,omitempty"`
	Information []string `json:"information,omitempty"` // information consumed
	Channels    []string `json:"channels,omitempty"`
	// TypicalDays is the usual time frame; a card older than this in the stage is marked.
	TypicalDays  int    `json:"typical_days,omitempty"`
	OwnerTeam    Team   `json:"owner_team,omitempty"`
	ExitCriteria string `json:"exit_criteria,omitempty"`
	// PersonaNotes are per-persona notes, by persona ID.
	PersonaNotes map[string]string `json:"persona_notes,omitempty"`
	Updated      time.Time         `json:"updated"`
	UpdatedBy    string            `json:"updated_by,omitempty"`
	Version      uint64            `json:"version"`
}

// JourneyEntry is the journey stage a new lead starts in when nothing says otherwise
// (an imported row without a journey column): the first default stage, Awareness, so
// every lead is somewhere on the board. Stage IDs survive renames.
const JourneyEntry = "awareness"

// DefaultJourney returns product.md's default journey stages, undocumented; the sample
// workspace fills in their guidance.
func DefaultJourney() []JourneyStage {
	names := []struct{ id, name string }{
		{JourneyEntry, "Awareness"}, {"consideration", "Consideration"}, {"decision", "Decision"},
		{"purchase", "Purchase"}, {"onboarding", "Onboarding"}, {"retention", "Retention and advocacy"},
	}
	out := make([]JourneyStage, len(names))
	for i, n := range names {
		out[i] = JourneyStage{ID: n.id, Name: n.name, Order: i}
	}
	return out
}

// Campaign is a marketing campaign that leads are attributed to.
type Campaign struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Channel  string    `json:"channel,omitempty"`
	Launch   time.Time `json:"launch,omitzero"`
	End      time.Time `json:"end,omitzero"`
	Personas []string  `json:"personas,omitempty"` // target persona IDs
	Content  string    `json:"content,omitempty"`
	Budget   int64     `json:"budget,omitempty"`
	Owner    string    `json:"owner,omitempty"`
	Version  uint64    `json:"version"`
}
