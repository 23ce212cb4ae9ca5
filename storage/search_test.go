package storage

import (
	"fmt"
	"slices"
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

// TestSearchQueueFindsEveryMatch: the queue's `/` filter asked Search for the 500 newest
// matches among all leads and kept those of the queue, so an inbox whose matches were
// older than 500 others (X Education's "Olark Chat": 62 in the inbox, 24 shown) lost
// them and said "24+ matching". SearchQueue walks the queue itself, a bounded number of
// entries a call, and the calls in turn find every match, in the queue's order.
func TestSearchQueueFindsEveryMatch(t *testing.T) {
	s, _ := newStore(t)
	var rows []ImportRow
	for i := 1; i <= 1500; i++ {
		r := row(i+1, fmt.Sprintf("l%d@example.com", i), i <= 600 && i%10 == 0)
		r.Lead.Source = "Olark Chat"
		if i%3 == 0 {
			r.Lead.Source = "Google"
		}
		rows = append(rows, r)
	}
	// Records whose JSON escapes a character or holds non-ASCII text, which the raw
	// record's folded bytes do not show as the words typed.
	rows = append(rows,
		ImportRow{Line: 2000, Lead: model.Lead{Name: "Zoë Ångström", Email: "zoe@example.com", Title: "VP", Source: "Olark Chat"}},
		ImportRow{Line: 2001, Lead: model.Lead{Name: "Ben O’Hara", Company: "AT&T <Labs>", Email: "ben@example.com", Title: "VP", Source: "Olark Chat"}},
	)
	importRows(t, s, t0, rows...)

	inbox, err := s.Page(model.QueueMQL, "", nil, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		q    string
		n    int
		want int
	}{
		{"olark chat", 1000, 42},
		{"OLARK", 1000, 42},
		{"google", 1000, 20},
		{"zoë", 1000, 1},
		{"ÅNGSTRÖM", 1000, 1},
		{"ohara", 1000, 1},
		{"at&t", 1000, 1},
		{"<labs>", 1000, 1},
		{"olark", 10, 10},
		{"nobody", 1000, 0},
	} {
		var want []model.LeadID
		for i := range inbox {
			if model.MatchesSearch(&inbox[i], model.SearchWords(tt.q)) && len(want) < tt.n {
				want = append(want, inbox[i].ID)
			}
		}
		if len(want) != tt.want {
			t.Fatalf("%q: the inbox holds %d matches, the test expects %d", tt.q, len(want), tt.want)
		}
		var got []model.LeadID
		var after *Cursor
		calls := 0
		for {
			calls++
			ls, last, end, err := s.SearchQueue(model.QueueMQL, "", tt.q, after, tt.n-len(got), 7)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range ls {
				got = append(got, l.ID)
			}
			if end || len(got) >= tt.n {
				break
			}
			after = &last
		}
		if !slices.Equal(got, want) {
			t.Errorf("SearchQueue(%q) found %v in %d calls, want %v", tt.q, got, calls, want)
		}
		if len(got) < tt.n && calls < len(inbox)/7 {
			t.Errorf("SearchQueue(%q) walked the %d-lead inbox in %d calls: a call read more than its 7 entries", tt.q, len(inbox), calls)
		}
	}

	// The all queue is every lead by ID.
	ls, _, end, err := s.SearchQueue(model.QueueAll, "", "olark", nil, 5, 100)
	if err != nil || len(ls) != 5 || ls[0].ID != 1 || ls[4].ID != 7 || end {
		t.Errorf("SearchQueue(all, olark) = %d leads from %v, end %v, %v; want leads 1 2 4 5 7", len(ls), ls, end, err)
	}
}

// BenchmarkInboxFilterStep is one step of the queue filter's walk of the MQL inbox of a
// million leads (SearchQueue reading 2,000 entries, as the screen asks): for a word no
// lead holds, where the folded record rules every lead out, and for one every lead
// holds, where each is decoded until the filter's 501 matches.
func BenchmarkInboxFilterStep(b *testing.B) {
	s := bigStore(b)
	for _, q := range []string{"nobody", "webinar"} {
		b.Run(q, func(b *testing.B) {
			for b.Loop() {
				if _, _, _, err := s.SearchQueue(model.QueueMQL, "", q, nil, 501, 2000); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
