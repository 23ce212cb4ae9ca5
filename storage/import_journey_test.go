package storage

import (
	"testing"
	"time"

	"align/model"
)

// TestImportPlacesLeadsOnTheBoard: a row without a journey stage starts in the first
// default stage, since its creation, as the sample's leads do; a row that names a
// stage keeps it.
func TestImportPlacesLeadsOnTheBoard(t *testing.T) {
	s, _ := newStore(t)
	dated := row(2, "a@x.com", false)
	dated.Lead.Created = t0.Add(-30 * 24 * time.Hour)
	placed := row(3, "b@x.com", false)
	placed.Lead.Journey = "decision"
	importRows(t, s, t0, dated, placed, row(4, "c@x.com", true))
	for email, want := range map[string]struct {
		stage string
		since time.Time
	}{
		"a@x.com": {model.JourneyEntry, t0.Add(-30 * 24 * time.Hour)},
		"b@x.com": {"decision", t0},
		"c@x.com": {model.JourneyEntry, t0},
	} {
		l, err := s.LeadByEmail(email)
		if err != nil {
			t.Fatal(err)
		}
		if l.Journey != want.stage || !l.JourneySince.Equal(want.since) {
			t.Errorf("%s: in %q since %s; want %q since %s", email, l.Journey, l.JourneySince, want.stage, want.since)
		}
	}
	if n, err := s.JourneyCount(model.JourneyEntry); err != nil || n != 2 {
		t.Errorf("the first column counts %d leads (%v), want 2", n, err)
	}
	checkInvariant(t, s)
}
