package model

import "strings"

// Names shows personas, journey stages and campaigns by their names rather than the
// IDs a lead and its events hold. Every name it returns is sanitised, once, when the
// book is built. A nil *Names shows IDs (sanitised). A book is never changed in place:
// screens build a new one when a card changes, so it may be shared freely.
type Names struct {
	persona, stage, campaign map[string]string
}

// NewNames builds a book from the workspace's cards.
func NewNames(personas []Persona, stages []JourneyStage, campaigns []Campaign) *Names {
	n := &Names{
		persona:  make(map[string]string, len(personas)),
		stage:    make(map[string]string, len(stages)),
		campaign: make(map[string]string, len(campaigns)),
	}
	for _, p := range personas {
		n.persona[p.ID] = Sanitize(p.Name)
	}
	for _, st := range stages {
		n.stage[st.ID] = Sanitize(st.Name)
	}
	for _, c := range campaigns {
		n.campaign[c.ID] = Sanitize(c.Name)
	}
	return n
}

// Persona is the persona's name, or its ID when no persona has it; sanitised.
func (n *Names) Persona(id string) string { return lookup(n.byField("persona"), id) }

// Stage is the journey stage's name, or its ID; sanitised.
func (n *Names) Stage(id string) string { return lookup(n.byField("journey"), id) }

// Campaign is the campaign's name, or its ID; sanitised.
func (n *Names) Campaign(id string) string { return lookup(n.byField("campaign"), id) }

func lookup(m map[string]string, id string) string {
	if name := m[id]; name != "" {
		return name
	}
	return Sanitize(id)
}

// byField is the map for a lead field that holds a card's ID, as Diff names it.
func (n *Names) byField(field string) map[string]string {
	if n == nil {
		return nil
	}
	switch field {
	case "persona":
		return n.persona
	case "journey":
		return n.stage
	case "campaign":
		return n.campaign
	}
	return nil
}

// Summary is an event's one-line account, sanitised, with the persona, journey stage
// or campaign ID it ends with shown by its name: "moved to journey stage
// Consideration" rather than "... consideration", "created from webinar (Ops
// dashboards webinar)". The model writes the ID, which stays true after a rename;
// the name is looked up when the line is shown.
func (n *Names) Summary(ev Event) string {
	s := n.summary(ev)
	if what, ok := strings.CutPrefix(s, "undid "); ok && ev.Action == ActUndo {
		return "undid “" + what + "”" // "undid moved to journey stage …" read as one phrase
	}
	return s
}

func (n *Names) summary(ev Event) string {
	s := ev.Summary
	for _, c := range ev.Changes {
		names := n.byField(c.Field)
		for _, id := range []string{c.After, c.Before} {
			if name := names[id]; id != "" && name != "" && strings.HasSuffix(s, " "+id) {
				return Sanitize(strings.TrimSuffix(s, id)) + name
			}
		}
	}
	if ev.Kind == EventLeadCreated && strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i >= 0 {
			if name := n.byField("campaign")[s[i+2:len(s)-1]]; name != "" {
				return Sanitize(s[:i]) + " (" + name + ")"
			}
		}
	}
	return Sanitize(s)
}

// Subject is what a workspace event changed, by name: the persona, journey stage or
// campaign, else the subject as written (a member's name, "settings").
func (n *Names) Subject(ev Event) string {
	switch ev.Kind {
	case EventPersona:
		return n.Persona(ev.Subject)
	case EventJourney:
		return n.Stage(ev.Subject)
	case EventCampaign:
		return n.Campaign(ev.Subject)
	}
	return Sanitize(ev.Subject)
}
