package storage

import (
	"context"
	"strings"
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

// TestImportJourneyStageMustExist: a row naming a journey stage the workspace does not
// have was stored as given, so its lead was on no column of the board. It is rejected
// with a sentence naming the stages; a stage named by its name in any case, or its ID
// in another case, is taken as that stage.
func TestImportJourneyStageMustExist(t *testing.T) {
	s, _ := newStore(t)
	unknown := row(2, "a@x.com", false)
	unknown.Lead.Journey = "Evaluation"
	named := row(3, "b@x.com", false)
	named.Lead.Journey = "retention AND advocacy"
	upper := row(4, "c@x.com", false)
	upper.Lead.Journey = "DECISION"
	rows := []ImportRow{unknown, named, upper}
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	s.PrepareImport(rows, opt)
	res, err := s.Import(context.Background(), rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 2 || len(res.Rejected) != 1 || res.Rejected[0].Line != 2 ||
		!strings.Contains(res.Rejected[0].Reason, `"Evaluation"`) ||
		!strings.Contains(res.Rejected[0].Reason, "Awareness, Consideration, Decision, Purchase, Onboarding, Retention and advocacy") {
		t.Fatalf("%+v", res)
	}
	for email, want := range map[string]string{"b@x.com": "retention", "c@x.com": "decision"} {
		if l, err := s.LeadByEmail(email); err != nil || l.Journey != want {
			t.Errorf("%s: in %q (%v), want %q", email, l.Journey, err, want)
		}
	}
	checkInvariant(t, s)
}
