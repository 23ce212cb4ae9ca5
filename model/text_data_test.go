package model

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestRealDataPassesValidation checks that the text rules refuse attacks, not
// customers: every cell of the real lead data sets (see
// /work/shared/data/README.md) passes ValidateLine once tabs are normalised,
// and Sanitize prints it unchanged.
func TestRealDataPassesValidation(t *testing.T) {
	files := []string{
		"x_education/Leads.csv",
		"olist/olist_marketing_qualified_leads_dataset.csv",
		"olist/olist_closed_deals_dataset.csv",
		"olist/olist_sellers_dataset.csv",
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("../../shared/data", name)
			f, err := os.Open(path)
			if errors.Is(err, os.ErrNotExist) {
				t.Skipf("skipping: the data set is not at %s (see /work/shared/data/README.md)", path)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			r := csv.NewReader(f)
			r.FieldsPerRecord = -1
			cells := 0
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				line, _ := r.FieldPos(0)
				for col, cell := range rec {
					cell = NormalizeLine(cell)
					if err := ValidateLine("cell", cell, maxAttrRunes); err != nil {
						t.Errorf("line %d, column %d: %v", line, col+1, err)
					}
					if got := Sanitize(cell); got != cell {
						t.Errorf("line %d, column %d: Sanitize(%q) = %q", line, col+1, cell, got)
					}
					cells++
				}
			}
			t.Logf("%d cells checked", cells)
		})
	}
}
