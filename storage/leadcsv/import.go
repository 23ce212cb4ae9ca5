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
	"strings"
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
	// Stage, when set (inquiry or mql; see CheckStage), is the stage of every new lead
	// whose row names none, from the time of the import: a file of leads marketing has
	// already qualified goes into the MQL inbox with its clocks starting now, whatever
	// the rules score. Leads the import updates keep their stage, but for an inquiry
	// that --stage mql moves into the MQL inbox (storage's merge).
	Stage model.Stage

	// maxRowBytes lowers the row cap in tests; 0 means MaxRowBytes.
	maxRowBytes int64
	// items is set when the rows are the elements of a JSON array (json.go): a row is
	// told by its number in the array ("item 3"), not by a line of the file.
	items *jsonItems
}

// where names a row, or a run of rows, the way the person can find it in the file.
func (o Options) where(from, to int) string {
	unit := "line"
	if o.items != nil {
		unit = "item"
	}
	if from == to {
		return fmt.Sprintf("%s %d", unit, from)
	}
	return fmt.Sprintf("%ss %d to %d", unit, from, to)
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
	// Stopped, on the last call, says the import ended before the end of the file:
	// stopped (ctrl+c) or failed. Bytes then says how far it got.
	Stopped bool
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
	// Unkeyed counts the rows sent to the store with neither an email nor an external
	// ID: nothing can match them, so importing the file again adds them again.
	Unkeyed int
}

// String is the summary line that ends an import's output.
func (s Summary) String() string {
	return fmt.Sprintf("%d imported, %d updated, %d rejected", s.Imported, s.Updated, s.Rejected)
}

// CheckStage refuses a stage Options.Stage cannot give new leads: only the stages a
// lead enters by, inquiry and mql, are offered; the others need an owner, a reason or
// a value that a file does not give.
func CheckStage(st model.Stage) error {
	if st == "" || st == model.StageInquiry || st == model.StageMQL {
		return nil
	}
	return &UsageError{fmt.Sprintf("--stage %s: new leads can start at inquiry or mql only; the other stages are reached by triage", st)}
}

// NoMQLNote is the hint an import that created leads but no MQL ends with, or "".
func (s Summary) NoMQLNote(stage model.Stage) string {
	if s.Imported == 0 || s.MQL > 0 || stage != "" {
		return ""
	}
	which := "none of the " + model.Plural(s.Imported, "new lead") + " scored"
	if s.Imported == 1 {
		which = "the new lead did not score"
	}
	return which + " as an MQL (`align rules show` lists the scoring rules, and `align rules check` tries new ones); " +
		"if the file lists leads marketing has already qualified, import it with --stage mql to put them in the MQL inbox."
}

// MQLNote says how many leads the import put in the MQL inbox, new or rescored ones
// (a re-import after `align rules set` moved 970 leads there without a word), or "".
func (s Summary) MQLNote(dryRun bool) string {
	if s.MQL == 0 {
		return ""
	}
	verb := "entered"
	if dryRun {
		verb = "would enter"
	}
	return fmt.Sprintf("%s %s the MQL inbox, each with its acceptance clock running", model.Plural(s.MQL, "lead"), verb)
}

// UnkeyedNote is the sentence that warns of rows a later import cannot match, or ""
// when every row had an email or an external ID.
func (s Summary) UnkeyedNote() string {
	if s.Unkeyed == 0 {
		return ""
	}
	verb, them := "have", "them"
	if s.Unkeyed == 1 {
		verb, them = "has", "it"
	}
	return fmt.Sprintf("%s %s neither an email nor an external ID, so importing the file again adds %s again; "+
		"to match %s next time, map a column that identifies each lead: --map 'Header=external_id'.",
		model.Plural(s.Unkeyed, "row"), verb, them, them)
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
	if err := CheckStage(opt.Stage); err != nil {
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
		opt.Name = "CSV import (" + now.Format("2006-01-02 15:04:05 UTC") + ")"
	}

	counter := &countingReader{r: r}
	br := bufio.NewReaderSize(counter, sniffBytes)
	if jsonArrayAhead(br) {
		opt.items = &jsonItems{bad: map[int]string{}}
		pr := jsonAsCSV(br, opt.items)
		defer pr.Close()
		br = bufio.NewReaderSize(pr, sniffBytes)
	}
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
	rd := &reader{opt: opt, plan: p, lim: lim}
	im := &importer{
		ctx: ctx, sink: sink, opt: opt, counter: counter, total: sizeOf(r),
		// plan.lead validated every row it sends, naming the column at fault.
		store: storage.ImportOptions{Actor: opt.Actor, Role: opt.Role, Name: opt.Name, DryRun: opt.DryRun, Now: now,
			Session: &storage.ImportSession{}, Validated: true},
	}
	_, im.store.Stream = sink.(finisher)
	err = im.run(rd, cr)
	im.progress(true, err != nil)
	return im.sum, err
}

