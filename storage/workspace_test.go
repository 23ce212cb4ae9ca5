package storage

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"

	"align/model"
)

func newKey(t *testing.T) (line, fp string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk))) + " someone@laptop", ssh.FingerprintSHA256(pk)
}

func TestMembers(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	k1, fp1 := newKey(t)
	k2, fp2 := newKey(t)

	if err := s.PutMember(ctx, admin, model.Member{Name: "nina", Role: model.RoleAE, Keys: []string{k1}}); err != nil {
		t.Fatal(err)
	}
	if m, ok, _ := s.MemberByKey(fp1); !ok || m.Name != "nina" {
		t.Fatalf("by key: %+v %v", m, ok)
	}
	// Replacing the keys moves the index.
	if err := s.PutMember(ctx, admin, model.Member{Name: "nina", Role: model.RoleAE, Keys: []string{k2}}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.MemberByKey(fp1); ok {
		t.Error("the old key still signs nina in")
	}
	if m, ok, _ := s.MemberByKey(fp2); !ok || m.Name != "nina" {
		t.Errorf("new key: %+v %v", m, ok)
	}

	refusals := []struct {
		name  string
		actor model.Member
		m     model.Member
		want  string
	}{
		{"not an admin", lead, model.Member{Name: "x", Role: model.RoleSDR}, "Only admins"},
		{"bad name", admin, model.Member{Name: "bad\x1bname", Role: model.RoleSDR}, "not a usable member name"},
		// The sentence said "letters" and refused Zoë (new-user review).
		{"accented name", admin, model.Member{Name: "Zoë", Role: model.RoleSDR}, "letters A-Z and a-z without accents"},
		{"bad role", admin, model.Member{Name: "x", Role: "boss"}, "not a role"},
		{"bad key", admin, model.Member{Name: "x", Role: model.RoleSDR, Keys: []string{"ssh-ed25519 AAAAnotakey"}}, "not an SSH public key"},
		{"key of another member", admin, model.Member{Name: "x", Role: model.RoleSDR, Keys: []string{k2}}, "already belongs to nina"},
		{"demoting the last admin", admin, model.Member{Name: admin.Name, Role: model.RoleSDR}, "last admin"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			err := s.PutMember(ctx, tt.actor, tt.m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
	// The sentence does not start with the member's name, which the command line's
	// capital turned into "Ada is the last admin" for the member ada (new-user review).
	if err := s.RemoveMember(ctx, admin, admin.Name); err == nil || !strings.HasPrefix(err.Error(), "the workspace's last admin is "+admin.Name) {
		t.Errorf("removing the last admin: %v", err)
	}
	if err := s.RemoveMember(ctx, admin, "nobody"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing nobody: %v", err)
	}
	if err := s.RemoveMember(ctx, admin, "nina"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.MemberByKey(fp2); ok {
		t.Error("a removed member's key still signs in")
	}
	ms, _ := s.Members()
	if len(ms) != 7 {
		t.Errorf("%d members, want 7", len(ms))
	}
	evs, _ := s.Events(0, 1)
	if len(evs) != 1 || evs[0].Kind != model.EventMemberChanged || evs[0].Subject != "nina" {
		t.Errorf("last event %+v", evs)
	}
}

func TestRules(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	rs := testRules()
	rs.MQL = "score >= 10"
	if err := s.PutRules(ctx, sdr, rs); err == nil {
		t.Error("an SDR changed the rules")
	}
	broken := rs
	broken.MQL = "score >="
	var re *model.RuleError
	if err := s.PutRules(ctx, mkt, broken); !errors.As(err, &re) {
		t.Errorf("a broken rule set: %v", err)
	}
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}
	cur, _ := s.Rules()
	if cur.Version != 2 || cur.UpdatedBy != mkt.Name || cur.MQL != "score >= 10" {
		t.Errorf("current rules %+v", cur)
	}
	hist, _ := s.RuleHistory()
	if len(hist) != 2 || hist[0].Version != 1 || hist[1].Version != 2 {
		t.Errorf("history %+v", hist)
	}
	// Imports score with the new rules at once: 10 points make an MQL now.
	rs.Rules[0].When = `company == "Acme"`
	rs.Rules[0].Points = 10
	if err := s.PutRules(ctx, mkt, rs); err != nil {
		t.Fatal(err)
	}
	if res := importRows(t, s, t0, row(2, "a@x.com", false)); res.MQL != 1 {
		t.Errorf("the new rules were not used: %+v", res)
	}
}

func TestSettings(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	set := model.Settings{Name: "Acme revenue", SLA: model.SLAPolicy{Accept: time.Hour, FirstTouch: 30 * time.Minute}}
	if err := s.PutSettings(ctx, mkt, set); err == nil {
		t.Error("marketing changed the SLA targets")
	}
	if err := s.PutSettings(ctx, lead, model.Settings{Name: "x"}); err == nil {
		t.Error("zero SLA accepted")
	}
	if err := s.PutSettings(ctx, lead, set); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Settings(); got != set {
		t.Errorf("settings %+v", got)
	}
	// New MQLs get the new acceptance target.
	importRows(t, s, t0, row(2, "a@x.com", true))
	if l, _ := s.Lead(1); !l.AcceptClock.Deadline.Equal(t0.Add(time.Hour)) {
		t.Errorf("deadline %v", l.AcceptClock.Deadline)
	}
}

func TestCards(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()

	p := model.Persona{ID: "it-ivan", Name: "IT Ivan", DecisionRole: model.Gatekeeper}
	if err := s.PutPersona(ctx, sdr, p); err == nil {
		t.Error("an SDR edited a persona")
	}
	if err := s.PutPersona(ctx, mkt, model.Persona{ID: "Bad ID", Name: "x"}); err == nil {
		t.Error("a bad persona ID was accepted")
	}
	if err := s.PutPersona(ctx, mkt, p); err != nil {
		t.Fatal(err)
	}
	p.Name = "IT Ivan (CISO)"
	p.Version = 1
	if err := s.PutPersona(ctx, mkt, p); err != nil {
		t.Fatal(err)
	}
	if err := s.PutPersona(ctx, mkt, p); err == nil || !strings.Contains(err.Error(), "changed by someone else") {
		t.Errorf("a stale persona edit: %v", err)
	}
	ps, _ := s.Personas()
	if len(ps) != 2 || ps[0].ID != "it-ivan" || ps[0].Version != 2 || ps[0].UpdatedBy != mkt.Name {
		t.Errorf("personas %+v", ps)
	}
	// A persona with linked leads cannot go.
	importRows(t, s, t0, row(2, "a@x.com", false))
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActPersona, Lead: 1, To: "it-ivan"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePersona(ctx, mkt, "it-ivan"); err == nil || !strings.Contains(err.Error(), "1 leads are linked") {
		t.Errorf("deleting a linked persona: %v", err)
	}
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActPersona, Lead: 1, To: "ops-olga"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeletePersona(ctx, mkt, "it-ivan"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActPersona, Lead: 1, To: "it-ivan"}); err == nil {
		t.Error("linked to a deleted persona")
	}

	st := model.JourneyStage{ID: "evaluation", Name: "Evaluation", Order: 2}
	if err := s.PutJourneyStage(ctx, ae, st); err == nil {
		t.Error("an AE edited the journey")
	}
	if err := s.PutJourneyStage(ctx, mkt, st); err == nil {
		t.Error("marketing added a journey stage; only leadership and admins may")
	}
	if err := s.PutJourneyStage(ctx, lead, st); err != nil {
		t.Fatal(err)
	}
	j, _ := s.Journey()
	if len(j) != 7 || j[0].ID != "awareness" {
		t.Errorf("journey %+v", j)
	}
	if _, _, err := s.Do(ctx, ae, model.Command{Action: model.ActJourney, Lead: 1, To: "evaluation"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Do(ctx, ae, model.Command{Action: model.ActJourney, Lead: 1, To: "nowhere"}); err == nil {
		t.Error("moved to a journey stage that does not exist")
	}

	c := model.Campaign{ID: "q4-webinar", Name: "Q4 webinar", Launch: t0}
	if err := s.PutCampaign(ctx, sdr, c); err == nil {
		t.Error("an SDR edited a campaign")
	}
	if err := s.PutCampaign(ctx, mkt, c); err != nil {
		t.Fatal(err)
	}
	cs, _ := s.Campaigns()
	if len(cs) != 1 || cs[0].Version != 1 {
		t.Errorf("campaigns %+v", cs)
	}
}

func TestLinks(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	rows := []ImportRow{row(2, "a@x.com", false), row(3, "b@x.com", false), row(4, "c@x.com", false)}
	for i := range rows {
		rows[i].Lead.Campaign = "q4-webinar"
	}
	rows[2].Lead.Campaign = "other"
	importRows(t, s, t0, rows...)
	for _, id := range []model.LeadID{3, 1} {
		if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActPersona, Lead: id, To: "ops-olga"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Do(ctx, mkt, model.Command{Action: model.ActJourney, Lead: 2, To: "decision"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		link Link
		id   string
		want []model.LeadID
	}{
		{LinkPersona, "ops-olga", []model.LeadID{1, 3}},
		{LinkCampaign, "q4-webinar", []model.LeadID{1, 2}},
		{LinkCampaign, "other", []model.LeadID{3}},
		{LinkJourney, "decision", []model.LeadID{2}},
		{LinkJourney, "awareness", []model.LeadID{1, 3}}, // imported without a stage: the first one
	}
	for _, tt := range tests {
		var got []model.LeadID
		if err := s.ScanLinked(ctx, tt.link, tt.id, func(l *model.Lead) error { got = append(got, l.ID); return nil }); err != nil {
			t.Fatal(err)
		}
		n, _ := s.CountLinked(tt.link, tt.id)
		if !slices.Equal(got, tt.want) || n != len(tt.want) {
			t.Errorf("%c %s: got %v (count %d), want %v", tt.link, tt.id, got, n, tt.want)
		}
	}
	if _, err := s.CountLinked('z', "x"); err == nil {
		t.Error("an unknown link counted")
	}
}
