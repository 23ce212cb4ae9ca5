package leadcsv

import (
	"bytes"
	"context"
	"fmt"
	"testing"
)

// benchCSV builds a CSV of n rows shaped like a CRM export: named contacts,
// X Education-style attributes and the odd placeholder.
func benchCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("Prospect ID,Full Name,Email,Company,Job Title,Country,City,No. of Employees,Lead Source,Created Date,TotalVisits,Last Activity,Specialization,Tags\r\n")
	cities := []string{"Mumbai", "Select", "Pune", "", "Other Cities"}
	for i := range n {
		fmt.Fprintf(&b, "p-%07d,Lead %d Lima,lead%d@example.com,\"Company %d, Inc.\",Head of Marketing,India,%s,%d,Google,2026-01-%02d,%d,Email Opened,Select,Interested in other courses\r\n",
			i, i, i, i%5000, cities[i%len(cities)], 10+i%900, 1+i%28, i%20)
	}
	return b.Bytes()
}

// BenchmarkParse measures reading, mapping and validating 100,000 rows into
// ImportRows, with a sink that discards them.
func BenchmarkParse(b *testing.B) {
	const rows = 100_000
	data := benchCSV(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		sum, err := Import(context.Background(), discardSink{}, bytes.NewReader(data), Options{})
		if err != nil || sum.Imported != rows {
			b.Fatalf("Import = %+v, %v", sum, err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
