package storage

import (
	"time"

	"align/model"
)

// Cursor is a position in a queue (model.Cursor); paging from a cursor is exclusive of it.
type Cursor = model.Cursor

// ImportRow is one parsed, validated row of an import, with its line in the file.
type ImportRow struct {
	Line int
	Lead model.Lead

	// spec is what PrepareImport worked out for the row, nil when it did not run.
	spec *importSpec
}

// ImportOptions describe one import run.
type ImportOptions struct {
	// Actor is the member running the import.
	Actor string
	// Role is the actor's role as the caller authenticated it. Empty means the store
	// looks Actor up among the members; a store with no members at all is a local
	// workspace, whose user acts as its administrator (product.md).
	Role model.Role
	// Name labels the run in every touched lead's history ("Leads.csv at 2026-11-26T10:00Z").
	Name string
	// DryRun computes the result without writing anything.
	DryRun bool
	Now    time.Time
	// Validated says every row already passed model.ValidateLead (leadcsv checks each
	// row as it parses it, to name the column at fault), so the store does not check
	// them again.
	Validated bool
	// Session carries what an import of several batches remembers between them (see
	// ImportSession); nil treats the batch as an import of its own.
	Session *ImportSession
	// Stream says the caller ends the session with FinishImport, so that a first
	// import into a store opened with BulkImport may load it in bulk (bulk.go).
	Stream bool
}

// RowError is a rejected row: its line in the file and why, as a sentence.
type RowError struct {
	Line   int
	Reason string
}

// ImportResult counts one batch: every row is imported, updated or rejected exactly once.
type ImportResult struct {
	Imported int
	Updated  int
	Rejected []RowError
	// MQL counts the rows that entered the MQL inbox.
	MQL int
	// Deferred counts the rows a bulk load kept back for FinishImport, whose result
	// takes them off again (negative), so Imported+Updated+len(Rejected)+Deferred is
	// the number of rows passed.
	Deferred int
}

func (r *ImportResult) add(o ImportResult) {
	r.Imported += o.Imported
	r.Updated += o.Updated
	r.MQL += o.MQL
	r.Deferred += o.Deferred
	r.Rejected = append(r.Rejected, o.Rejected...)
}
