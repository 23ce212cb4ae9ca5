package model

import (
	"fmt"
	"strings"
)

// Action is something a member can do. Lead actions are the triage keys of product.md;
// the rest guard the other screens and the admin commands.
type Action string

// Lead actions.
const (
	ActAccept     Action = "accept"
	ActReject     Action = "reject"
	ActDisqualify Action = "disqualify"
	ActDispute    Action = "dispute"
	ActVerdict    Action = "verdict"
	ActQualify    Action = "qualify"
	ActWon        Action = "won"
	ActLost       Action = "lost"
	ActAssign     Action = "assign"
	ActNote       Action = "note"
	ActTouch      Action = "touch"
	ActMarkMQL    Action = "mql"
	ActJourney    Action = "journey"
	ActPersona    Action = "persona"
	ActUndo       Action = "undo"
)

// Workspace actions.
const (
	ActEditPersona Action = "edit-persona"
	ActEditJourney Action = "edit-journey"
	ActEditRules   Action = "edit-rules"
	ActRescore     Action = "rescore"
	ActEditKPI     Action = "edit-kpi"
	ActCampaign    Action = "edit-campaign"
	ActImport      Action = "import"
	ActExport      Action = "export"
	ActMembers     Action = "members"
	ActBackup      Action = "backup"
)

// LeadActions lists the lead actions in the order menus show them.
var LeadActions = []Action{ActAccept, ActReject, ActDisqualify, ActDispute, ActVerdict, ActQualify,
	ActTouch, ActWon, ActLost, ActAssign, ActNote, ActMarkMQL, ActJourney, ActPersona, ActUndo}

// allSalesSide are the roles that work leads once marketing hands them over.
var (
	sales     = []Role{RoleSDR, RoleAE, RoleLeadership, RoleAdmin}
	closers   = []Role{RoleAE, RoleLeadership, RoleAdmin}
	marketing = []Role{RoleMarketing, RoleLeadership, RoleAdmin}
	members   = []Role{RoleMarketing, RoleSDR, RoleAE, RoleLeadership, RoleAdmin}
	everyone  = []Role{RoleMarketing, RoleSDR, RoleAE, RoleLeadership, RoleAdmin, RoleViewer}
)

// permissions is the role x action matrix of product.md: who may take each action at all.
// Whether the action fits the lead's stage is the lifecycle's business (Apply).
var permissions = map[Action][]Role{
	ActAccept:      sales,
	ActReject:      sales,
	ActDisqualify:  sales,
	ActDispute:     {RoleMarketing, RoleAdmin},
	ActVerdict:     {RoleLeadership, RoleAdmin},
	ActQualify:     sales,
	ActTouch:       sales,
	ActWon:         closers,
	ActLost:        closers,
	ActAssign:      {RoleLeadership, RoleAdmin},
	ActNote:        members,
	ActMarkMQL:     marketing,
	ActJourney:     members,
	ActPersona:     members,
	ActUndo:        members,
	ActEditPersona: marketing,
	ActEditJourney: marketing,
	ActEditRules:   marketing,
	ActRescore:     marketing,
	ActEditKPI:     {RoleLeadership, RoleAdmin},
	ActCampaign:    marketing,
	ActImport:      marketing,
	ActExport:      everyone,
	ActMembers:     {RoleAdmin},
	ActBackup:      {RoleAdmin},
}

// ParseAction reads an action name as typed on the command line.
func ParseAction(s string) (Action, error) {
	a := Action(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := permissions[a]; ok {
		return a, nil
	}
	return "", fmt.Errorf("%q is not an action", s)
}

// Label is the action as menus and help say it.
func (a Action) Label() string {
	switch a {
	case ActAccept:
		return "accept (claim) the lead"
	case ActReject:
		return "reject with a reason"
	case ActDisqualify:
		return "disqualify with a reason"
	case ActDispute:
		return "dispute the rejection"
	case ActVerdict:
		return "decide the dispute"
	case ActQualify:
		return "qualify to SQL"
	case ActTouch:
		return "log a contact"
	case ActWon:
		return "mark won"
	case ActLost:
		return "mark lost"
	case ActAssign:
		return "assign an owner"
	case ActNote:
		return "add a note"
	case ActMarkMQL:
		return "mark as MQL"
	case ActJourney:
		return "move in the buyer journey"
	case ActPersona:
		return "link to a persona"
	case ActUndo:
		return "undo my last change"
	case ActEditPersona:
		return "edit personas"
	case ActEditJourney:
		return "edit the journey stages"
	case ActEditRules:
		return "change the scoring rules"
	case ActRescore:
		return "rescore the stored leads"
	case ActEditKPI:
		return "set KPI and SLA targets"
	case ActCampaign:
		return "edit campaigns"
	case ActImport:
		return "import leads"
	case ActExport:
		return "export leads"
	case ActMembers:
		return "manage members"
	case ActBackup:
		return "back up the workspace"
	}
	return string(a)
}

// AllowedRoles lists the roles that may take the action.
func AllowedRoles(a Action) []Role { return permissions[a] }

// Can reports whether a role may take an action at all.
func Can(r Role, a Action) bool {
	for _, x := range permissions[a] {
		if x == r {
			return true
		}
	}
	return false
}

// PermissionError is a refusal because of the member's role. It reads as a sentence
// that names who may take the action.
type PermissionError struct {
	Action Action
	Role   Role
}

func (e *PermissionError) Error() string {
	what := e.Action.Label()
	if e.Action == ActUndo {
		what = "undo their own changes" // the label speaks as the member: "undo my last change"
	}
	return fmt.Sprintf("Only %s may %s; you are signed in as %s.",
		roleList(permissions[e.Action]), what, e.Role.Label())
}

// Check returns a PermissionError when the role may not take the action.
func Check(r Role, a Action) error {
	if Can(r, a) {
		return nil
	}
	return &PermissionError{Action: a, Role: r}
}

func roleList(rs []Role) string {
	names := make([]string, 0, len(rs))
	for _, r := range rs {
		names = append(names, r.plural())
	}
	switch len(names) {
	case 0:
		return "nobody"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func (r Role) plural() string {
	switch r {
	case RoleSDR:
		return "SDRs"
	case RoleAE:
		return "AEs"
	case RoleMarketing:
		return "marketing"
	case RoleLeadership:
		return "leadership"
	case RoleAdmin:
		return "admins"
	case RoleViewer:
		return "viewers"
	}
	return string(r)
}
