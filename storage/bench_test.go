package storage

import (
	"context"
	"fmt"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"align/model"
)

// bigLeads is the size of the store BenchmarkInboxFirstPage pages through. It is
// built once per benchmark process, only when a benchmark asks for it.
const bigLeads = 1_000_000

var big struct {
	once sync.Once
	dir  string
	s    *Store
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.s != nil {
		big.s.Close()
	}
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// benchRows builds n realistic rows starting at row i; about a third are MQLs.
func benchRows(i, n int) []ImportRow {
	titles := []string{"VP", "Operations Manager", "Analyst", "VP", "Head of Logistics", "Buyer"}
	countries := []string{"Germany", "Netherlands", "United States", "India", "Brazil"}
	rows := make([]ImportRow, n)
	for k := range rows {
		j := i + k
		rows[k] = ImportRow{Line: j + 2, Lead: model.Lead{
			ExternalID: fmt.Sprintf("crm-%07d", j),
			Name:       fmt.Sprintf("Person %d", j),
			Email:      fmt.Sprintf("person%d@company%d.example", j, j%5000),
			Phone:      "+49 30 1234567",
			Company:    fmt.Sprintf("Company %d GmbH", j%5000),
			Title:      titles[j%len(titles)],
			Industry:   "Logistics",
			Country:    countries[j%len(countries)],
			Employees:  50 + j%2000,
			Source:     "webinar",
			Campaign:   "warehouse-kpi-webinar",
			Attrs:      map[string]string{"Lead Origin": "Landing Page Submission", "TotalVisits": fmt.Sprint(j % 17)},
		}}
	}
	return rows
}

// bigStoreEnv names a directory that keeps the million-lead store between benchmark
// runs (it is built there when empty); without it the store goes to a temporary
// directory that is removed at the end.
const bigStoreEnv = "ALIGN_BENCH_STORE"

// bigStore is a store of bigLeads leads on disk, imported in batches of 5,000 rows,
// five seconds apart, so the inbox has distinct deadlines.
func bigStore(b *testing.B) *Store {
	big.once.Do(func() {
		dir := os.Getenv(bigStoreEnv)
		if dir == "" {
			dir, big.err = os.MkdirTemp("", "align-bench-")
			big.dir = dir
		}
		if big.err != nil {
			return
		}
		big.s, big.err = Open(Options{Dir: dir})
		if big.err != nil {
			return
		}
		if n, _ := big.s.Count(model.QueueAll, ""); n >= bigLeads {
			return
		}
		seedTeam(b, big.s)
		start := time.Now()
		const batch = 5000
		for i := 0; i < bigLeads; i += batch {
			_, err := big.s.Import(context.Background(), benchRows(i, batch),
				ImportOptions{Actor: mkt.Name, Name: "bench", Now: t0.Add(time.Duration(i) * time.Millisecond)})
			if err != nil {
				big.err = err
				return
			}
		}
		b.Logf("built %d leads in %s (%.0f rows/s)", bigLeads, time.Since(start), bigLeads/time.Since(start).Seconds())
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return big.s
}

// BenchmarkInboxFirstPage reads the first 50 rows of the MQL inbox of a store with a
// million leads: what the queue screen does when it opens.
func BenchmarkInboxFirstPage(b *testing.B) {
	s := bigStore(b)
	if n, _ := s.Count(model.QueueMQL, ""); n == 0 {
		b.Fatal("the inbox is empty")
	}
	b.ResetTimer()
	for b.Loop() {
		page, err := s.Page(model.QueueMQL, "", nil, 50)
		if err != nil || len(page) != 50 {
			b.Fatal(len(page), err)
		}
	}
}

// BenchmarkInboxCount reads the inbox count of the same store.
func BenchmarkInboxCount(b *testing.B) {
	s := bigStore(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Count(model.QueueMQL, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTriage accepts one lead per operation on disk with SyncWrites, and reports
// the median and 99th percentile latency besides the mean.
func BenchmarkTriage(b *testing.B) {
	s, err := Open(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	seedTeam(b, s)
	const pool = 20000
	for i := 0; i < pool; i += 5000 {
		rows := benchRows(i, 5000)
		for k := range rows {
			rows[k].Lead.Title = "VP"
		}
		if _, err := s.Import(context.Background(), rows, ImportOptions{Actor: mkt.Name, Now: t0}); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, 0, 1024)
	id := model.LeadID(0)
	b.ResetTimer()
	for b.Loop() {
		id++
		if id > pool {
			b.Fatal("the benchmark ran out of MQLs; lower -benchtime")
		}
		start := time.Now()
		if _, _, err := s.Do(context.Background(), sdr, model.Command{Action: model.ActAccept, Lead: id}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkImport imports pre-built rows in batches of 2,000 (leadcsv's batch size)
// into a store on disk, and reports rows per second.
func BenchmarkImport(b *testing.B) {
	s, err := Open(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	seedTeam(b, s)
	const batch = 2000
	rows := 0
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		in := benchRows(i*batch, batch) // fresh rows: every batch creates leads
		b.StartTimer()
		if _, err := s.Import(context.Background(), in, ImportOptions{Actor: mkt.Name, Now: t0}); err != nil {
			b.Fatal(err)
		}
		rows += batch
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkSyncedCommit is the floor under BenchmarkTriage: one Badger transaction
// writing 2 KB with SyncWrites, the same options, nothing else. The difference
// between the two is what align adds to a triage change.
func BenchmarkSyncedCommit(b *testing.B) {
	s, err := Open(Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	value := make([]byte, 2048)
	lat := make([]time.Duration, 0, 1024)
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(leadKey(model.LeadID(i+1)), value) })
		if err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
}
