package model

import (
	"fmt"
	"strings"
)

// Role is what a member does in the joint team; it decides which actions they may take.
type Role string

// The roles of product.md.
const (
	RoleMarketing  Role = "marketing"
	RoleSDR        Role = "sdr"
	RoleAE         Role = "ae"
	RoleLeadership Role = "leadership"
	RoleAdmin      Role = "admin"
	RoleViewer     Role = "viewer"
)

// Roles lists every role.
var Roles = []Role{RoleMarketing, RoleSDR, RoleAE, RoleLeadership, RoleAdmin, RoleViewer}

// ParseRole reads a role name, case-insensitively.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, x := range Roles {
		if x == r {
			return x, nil
		}
	}
	return "", fmt.Errorf("%q is not a role; use one of marketing, sdr, ae, leadership, admin or viewer", s)
}

// Team is the side of the house a role belongs to; leadership, admin and viewer belong to neither.
func (r Role) Team() Team {
	switch r {
	case RoleMarketing:
		return TeamMarketing
	case RoleSDR, RoleAE:
		return TeamSales
	}
	return ""
}

// Label is the role as people say it.
func (r Role) Label() string {
	switch r {
	case RoleSDR:
		return "SDR"
	case RoleAE:
		return "AE"
	case RoleMarketing:
		return "Marketing"
	case RoleLeadership:
		return "Leadership"
	case RoleAdmin:
		return "Admin"
	case RoleViewer:
		return "Viewer"
	}
	return string(r)
}

// Member is a teammate: a name, a role, and the SSH public keys they sign in with.
type Member struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	// Keys are authorized_keys lines ("ssh-ed25519 AAAA... comment").
	Keys []string `json:"keys,omitempty"`
}

// SignsInAsAdmin reports whether m is an admin who can sign in over SSH, with a key:
// a served workspace needs one, or nobody could manage it.
func (m Member) SignsInAsAdmin() bool { return m.Role == RoleAdmin && len(m.Keys) > 0 }

// LocalAdmin is the person at the keyboard of a local run: product.md lets them take every action.
func LocalAdmin(name string) Member {
	if name == "" {
		name = "admin"
	}
	return Member{Name: name, Role: RoleAdmin}
}
