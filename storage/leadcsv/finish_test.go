package leadcsv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"align/storage"
)

// rollingSink is a Sink whose bulk load fails on its second batch and is rolled back
// by FinishImport, as storage's bulk load does when its loader fails.
type rollingSink struct {
	batches, imported int
}

func (r *rollingSink) Import(_ context.Context, rows []storage.ImportRow, _ storage.ImportOptions) (storage.ImportResult, error) {
	if r.batches++; r.batches == 2 {
		return storage.ImportResult{}, errors.New("no space left on device")
	}
	r.imported += len(rows)
	return storage.ImportResult{Imported: len(rows)}, nil
}

func (r *rollingSink) FinishImport(context.Context, storage.ImportOptions) (storage.ImportResult, error) {
	return storage.ImportResult{Imported: -r.imported}, errors.New("the import could not be stored, so none of it was kept: no space left on device")
}

// TestRolledBackLoadIsWhatIsSaid: when the store rolls a load back at the end, the
// import says so and counts nothing, instead of the batch error's "the rows before
// are in" over a store that kept none of them (review of the bulk load).
func TestRolledBackLoadIsWhatIsSaid(t *testing.T) {
	var csv bytes.Buffer
	csv.WriteString("name,email\n")
	for i := range 30 {
		fmt.Fprintf(&csv, "P %d,p%d@x.com\n", i, i)
	}
	sum, err := Import(context.Background(), &rollingSink{}, &csv, Options{BatchSize: 10})
	if err == nil || !strings.Contains(err.Error(), "none of it was kept") || strings.Contains(err.Error(), "the rows before are in") {
		t.Errorf("error %v; want the rollback said", err)
	}
	if sum.Imported != 0 || sum.Committed() {
		t.Errorf("summary %+v; want nothing imported", sum)
	}
}
