package storage_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"align/model/sample"
	"align/storage"
	"align/storage/leadcsv"
)

// collectSink keeps every batch leadcsv sends, for the prepare benchmark.
type collectSink struct {
	mu      sync.Mutex
	batches [][]storage.ImportRow
}

func (c *collectSink) Import(_ context.Context, rows []storage.ImportRow, _ storage.ImportOptions) (storage.ImportResult, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.batches = append(c.batches, rows)
	return storage.ImportResult{Imported: len(rows)}, nil
}

// BenchmarkPreStorage measures the CPU an import spends on a row before the store
// sees it, on the generated CSV BenchmarkImportSampleCSV imports: parse reads, maps
// and validates the file (leadcsv into a sink that keeps the rows); prepare scores
// and encodes the rows as new leads (Store.PrepareImport). Run it with -cpu 1 for a
// per-row cost free of scheduling.
func BenchmarkPreStorage(b *testing.B) {
	const rows = 50_000
	var csv bytes.Buffer
	if err := sample.WriteCSV(&csv, rows, 1); err != nil {
		b.Fatal(err)
	}
	parse := func() *collectSink {
		sink := &collectSink{}
		if _, err := leadcsv.Import(context.Background(), sink, bytes.NewReader(csv.Bytes()),
			leadcsv.Options{Actor: "admin", Name: "bench.csv"}); err != nil {
			b.Fatal(err)
		}
		return sink
	}
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			parse()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows*b.N), "ns/row")
	})
	b.Run("prepare", func(b *testing.B) {
		s, err := storage.Open(storage.Options{InMemory: true})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		sink := parse()
		opt := storage.ImportOptions{Actor: "admin", Name: "bench.csv", Validated: true,
			Now: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)}
		b.ReportAllocs()
		for b.Loop() {
			for _, batch := range sink.batches {
				s.PrepareImport(batch, opt)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(rows*b.N), "ns/row")
	})
}
