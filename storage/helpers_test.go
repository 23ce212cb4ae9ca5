package storage

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"align/model"
)

// t0 is the tests' "now": a fixed instant, so deadlines and orders are predictable.
var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

// Members of the test workspace.
var (
	admin  = model.Member{Name: "ada", Role: model.RoleAdmin}
	mkt    = model.Member{Name: "maya", Role: model.RoleMarketing}
	sdr    = model.Member{Name: "priya", Role: model.RoleSDR}
	sdr2   = model.Member{Name: "diego", Role: model.RoleSDR}
	ae     = model.Member{Name: "sam", Role: model.RoleAE}
	lead   = model.Member{Name: "lena", Role: model.RoleLeadership}
	viewer = model.Member{Name: "vic", Role: model.RoleViewer}
)

// testRules make a lead an MQL when its title is VP, so tests choose the stage.
func testRules() model.RuleSet {
	return model.RuleSet{
		Version:      1,
		Rules:        []model.Rule{{ID: "vp", Dimension: model.DimFit, When: `title == "VP"`, Points: 60, Reason: "VP title"}},
		MQL:          "score >= 50",
		HalfLifeDays: 14,
	}
}

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// newStore opens an in-memory store seeded with the test team and rules.
func newStore(t testing.TB) (*Store, *clock) {
	t.Helper()
	c := &clock{now: t0}
	s, err := Open(Options{InMemory: true, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	seedTeam(t, s)
	return s, c
}

func seedTeam(t testing.TB, s *Store) {
	t.Helper()
	ws := model.Workspace{
		Settings: model.Settings{Name: "test", SLA: model.DefaultSLA()},
		Members:  []model.Member{admin, mkt, sdr, sdr2, ae, lead, viewer},
		Journey:  model.DefaultJourney(),
		Personas: []model.Persona{{ID: "ops-olga", Name: "Ops Olga", DecisionRole: model.DecisionMaker}},
		Rules:    testRules(),
	}
	if err := s.Seed(context.Background(), ws); err != nil {
		t.Fatal(err)
	}
}

// row builds an import row; an MQL when mql is set.
func row(line int, email string, mql bool) ImportRow {
	l := model.Lead{Name: fmt.Sprintf("Lead %d", line), Email: email, Company: "Acme"}
	if mql {
		l.Title = "VP"
	}
	return ImportRow{Line: line, Lead: l}
}

// importRows imports rows as marketing at the given time and fails the test on error.
func importRows(t testing.TB, s *Store, at time.Time, rows ...ImportRow) ImportResult {
	t.Helper()
	res, err := s.Import(context.Background(), rows, ImportOptions{Actor: mkt.Name, Name: "test.csv", Now: at})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkInvariant asserts that every lead's Version equals its number of history
// events, and that every queue count matches its contents.
func checkInvariant(t testing.TB, s *Store) {
	t.Helper()
	err := s.Scan(context.Background(), model.QueueAll, "", func(l *model.Lead) error {
		h, err := s.History(l.ID)
		if err != nil {
			return err
		}
		if uint64(len(h)) != l.Version {
			t.Errorf("lead %s: version %d, %d history events", l.ID, l.Version, len(h))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range model.Queues {
		me := ""
		if q == model.QueueMine {
			me = sdr.Name
		}
		n, err := s.Count(q, me)
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		if err := s.Scan(context.Background(), q, me, func(l *model.Lead) error {
			if !q.Holds(l, me) {
				t.Errorf("queue %s lists lead %s (stage %s), which it should not hold", q, l.ID, l.Stage)
			}
			seen++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if n != seen {
			t.Errorf("queue %s: Count %d, Scan %d", q, n, seen)
		}
	}
}
