package leadcsv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"align/model"
	"align/storage"
)

// openStore opens an empty in-memory store with a fixed clock.
func openStore(t *testing.T) *storage.Store {
	t.Helper()
	s, err := storage.Open(storage.Options{InMemory: true, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The real store satisfies the interfaces the importer and exporter declare.
var (
	_ Sink   = (*storage.Store)(nil)
	_ Source = (*storage.Store)(nil)
)

func TestStoreImportCounts(t *testing.T) {
	s := openStore(t)
	input := "Name,Email,Prospect ID\nAna,ana@example.com,p1\nAna again,ANA@example.com,\nBo,bad,p2\nCy,,p1\n" +
		"Di,di@example.com,p1\n"
	var errs strings.Builder
	sum, err := Import(context.Background(), s, strings.NewReader(input), Options{Errs: &errs, BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	// Di's email is new but p1 is Ana's: the store matches by email first,
	// then external ID, so the row updates Ana.
	want := Summary{Imported: 1, Updated: 3, Rejected: 1, Rows: 5, MQL: sum.MQL}
	if sum != want {
		t.Errorf("summary = %+v, want %+v; stderr:\n%s", sum, want, errs.String())
	}
	checkErrs(t, errs.String(), []string{`line 4: column "Email": email has no @`})
}

// TestStoreRoundTrip exports a store, imports the export into an empty
// store and exports that: the two exports must hold the same leads. The
// store stamps created and updated with the import's time, so the test uses
// one fixed clock for both stores.
func TestStoreRoundTrip(t *testing.T) {
	src := openStore(t)
	input := "Full Name,E-mail,Account Name,Job Title,No. of Employees,Country,Lead Source,Prospect ID,Tags,Notes\n" +
		"Ana Lima,ana@example.com,\"Acme, Inc.\",CFO,250,Brazil,Google,p1,=cmd|' /C calc'!A0,\"say \"\"hi\"\"\"\n" +
		"\"=HYPERLINK(\"\"http://evil\"\")\",,@Acme,-CFO,51-200,,'quoted,p2,,\n" +
		",,,,,,,p3,,\n"
	fixed := func() time.Time { return testNow }
	if sum, err := Import(context.Background(), src, strings.NewReader(input), Options{Now: fixed}); err != nil || sum.Imported != 3 {
		t.Fatalf("Import = %+v, %v", sum, err)
	}
	var first bytes.Buffer
	if err := Export(context.Background(), src, &first, "csv"); err != nil {
		t.Fatal(err)
	}
	dst := openStore(t)
	var errs strings.Builder
	sum, err := Import(context.Background(), dst, bytes.NewReader(first.Bytes()), Options{Errs: &errs, Now: fixed})
	if err != nil || sum.Imported != 3 || sum.Rejected != 0 {
		t.Fatalf("importing the export = %+v, %v; stderr:\n%s", sum, err, errs.String())
	}
	var second bytes.Buffer
	if err := Export(context.Background(), dst, &second, "csv"); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("the round trip changed the leads:\n%s\n---\n%s", first.String(), second.String())
	}
	var js bytes.Buffer
	if err := Export(context.Background(), dst, &js, "json"); err != nil || !strings.HasPrefix(js.String(), "[{") {
		t.Errorf("JSON export = %.200q, %v", js.String(), err)
	}
}

// TestStoreDryRunAcrossBatches: a dry run counts a lead whose email comes back in a
// later batch once, as the real run that follows does.
func TestStoreDryRunAcrossBatches(t *testing.T) {
	s := openStore(t)
	input := "Name,Email,Prospect ID\nAna,ana@example.com,p1\nBo,bo@example.com,\nAna,ANA@example.com,\n" +
		"Cy,,p1\nBo,bo@example.com,p1\nDi,di@example.com,\n"
	dry, err := Import(context.Background(), s, strings.NewReader(input), Options{BatchSize: 2, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	real, err := Import(context.Background(), s, strings.NewReader(input), Options{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Imported: 3, Updated: 2, Rejected: 1, Rows: 6}); real.Imported != want.Imported ||
		real.Updated != want.Updated || real.Rejected != want.Rejected || real.Rows != want.Rows {
		t.Fatalf("real run %+v, want %+v", real, want)
	}
	if dry.Imported != real.Imported || dry.Updated != real.Updated || dry.Rejected != real.Rejected {
		t.Errorf("dry run %+v, real run %+v", dry, real)
	}
}

// failingStore is the real store, preparing each batch, whose Import fails from the
// third batch on.
type failingStore struct {
	*storage.Store
	prepared, imports int
}

func (f *failingStore) PrepareImport(rows []storage.ImportRow, opt storage.ImportOptions) {
	f.prepared++
	f.Store.PrepareImport(rows, opt)
}

func (f *failingStore) Import(ctx context.Context, rows []storage.ImportRow, opt storage.ImportOptions) (storage.ImportResult, error) {
	if f.imports++; f.imports >= 3 {
		return storage.ImportResult{}, errors.New("disk on fire")
	}
	return f.Store.Import(ctx, rows, opt)
}

// TestStorePreparedImportStopsAtFailure: with batches prepared on their own goroutine
// ahead of the one being stored, a batch that fails still stops the import at its
// lines, the summary counts exactly the batches committed before it, and the reader
// and the preparer stop (the test would hang otherwise).
func TestStorePreparedImportStopsAtFailure(t *testing.T) {
	f := &failingStore{Store: openStore(t)}
	var in strings.Builder
	in.WriteString("Name,Email\n")
	for i := range 50 {
		fmt.Fprintf(&in, "Lead %d,lead%d@example.com\n", i, i)
	}
	sum, err := Import(context.Background(), f, strings.NewReader(in.String()), Options{BatchSize: 10})
	if err == nil || !strings.Contains(err.Error(), "lines 22 to 31") || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("error %v; want the third batch's lines and the cause", err)
	}
	if sum.Imported != 20 || sum.Updated != 0 || sum.Rejected != 0 {
		t.Errorf("summary %+v; want the 20 rows of the first two batches", sum)
	}
	if n, _ := f.Count(model.QueueAll, ""); n != 20 {
		t.Errorf("%d leads stored, want 20", n)
	}
	if f.prepared < 3 {
		t.Errorf("%d batches prepared; the importer should prepare each before storing it", f.prepared)
	}
}
