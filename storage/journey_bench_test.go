package storage

import (
	"context"
	"sync"
	"testing"
	"time"

	"align/model"
)

// journeyBenchLeads is the size of the benchmarks' journey column: one stage of a
// busy board. Its leads are imported once per run, in memory.
const journeyBenchLeads = 60_000

var journeyBench struct {
	once sync.Once
	s    *Store
	err  error
}

// journeyBenchStore is an in-memory store whose awareness column holds
// journeyBenchLeads leads, one a minute apart, every third linked to ops-olga.
func journeyBenchStore(b *testing.B) *Store {
	journeyBench.once.Do(func() {
		s, err := Open(Options{InMemory: true, Now: func() time.Time { return t0 }})
		if err != nil {
			journeyBench.err = err
			return
		}
		seedTeam(b, s)
		const batch = 5000
		for i := 0; i < journeyBenchLeads; i += batch {
			rows := make([]ImportRow, batch)
			for j := range rows {
				n := i + j
				rows[j] = row(n+2, "", false)
				rows[j].Lead.Journey = "awareness"
				rows[j].Lead.JourneySince = t0.Add(-time.Duration(n) * time.Minute)
				if n%3 == 0 {
					rows[j].Lead.Persona = "ops-olga"
				}
			}
			if _, err := s.Import(context.Background(), rows, ImportOptions{Actor: mkt.Name, Name: "bench", Now: t0}); err != nil {
				journeyBench.err = err
				return
			}
		}
		journeyBench.s = s
	})
	if journeyBench.err != nil {
		b.Fatal(journeyBench.err)
	}
	return journeyBench.s
}

// BenchmarkJourneyFirstPage reads the first 60 cards of a column: what the board
// does for each column when it opens.
func BenchmarkJourneyFirstPage(b *testing.B) {
	s := journeyBenchStore(b)
	b.ResetTimer()
	for b.Loop() {
		ls, _, _, err := s.JourneyPage("awareness", nil, 60, 60, false, nil)
		if err != nil || len(ls) != 60 {
			b.Fatal(len(ls), err)
		}
	}
}

// BenchmarkJourneyFilteredPage reads one page of a column under a filter that
// matches nothing: the bounded scan of 1,000 entries is the worst a page costs.
func BenchmarkJourneyFilteredPage(b *testing.B) {
	s := journeyBenchStore(b)
	none := func(*model.Lead) bool { return false }
	b.ResetTimer()
	for b.Loop() {
		if _, _, _, err := s.JourneyPage("awareness", nil, 60, 1000, false, none); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJourneyMedian computes a column's median time in stage: a walk over half
// its keys, which the board runs in a command after a change.
func BenchmarkJourneyMedian(b *testing.B) {
	s := journeyBenchStore(b)
	b.ResetTimer()
	for b.Loop() {
		if at, err := s.JourneyMedian("awareness"); err != nil || at.IsZero() {
			b.Fatal(at, err)
		}
	}
}

// BenchmarkPersonaStats reads a persona card's linked and won counters.
func BenchmarkPersonaStats(b *testing.B) {
	s := journeyBenchStore(b)
	b.ResetTimer()
	for b.Loop() {
		if n, _, err := s.PersonaStats("ops-olga"); err != nil || n != journeyBenchLeads/3 {
			b.Fatal(n, err)
		}
	}
}
