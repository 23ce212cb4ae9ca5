package model

import "testing"

// TestMatchesSearch: the palette found nothing for "olivia obrien" (the lead is
// Olivia O'Brien, olivia.obrien@…): a query matched only as one substring of one field.
func TestMatchesSearch(t *testing.T) {
	l := &Lead{Name: "Olivia O'Brien", Company: "Fjord Academy", Email: "olivia.obrien@fjord.example", Title: "Data Team Lead"}
	for q, want := range map[string]bool{
		"olivia obrien": true, "O'Brien": true, "obrien olivia": true, "o’brien": true,
		"fjord lead": true, "OLIVIA": true, "olivia.obrien@": true, "": true,
		"olivia smith": false, "academy zz": false,
	} {
		if got := MatchesSearch(l, SearchWords(q)); got != want {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
	if !MatchesSearch(&Lead{Name: "Émile Zola"}, SearchWords("émile")) || !MatchesSearch(&Lead{Name: "Ann Smith-Jones"}, SearchWords("smithjones")) {
		t.Error("accents or hyphens")
	}
}

// TestSearchFindsWhereLeadsCameFrom: X Education's leads have no name, company, email or
// title, so a / filter found none of them; and a lead found by its ID ("27") left the
// filtered list at its next change, because only the store's search knew IDs.
func TestSearchFindsWhereLeadsCameFrom(t *testing.T) {
	// X Education's only identifier is its Prospect ID, the external ID (new-user review).
	l := &Lead{ID: 14599, City: "Mumbai", Country: "India", Source: "Google", Campaign: "webinar-q3",
		ExternalID: "7927b2df-8bba-4d29-b9a2-b6e0beafe620"}
	for q, want := range map[string]bool{
		"google": true, "mumbai india": true, "webinar": true, "14599": true, "#14599": true,
		"#14598": false, "olark": false, "7927b2df-8bba": true, "b6e0beafe620": true,
	} {
		if got := MatchesSearch(l, SearchWords(q)); got != want {
			t.Errorf("%q: %v, want %v", q, got, want)
		}
	}
}
