//go:build !race

// The race detector makes these imports of real files into Badger take
// half a minute on a small machine. The importer itself starts no goroutines,
// and the smaller store tests in store_test.go run under -race.

package leadcsv

import (
	"context"
	"strings"
	"testing"

	"align/model"
)

func TestStoreImportXEducation(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the real-store import of X Education in -short mode")
	}
	s := openStore(t)
	var errs strings.Builder
	sum, err := Import(context.Background(), s, openData(t, "x_education/Leads.csv"), Options{Errs: &errs, Name: "Leads.csv (test)"})
	if want := (Summary{Imported: 9240, Rows: 9240, MQL: sum.MQL}); err != nil || sum != want {
		t.Fatalf("Import = %+v, %v; stderr:\n%.2000s", sum, err, errs.String())
	}
	again, err := Import(context.Background(), s, openData(t, "x_education/Leads.csv"), Options{Errs: &errs})
	if err != nil || again.Imported != 0 || again.Updated != 9240 || again.Rejected != 0 {
		t.Fatalf("importing again = %+v, %v", again, err)
	}
	n := 0
	s.Scan(context.Background(), model.QueueAll, "", func(*model.Lead) error { n++; return nil })
	if n != 9240 {
		t.Errorf("the store holds %d leads, want 9240", n)
	}
}

func TestStoreImportRealFile(t *testing.T) {
	s := openStore(t)
	file := "olist/olist_marketing_qualified_leads_dataset.csv"
	var errs strings.Builder
	sum, err := Import(context.Background(), s, openData(t, file), Options{Errs: &errs, Name: "olist (test)"})
	if want := (Summary{Imported: 8000, Rows: 8000, MQL: sum.MQL}); err != nil || sum != want {
		t.Fatalf("Import = %+v, %v; stderr:\n%.2000s", sum, err, errs.String())
	}
	again, err := Import(context.Background(), s, openData(t, "olist/variants/mql_excel_resaved_ddmmyyyy_crlf.csv"), Options{Errs: &errs})
	if err != nil || again.Imported != 0 || again.Updated != 8000 || again.Rejected != 0 {
		t.Fatalf("importing the re-saved variant = %+v, %v", again, err)
	}
	n := 0
	s.Scan(context.Background(), model.QueueAll, "", func(*model.Lead) error { n++; return nil })
	if n != 8000 {
		t.Errorf("the store holds %d leads, want 8000", n)
	}
}
