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
func jsonAsCSV(r io.Reader) *io.PipeReader {
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeJSONAsCSV(r, pw)) }()
	return pr
}

func writeJSONAsCSV(r io.Reader, w io.Writer) error {
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
			return fail(err)
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

// jsonItemError is an element of a JSON import that cannot be read; item 0 is the
// array itself. It ends the import as a broken-off CSV file does, after the leads
// before it.
type jsonItemError struct {
	item int
	err  error
}

func (e *jsonItemError) Error() string {
	var syntax *json.SyntaxError
	if field, ok := strings.CutPrefix(e.err.Error(), "json: unknown field "); ok {
		return fmt.Sprintf("item %d of the JSON file has a field %s that align's JSON export does not have, so nothing after item %d was imported; "+
			"align reads back its own JSON export, and any other file as CSV: save it as CSV and import that", e.item, field, e.item-1)
	}
	if errors.Is(e.err, io.EOF) || errors.Is(e.err, io.ErrUnexpectedEOF) || errors.As(e.err, &syntax) {
		return fmt.Sprintf("the JSON file breaks off or is malformed at item %d (%v), so nothing after item %d was imported; fix the file and import it again (leads already in are updated, not added twice)",
			e.item, e.err, max(e.item-1, 0))
	}
	return fmt.Sprintf("item %d of the JSON file cannot be read as a lead (%v), so nothing after item %d was imported; fix it and import the file again (leads already in are updated, not added twice)",
		e.item, e.err, max(e.item-1, 0))
}

func (e *jsonItemError) Unwrap() error { return e.err }
