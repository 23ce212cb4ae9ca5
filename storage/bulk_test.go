package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"
	"google.golang.org/protobuf/proto"

	"align/model"
)

// openBulkStore is a seeded store on disk opened as `align import` opens it: seeded
// by one process, then opened with BulkImport by the next.
func openBulkStore(t *testing.T) (*Store, string) {
	t.Helper()
	dir := t.TempDir()
	c := &clock{now: t0}
	s, err := Open(Options{Dir: dir, Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	seedTeam(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return reopen(t, dir, true), dir
}

func reopen(t *testing.T, dir string, bulk bool) *Store {
	t.Helper()
	c := &clock{now: t0}
	s, err := Open(Options{Dir: dir, Now: c.Now, BulkImport: bulk})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// importBatches imports batches in one session as leadcsv does, and ends it with
// FinishImport when stream is set; it returns the summed result.
func importBatches(t *testing.T, s *Store, opt ImportOptions, batches [][]ImportRow) ImportResult {
	t.Helper()
	ctx := context.Background()
	var res ImportResult
	for i, rows := range batches {
		r, err := s.Import(ctx, rows, opt)
		if err != nil {
			t.Fatalf("batch %d: %v", i, err)
		}
		if got := r.Imported + r.Updated + len(r.Rejected) + r.Deferred; got != len(rows) {
			t.Fatalf("batch %d: %+v accounts for %d of %d rows", i, r, got, len(rows))
		}
		res.add(r)
	}
	if opt.Stream {
		r, err := s.FinishImport(ctx, opt)
		if err != nil {
			t.Fatal(err)
		}
		res.add(r)
	}
	return res
}

func newRows(from, n int) []ImportRow {
	rows := make([]ImportRow, n)
	for i := range rows {
		rows[i] = row(from+i, fmt.Sprintf("lead%d@x.com", from+i), i%3 == 0)
		if i%2 == 0 {
			rows[i].Lead.ExternalID = fmt.Sprintf("crm-%d", from+i)
		}
		if i%5 == 0 {
			rows[i].Lead.Campaign = "spring"
		}
	}
	return rows
}

// dumpNoMark is dump without the token of the last bulk load.
func dumpNoMark(t *testing.T, s *Store) string {
	var out []string
	for _, l := range strings.Split(dump(t, s), "\n") {
		if !strings.HasPrefix(l, `"s/bulk"`) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestBulkLoadSameAsTransactions: a first import of rows that never repeat a lead,
// loaded in bulk into a store on disk, leaves every key and value exactly as the
// same import through transactions does: leads, indexes, counters, events, history.
func TestBulkLoadSameAsTransactions(t *testing.T) {
	bulk, _ := openBulkStore(t)
	plain, _ := newStore(t)
	batches := [][]ImportRow{newRows(2, 700), newRows(1000, 1300), newRows(3000, 5)}
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0.Add(time.Hour), Session: &ImportSession{}, Stream: true}
	resB := importBatches(t, bulk, opt, batches)
	if !opt.Session.loaded {
		t.Fatal("the import was not loaded in bulk")
	}
	optP := opt
	optP.Session, optP.Stream = &ImportSession{}, false
	resP := importBatches(t, plain, optP, batches)
	if fmt.Sprint(resB) != fmt.Sprint(resP) {
		t.Errorf("bulk %+v, transactions %+v", resB, resP)
	}
	if a, b := dumpNoMark(t, plain), dumpNoMark(t, bulk); a != b {
		t.Errorf("the stores differ:\ntransactions %.2000s\nbulk         %.2000s", a, b)
	}
	checkInvariant(t, bulk)
	page, err := bulk.Page(model.QueueMQL, "", nil, 50)
	if err != nil || len(page) != 50 {
		t.Errorf("inbox page: %d leads, %v", len(page), err)
	}
	// The store takes writes again, and a second import goes through transactions.
	if _, _, err := bulk.Do(context.Background(), sdr, model.Command{Action: model.ActAccept, Lead: page[0].ID}); err != nil {
		t.Fatal(err)
	}
	opt2 := ImportOptions{Actor: mkt.Name, Name: "b.csv", Now: t0.Add(2 * time.Hour), Session: &ImportSession{}, Stream: true}
	if res := importBatches(t, bulk, opt2, [][]ImportRow{newRows(2, 10)}); res.Updated != 10 || opt2.Session.loaded {
		t.Errorf("second import: %+v, loaded in bulk %v; want 10 updated through transactions", res, opt2.Session.loaded)
	}
	checkInvariant(t, bulk)
}

// TestBulkLoadKeepsBackRepeats: rows that name a lead an earlier row created (in the
// same batch, a later batch, by email or by external ID, or both naming two leads)
// are kept back and imported after the load, in file order, with the same outcome as
// an import through transactions.
func TestBulkLoadKeepsBackRepeats(t *testing.T) {
	bulk, dir := openBulkStore(t)
	plain, _ := newStore(t)
	ext := func(r ImportRow, id string) ImportRow { r.Lead.ExternalID = id; return r }
	title := func(r ImportRow, v string) ImportRow { r.Lead.Title = v; return r }
	batches := [][]ImportRow{
		append(newRows(2, 600), title(row(700, "LEAD2@x.com", false), "CFO"), row(701, "new@x.com", false)),
		{title(row(2, "lead2@x.com", false), "CEO"), ext(row(3, "other@x.com", false), "crm-4"), row(4, "fresh@x.com", false)},
		{ext(row(5, "lead6@x.com", false), "crm-8"), title(ext(row(6, "", false), "crm-4"), "COO"), row(7, "other@x.com", true)},
	}
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0.Add(time.Hour), Session: &ImportSession{}, Stream: true}
	resB := importBatches(t, bulk, opt, batches)
	optP := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0.Add(time.Hour), Session: &ImportSession{}}
	resP := importBatches(t, plain, optP, batches)
	if resB.Imported != resP.Imported || resB.Updated != resP.Updated || len(resB.Rejected) != len(resP.Rejected) || resB.MQL != resP.MQL || resB.Deferred != 0 {
		t.Errorf("bulk %+v, transactions %+v", resB, resP)
	}
	check := func(s *Store) {
		checkInvariant(t, s)
		for _, p := range []*Store{plain} {
			for _, email := range []string{"lead2@x.com", "other@x.com", "fresh@x.com", "lead6@x.com", "new@x.com"} {
				want, err := p.LeadByEmail(email)
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.LeadByEmail(email)
				if err != nil {
					t.Fatalf("%s: %v", email, err)
				}
				// Versions may differ: rows kept back are imported together, and a lead
				// two of them touch gets one version, as in one batch.
				if got.Title != want.Title || got.ExternalID != want.ExternalID || got.Stage != want.Stage || got.Score != want.Score {
					t.Errorf("%s: bulk %s %q %s %d, transactions %s %q %s %d", email, got.ExternalID, got.Title, got.Stage, got.Score,
						want.ExternalID, want.Title, want.Stage, want.Score)
				}
			}
			for _, q := range model.Queues {
				a, _ := p.Count(q, sdr.Name)
				b, _ := s.Count(q, sdr.Name)
				if a != b {
					t.Errorf("queue %s: bulk %d, transactions %d", q, b, a)
				}
			}
		}
	}
	check(bulk)
	bulk.Close()
	check(reopen(t, dir, false))
}

// TestBulkLoadRollsBackWhenUnfinished: a process that dies in the middle of a bulk
// load leaves tables in Badger's manifest; the next Open drops every lead key and the
// load's events, keeps what the store held before, and a new import loads again.
func TestBulkLoadRollsBackWhenUnfinished(t *testing.T) {
	s, dir := openBulkStore(t)
	before := dump(t, s)
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	if _, err := s.Import(context.Background(), newRows(2, 3000), opt); err != nil {
		t.Fatal(err)
	}
	// Die after the records are in tables, without the last transaction.
	if err := opt.Session.bulk.complete(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, bulkMarkFile)); err != nil {
		t.Fatalf("no mark while loading: %v", err)
	}
	if err := s.db.Close(); err != nil {
		t.Fatal(err)
	}
	s.bulk = nil

	s2 := reopen(t, dir, true)
	if !s2.RolledBackImport() {
		t.Error("Open did not report the import it rolled back")
	}
	if after := dumpNoMark(t, s2); after != before {
		t.Errorf("the store was not rolled back:\nbefore %.1500s\nafter  %.1500s", before, after)
	}
	if _, err := os.Stat(filepath.Join(dir, bulkMarkFile)); !os.IsNotExist(err) {
		t.Errorf("the mark is still there: %v", err)
	}
	opt = ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	if res := importBatches(t, s2, opt, [][]ImportRow{newRows(2, 30)}); res.Imported != 30 || !opt.Session.loaded {
		t.Errorf("%+v loaded %v; want 30 imported in bulk", res, opt.Session.loaded)
	}
	checkInvariant(t, s2)
}

// TestBulkLoadFinishedKeepsItsLeads: a process that dies after the load's last
// transaction but before it removed the mark keeps the import.
func TestBulkLoadFinishedKeepsItsLeads(t *testing.T) {
	s, dir := openBulkStore(t)
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	importBatches(t, s, opt, [][]ImportRow{newRows(2, 40)})
	s.Close()
	var tok string
	s2 := reopen(t, dir, false)
	if err := s2.view(func(txn *badger.Txn) error {
		item, err := txn.Get(keyBulkDone)
		if err == nil {
			v, verr := item.ValueCopy(nil)
			tok, err = string(v), verr
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if err := (bulkMark{Token: tok}).write(dir); err != nil {
		t.Fatal(err)
	}
	s3 := reopen(t, dir, false)
	if n, _ := s3.Count(model.QueueAll, ""); n != 40 {
		t.Errorf("%d leads after reopening, want 40", n)
	}
}

// TestBulkLoadAbandonedOnClose: a store closed in the middle of a load (an import
// that never called FinishImport) rolls it back instead of keeping half of it.
func TestBulkLoadAbandonedOnClose(t *testing.T) {
	s, dir := openBulkStore(t)
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	if _, err := s.Import(context.Background(), newRows(2, 100), opt); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := reopen(t, dir, false)
	if n, _ := s2.Count(model.QueueAll, ""); n != 0 {
		t.Errorf("%d leads, want none", n)
	}
	checkInvariant(t, s2)
}

// TestBulkLoadEndsWhenTooManyRepeats: past maxKeptBack rows kept back, the load ends
// in the middle of the session and the rest of the file goes through transactions,
// with the outcome of an import that used transactions throughout.
func TestBulkLoadEndsWhenTooManyRepeats(t *testing.T) {
	defer func(n int) { maxKeptBack = n }(maxKeptBack)
	maxKeptBack = 3
	bulk, _ := openBulkStore(t)
	plain, _ := newStore(t)
	title := func(r ImportRow, v string) ImportRow { r.Lead.Title = v; return r }
	var again []ImportRow
	for i := range 6 {
		again = append(again, title(row(900+i, fmt.Sprintf("lead%d@x.com", 2+i), false), fmt.Sprintf("T%d", i)))
	}
	batches := [][]ImportRow{newRows(2, 50), again, append(newRows(100, 5), title(row(999, "lead3@x.com", false), "last"))}
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	resB := importBatches(t, bulk, opt, batches)
	optP := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}
	resP := importBatches(t, plain, optP, batches)
	if !opt.Session.loaded || resB.Imported != resP.Imported || resB.Updated != resP.Updated || resB.Deferred != 0 {
		t.Errorf("bulk %+v (loaded %v), transactions %+v", resB, opt.Session.loaded, resP)
	}
	for i := range 6 {
		email := fmt.Sprintf("lead%d@x.com", 2+i)
		a, _ := plain.LeadByEmail(email)
		b, err := bulk.LeadByEmail(email)
		if err != nil || a.Title != b.Title {
			t.Errorf("%s: bulk %q (%v), transactions %q", email, b.Title, err, a.Title)
		}
	}
	checkInvariant(t, bulk)
}

// TestBulkSorterMergesRuns: entries added in any order come out sorted across
// several runs spilled to disk and the arena, and a key added twice is an error.
func TestBulkSorterMergesRuns(t *testing.T) {
	s := newBulkSorter(t.TempDir(), 300)
	want := map[string]string{}
	for i := range 200 {
		k := fmt.Sprintf("%c/%05d", "xec"[i%3], (i*7919)%1000)
		want[k] = fmt.Sprint(i)
		if err := s.add([]byte(k), []byte(want[k]), byte(i%2)); err != nil {
			t.Fatal(err)
		}
	}
	if len(s.runs) < 5 {
		t.Fatalf("%d runs; the test wants several", len(s.runs))
	}
	s.sort()
	if g := s.split(2); len(g[0]) == 0 || len(g[1]) == 0 {
		t.Errorf("the prefixes split into %q; want two groups", g)
	}
	var last string
	n := 0
	for _, p := range []byte("cex") {
		err := s.mergePrefix(p, func(k, v []byte, m byte) error {
			if string(k) <= last || k[0] != p || want[string(k)] != string(v) {
				t.Errorf("%q=%q after %q", k, v, last)
			}
			last = string(k)
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n != len(want) {
		t.Errorf("%d entries; want %d", n, len(want))
	}
	s = newBulkSorter(t.TempDir(), 40)
	for range 2 {
		_ = s.add([]byte("e/same"), nil, 0)
		_ = s.add([]byte("e/other"), nil, 0)
	}
	s.sort()
	if err := s.mergePrefix('e', func(k, v []byte, m byte) error { return nil }); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a repeated key: %v", err)
	}
}

// TestBulkLoadThatFailsIsRolledBack: a load whose loader failed (a full disk, say) is
// rolled back by FinishImport, whose result takes the rows the batches counted off
// again; the store is as before and takes writes, and the import can be run again.
func TestBulkLoadThatFailsIsRolledBack(t *testing.T) {
	s, dir := openBulkStore(t)
	before := dump(t, s)
	ctx := context.Background()
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	res, err := s.Import(ctx, newRows(2, 500), opt)
	if err != nil || res.Imported != 500 {
		t.Fatalf("%+v %v", res, err)
	}
	opt.Session.bulk.setErr(errors.New("no space left on device"))
	more, err := s.FinishImport(ctx, opt)
	if err == nil || !strings.Contains(err.Error(), "none of it was kept") {
		t.Errorf("FinishImport: %v; want the load refused", err)
	}
	if res.add(more); res.Imported != 0 || res.MQL != 0 || res.Deferred != 0 {
		t.Errorf("the import counts %+v after the rollback; want nothing imported", res)
	}
	if after := dumpNoMark(t, s); after != before {
		t.Errorf("the store was not rolled back:\nbefore %.1500s\nafter  %.1500s", before, after)
	}
	if _, err := os.Stat(filepath.Join(dir, bulkMarkFile)); !os.IsNotExist(err) {
		t.Errorf("the mark is still there: %v", err)
	}
	opt = ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	if res := importBatches(t, s, opt, [][]ImportRow{newRows(2, 20)}); res.Imported != 20 {
		t.Errorf("the import again: %+v", res)
	}
	checkInvariant(t, s)
}

// TestAppendKV: the hand-encoded KV is the message protobuf encodes, byte for byte.
func TestAppendKV(t *testing.T) {
	for _, kv := range []*pb.KV{
		{Key: []byte("l/12345678"), Value: []byte(`{"id":1}`), Version: 42, StreamId: 7},
		{Key: []byte("e/a@x.com"), Value: be8(300), UserMeta: []byte{1}, Version: 1 << 40, StreamId: 1 << 20},
		{Key: []byte("q/m"), Version: 1, StreamId: 1},
	} {
		buf := z.NewBuffer(1<<10, "test")
		meta := byte(0)
		if len(kv.UserMeta) > 0 {
			meta = kv.UserMeta[0]
		}
		appendKV(buf, kv.Key, kv.Value, meta, kv.Version, kv.StreamId)
		want, err := proto.Marshal(kv)
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		_ = buf.SliceIterate(func(s []byte) error { got = append(got, s...); return nil })
		if !bytes.Equal(got, want) {
			t.Errorf("%v: %x, want %x", kv, got, want)
		}
		buf.Release()
	}
}

// TestBulkSorterSortsLikeBytesCompare: the radix sort, with the runs of equal first
// 8 bytes ordered after it, orders keys as bytes.Compare does, short keys, shared
// heads and all.
func TestBulkSorterSortsLikeBytesCompare(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := newBulkSorter(t.TempDir(), 1<<30)
	var keys []string
	for i := range 5000 {
		var k string
		switch i % 4 {
		case 0:
			k = fmt.Sprintf("e/%c%d@x", 'a'+rng.IntN(26), rng.IntN(1e6))
		case 1:
			k = "q/m" + string(be8(uint64(rng.IntN(3)))) + string(be8(uint64(i)))
		case 2:
			k = fmt.Sprintf("c/%d", rng.IntN(100))
			k = k[:min(len(k), 2+rng.IntN(3))]
		default:
			k = string(be8(rng.Uint64()))
		}
		if slices.Contains(keys, k) {
			continue
		}
		keys = append(keys, k)
		if err := s.add([]byte(k), nil, 0); err != nil {
			t.Fatal(err)
		}
	}
	s.sort()
	slices.Sort(keys)
	for i, e := range s.idx {
		if k, _, _ := s.entryAt(e.off); string(k) != keys[i] {
			t.Fatalf("entry %d is %q, want %q", i, k, keys[i])
		}
	}
}

// TestBulkLoadEndedEarlyStillStages: after a load ends in the middle of the file
// (too many rows kept back), the batches after it are staged ahead as in any first
// import; the kept-back rows' import had taken a call number of its own, and every
// later stage was thrown away (review of the bulk load).
func TestBulkLoadEndedEarlyStillStages(t *testing.T) {
	defer func(n int) { maxKeptBack = n }(maxKeptBack)
	maxKeptBack = 3
	s, _ := openBulkStore(t)
	plain, _ := newStore(t)
	var again []ImportRow
	for i := range 6 {
		again = append(again, row(900+i, fmt.Sprintf("lead%d@x.com", 2+i), true))
	}
	batches := [][]ImportRow{newRows(2, 50), again}
	for i := range 5 {
		batches = append(batches, newRows(1000+100*i, 40))
	}
	ctx := context.Background()
	opt := ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}, Stream: true}
	staged := make(chan []ImportRow)
	go func() { // leadcsv's preparing goroutine
		defer close(staged)
		for _, rows := range batches {
			rows = clone(rows)
			s.PrepareImport(rows, opt)
			s.StageImport(ctx, rows, opt)
			staged <- rows
		}
	}()
	var res ImportResult
	for rows := range staged {
		r, err := s.Import(ctx, rows, opt)
		if err != nil {
			t.Fatal(err)
		}
		res.add(r)
	}
	r, err := s.FinishImport(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	res.add(r)
	want := importBatches(t, plain, ImportOptions{Actor: mkt.Name, Name: "a.csv", Now: t0, Session: &ImportSession{}}, batches)
	if res.Imported != want.Imported || res.Updated != want.Updated || res.Deferred != 0 || !opt.Session.loaded {
		t.Errorf("%+v (loaded %v); want %+v", res, opt.Session.loaded, want)
	}
	if n := opt.Session.ahead.replayed; n < 3 {
		t.Errorf("%d batches after the load replayed their stage; want the last ones", n)
	}
	checkInvariant(t, s)
}
