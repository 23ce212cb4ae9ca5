package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// prepareBatches are import batches that exercise what a prepared row must not get
// wrong: new leads and MQLs, a row that names its stage and creation, an email twice
// in one batch (the second row changes a lead created, and prepared, by the first),
// an email of an earlier batch, a lead created in one chunk and changed in the next,
// and an invalid row.
func prepareBatches() [][]ImportRow {
	var big []ImportRow
	for i := range importChunk + 10 {
		big = append(big, row(100+i, fmt.Sprintf("c%d@x.com", i), i%3 == 0))
	}
	big = append(big, row(999, "c1@x.com", true)) // changes a lead of the first chunk
	named := row(5, "named@x.com", false)
	named.Lead.Stage, named.Lead.Created = model.StageWon, t0.Add(-48*time.Hour)
	bad := row(6, "bad@x.com", false)
	bad.Lead.Name = "bad\xffname"
	demoted := row(7, "E@x.com", false)
	demoted.Lead.Title = "Intern" // no longer an MQL, had it been scored before this row
	return [][]ImportRow{
		{row(2, "a@x.com", true), row(3, "b@x.com", false), row(4, "A@X.com", false), named, bad,
			row(6, "e@x.com", true), demoted},
		{row(2, "b@x.com", true), row(3, "d@x.com", true)},
		big,
	}
}

// TestPreparedImportSameAsUnprepared imports the same batches into two stores, one
// with PrepareImport before each batch, and compares every lead's stored record byte
// for byte, the counts and the events.
func TestPreparedImportSameAsUnprepared(t *testing.T) {
	for _, dry := range []bool{false, true} {
		t.Run(fmt.Sprintf("dry run %v", dry), func(t *testing.T) {
			plain, _ := newStore(t)
			prep, _ := newStore(t)
			for _, s := range []*Store{plain, prep} {
				importRows(t, s, t0, row(50, "old@x.com", false)) // a lead from before
			}
			optA := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0.Add(time.Hour), DryRun: dry, Session: &ImportSession{}}
			optB := optA
			optB.Session = &ImportSession{}
			for i, b := range prepareBatches() {
				b = append(b, row(70+i, "OLD@x.com", false))
				resA, errA := plain.Import(context.Background(), clone(b), optA)
				rowsB := clone(b)
				prep.PrepareImport(rowsB, optB)
				resB, errB := prep.Import(context.Background(), rowsB, optB)
				if errA != nil || errB != nil {
					t.Fatal(errA, errB)
				}
				if fmt.Sprint(resA) != fmt.Sprint(resB) {
					t.Errorf("batch %d: unprepared %+v, prepared %+v", i, resA, resB)
				}
			}
			if a, b := records(t, plain), records(t, prep); a != b {
				t.Errorf("the stores differ:\nunprepared %s\nprepared   %s", a, b)
			}
			checkInvariant(t, prep)
		})
	}
}

// TestPreparedImportFollowsNewRules: rules saved between PrepareImport and Import
// score the batch; the prepared scores are dropped.
func TestPreparedImportFollowsNewRules(t *testing.T) {
	s, _ := newStore(t)
	rows := []ImportRow{row(2, "a@x.com", true)}
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	s.PrepareImport(rows, opt)
	rs := testRules()
	rs.MQL = "score >= 100"
	if err := s.PutRules(context.Background(), admin, rs); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(context.Background(), rows, opt)
	if err != nil || res.Imported != 1 || res.MQL != 0 {
		t.Fatalf("%+v %v; want 1 imported, no MQL under the new rules", res, err)
	}
}

// TestLeadRecord: a prepared record with its ID put in is json.Marshal's record.
func TestLeadRecord(t *testing.T) {
	l := model.Lead{ID: 0, Name: "Ann", Email: "ann@x.com", Created: t0}
	for _, id := range []model.LeadID{1, 9, 10, 123456789, 1<<64 - 1} {
		rec, err := appendLead(make([]byte, idRoom), &l)
		if err != nil {
			t.Fatal(err)
		}
		l.ID = id
		want, _ := json.Marshal(&l)
		l.ID = 0
		if got := leadRecord(id, rec); string(got) != string(want) {
			t.Errorf("id %d: %s, want %s", id, got, want)
		}
	}
}

func clone(rows []ImportRow) []ImportRow { return append([]ImportRow(nil), rows...) }

// records is every lead record of the store, in key order.
func records(t *testing.T, s *Store) string {
	t.Helper()
	var out []byte
	err := s.view(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefixLead})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(append(out, v...), '\n')
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// TestPreparedRecordIsUsed: Import writes a new lead's prepared record instead of
// encoding it again (the saving PrepareImport exists for), and a row that a later
// row of the batch changes is encoded again.
func TestPreparedRecordIsUsed(t *testing.T) {
	s, _ := newStore(t)
	rows := []ImportRow{row(2, "a@x.com", false), row(3, "b@x.com", false), row(4, "B@x.com", false)}
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	s.PrepareImport(rows, opt)
	for _, r := range rows {
		if r.spec == nil || r.spec.lead == nil || r.spec.rec == nil {
			t.Fatalf("line %d was not prepared", r.Line)
		}
		// A marker the real encoding never writes, to see which record is stored: the
		// last of two names is the one decoded.
		rec := r.spec.rec[: len(r.spec.rec)-1 : len(r.spec.rec)-1]
		r.spec.rec = append(rec, `,"name":"prepared"}`...)
	}
	if _, err := s.Import(context.Background(), rows, opt); err != nil {
		t.Fatal(err)
	}
	for email, want := range map[string]string{"a@x.com": "prepared", "b@x.com": "Lead 4"} {
		l, err := s.LeadByEmail(email)
		if err != nil || l.Name != want {
			t.Errorf("%s: name %q (%v), want %q", email, l.Name, err, want)
		}
	}
}