// batch is what the reader hands the writer: the parsed rows, the rows the parser
// rejected, and how many data rows the file had up to there.
type batch struct {
	rows     []storage.ImportRow
	rejected []storage.RowError
	read     int
}

// importer writes the batches of one run to the sink while its reader parses the
// next ones and, when the sink is a preparer, a third goroutine prepares the batch
// after the one being stored, so parsing, preparing and storing overlap. At most
// five batches are alive at once: the one being stored, one waiting, the one being
// prepared, one waiting and the one being read.
type importer struct {
	ctx     context.Context
	sink    Sink
	opt     Options
	counter *countingReader
	total   int64
	store   storage.ImportOptions
	sum     Summary
}

// preparer is a Sink that can do the work of a batch that needs nothing from the
// store ahead, while the batch before it commits (storage.Store.PrepareImport), and
// then stage the batch's transaction once the batch before it has matched its rows
// (storage.Store.StageImport).
type preparer interface {
	PrepareImport(rows []storage.ImportRow, opt storage.ImportOptions)
	StageImport(ctx context.Context, rows []storage.ImportRow, opt storage.ImportOptions)
}

// finisher is a Sink whose import session ends with FinishImport: the store may then
// keep rows back until the end (storage.Store's bulk load of a first import).
type finisher interface {
	FinishImport(ctx context.Context, opt storage.ImportOptions) (storage.ImportResult, error)
}

// run reads the file on its own goroutine and stores each batch in order. It returns
// the first error of either side; the reader is stopped, and has finished with the
// file, before run returns.
func (im *importer) run(rd *reader, cr *csv.Reader) error {
	ctx, cancel := context.WithCancel(im.ctx)
	defer cancel()
	batches := make(chan batch, 1)
	readErr := make(chan error, 1)
	go func() { readErr <- rd.run(ctx, cr, batches) }()
	var in <-chan batch = batches
	if pr, ok := im.sink.(preparer); ok {
		in = im.prepare(ctx, pr, batches)
	}
	var err error
	for b := range in {
		if err != nil {
			continue // drain: the reader is stopping
		}
		if err = im.flush(b); err != nil {
			cancel()
		}
	}
	if rerr := <-readErr; err == nil {
		err = rerr
	}
	if f, ok := im.sink.(finisher); ok {
		// Even after an error: the rows stored so far stay in, as they do batch by batch.
		// A load that failed takes its rows off the counts again.
		res, ferr := f.FinishImport(im.ctx, im.store)
		if rerr := im.report(res, nil); ferr == nil {
			ferr = rerr
		}
		if ferr != nil {
			// It says what is in: a load it rolled back took the rows the batch error
			// said were in.
			err = ferr
		}
	}
	im.sum.Rows, im.sum.Unkeyed = rd.rows, rd.unkeyed
	return err
}

// prepare passes the batches on once pr has prepared them; the channel it returns is
// closed after batches is, so the writer's drain waits for this goroutine too. Once
// ctx ends it passes batches on unprepared: the writer only drains them then.
func (im *importer) prepare(ctx context.Context, pr preparer, batches <-chan batch) <-chan batch {
	out := make(chan batch, 1)
	go func() {
		defer close(out)
		for b := range batches {
			if ctx.Err() == nil && len(b.rows) > 0 {
				pr.PrepareImport(b.rows, im.store)
				pr.StageImport(ctx, b.rows, im.store)
			}
			out <- b
		}
	}()
	return out
}

// reader parses records into batches.
type reader struct {
	opt  Options
	plan *plan
	lim  *rowLimiter

	lastLine int // the line of the last row read
	rows     int // data rows read, the header excluded
	unkeyed  int // rows with neither an email nor an external ID (Summary.Unkeyed)
	cur      batch
}

// run reads every record and sends the batches to out, closing it at the end; it
// stops at the first error that ends the file, after sending the rows before it.
func (rd *reader) run(ctx context.Context, cr *csv.Reader, out chan<- batch) error {
	defer close(out)
	err := rd.read(ctx, cr, out)
	if cerr := ctx.Err(); cerr != nil {
		return cerr
	}
	if len(rd.cur.rows) > 0 || len(rd.cur.rejected) > 0 {
		rd.cur.read = rd.rows
		out <- rd.cur // the writer drains the channel until it is closed
	}
	return err
}

