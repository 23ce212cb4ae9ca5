package leadcsv

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

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
