package leadcsv

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
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

// rowsReader generates a CSV of n rows on the fly, so a million-row file
// costs no memory in the benchmark itself.
type rowsReader struct {
	n, i int
	buf  bytes.Buffer
}

func (r *rowsReader) Read(p []byte) (int, error) {
	for r.buf.Len() < len(p) && r.i <= r.n {
		if r.i == 0 {
			r.buf.WriteString("Prospect ID,Full Name,Email,Company,City,Lead Source,TotalVisits\n")
		} else {
			fmt.Fprintf(&r.buf, "p-%07d,Lead %d,lead%d@example.com,Company %d,Pune,Google,%d\n", r.i, r.i, r.i, r.i%5000, r.i%20)
		}
		r.i++
	}
	if r.buf.Len() == 0 {
		return 0, io.EOF
	}
	return r.buf.Read(p)
}

// BenchmarkParseMillion streams a generated million-row CSV through the
// parser into a discarding sink and reports the peak heap seen during the
// run, which stays flat whatever the file size.
func BenchmarkParseMillion(b *testing.B) {
	const rows = 1_000_000
	var peak uint64
	var ms runtime.MemStats
	for b.Loop() {
		sum, err := Import(context.Background(), discardSink{}, &rowsReader{n: rows}, Options{
			Progress: func(Progress) {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			},
		})
		if err != nil || sum.Imported != rows {
			b.Fatalf("Import = %+v, %v", sum, err)
		}
	}
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
