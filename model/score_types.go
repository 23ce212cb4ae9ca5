package model

// Dimension is what a scoring rule measures: who the lead is, or what the lead did.
type Dimension string

// The two scoring dimensions.
const (
	DimFit        Dimension = "fit"
	DimEngagement Dimension = "engagement"
)

// ScoreLine is one rule's contribution to a lead's score, so every score can be explained.
type ScoreLine struct {
	Dimension Dimension `json:"dim"`
	Rule      string    `json:"rule"`
	Reason    string    `json:"reason"`
	Points    int       `json:"points"`
	// Full is the undecayed points when time decay reduced them.
	Full int `json:"full,omitempty"`
	// AgeDays is how old the activity behind a decayed line is.
	AgeDays int `json:"age_days,omitempty"`
}
