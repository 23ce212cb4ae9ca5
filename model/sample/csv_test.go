package sample

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"align/model"
)

func TestWriteCSV(t *testing.T) {
	tests := []struct {
		name string
		rows int
		seed uint64
	}{
		{"empty", 0, 1},
		{"one row", 1, 1},
		{"thousands", 5000, 7},
		{"another seed", 5000, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteCSV(&buf, tt.rows, tt.seed); err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(&buf)
			records, err := r.ReadAll()
			if err != nil {
				t.Fatalf("the CSV does not parse: %v", err)
			}
			if !slices.Equal(records[0], CSVHeader) {
				t.Fatalf("header %q, want %q", records[0], CSVHeader)
			}
			if got := len(records) - 1; got != tt.rows {
				t.Fatalf("%d data rows, want %d", got, tt.rows)
			}
			col := map[string]int{}
			for i, h := range CSVHeader {
				col[h] = i
			}
			emails, ids := map[string]bool{}, map[string]bool{}
			for i, rec := range records[1:] {
				line := i + 2
				email, id := strings.ToLower(rec[col["Email"]]), rec[col["Lead ID"]]
				if emails[email] || ids[id] {
					t.Fatalf("line %d repeats email %s or lead ID %s", line, email, id)
				}
				emails[email], ids[id] = true, true
				employees, err := strconv.Atoi(rec[col["No. of Employees"]])
				if err != nil {
					t.Fatalf("line %d: employees %q is not a number", line, rec[col["No. of Employees"]])
				}
				for _, h := range []string{"Total Visits", "Time On Site", "Pages Per Visit"} {
					if _, err := strconv.ParseFloat(rec[col[h]], 64); err != nil {
						t.Fatalf("line %d: %s %q is not a number", line, h, rec[col[h]])
					}
				}
				l := model.Lead{
					ExternalID: id, Name: rec[col["First Name"]] + " " + rec[col["Last Name"]], Email: email,
					Phone: rec[col["Phone"]], Company: rec[col["Company"]], Title: rec[col["Title"]],
					Industry: rec[col["Industry"]], Employees: employees, Country: rec[col["Country"]],
					City: rec[col["City"]], Source: rec[col["Lead Source"]], Campaign: rec[col["Campaign"]],
				}
				if err := model.ValidateLead(&l); err != nil {
					t.Fatalf("line %d would be refused on import: %v", line, err)
				}
			}
		})
	}
}

func TestWriteCSVIsDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, 2000, seed); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if !bytes.Equal(write(3), write(3)) {
		t.Error("two files written with the same seed differ")
	}
	if bytes.Equal(write(3), write(4)) {
		t.Error("files written with different seeds are the same")
	}
}

// failAfter is a writer that fails once it has taken limit bytes.
type failAfter struct{ limit int }

var errDiskFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n := f.limit
		f.limit = 0
		return n, errDiskFull
	}
	f.limit -= len(p)
	return len(p), nil
}

func TestWriteCSVErrors(t *testing.T) {
	if err := WriteCSV(io.Discard, -1, 1); err == nil {
		t.Error("a negative row count was accepted")
	}
	if err := WriteCSV(&failAfter{limit: 100 << 10}, 100000, 1); !errors.Is(err, errDiskFull) {
		t.Errorf("a failing writer gave %v, want the writer's error", err)
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	for _, rows := range []int{10_000, 1_000_000} {
		b.Run(strconv.Itoa(rows)+"rows", func(b *testing.B) {
			var counter countingWriter
			for b.Loop() {
				if err := WriteCSV(&counter, rows, 1); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(counter.n / int64(b.N))
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// countingWriter discards what it is given and counts the bytes.
type countingWriter struct{ n int64 }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
