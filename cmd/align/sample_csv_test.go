package main

import (
	"bytes"
	"testing"

	"align/model/sample"
)

// TestSampleCSVFillsInbox imports the generated CRM export that the benchmarks use: the
// default rules read its columns (Total Visits, Time On Site, Last Activity), so some of
// its leads, not all, enter the MQL inbox.
func TestSampleCSVFillsInbox(t *testing.T) {
	var csv bytes.Buffer
	if err := sample.WriteCSV(&csv, 500, 1); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if code, _, errOut := runAlign(t, dir, &csv, "import", "-"); code != 0 {
		t.Fatalf("import exited %d: %s", code, errOut)
	}
	mql := len(leadList(t, dir, "mql"))
	if mql == 0 || mql == 500 {
		t.Fatalf("%d of 500 generated leads are MQLs; want some, not all", mql)
	}
}
