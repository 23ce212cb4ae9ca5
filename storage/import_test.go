package storage

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"align/model"
)

func TestImportCounts(t *testing.T) {
	ext := func(r ImportRow, id string) ImportRow { r.Lead.ExternalID = id; return r }
	bad := row(9, "bad@example.com", false)
	bad.Lead.Name = "bad\xffname"
	tests := []struct {
		name                string
		before              []ImportRow
		rows                []ImportRow
		imported, updated   int
		rejected, mql, all  int
		rejectedLineContain string
	}{
		{name: "new leads", rows: []ImportRow{row(2, "a@x.com", true), row(3, "b@x.com", false)},
			imported: 2, mql: 1, all: 2},
		{name: "same email twice in one batch, any case", rows: []ImportRow{row(2, "a@x.com", false), row(3, "A@X.COM", true)},
			imported: 1, updated: 1, mql: 1, all: 1},
		{name: "matches an earlier batch case-insensitively", before: []ImportRow{row(2, "Anna@X.com", false)},
			rows: []ImportRow{row(2, "anna@x.COM", false)}, updated: 1, all: 1},
		{name: "matches by external ID", before: []ImportRow{ext(row(2, "", false), "crm-1")},
			rows: []ImportRow{ext(row(2, "new@x.com", false), "crm-1")}, updated: 1, all: 1},
		{name: "email and external ID of two leads", before: []ImportRow{row(2, "a@x.com", false), ext(row(3, "b@x.com", false), "crm-2")},
			rows: []ImportRow{ext(row(4, "a@x.com", false), "crm-2")}, rejected: 1, all: 2, rejectedLineContain: "crm-2"},
		{name: "invalid text is rejected", rows: []ImportRow{bad, row(10, "ok@x.com", false)}, imported: 1, rejected: 1, all: 1,
			rejectedLineContain: "UTF-8"},
		{name: "no email, no external ID: always new", rows: []ImportRow{row(2, "", false), row(3, "", false)}, imported: 2, all: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore(t)
			if len(tt.before) > 0 {
				importRows(t, s, t0, tt.before...)
			}
			res := importRows(t, s, t0.Add(time.Hour), tt.rows...)
			if res.Imported != tt.imported || res.Updated != tt.updated || len(res.Rejected) != tt.rejected || res.MQL != tt.mql {
				t.Errorf("got imported %d, updated %d, rejected %v, mql %d; want %d, %d, %d, %d",
					res.Imported, res.Updated, res.Rejected, res.MQL, tt.imported, tt.updated, tt.rejected, tt.mql)
			}
			if tt.rejectedLineContain != "" && (len(res.Rejected) == 0 || !strings.Contains(res.Rejected[0].Reason, tt.rejectedLineContain)) {
				t.Errorf("rejection %v should mention %q", res.Rejected, tt.rejectedLineContain)
			}
			if n, _ := s.Count(model.QueueAll, ""); n != tt.all {
				t.Errorf("%d leads, want %d", n, tt.all)
			}
			checkInvariant(t, s)
		})
	}
}

func TestImportMergeKeepsWork(t *testing.T) {
	s, c := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", true))
	l, err := s.LeadByEmail("A@x.com")
	if err != nil {
		t.Fatal(err)
	}
	c.Set(t0.Add(time.Minute))
	if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActAccept, Lead: l.ID}); err != nil {
		t.Fatal(err)
	}
	in := row(5, "a@x.com", false)
	in.Lead.Company, in.Lead.Name = "Acme Ltd", ""
	in.Lead.Attrs = map[string]string{"Lead Source": "Webinar"}
	importRows(t, s, t0.Add(time.Hour), in)
	got, _ := s.Lead(l.ID)
	if got.Stage != model.StageSAL || got.Owner != sdr.Name {
		t.Errorf("import changed the work on the lead: stage %s, owner %q", got.Stage, got.Owner)
	}
	if got.Company != "Acme Ltd" || got.Name != l.Name || got.Attr("Lead Source") != "Webinar" {
		t.Errorf("merge: company %q, name %q, attrs %v", got.Company, got.Name, got.Attrs)
	}
	if got.Version != 3 {
		t.Errorf("version %d, want 3 (import, accept, import)", got.Version)
	}
	h, _ := s.History(l.ID)
	if len(h) != 3 || h[2].Kind != model.EventLeadImported || h[2].Import != "test.csv" || h[2].Summary != "imported from test.csv" || h[2].New != 0 || h[2].Updated != 1 {
		t.Errorf("history %+v", h)
	}
}

