package storage_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"align/model"
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
	data := csv.Bytes()
	for b.Loop() {
		b.StopTimer()
		s, err := storage.Open(storage.Options{Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := leadcsv.Import(context.Background(), s, bytes.NewReader(data),
			leadcsv.Options{Actor: "admin", Name: "bench.csv"})
		if err != nil || sum.Imported != rows {
			b.Fatalf("%+v %v", sum, err)
		}
		b.StopTimer()
		if n, _ := s.Count(model.QueueAll, ""); n != rows {
			b.Fatalf("%d leads", n)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
