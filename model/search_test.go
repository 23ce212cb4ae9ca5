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
