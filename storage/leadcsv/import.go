package leadcsv

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"time"

	"align/model"
	"align/storage"
)

// DefaultBatchSize is how many rows go to the store in one batch: large
// enough to amortise a transaction, small enough to keep memory flat.
const DefaultBatchSize = 2000

// Sink receives parsed rows in batches; *storage.Store is one. Each batch is
// committed on its own, so the rows of earlier batches stay in when a later
// one fails.
type Sink interface {
	Import(ctx context.Context, rows []storage.ImportRow, opt storage.ImportOptions) (storage.ImportResult, error)
}

// Options configure one import.
type Options struct {
	// Name labels the run in the history of every lead it creates or changes,
	// such as "Leads.csv (2026-11-26 17:30 UTC)".
	Name string
	// Actor is the member running the import.
	Actor string
	// Role is Actor's role as the caller authenticated it; empty lets the
	// store look the member up (see storage.ImportOptions).
	Role model.Role
	// DryRun counts what would happen without writing anything.
	DryRun bool
	// Map overrides header matching: header -> field (see MapTargets).
	Map map[string]string
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// Progress, when set, is called as rows are read (see ProgressPrinter).
	Progress func(Progress)
	// Errs receives one "line N: reason" line per rejected row; discarded when nil.
	Errs io.Writer
	// BatchSize is the rows per batch; DefaultBatchSize when 0.
	BatchSize int

	// maxRowBytes lowers the row cap in tests; 0 means MaxRowBytes.
	maxRowBytes int64
}

// Progress is how far an import has got.
type Progress struct {
	// Rows is the number of data rows read so far.
	Rows int
	// Bytes is how much of the file has been read.
	Bytes int64
	// Total is the file's size, 0 when it is not known (a pipe).
	Total int64
	// Done is set on the last call, when the import has ended.
	Done bool
}

// Summary counts an import. Every data row is counted once, so Imported +
// Updated + Rejected == Rows when Import returns no error; after an error,
// Rows also counts the rows read but never stored.
type Summary struct {
	Imported, Updated, Rejected int
	// MQL counts the rows that entered the MQL inbox.
	MQL int
	// Rows counts the data rows read, the header excluded.
	Rows int
}

// String is the summary line that ends an import's output.
func (s Summary) String() string {
	return fmt.Sprintf("%d imported, %d updated, %d rejected", s.Imported, s.Updated, s.Rejected)
}

// Committed reports whether any row went in (in a dry run: would go in). An
// import that returns an error and committed nothing exits with status 1; one
// that committed rows exits 0 and lists its rejected rows.
func (s Summary) Committed() bool { return s.Imported+s.Updated > 0 }

// Import reads a CSV file row by row and sends its leads to sink in batches.
// It refuses a file that is not CSV text, or whose header cannot be mapped,
// before anything is written. Bad rows are reported to opt.Errs as "line N:
// reason" and counted as rejected while the good rows go in. The error is
// non-nil when the import could not finish (the file broke off in an open
// quote, the reader or the sink failed, ctx ended); the Summary then still
// counts what was committed.
func Import(ctx context.Context, sink Sink, r io.Reader, opt Options) (Summary, error) {
	if err := checkMap(opt.Map); err != nil {
		return Summary{}, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if opt.Errs == nil {
		opt.Errs = io.Discard
	}
	now := opt.Now().UTC()
	if opt.Name == "" {
		opt.Name = "CSV import (" + now.Format("2006-01-02 15:04 UTC") + ")"
	}

	counter := &countingReader{r: r}
	br := bufio.NewReaderSize(counter, sniffBytes)
	lay, err := sniff(br)
	if err != nil {
		return Summary{}, err
	}
	var src io.Reader = br
	if lay.crOnly {
		src = crReader{src}
	}
	if opt.maxRowBytes == 0 {
		opt.maxRowBytes = MaxRowBytes
	}
	lim := newRowLimiter(src, lay.delim, opt.maxRowBytes)
	cr := csv.NewReader(lim)
	cr.Comma = lay.delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	header, err := cr.Read()
	if err == io.EOF {
		return Summary{}, errors.New("the file has no header row; a CSV import needs a header row naming the columns, then one row per lead")
	}
	if err != nil {
		return Summary{}, fmt.Errorf("the header row cannot be read (%w); fix the first line of the file and import again", err)
	}
	p, err := newPlan(header, opt.Map)
	if err != nil {
		return Summary{}, err
	}
	im := &importer{
		ctx: ctx, sink: sink, opt: opt, plan: p, lim: lim, counter: counter, total: sizeOf(r),
		store: storage.ImportOptions{Actor: opt.Actor, Role: opt.Role, Name: opt.Name, DryRun: opt.DryRun, Now: now},
	}
	err = im.run(cr)
	if ferr := im.flush(); err == nil {
		err = ferr
	}
	im.progress(true)
	return im.sum, err
}

// importer holds the state of one run.
type importer struct {
	ctx     context.Context
	sink    Sink
	opt     Options
	plan    *plan
	lim     *rowLimiter
	counter *countingReader
	total   int64
	store   storage.ImportOptions

	longLine int // the last row rejected for its length

	batch    []storage.ImportRow
	rejected []storage.RowError // rejected by the parser, not yet reported
	sum      Summary
}

// run reads every record, stopping at the first error that ends the file.
func (im *importer) run(cr *csv.Reader) error {
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			if q := im.lim.openQuote; q != 0 && q == im.longLine {
				// The long row's quote was never closed: it swallowed the rest of the file.
				return im.unterminated(q, false)
			}
			return nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return fmt.Errorf("reading the file after line %d: %w", im.lastLine(), err)
		}
		im.sum.Rows++
		var line int
		if pe != nil {
			line = pe.StartLine
		} else {
			line, _ = cr.FieldPos(0)
		}
		long := im.lim.cut(line)
		if (long || pe != nil) && line == im.lim.openQuote {
			return im.unterminated(line, true)
		}
		if long {
			im.longLine = line
			im.reject(line, fmt.Sprintf("the row is longer than %s, too long to be a lead; it was skipped", sizeText(im.opt.maxRowBytes)))
		} else if pe != nil {
			im.reject(line, parseReason(pe))
		} else if n := len(rec); n != im.plan.width && !(im.plan.trailingBlank && n == im.plan.width-1) {
			im.reject(line, fmt.Sprintf("has %s; the header has %d", plural(n, "field"), im.plan.width))
		} else if l, err := im.plan.lead(rec); err != nil {
			im.reject(line, err.Error())
		} else {
			im.batch = append(im.batch, storage.ImportRow{Line: line, Lead: l})
		}
		if len(im.batch) >= im.opt.BatchSize || len(im.rejected) >= im.opt.BatchSize {
			if err := im.flush(); err != nil {
				return err
			}
		}
		if im.sum.Rows%1000 == 0 {
			if err := im.ctx.Err(); err != nil {
				return err
			}
			im.progress(false)
		}
	}
}

