package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"align/model"
)

// TestImportedStageHasASince: a row that names its stage (an align export read back)
// carries no stage time; the lead showed "Lost since 0001-01-01". It takes the row's
// last update, else its creation, else the import's time.
func TestImportedStageHasASince(t *testing.T) {
	s, _ := newStore(t)
	updated := row(2, "a@x.com", false)
	updated.Lead.Stage = model.StageLost
	updated.Lead.Created = t0.Add(-60 * 24 * time.Hour)
	updated.Lead.Updated = t0.Add(-10 * 24 * time.Hour)
	created := row(3, "b@x.com", false)
	created.Lead.Stage = model.StageWon
	created.Lead.Created = t0.Add(-30 * 24 * time.Hour)
	bare := row(4, "c@x.com", false)
	bare.Lead.Stage = model.StageDisqualified
	// An admin's import: only an admin may bring leads in past MQL (TestImportTriageIsAdmins).
	if _, err := s.Import(context.Background(), []ImportRow{updated, created, bare},
		ImportOptions{Actor: "root", Role: model.RoleAdmin, Name: "test.csv", Now: t0}); err != nil {
		t.Fatal(err)
	}
	for email, want := range map[string]time.Time{
		"a@x.com": t0.Add(-10 * 24 * time.Hour),
		"b@x.com": t0.Add(-30 * 24 * time.Hour),
		"c@x.com": t0,
	} {
		l, err := s.LeadByEmail(email)
		if err != nil {
			t.Fatal(err)
		}
		if !l.StageSince.Equal(want) {
			t.Errorf("%s: %s since %s; want since %s", email, l.Stage, l.StageSince, want)
		}
	}
}

// TestImportedMQLHasAClock: a row that names its stage MQL (an align export read back)
// made a lead in the inbox with no acceptance clock, whose deadline read as the year
// 1, while a lead the rules make an MQL gets a clock starting at the import. Both now
// do; a later import of the same lead keeps the running clock.
func TestImportedMQLHasAClock(t *testing.T) {
	s, _ := newStore(t)
	named := row(2, "a@x.com", false)
	named.Lead.Stage = model.StageMQL
	res := importRows(t, s, t0, named, row(3, "b@x.com", false))
	if res.MQL != 1 {
		t.Errorf("%d MQLs, want 1", res.MQL)
	}
	importRows(t, s, t0.Add(time.Hour), row(4, "A@x.com", false))
	l, err := s.LeadByEmail("a@x.com")
	if err != nil {
		t.Fatal(err)
	}
	want := model.StartClock(t0, model.DefaultSLA().Accept)
	if l.Stage != model.StageMQL || l.AcceptClock != want {
		t.Errorf("%s with clock %+v; want mql with %+v", l.Stage, l.AcceptClock, want)
	}
	page, err := s.Page(model.QueueMQL, "", nil, 10)
	if err != nil || len(page) != 1 || page[0].ID != l.ID {
		t.Errorf("inbox %v (%v); want lead %s", page, err, l.ID)
	}
	checkInvariant(t, s)
}

// TestImportTriageIsAdmins: a row that sets a new lead's stage past MQL or its owner
// is rejected unless an admin imports it. Marketing made a lead won and owned by an
// AE with one JSON element, which `lead won` refuses them (new-user review).
func TestImportTriageIsAdmins(t *testing.T) {
	s, _ := newStore(t)
	if err := s.PutMember(context.Background(), admin, model.Member{Name: "al", Role: model.RoleAE}); err != nil {
		t.Fatal(err)
	}
	won := row(2, "zed@won.com", false)
	won.Lead.Stage, won.Lead.Owner = model.StageWon, "al"
	owned := row(3, "ola@x.com", false)
	owned.Lead.Owner = "ghost"
	mql := row(4, "mia@x.com", false)
	mql.Lead.Stage = model.StageMQL
	res := importRows(t, s, t0, won, owned, mql)
	if res.Imported != 1 || len(res.Rejected) != 2 || !strings.Contains(res.Rejected[0].Reason, "only an admin may import") {
		t.Fatalf("marketing's import: %+v", res)
	}
	// An admin's import may set them, to the workspace's members only: an export of
	// another workspace made leads owned by nobody here (new-user review).
	won.Lead.Owner = "AL" // a member in another case: spelled as the workspace does
	res, err := s.Import(context.Background(), []ImportRow{won, owned}, ImportOptions{Actor: "root", Role: model.RoleAdmin, Name: "t.csv", Now: t0})
	if err != nil || res.Imported != 1 || len(res.Rejected) != 1 || res.Rejected[0].Line != 3 ||
		!strings.Contains(res.Rejected[0].Reason, "its owner ghost is not a member of this workspace") {
		t.Fatalf("an admin's import: %+v, %v", res, err)
	}
	if l, err := s.Lead(2); err != nil || l.Owner != "al" || l.Stage != model.StageWon {
		t.Errorf("the admin's won lead: owner %q, stage %s (%v)", l.Owner, l.Stage, err)
	}
	// A member who does not work leads owns none, as assigning refuses them.
	viewed := row(5, "vi@x.com", false)
	viewed.Lead.Stage, viewed.Lead.Owner = model.StageSAL, viewer.Name
	res, err = s.Import(context.Background(), []ImportRow{viewed}, ImportOptions{Actor: "root", Role: model.RoleAdmin, Name: "t.csv", Now: t0})
	if err != nil || len(res.Rejected) != 1 || !strings.Contains(res.Rejected[0].Reason, "does not work leads") {
		t.Errorf("a lead owned by a viewer: %+v, %v", res, err)
	}
}