func (rd *reader) read(ctx context.Context, cr *csv.Reader, out chan<- batch) error {
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		var je *jsonItemError
		if errors.As(err, &je) {
			if je.item == 0 {
				return je
			}
			rd.rows++
			rd.reject(je.item, je.reason())
			return nil
		}
		if err != nil && !errors.As(err, &pe) {
			return fmt.Errorf("reading the file after line %d: %w", max(rd.lastLine, 1), err)
		}
		rd.rows++
		var line int
		if pe != nil {
			line = pe.StartLine
		} else {
			line, _ = cr.FieldPos(0)
		}
		csvLine := line // the limiter's lists go by the line of the text it read
		if rd.opt.items != nil {
			line = rd.rows // its element's number, which the person knows it by
		}
		rd.lastLine = line
		if reason, bad := rd.opt.items.unread(line); bad {
			rd.reject(line, reason)
		} else if rd.lim.repaired(csvLine) {
			rd.reject(line, "a quoted field opens on this line and does not close on it; only this line was skipped, "+
				"and any lines after it were read as rows of their own. Close the quote (and double any quote inside the field) and import the file again")
		} else if rd.lim.cut(csvLine) {
			rd.reject(line, fmt.Sprintf("the row is longer than %s, too long to be a lead; it was skipped", sizeText(rd.opt.maxRowBytes)))
		} else if pe != nil {
			rd.reject(line, parseReason(pe))
		} else if n := len(rec); n != rd.plan.width && !(rd.plan.trailingBlank && n == rd.plan.width-1) {
			rd.reject(line, fmt.Sprintf("has %s; the header has %d", model.Plural(n, "field"), rd.plan.width))
		} else if l, err := rd.plan.lead(rec); err != nil {
			rd.reject(line, err.Error()+spanNote(line, rec))
		} else {
			if rd.opt.Stage != "" && l.Stage == "" {
				l.Stage, l.StageSince = rd.opt.Stage, rd.opt.Now()
			}
			if l.Email == "" && l.ExternalID == "" {
				rd.unkeyed++
			}
			rd.cur.rows = append(rd.cur.rows, storage.ImportRow{Line: line, Lead: l})
		}
		if len(rd.cur.rows) >= rd.opt.BatchSize || len(rd.cur.rejected) >= rd.opt.BatchSize {
			rd.cur.read = rd.rows
			select {
			case out <- rd.cur:
			case <-ctx.Done():
				return ctx.Err()
			}
			// The sink may keep the rows, so the next batch gets new slices.
			rd.cur = batch{rows: make([]storage.ImportRow, 0, rd.opt.BatchSize)}
		}
		if rd.rows%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// spanNote says, of a rejected row that runs over several lines, which lines it
// took with it, so that the summary's count of rows is not a puzzle.
func spanNote(line int, rec []string) string {
	n := 0
	for _, f := range rec {
		n += strings.Count(f, "\n")
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (a quoted field holds line breaks, so this row runs from line %d to line %d)", line, line+n)
}

// reject counts a row as rejected by the parser; it is reported with its batch.
func (rd *reader) reject(line int, reason string) {
	rd.cur.rejected = append(rd.cur.rejected, storage.RowError{Line: line, Reason: reason})
}

// flush sends a batch to the sink and reports its rejected rows in line order.
func (im *importer) flush(b batch) error {
	if len(b.rows) > 0 {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		first, last := b.rows[0].Line, b.rows[len(b.rows)-1].Line
		res, err := im.sink.Import(im.ctx, b.rows, im.store)
		// A sink may commit part of a batch before it fails; count what it did.
		if rerr := im.report(res, b.rejected); err == nil {
			err = rerr
		}
		if err != nil {
			return fmt.Errorf("storing the rows of %s failed (%w); the rows before are in, and importing the file again updates them instead of adding them twice", im.opt.where(first, last), err)
		}
		if got := res.Imported + res.Updated + len(res.Rejected) + res.Deferred; got != len(b.rows) {
			return fmt.Errorf("the store accounted for %d of the %d rows of %s; this is a bug, please report it", got, len(b.rows), im.opt.where(first, last))
		}
	} else if err := im.report(storage.ImportResult{}, b.rejected); err != nil {
		return err
	}
	im.sum.Rows = b.read
	im.progress(false, false)
	return nil
}

// report counts what the store did with some rows and reports the rejected ones,
// those the parser rejected among them, in line order.
func (im *importer) report(res storage.ImportResult, parsed []storage.RowError) error {
	im.sum.Imported += res.Imported
	im.sum.Updated += res.Updated
	im.sum.MQL += res.MQL
	rejected := append(parsed, res.Rejected...)
	slices.SortStableFunc(rejected, func(a, b storage.RowError) int { return a.Line - b.Line })
	for _, r := range rejected {
		if _, err := fmt.Fprintf(im.opt.Errs, "%s: %s\n", im.opt.where(r.Line, r.Line), model.Sanitize(r.Reason)); err != nil {
			return fmt.Errorf("reporting rejected rows: %w", err)
		}
	}
	im.sum.Rejected += len(rejected)
	return nil
}

func (im *importer) progress(done, stopped bool) {
	if im.opt.Progress != nil {
		im.opt.Progress(Progress{Rows: im.sum.Rows, Bytes: im.counter.n.Load(), Total: im.total, Done: done, Stopped: stopped})
	}
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
