package model

import (
	"fmt"
	"strings"
)

// Stage is where a lead stands in the marketing-to-sales lifecycle. Its string
// form is the lowercase token that the command line and JSON use.
type Stage string

// The lifecycle stages of product.md, in funnel order.
const (
	StageInquiry      Stage = "inquiry"
	StageMQL          Stage = "mql"
	StageSAL          Stage = "sal"
	StageSQL          Stage = "sql"
	StageWon          Stage = "won"
	StageLost         Stage = "lost"
	StageRecycled     Stage = "recycled"
	StageDisqualified Stage = "disqualified"
)

// Stages lists every stage in funnel order.
var Stages = []Stage{StageInquiry, StageMQL, StageSAL, StageSQL, StageWon, StageLost, StageRecycled, StageDisqualified}

// Team is the side of the house that owns a stage.
type Team string

// The two teams align brings together.
const (
	TeamMarketing Team = "marketing"
	TeamSales     Team = "sales"
)

// ParseStage reads a stage token, case-insensitively.
func ParseStage(s string) (Stage, error) {
	t := Stage(strings.ToLower(strings.TrimSpace(s)))
	for _, st := range Stages {
		if st == t {
			return st, nil
		}
	}
	return "", fmt.Errorf("%q is not a stage; use one of inquiry, mql, sal, sql, won, lost, recycled or disqualified", s)
}

// Label is the stage's name as people say it.
func (s Stage) Label() string {
	switch s {
	case StageInquiry:
		return "Inquiry"
	case StageMQL:
		return "MQL"
	case StageSAL:
		return "Accepted"
	case StageSQL:
		return "SQL"
	case StageWon:
		return "Won"
	case StageLost:
		return "Lost"
	case StageRecycled:
		return "Recycled"
	case StageDisqualified:
		return "Disqualified"
	}
	return string(s)
}

// OwnerTeam is the team responsible for a lead in this stage.
func (s Stage) OwnerTeam() Team {
	switch s {
	case StageSAL, StageSQL, StageWon, StageLost:
		return TeamSales
	}
	return TeamMarketing
}

// Closed reports whether the lead's lifecycle has ended (won, lost or disqualified).
func (s Stage) Closed() bool {
	return s == StageWon || s == StageLost || s == StageDisqualified
}

// OnJourney reports whether a lead at this stage is still on the buyer-journey board:
// every stage but lost and disqualified, whose buyers left the journey. A lost deal
// stayed a card in Decision with its days in the stage growing, so a column's count,
// median and overdue flags counted buyers who were gone (new-user review). A won
// lead stays: the journey goes on to purchase, onboarding and retention.
func (s Stage) OnJourney() bool {
	return s != StageLost && s != StageDisqualified
}
