package leadcsv

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"align/model"
)

// Source lists leads for export; *storage.Store is one.
type Source interface {
	Scan(ctx context.Context, q model.Queue, me string, fn func(*model.Lead) error) error
}

// Export writes every lead of src to w, as "csv" or "json".
//
// CSV has the columns of an align export (id, external_id, name, ... created,
// updated, attrs), the attributes as one JSON object in the last column, and
// every cell that a spreadsheet would run as a formula guarded with a leading
// quote. JSON is one array of leads with model.Lead's field names, written
// element by element so memory does not grow with the store.
func Export(ctx context.Context, src Source, w io.Writer, format string) error {
	switch format {
	case "csv", "":
		return exportCSV(ctx, src, w)
	case "json":
		return exportJSON(ctx, src, w)
	}
	return &UsageError{fmt.Sprintf("%q is not an export format; use csv or json", format)}
}

func exportCSV(ctx context.Context, src Source, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(exportColumns); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	rec := make([]string, len(exportColumns))
	err := src.Scan(ctx, model.QueueAll, "", func(l *model.Lead) error {
		if err := exportRecord(l, rec); err != nil {
			return err
		}
		for i := range rec {
			rec[i] = guard(rec[i])
		}
		return cw.Write(rec)
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	if err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}

// exportRecord fills rec with a lead's cells in exportColumns order.
func exportRecord(l *model.Lead, rec []string) error {
	attrs := ""
	if len(l.Attrs) > 0 {
		b, err := json.Marshal(l.Attrs) // keys sorted, so the output is stable
		if err != nil {
			return fmt.Errorf("lead %s: %w", l.ID, err)
		}
		attrs = string(b)
	}
	employees := ""
	if l.Employees != 0 {
		employees = strconv.Itoa(l.Employees)
	}
	copy(rec, []string{
		l.ID.String(), l.ExternalID, l.Name, l.Email, l.Phone, l.Company,
		l.Title, l.Industry, l.Country, l.City, employees, l.Source, l.Campaign,
		l.Persona, l.Journey, string(l.Stage), l.Owner,
		strconv.Itoa(l.Score), strconv.Itoa(l.Fit), strconv.Itoa(l.Engagement),
		formatTime(l.Created), formatTime(l.Updated), attrs,
	})
	return nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func exportJSON(ctx context.Context, src Source, w io.Writer) error {
	bw := bufio.NewWriter(w)
	sep := "["
	err := src.Scan(ctx, model.QueueAll, "", func(l *model.Lead) error {
		b, err := json.Marshal(l.JSON())
		if err != nil {
			return fmt.Errorf("lead %s: %w", l.ID, err)
		}
		bw.WriteString(sep)
		sep = ",\n"
		_, err = bw.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	if sep == "[" {
		bw.WriteString("[")
	}
	bw.WriteString("]\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}

// guard prefixes a cell that a spreadsheet would treat as a formula (one
// starting with = + - @ TAB or CR) with a quote, which spreadsheets show as
// text and hide. A cell that already starts with a quote gets one more, so
// unguard can always remove exactly one and the value survives a round trip.
func guard(s string) string {
	if s != "" && isGuarded(s[0]) {
		return "'" + s
	}
	return s
}

// unguard reverses guard, for cells of an align export.
func unguard(s string) string {
	if len(s) > 1 && s[0] == '\'' && isGuarded(s[1]) {
		return s[1:]
	}
	return s
}

func isGuarded(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r', '\'':
		return true
	}
	return false
}
