package storage_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"align/model"
	"align/model/sample"
	"align/storage"
	"align/storage/leadcsv"
)

// BenchmarkImportCSV imports a CSV file of 100,000 rows end to end, as `align import`
// does: leadcsv parses and maps rows and sends batches to a store on disk, with the
// default scoring rules. It reports rows per second.
func BenchmarkImportCSV(b *testing.B) {
	const rows = 100_000
	var csv bytes.Buffer
	csv.WriteString("Lead ID,Name,Email,Company,Title,Country,Employees,Lead Source,Total Visits\n")
	titles := []string{"VP Operations", "Operations Manager", "Analyst", "Head of Logistics", "Buyer"}
	for i := range rows {
		fmt.Fprintf(&csv, "crm-%07d,Person %d,person%d@company%d.example,Company %d GmbH,%s,Germany,%d,webinar,%d\n",
			i, i, i, i%5000, i%5000, titles[i%len(titles)], 50+i%2000, i%17)
	}
	benchImport(b, csv.Bytes(), rows, true)
}

// BenchmarkImportSampleCSV imports the generated CSV that `align import` is measured
// with (model/sample.WriteCSV, ALIGN_BENCH_ROWS rows, 200,000 by default) through
// leadcsv into a store on disk, with the default rules, and reports rows per second.
// It is the in-process twin of cmd/align's BenchmarkImportVsSQLite, for -cpuprofile.
func BenchmarkImportSampleCSV(b *testing.B) {
	rows := 200_000
	if v, err := strconv.Atoi(os.Getenv("ALIGN_BENCH_ROWS")); err == nil && v > 0 {
		rows = v
	}
	var csv bytes.Buffer
	if err := sample.WriteCSV(&csv, rows, 1); err != nil {
		b.Fatal(err)
	}
	benchImport(b, csv.Bytes(), rows, false)
}

// benchImport imports data, a CSV file of rows data rows, into a new store on disk per
// iteration and reports rows per second and the CPU time a row costs (user and
// system time of the whole process, the steadier figure on a shared machine). With
// allNew every row must be a new lead; otherwise the rows must only add up (the
// generated file may repeat an email).
func benchImport(b *testing.B, data []byte, rows int, allNew bool) {
	b.Helper()
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		s, err := storage.Open(storage.Options{Dir: b.TempDir(), BulkImport: true})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		cpu0 := cpuTime()
		sum, err := leadcsv.Import(context.Background(), s, bytes.NewReader(data),
			leadcsv.Options{Actor: "admin", Name: "bench.csv"})
		cpu += cpuTime() - cpu0
		if err != nil || sum.Imported+sum.Updated+sum.Rejected != rows || (allNew && sum.Imported != rows) {
			b.Fatalf("%+v %v", sum, err)
		}
		b.StopTimer()
		if n, _ := s.Count(model.QueueAll, ""); allNew && n != rows {
			b.Fatalf("%d leads", n)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(cpu.Microseconds())/float64(rows*b.N), "cpu-µs/row")
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
