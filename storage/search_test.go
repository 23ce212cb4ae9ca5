package storage

import (
	"testing"

	"align/model"
)

func TestSearch(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0,
		ImportRow{Line: 2, Lead: model.Lead{Name: "Dana Reyes", Email: "dana@kestrel.io", Company: "Kestrel Health"}},
		ImportRow{Line: 3, Lead: model.Lead{Name: "Omar Haddad", Email: "omar@bluefin.com", Company: "Bluefin Logistics"}},
		ImportRow{Line: 4, Lead: model.Lead{Name: "Ana Kestrel", Email: "ana@other.org", Company: "Other"}},
		ImportRow{Line: 5, Lead: model.Lead{Name: "Olivia O'Brien", Email: "olivia.obrien@fjord.example", Company: "Fjord Academy", Title: "Data Team Lead"}},
	)
	tests := []struct {
		q    string
		want []string
	}{
		{"2", []string{"Omar Haddad"}},
		{"#1", []string{"Dana Reyes"}},
		{"omar@", []string{"Omar Haddad"}},
		{"KESTREL", []string{"Ana Kestrel", "Dana Reyes"}},
		{"logistics", []string{"Omar Haddad"}},
		{"nobody", nil},
		// Every word, in any order, punctuation inside names ignored, the title too.
		{"obrien olivia", []string{"Olivia O'Brien"}},
		{"O'Brien", []string{"Olivia O'Brien"}},
		{"data lead fjord", []string{"Olivia O'Brien"}},
		{"olivia kestrel", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, err := s.Search(tt.q, 10)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, l := range got {
			names = append(names, l.Name)
		}
		if len(names) != len(tt.want) {
			t.Errorf("Search(%q) = %v, want %v", tt.q, names, tt.want)
			continue
		}
		for i := range names {
			if names[i] != tt.want[i] {
				t.Errorf("Search(%q) = %v, want %v", tt.q, names, tt.want)
			}
		}
	}
}
