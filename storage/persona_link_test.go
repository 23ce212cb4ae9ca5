package storage

import (
	"context"
	"testing"

	"align/model"
)

// TestScoringLinksOnlyWorkspacePersonas: a persona rule naming a persona the workspace
// lacks links no lead (the default rules linked a new workspace's leads to the sample
// personas, cards nobody could open); once the card exists, imports and rescores link.
func TestScoringLinksOnlyWorkspacePersonas(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	rs := testRules()
	rs.Personas = []model.PersonaRule{
		{Persona: "it-ivan", When: `title == "CTO"`},
		{Persona: "ops-olga", When: `title == "CTO" || title == "COO"`},
	}
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}
	cto, coo := row(1, "cto@x.com", false), row(2, "coo@x.com", false)
	cto.Lead.Title, coo.Lead.Title = "CTO", "COO"
	importRows(t, s, t0, cto, coo)
	persona := func(id model.LeadID) string {
		t.Helper()
		l, err := s.Lead(id)
		if err != nil {
			t.Fatal(err)
		}
		return l.Persona
	}
	// it-ivan is missing, so the CTO falls through to the next rule that matches.
	if p1, p2 := persona(1), persona(2); p1 != "ops-olga" || p2 != "ops-olga" {
		t.Errorf("personas %q and %q, want ops-olga for both while it-ivan has no card", p1, p2)
	}
	if err := s.PutPersona(ctx, mkt, model.Persona{ID: "it-ivan", Name: "IT Ivan"}); err != nil {
		t.Fatal(err)
	}
	cto2 := row(3, "cto2@x.com", false)
	cto2.Lead.Title = "CTO"
	importRows(t, s, t0, cto2)
	if p := persona(3); p != "it-ivan" {
		t.Errorf("after the card was added a CTO links to %q, want it-ivan", p)
	}
	if err := s.PutPersona(ctx, mkt, model.Persona{ID: "cfo-carl", Name: "CFO Carl"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePersona(ctx, mkt, "cfo-carl"); err != nil {
		t.Fatal(err)
	}
	cto3 := row(4, "cto3@x.com", false)
	cto3.Lead.Title = "CTO"
	importRows(t, s, t0, cto3)
	if p := persona(4); p != "it-ivan" {
		t.Errorf("after another card came and went a CTO links to %q, want it-ivan", p)
	}
}