func TestImportDryRunWritesNothing(t *testing.T) {
	s, _ := newStore(t)
	rows := []ImportRow{row(2, "a@x.com", true), row(3, "A@x.com", false), row(4, "b@x.com", false)}
	dry, err := s.Import(context.Background(), rows, ImportOptions{Actor: mkt.Name, DryRun: true, Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(model.QueueAll, ""); n != 0 {
		t.Fatalf("dry run wrote %d leads", n)
	}
	if ev, _ := s.Events(0, 10); len(ev) != 0 && ev[0].Kind == model.EventLeadImported {
		t.Fatalf("dry run wrote an event: %+v", ev[0])
	}
	real := importRows(t, s, t0, rows...)
	if dry.Imported != real.Imported || dry.Updated != real.Updated || dry.MQL != real.MQL || len(dry.Rejected) != len(real.Rejected) {
		t.Errorf("dry run %+v, real %+v", dry, real)
	}
}

func TestImportPermission(t *testing.T) {
	s, _ := newStore(t)
	_, err := s.Import(context.Background(), []ImportRow{row(2, "a@x.com", false)}, ImportOptions{Actor: sdr.Name, Now: t0})
	var pe *model.PermissionError
	if !errors.As(err, &pe) {
		t.Fatalf("an SDR imported: %v", err)
	}
	_, err = s.Import(context.Background(), []ImportRow{row(2, "a@x.com", false)}, ImportOptions{Actor: "stranger", Now: t0})
	if err == nil || !strings.Contains(err.Error(), "not a member") {
		t.Fatalf("a stranger imported: %v", err)
	}
	if _, err := s.Import(context.Background(), []ImportRow{row(2, "a@x.com", false)}, ImportOptions{Actor: "local", Role: model.RoleAdmin, Now: t0}); err != nil {
		t.Fatalf("an admin named by role: %v", err)
	}
}

// TestImportSplitsBigBatch imports more than one Badger transaction holds: the rows
// commit in parts, each with its own event, and every count stays exact.
func TestImportSplitsBigBatch(t *testing.T) {
	s, _ := newStore(t)
	rows := make([]ImportRow, 0, 2400)
	for i := range 2400 {
		r := row(i+2, "", i%3 == 0)
		r.Lead.Email = "lead" + itoa(i%2000) + "@example.com"
		r.Lead.Attrs = map[string]string{"Notes": strings.Repeat("x", 450), "More notes": strings.Repeat("y", 450)}
		rows = append(rows, r)
	}
	res := importRows(t, s, t0, rows...)
	if res.Imported != 2000 || res.Updated != 400 || len(res.Rejected) != 0 {
		t.Fatalf("got %d imported, %d updated, %d rejected", res.Imported, res.Updated, len(res.Rejected))
	}
	evs, _ := s.Events(0, 100)
	parts := 0
	for _, ev := range evs {
		if ev.Kind == model.EventLeadImported {
			parts++
		}
	}
	if parts < 2 {
		t.Errorf("%d import events; a batch this big should have been split", parts)
	}
	checkInvariant(t, s)
}

// TestConcurrentImportsOneLead: two imports of the same email at once leave one lead.
func TestConcurrentImportsOneLead(t *testing.T) {
	s, _ := newStore(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := s.Import(context.Background(), []ImportRow{row(2+i, "Same@Example.com", false), row(3+i, "other"+itoa(i)+"@x.com", false)},
				ImportOptions{Actor: mkt.Name, Now: t0})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	s.Scan(context.Background(), model.QueueAll, "", func(l *model.Lead) error {
		if model.NormalEmail(l.Email) == "same@example.com" {
			n++
		}
		return nil
	})
	if n != 1 {
		t.Fatalf("%d leads with the same email", n)
	}
	checkInvariant(t, s)
}

func itoa(i int) string { return model.LeadID(i).String() }

// TestImportKeepsCreated: a lead keeps the time it was first created when it is
// imported again, and a row that says when the lead was created (an align export)
// keeps that time.
func TestImportKeepsCreated(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "a@x.com", false))
	dated := row(3, "b@x.com", false)
	dated.Lead.Created = t0.Add(-30 * 24 * time.Hour)
	importRows(t, s, t0, dated)
	again := []ImportRow{row(2, "a@x.com", true), row(3, "b@x.com", false)}
	again[1].Lead.Created = t0.Add(-time.Hour)
	importRows(t, s, t0.Add(48*time.Hour), again...)
	for email, want := range map[string]time.Time{"a@x.com": t0, "b@x.com": t0.Add(-30 * 24 * time.Hour)} {
		l, err := s.LeadByEmail(email)
		if err != nil {
			t.Fatal(err)
		}
		if !l.Created.Equal(want) || !l.Updated.Equal(t0.Add(48*time.Hour)) {
			t.Errorf("%s: created %s, updated %s; want created %s", email, l.Created, l.Updated, want)
		}
	}
}

// TestImportDryRunAcrossBatches: a dry run of several batches counts what a real run
// of the same batches would, also when an email or external ID comes back in a
// later batch.
func TestImportDryRunAcrossBatches(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "old@x.com", false))
	ext := func(r ImportRow, id string) ImportRow { r.Lead.ExternalID = id; return r }
	batches := [][]ImportRow{
		{row(2, "a@x.com", true), ext(row(3, "b@x.com", false), "crm-1"), row(4, "old@x.com", false)},
		{row(5, "A@X.com", false), ext(row(6, "", false), "crm-1"), row(7, "c@x.com", false)},
		{ext(row(8, "a@x.com", false), "crm-1"), row(9, "c@x.com", false), row(10, "OLD@x.com", false)},
	}
	run := func(dry bool) (sum ImportResult) {
		sess := &ImportSession{}
		for _, b := range batches {
			res, err := s.Import(context.Background(), slices.Clone(b), ImportOptions{Actor: mkt.Name, DryRun: dry, Now: t0, Session: sess})
			if err != nil {
				t.Fatal(err)
			}
			sum.Imported += res.Imported
			sum.Updated += res.Updated
			sum.Rejected = append(sum.Rejected, res.Rejected...)
		}
		return sum
	}
	dry := run(true)
	if n, _ := s.Count(model.QueueAll, ""); n != 1 {
		t.Fatalf("the dry run wrote leads: %d", n)
	}
	real := run(false)
	if dry.Imported != real.Imported || dry.Updated != real.Updated || len(dry.Rejected) != len(real.Rejected) {
		t.Errorf("dry run %d/%d/%v, real run %d/%d/%v", dry.Imported, dry.Updated, dry.Rejected, real.Imported, real.Updated, real.Rejected)
	}
	if real.Imported != 3 || real.Updated != 5 || len(real.Rejected) != 1 {
		t.Errorf("real run %d imported, %d updated, %v rejected; want 3, 5, 1", real.Imported, real.Updated, real.Rejected)
	}
	checkInvariant(t, s)
}