// unterminated handles a quote that the file never closes: the record that
// opened it swallowed the rest of the file, so the import ends there.
func (im *importer) unterminated(line int, reject bool) error {
	if reject {
		im.reject(line, "a quoted field opens on this line and is never closed, so the rest of the file was read as part of this row")
	}
	return fmt.Errorf("line %d: a quoted field opens there and is never closed, so nothing after line %d was imported; "+
		"close the quote and import the file again (rows already imported will count as updated)", line, line)
}

// reject counts a row as rejected by the parser; it is reported at the next flush.
func (im *importer) reject(line int, reason string) {
	im.rejected = append(im.rejected, storage.RowError{Line: line, Reason: reason})
}

// flush sends the batch to the sink and reports the batch's rejected rows in
// line order.
func (im *importer) flush() error {
	if len(im.batch) > 0 {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		first, last := im.batch[0].Line, im.batch[len(im.batch)-1].Line
		res, err := im.sink.Import(im.ctx, im.batch, im.store)
		// A sink may commit part of a batch before it fails; count what it did.
		im.sum.Imported += res.Imported
		im.sum.Updated += res.Updated
		im.sum.MQL += res.MQL
		im.rejected = append(im.rejected, res.Rejected...)
		if err != nil {
			im.batch = im.batch[:0] // never sent twice
			return fmt.Errorf("storing the rows of lines %d to %d failed (%w); the rows before are in, and importing the file again updates them instead of adding them twice", first, last, err)
		}
		if got := res.Imported + res.Updated + len(res.Rejected); got != len(im.batch) {
			return fmt.Errorf("the store accounted for %d of the %d rows of lines %d to %d; this is a bug, please report it", got, len(im.batch), first, last)
		}
		// The sink may keep the rows, so the next batch gets a new slice.
		im.batch = make([]storage.ImportRow, 0, im.opt.BatchSize)
	}
	slices.SortStableFunc(im.rejected, func(a, b storage.RowError) int { return a.Line - b.Line })
	for _, r := range im.rejected {
		if _, err := fmt.Fprintf(im.opt.Errs, "line %d: %s\n", r.Line, model.Sanitize(r.Reason)); err != nil {
			return fmt.Errorf("reporting rejected rows: %w", err)
		}
	}
	im.sum.Rejected += len(im.rejected)
	im.rejected = im.rejected[:0]
	im.progress(false)
	return nil
}

func (im *importer) progress(done bool) {
	if im.opt.Progress != nil {
		im.opt.Progress(Progress{Rows: im.sum.Rows, Bytes: im.counter.n.Load(), Total: im.total, Done: done})
	}
}

func (im *importer) lastLine() int {
	if n := len(im.batch); n > 0 {
		return im.batch[n-1].Line
	}
	return 1
}

// parseReason explains a row encoding/csv could not parse.
func parseReason(pe *csv.ParseError) string {
	where := fmt.Sprintf("line %d, character %d", pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "a quote appears inside an unquoted field (" + where + "); put the whole field in double quotes and double the quote inside it"
	case errors.Is(pe.Err, csv.ErrQuote):
		return "a quoted field is followed by text before the next delimiter (" + where + "); a quote inside a quoted field must be doubled"
	}
	return fmt.Sprintf("the row cannot be read as CSV (%s, %v)", where, pe.Err)
}

// sizeText writes a byte count for people: "4 MiB", "1024 bytes".
func sizeText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// sizeOf returns the size of a regular file or an in-memory reader, else 0.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	case interface{ Size() int64 }:
		return v.Size()
	}
	return 0
}
