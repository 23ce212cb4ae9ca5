package leadcsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"align/model"
)

// A JSON array of leads, as `align export --format json` writes it, is imported as
// the CSV an export of the same leads would be: jsonAsCSV decodes it element by
// element and writes each lead as exportRecord does, so both formats go through one
// reader, one mapping and one set of checks, and memory does not grow with the file.
// An element with a field align's JSON does not have is refused by name: it comes
// from another program, and its fields would otherwise be dropped in silence.

// jsonArrayAhead says the text br is about to give is a JSON array of objects.
func jsonArrayAhead(br *bufio.Reader) bool {
	head, _ := br.Peek(sniffBytes)
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if !bytes.HasPrefix(t, []byte("[")) {
		return false
	}
	rest := bytes.TrimLeft(t[1:], " \t\r\n")
	return bytes.HasPrefix(rest, []byte("{")) || bytes.HasPrefix(rest, []byte("]"))
}

// jsonAsCSV returns the CSV text of the JSON array r holds. Closing the returned
// reader stops the conversion, whose goroutine otherwise ends at the array's end.
// An element that is well-formed JSON but not a lead (a number where text belongs, a
// field align does not have) becomes an empty row that items says why to reject, so
// it is counted and reported as a CSV row with a bad field is, and the elements
// after it go in.
func jsonAsCSV(r io.Reader, items *jsonItems) *io.PipeReader {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeJSONAsCSV(r, pw, items)) }()
	return pr
}

// jsonItems is what the conversion tells the reader: why an element is rejected.
type jsonItems struct {
	mu  sync.Mutex
	bad map[int]string // element number -> reason
}

// unread reports, once, why element n could not be read as a lead; items may be nil.
func (j *jsonItems) unread(n int) (string, bool) {
	if j == nil {
		return "", false
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	reason, ok := j.bad[n]
	delete(j.bad, n)
	return reason, ok
}

func (j *jsonItems) reject(n int, reason string) {
	j.mu.Lock()
	j.bad[n] = reason
	j.mu.Unlock()
}

func writeJSONAsCSV(r io.Reader, w io.Writer, items *jsonItems) error {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	dec := json.NewDecoder(br)
	dec.DisallowUnknownFields()
	if _, err := dec.Token(); err != nil { // the '[' jsonArrayAhead saw
		return &jsonItemError{item: 0, err: err}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(exportColumns); err != nil {
		return err
	}
	rec := make([]string, len(exportColumns))
	item := 0
	// The leads before a bad element go in, as the rows before a broken CSV line do.
	fail := func(err error) error {
		cw.Flush()
		return &jsonItemError{item: item, err: err}
	}
	for dec.More() {
		item++
		var l model.Lead
		if err := dec.Decode(&l); err != nil {
			reason, ok := leadReason(err)
			if !ok {
				return fail(err)
			}
			// Decode read the whole element; the next one starts where it ended.
			items.reject(item, reason)
			clear(rec)
			if err := cw.Write(rec); err != nil {
				return err
			}
			continue
		}
		if err := exportRecord(&l, rec); err != nil {
			return fail(err)
		}
		if l.ID == 0 {
			rec[0] = "" // no id: a new lead, as a CSV row with an empty id column
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	item++
	if _, err := dec.Token(); err != nil { // the closing ']'
		return fail(err)
	}
	cw.Flush()
	return cw.Error()
}

// leadReason says in words why a well-formed element is not a lead, and false for an
// error that leaves the rest of the array unreadable (a syntax error, a cut file).
func leadReason(err error) (string, bool) {
	var te *json.UnmarshalTypeError
	var pe *time.ParseError
	switch {
	case errors.As(err, &te) && te.Field == "":
		return fmt.Sprintf("it is %s where a lead is an object {...}; correct it and import the file again", model.JSONFound(te.Value)), true
	case errors.As(err, &te):
		return fmt.Sprintf("the field %q holds %s where a lead has %s; correct it and import the file again", te.Field, model.JSONFound(te.Value), model.JSONTakes(te.Type)), true
	case errors.As(err, &pe):
		return fmt.Sprintf("the date %q is not a date and time such as 2026-11-27T09:30:00Z; correct it and import the file again", pe.Value), true
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fmt.Sprintf("it has a field %s that align's JSON export does not have; align reads back its own JSON export, and any other file as CSV", field), true
	}
	return "", false
}

// jsonItemError is where a JSON import stops being readable; item 0 is the array
// itself. The element it stops at is a rejected row (reader.read), so the counts
// still add up, and the leads before it go in, as a broken-off CSV file's do.
type jsonItemError struct {
	item int
	err  error
}

// reason is the rejected element's sentence.
func (e *jsonItemError) reason() string {
	var syntax *json.SyntaxError
	if errors.Is(e.err, io.EOF) || errors.Is(e.err, io.ErrUnexpectedEOF) || errors.As(e.err, &syntax) {
		return fmt.Sprintf("the JSON file breaks off or is malformed here (%v), so nothing from here on was imported; fix the file and import it again (leads already in are updated, not added twice)", e.err)
	}
	return fmt.Sprintf("this element cannot be read (%v), so nothing from here on was imported; fix it and import the file again (leads already in are updated, not added twice)", e.err)
}

func (e *jsonItemError) Error() string {
	if e.item == 0 {
		return fmt.Sprintf("the file cannot be read as a JSON array of leads (%v); align reads back its own JSON export, and any other file as CSV", e.err)
	}
	return fmt.Sprintf("item %d: %s", e.item, e.reason())
}

func (e *jsonItemError) Unwrap() error { return e.err }