// TestImportTrimsEmail: an email with spaces around it matches the lead that has it.
func TestImportTrimsEmail(t *testing.T) {
	s, _ := newStore(t)
	importRows(t, s, t0, row(2, "ann@x.com", false))
	in := row(3, " \tAnn@X.com\u00a0 ", false)
	in.Lead.ExternalID = " crm-9 "
	res := importRows(t, s, t0.Add(time.Hour), in)
	if res.Updated != 1 || res.Imported != 0 || len(res.Rejected) != 0 {
		t.Fatalf("got %d imported, %d updated, %v rejected; want the lead updated", res.Imported, res.Updated, res.Rejected)
	}
	l, err := s.LeadByEmail("ann@x.com")
	if err != nil || l.Email != "Ann@X.com" || l.ExternalID != "crm-9" {
		t.Errorf("email %q, external ID %q, %v; want them trimmed", l.Email, l.ExternalID, err)
	}
}

// TestImportSessionSeesOtherWriters: an import into an empty store skips Badger for
// keys it has not written itself, and must stop doing so when another writer adds a
// lead between its batches.
func TestImportSessionSeesOtherWriters(t *testing.T) {
	s, _ := newStore(t)
	sess := &ImportSession{}
	imp := func(sess *ImportSession, rows ...ImportRow) ImportResult {
		t.Helper()
		res, err := s.Import(context.Background(), rows, ImportOptions{Actor: mkt.Name, Now: t0, Session: sess})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	imp(sess, row(2, "a@x.com", false))
	if sess.filter == nil {
		t.Fatal("an import into an empty store should use its key filter")
	}
	imp(nil, row(2, "b@x.com", false)) // another writer
	res := imp(sess, row(3, "B@x.com", false), row(4, "a@X.com", false), row(5, "c@x.com", false))
	if res.Imported != 1 || res.Updated != 2 {
		t.Errorf("got %d imported, %d updated; want b@x.com and a@x.com updated", res.Imported, res.Updated)
	}
	if n, _ := s.Count(model.QueueAll, ""); n != 3 {
		t.Errorf("%d leads, want 3", n)
	}
	checkInvariant(t, s)
}

// TestBulkImportReadsBack: leads imported into a BulkImport store (values in the value
// log, its pages given back to the kernel after each part, tables not compressed)
// read back whole, also after the store is reopened as `align serve` opens it.
func TestBulkImportReadsBack(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir, BulkImport: true, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	seedTeam(t, s)
	rows := make([]ImportRow, 3000)
	for i := range rows {
		rows[i] = row(i+2, "lead"+itoa(i)+"@example.com", i%2 == 0)
		rows[i].Lead.Attrs = map[string]string{"Notes": strings.Repeat("n", 300)}
	}
	sess := &ImportSession{}
	for lo := 0; lo < len(rows); lo += 1000 {
		if _, err := s.Import(context.Background(), rows[lo:lo+1000], ImportOptions{Actor: mkt.Name, Now: t0, Session: sess}); err != nil {
			t.Fatal(err)
		}
	}
	checkInvariant(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, i := range []int{0, 1499, 2999} {
		l, err := s.LeadByEmail("lead" + itoa(i) + "@example.com")
		if err != nil || l.Attr("Notes") != strings.Repeat("n", 300) || l.Name != rows[i].Lead.Name {
			t.Fatalf("lead %d: %+v, %v", i, l, err)
		}
	}
	if n, _ := s.Count(model.QueueAll, ""); n != len(rows) {
		t.Fatalf("%d leads, want %d", n, len(rows))
	}
	checkInvariant(t, s)
}
