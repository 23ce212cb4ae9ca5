package leadcsv

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dataDir is the shared folder of real data sets, next to the repository.
const dataDir = "../../../shared/data"

// openData opens a real data file, skipping the test when the folder is absent.
func openData(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("skipping: the real data set %s is not in %s", name, dataDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestImportRealFiles(t *testing.T) {
	tests := []struct {
		file string
		want Summary
	}{
		{"x_education/Leads.csv", Summary{Imported: 9240, Rows: 9240}},
		{"olist/olist_marketing_qualified_leads_dataset.csv", Summary{Imported: 8000, Rows: 8000}},
		{"olist/variants/mql_excel_resaved_ddmmyyyy_crlf.csv", Summary{Imported: 8000, Rows: 8000}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			store := newFakeStore()
			var errs strings.Builder
			sum, err := Import(context.Background(), store, openData(t, tt.file), Options{Errs: &errs})
			if err != nil || sum != tt.want {
				t.Fatalf("Import = %+v, %v, want %+v; stderr:\n%.2000s", sum, err, tt.want, errs.String())
			}
			again, err := Import(context.Background(), store, openData(t, tt.file), Options{Errs: &errs})
			want := Summary{Updated: tt.want.Imported, Rows: tt.want.Rows}
			if err != nil || again != want {
				t.Errorf("importing again = %+v, %v, want %+v", again, err, want)
			}
		})
	}
}

// TestImportRealFigures checks mapped values against the figures in the data
// sets' README: X Education's sources as written, Olist's dates either way.
func TestImportRealFigures(t *testing.T) {
	store := newFakeStore()
	if _, err := Import(context.Background(), store, openData(t, "x_education/Leads.csv"), Options{}); err != nil {
		t.Fatal(err)
	}
	sources := map[string]int{}
	converted, withCity := 0, 0
	for _, l := range store.leads {
		sources[l.Source]++
		if l.Attrs["Converted"] == "1" {
			converted++
		}
		if l.City != "" {
			withCity++
		}
		if l.Attrs["Specialization"] == "Select" || l.City == "Select" {
			t.Fatalf("lead %s kept a Select placeholder", l.ExternalID)
		}
	}
	for src, n := range map[string]int{"Google": 2868, "Direct Traffic": 2543, "Olark Chat": 1755, "Organic Search": 1154, "Reference": 534, "": 36} {
		if sources[src] != n {
			t.Errorf("source %q: %d leads, want %d", src, sources[src], n)
		}
	}
	if converted != 3561 {
		t.Errorf("%d converted, want 3561", converted)
	}
	if want := 9240 - 2249 - 1420; withCity != want {
		t.Errorf("%d leads with a city, want %d (Select and blank are not answers)", withCity, want)
	}

	iso, dmy := newFakeStore(), newFakeStore()
	Import(context.Background(), iso, openData(t, "olist/olist_marketing_qualified_leads_dataset.csv"), Options{})
	Import(context.Background(), dmy, openData(t, "olist/variants/mql_excel_resaved_ddmmyyyy_crlf.csv"), Options{})
	if len(iso.leads) != len(dmy.leads) {
		t.Fatalf("%d and %d leads", len(iso.leads), len(dmy.leads))
	}
	for i, a := range iso.leads {
		b := dmy.leads[i]
		if !a.Created.Equal(b.Created) || a.ExternalID != b.ExternalID || a.Created.IsZero() {
			t.Fatalf("row %d differs: %s %v vs %s %v", i+2, a.ExternalID, a.Created, b.ExternalID, b.Created)
		}
	}
}

func TestImportRefusesRealXLSX(t *testing.T) {
	store := newFakeStore()
	sum, err := Import(context.Background(), store, openData(t, "x_education/variants/Leads_actually_xlsx_named_csv.csv"), Options{})
	var nc *NotCSVError
	if !errors.As(err, &nc) || !strings.Contains(err.Error(), "Excel workbook") {
		t.Fatalf("err = %v, want a refusal naming Excel", err)
	}
	if store.batches != 0 || sum != (Summary{}) {
		t.Errorf("something was written: %d batches, %+v", store.batches, sum)
	}
}
